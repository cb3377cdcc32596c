"""Holds freeze what is written about a person (in every service, undo and import included);
access exports hold everything about one person and nothing about anyone else."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from mentorapp.models.errors import HeldError, MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from mentorapp.packets.access import write_access_export
from tests.conftest import TEST_KEY

DAY = dt.date(2026, 11, 2)


def _person(s: Services, name: str, marker: str) -> dict[str, int]:
    """One mentee with every kind of record, each holding `marker`, one of them trashed, one draft."""
    m = s.mentees.add(name=name, role=f"role {marker}")
    thread = s.threads.open(mentee_id=m.id, topic=f"topic {marker}", first_text=f"first {marker}")
    goal = s.goals.add(mentee_id=m.id, outcome=f"goal {marker}", set_on=DAY)
    entry = s.entries.add(mentee_id=m.id, text=f"private {marker}", direction="private", kind="concern")
    trashed = s.entries.add(mentee_id=m.id, text=f"trashed {marker}")
    s.entries.trash(trashed.id)
    rec = s.recognitions.add(mentee_id=m.id, what_for=f"thanks {marker}", given_on=DAY)
    ask = s.asks.add(mentee_id=m.id, what=f"ask {marker}", raised_on=DAY)
    case = s.watchlist.open_case(mentee_id=m.id, concern=f"case {marker}", opened_on=DAY)
    chance = s.watchlist.add_chance(case.id, expectation=f"chance {marker}", given_on=DAY)
    s.journal.save_draft(f"reply.thread.{thread.id}", json.dumps({"text": f"draft {marker}"}))
    return {"mentee": m.id, "thread": thread.id, "goal": goal.id, "entry": entry.id, "trashed": trashed.id,
            "recognition": rec.id, "ask": ask.id, "case": case.id, "chance": chance.id}


def test_a_hold_refuses_every_kind_of_change_but_new_notes(services: Services) -> None:
    s = services
    ids = _person(s, "Ana Lima", "alpha")
    undoable = s.entries.undoable("Add note", lambda: s.entries.add(mentee_id=ids["mentee"], text="later"))
    assert undoable is not None
    s.mentees.hold(ids["mentee"], reason="Access request")
    attempts = {
        "edit mentee": lambda: s.mentees.edit(ids["mentee"], role="x"),
        "archive": lambda: s.mentees.set_archived(ids["mentee"], True),
        "trash mentee": lambda: s.mentees.trash(ids["mentee"]),
        "edit note": lambda: s.entries.edit(ids["entry"], text="x"),
        "trash note": lambda: s.entries.trash(ids["entry"]),
        "restore note": lambda: s.entries.restore(ids["trashed"]),
        "retitle thread": lambda: s.threads.retitle(ids["thread"], topic="x"),
        "resolve thread": lambda: s.threads.resolve(ids["thread"]),
        "trash goal": lambda: s.goals.trash(ids["goal"]),
        "trash recognition": lambda: s.recognitions.trash(ids["recognition"]),
        "trash ask": lambda: s.asks.trash(ids["ask"]),
        "trash case": lambda: s.watchlist.trash_case(ids["case"]),
        "trash chance": lambda: s.watchlist.trash_chance(ids["chance"]),
        "undo": undoable.undo,
        "restore from the trash window": lambda: s.trash.restore("entry", ids["trashed"]),
    }
    for what, attempt in attempts.items():
        with pytest.raises(HeldError, match="'Ana Lima' is on hold \\(Access request\\)"):
            attempt()
        assert s.mentees.get(ids["mentee"]).held, what
    s.entries.add(mentee_id=ids["mentee"], text="written while held")  # new notes may be added
    s.threads.reply(ids["thread"], text="a reply while held", direction="to_mentee")
    with pytest.raises(MentorAppError, match="already on hold"):
        s.mentees.hold(ids["mentee"], reason="again")
    s.mentees.release(ids["mentee"])
    s.entries.edit(ids["entry"], text="changed after the release")


def test_the_hold_travels_through_the_interchange_format_and_older_files_read_as_unheld(
        services: Services, tmp_path: Path) -> None:
    s = services
    ids = _person(s, "Ana Lima", "alpha")
    s.mentees.hold(ids["mentee"], reason="Litigation hold")
    first = tmp_path / "one.json"
    s.interchange.export(first)
    document = json.loads(first.read_text())
    assert document["mentees"][0]["held_on"] == "2026-11-29"
    assert document["mentees"][0]["hold_reason"] == "Litigation hold"
    copy = tmp_path / "copy.db"
    with Store.open(copy, TEST_KEY) as other:
        again = Services(other, clock=s.clock)
        again.interchange.import_file(first)
        second = tmp_path / "two.json"
        again.interchange.export(second)
        assert again.mentees.get(ids["mentee"]).held
    assert second.read_bytes() == first.read_bytes()
    for row in document["mentees"]:  # a file from before holds
        del row["held_on"], row["hold_reason"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document))
    with Store.open(tmp_path / "old.db", TEST_KEY) as other:
        again = Services(other, clock=s.clock)
        again.interchange.import_file(old)
        assert not again.mentees.get(ids["mentee"]).held


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_the_access_export_holds_every_kind_of_record_and_the_hold(services: Services, tmp_path: Path) -> None:
    s = services
    s.journal.set_lead_name("Sam Rivera")
    ids = _person(s, "Ana Lima", "alphaword")
    _person(s, "Marco Rossi", "betaword")
    s.mentees.hold(ids["mentee"], reason="Access request")
    written = write_access_export(s, mentee_id=ids["mentee"], folder=tmp_path / "ana")
    document = json.loads(written.json.read_text())
    records = document["records"]
    assert document["manifest"]["made_by"] == "Sam Rivera"
    assert document["manifest"]["hold"] == {"held": True, "since": "2026-11-29", "reason": "Access request"}
    for key in ("mentees", "threads", "goals", "entries", "recognitions", "asks", "watch_cases", "chances"):
        assert records[key], key
    assert any(r["deleted_at"] for r in records["entries"])  # the trash is in it
    assert any(r["direction"] == "private" for r in records["entries"])
    assert [d["name"] for d in document["drafts"]] == [f"reply.thread.{ids['thread']}"]
    text = written.json.read_text() + _pdf_text(written.pdf)
    for word in ("trashed alphaword", "private alphaword", "chance alphaword", "draft alphaword", "Access request"):
        assert word in text, word
    assert "betaword" not in text and "Marco" not in text
    with pytest.raises(MentorAppError, match="already exists; name a new folder"):
        write_access_export(s, mentee_id=ids["mentee"], folder=tmp_path / "ana")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no half-made folder left


NAMES = st.lists(st.sampled_from(["Ana", "Björn", "Chloé", "Dmitri", "Eun", "Fatima", "Gus", "Hana"]),
                 min_size=2, max_size=5, unique=True)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=NAMES, data=st.data())
def test_nobody_else_appears_in_an_access_export(tmp_path_factory, clock, names: list[str], data) -> None:
    folder = tmp_path_factory.mktemp("journal")
    with Store.open(folder / "j.db", TEST_KEY) as store:
        s = Services(store, clock=clock)
        people = {}
        for number, first in enumerate(names):
            name = f"{first} Marker{number}"
            ids = _person(s, name, f"zq{number}x")
            people[name] = ids
        subject = data.draw(st.sampled_from(sorted(people)))
        subject_ids = people[subject]
        # The lead's notes about the subject name others on the team, even inside a thread.
        for other in people:
            if other != subject:
                s.threads.reply(subject_ids["thread"], text=f"Talked it over with {other} too", direction="private")
        written = write_access_export(s, mentee_id=subject_ids["mentee"], folder=folder / "out")
        text = written.json.read_text(encoding="utf-8") + _pdf_text(written.pdf)
        for number, name in enumerate(people):
            marker = f"zq{number}x"
            if name == subject:
                assert marker in text
            else:
                assert marker not in text and name not in text and name.split()[1] not in text


def test_one_trashed_item_deleted_for_good_takes_what_went_with_it_and_nothing_else(services: Services) -> None:
    from mentorapp.models.errors import NotFoundError

    s = services
    ids = _person(s, "Ana Lima", "alpha")
    s.threads.trash(ids["thread"])
    s.entries.trash(ids["entry"])
    before = {kind: s.store.count_rows(kind) for kind in ("thread", "entry")}
    report = s.erasure.delete_for_good("thread", ids["thread"])
    assert report.rows == 2  # the thread and its first note, trashed with it
    assert s.store.count_rows("thread") == before["thread"] - 1
    assert s.store.count_rows("entry") == before["entry"] - 1
    assert {(i.kind, i.id) for i in s.trash.items()} >= {("entry", ids["entry"])}
    with pytest.raises(NotFoundError, match="not in the trash"):
        s.erasure.delete_for_good("goal", ids["goal"])
    s.mentees.hold(ids["mentee"], reason="Dispute")
    with pytest.raises(HeldError):
        s.erasure.delete_for_good("entry", ids["entry"])
    assert s.erasure.held_in_trash() >= 1
    s.erasure.empty_trash()  # the held person's trash is kept
    assert ("entry", ids["entry"]) in {(i.kind, i.id) for i in s.trash.items()}


def test_a_backup_cannot_be_restored_over_a_held_person(services: Services) -> None:
    s = services
    ids = _person(s, "Ana Lima", "alpha")
    backup = s.backups.back_up_now()
    s.mentees.hold(ids["mentee"], reason="Litigation hold")
    written = s.entries.add(mentee_id=ids["mentee"], text="written while held")
    with pytest.raises(HeldError, match="can be changed by restoring a backup"):
        s.backups.restore(backup.path)
    assert s.entries.get(written.id).text == "written while held"


def test_the_hold_is_on_the_cover_of_the_review_packet(services: Services, tmp_path: Path) -> None:
    from mentorapp.packets.render import write_packet

    s = services
    ids = _person(s, "Ana Lima", "alpha")
    s.mentees.hold(ids["mentee"], reason="Access request of 27 Nov")
    packet = write_packet(s, mentee_id=ids["mentee"], start=dt.date(2026, 1, 1), end=dt.date(2026, 11, 29),
                          path=tmp_path / "ana.pdf")
    cover = " ".join((PdfReader(packet).pages[0].extract_text() or "").split())
    assert "On hold since 29 Nov 2026: Access request of 27 Nov." in cover
