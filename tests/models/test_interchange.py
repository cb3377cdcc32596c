"""JSON export and import: a faithful round trip, and hostile files import nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from tests.conftest import TEST_KEY


def test_export_import_export_gives_an_identical_file(demo_services: Services, journal_path: Path,
                                                      tmp_path: Path) -> None:
    demo_services.entries.trash(demo_services.entries.page(demo_services.mentees.list()[0].id)[0].id)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    demo_services.interchange.export(first)
    with Store.open(journal_path, TEST_KEY) as store:
        services = Services(store)
        report = services.interchange.import_file(first)
        services.interchange.export(second)
        assert len(services.search.query("release")) == len(demo_services.search.query("release"))
    assert first.read_bytes() == second.read_bytes()
    assert report.counts["entries"] == demo_services.journal.counts().entries


def test_export_is_readable_versioned_json(demo_services: Services, tmp_path: Path) -> None:
    target = tmp_path / "journal.json"
    demo_services.interchange.export(target)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("mentorapp-journal", 2)
    assert "Олег Петров" in target.read_text(encoding="utf-8")  # written as text, not \\u escapes
    assert {"mentees", "entries", "threads", "goals", "recognitions", "asks", "watch_cases", "chances",
            "starters"} <= set(document)


def test_import_refuses_a_journal_that_already_has_mentees_unless_merging(
    demo_services: Services, tmp_path: Path, journal_path: Path
) -> None:
    export = tmp_path / "team.json"
    demo_services.interchange.export(export)
    with pytest.raises(MentorAppError, match="already holds all 10 mentees of team.json"):
        demo_services.interchange.import_file(export)
    with Store.open(journal_path, TEST_KEY) as store:
        services = Services(store)
        services.mentees.add(name="Zoë Existing")
        report = services.interchange.import_file(export, merge=True)
        names = [m.name for m in services.mentees.list()]
        assert report.merged and "Zoë Existing" in names and "Priya Raman" in names
        with pytest.raises(MentorAppError, match="the import was already done"):
            services.interchange.import_file(export, merge=True)  # a retry of the merge that was made


def _valid_document(services: Services, tmp_path: Path) -> dict:
    path = tmp_path / "valid.json"
    services.interchange.export(path)
    return json.loads(path.read_text(encoding="utf-8"))


def _broken(kind: str, document: dict) -> str:
    if kind == "not json":
        return "{not json"
    if kind == "not an object":
        return "[1, 2, 3]"
    if kind == "wrong version":
        document["version"] = 99
    elif kind == "missing field":
        del document["entries"][0]["text"]
    elif kind == "version as a page of text":
        document["version"] = [None, "\x1f\U0002ebe1 version " * 500]
    elif kind == "extra field":
        document["entries"][0]["mood"] = "sunny"
    elif kind == "extra field named by a page of text":
        document["entries"][0]["\U0003134b mood " * 500] = "sunny"
    elif kind == "duplicate ids":
        document["entries"].append(dict(document["entries"][0]))
    elif kind == "dangling reference":
        document["entries"][0]["mentee_id"] = 4242
    elif kind == "huge number":
        return json.dumps(document).replace('"cadence_days": 7', '"cadence_days": 1' + "0" * 5000, 1)
    elif kind == "float id":
        document["mentees"][0]["id"] = 1.5
    elif kind == "deep nesting":
        return '{"format": "mentorapp-journal", "version": 1, "mentees": ' + "[" * 100_000 + "]" * 100_000 + "}"
    elif kind == "bad enum":
        document["entries"][0]["direction"] = "sideways"
    elif kind == "bad date":
        document["entries"][0]["at"] = "2026-13-45T99:00:00"
    elif kind == "date out of range":
        document["goals"][0]["set_on"] = "0001-01-01"
    elif kind == "empty text":
        document["entries"][0]["text"] = "   "
    elif kind == "unknown section":
        document["secrets"] = []
    elif kind == "null in required":
        document["mentees"][0]["name"] = None
    elif kind == "boolean as number":
        document["mentees"][0]["cadence_days"] = True
    return json.dumps(document)


@pytest.mark.parametrize(
    "kind",
    ["not json", "not an object", "wrong version", "version as a page of text", "missing field", "extra field",
     "extra field named by a page of text", "duplicate ids",
     "dangling reference", "huge number", "float id", "deep nesting", "bad enum", "bad date",
     "date out of range", "empty text", "unknown section", "null in required", "boolean as number"],
)
def test_hostile_files_are_refused_and_import_nothing(demo_services: Services, services: Services,
                                                      tmp_path: Path, kind: str) -> None:
    document = _valid_document(demo_services, tmp_path)
    path = tmp_path / "hostile.json"
    path.write_text(_broken(kind, document), encoding="utf-8")
    before = services.journal.counts()
    with pytest.raises(MentorAppError) as caught:
        services.interchange.import_file(path)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 300
    assert services.journal.counts() == before
    assert len(services.starters.list()) == 7  # the library was not replaced either


def test_unreadable_or_missing_files_get_one_sentence(services: Services, tmp_path: Path) -> None:
    with pytest.raises(MentorAppError, match="There is no file"):
        services.interchange.import_file(tmp_path / "nope.json")
    with pytest.raises(MentorAppError, match="is a folder"):
        services.interchange.import_file(tmp_path)
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(MentorAppError, match="not UTF-8"):
        services.interchange.import_file(binary)


def test_export_to_a_missing_folder_writes_nothing(demo_services: Services, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(MentorAppError, match="does not exist"):
        demo_services.interchange.export(out / "nowhere" / "x.json")
    assert list(out.iterdir()) == []
