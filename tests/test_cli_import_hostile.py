"""Hostile import files through the real command line: one line on stderr, exit 2, nothing left behind.

A refused import into a journal that did not exist leaves no file at all; into an existing
journal it leaves the journal byte for byte as it was. The checks run in linear time, and an
import can hold nothing the services would refuse to write.
"""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorapp.models.services.interchange import FormatError, parse_document
from tests.conftest import DEMO_NOW
from tests.test_cli import digest, run


def _document(**sections: list[dict[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": "mentorapp-journal", "version": 1, "journal_info": {"lead_name": "Sam"},
        "mentees": [], "threads": [], "goals": [], "entries": [], "recognitions": [], "asks": [],
        "watch_cases": [], "chances": [], "starters": [],
    }
    document.update(sections)
    return document


STAMPS = {"created_at": "2026-01-01T09:00:00", "updated_at": "2026-01-01T09:00:00", "deleted_at": None}


def mentee(ident: int, name: str) -> dict[str, Any]:
    return {"id": ident, "name": name, "role": "", "started_on": None, "cadence_days": 14,
            "thanks_preference": "", "archived": False, **STAMPS}


def case(ident: int, mentee_id: int, *, status: str = "open", outcome: str | None = None, reason: str = "",
         opened_on: str = "2026-02-01", closed_on: str | None = None) -> dict[str, Any]:
    return {"id": ident, "mentee_id": mentee_id, "concern": "Missed deadlines", "opened_on": opened_on,
            "support_plan": "", "toxicity_concern": "", "next_review_on": None, "status": status,
            "outcome": outcome, "decision_reason": reason, "closed_on": closed_on, **STAMPS}


def chance(ident: int, case_id: int, given_on: str) -> dict[str, Any]:
    return {"id": ident, "case_id": case_id, "given_on": given_on, "expectation": "Ship the fix",
            "support": "", "outcome": "", "result": "pending", **STAMPS}


def ask(ident: int, mentee_id: int, *, status: str, raised_on: str, resolved_on: str | None) -> dict[str, Any]:
    return {"id": ident, "mentee_id": mentee_id, "what": "A conference", "details": "", "status": status,
            "raised_on": raised_on, "resolved_on": resolved_on, **STAMPS}


def write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "hostile.json"
    # ensure_ascii keeps a lone surrogate as the escape "\ud800", as a hostile file would carry it
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def files_beside(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name))


def refused_into_new_journal(tmp_path: Path, document: dict[str, Any]) -> str:
    db = tmp_path / "new.db"
    result = run("import", str(write(tmp_path, document)), db=db)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert files_beside(db) == [], "a refused import left a journal behind"
    return result.stderr


def test_a_surrogate_name_in_journal_info_is_refused_in_one_line_and_leaves_no_journal(tmp_path: Path) -> None:
    said = refused_into_new_journal(tmp_path, _document(journal_info={"\ud800": "x"}))
    assert "journal_info holds a name that is not valid text" in said


def test_two_open_cases_for_one_mentee_are_refused(tmp_path: Path) -> None:
    said = refused_into_new_journal(tmp_path, _document(
        mentees=[mentee(1, "Ana")], watch_cases=[case(1, 1), case(2, 1)]))
    assert "watch_cases[1] is a second open watchlist case for mentee #1" in said


def test_a_closed_case_without_a_decision_is_refused(tmp_path: Path) -> None:
    said = refused_into_new_journal(tmp_path, _document(
        mentees=[mentee(1, "Ana")], watch_cases=[case(1, 1, status="closed", closed_on="2026-03-01")]))
    assert "watch_cases[0] is closed without a decision" in said


@pytest.mark.parametrize(("sections", "words"), [
    ({"watch_cases": [case(1, 1)], "chances": [chance(1, 1, "2026-01-15")]},
     "chances[0].given_on is before the day its case opened"),
    ({"watch_cases": [case(1, 1, status="closed", outcome="improved", reason="Better", closed_on="2026-01-10")]},
     "watch_cases[0].closed_on is before the day the case opened"),
    ({"asks": [ask(1, 1, status="open", raised_on="2026-02-01", resolved_on="2026-02-02")]},
     "asks[0].resolved_on must be set exactly when the ask is settled"),
    ({"asks": [ask(1, 1, status="granted", raised_on="2026-02-05", resolved_on="2026-02-01")]},
     "asks[0].resolved_on is before the day it was asked"),
    ({"asks": [ask(1, 1, status="open", raised_on="2099-02-05", resolved_on=None)]},
     "asks[0].raised_on lies in the future"),
])
def test_what_the_services_refuse_an_import_refuses_too(tmp_path: Path, sections: dict[str, Any],
                                                        words: str) -> None:
    said = refused_into_new_journal(tmp_path, _document(mentees=[mentee(1, "Ana")], **sections))
    assert words in said


def test_a_refused_import_leaves_an_existing_journal_byte_for_byte(passphrase_journal: Path, tmp_path: Path) -> None:
    files = sorted(passphrase_journal.parent.iterdir())
    before = {p.name: digest(p) for p in files if p.is_file()}
    source = write(tmp_path, _document(mentees=[mentee(1, "Zed")], watch_cases=[case(1, 1), case(2, 1)]))
    result = run("import", "--merge", str(source), db=passphrase_journal)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    after = {p.name: digest(p) for p in sorted(passphrase_journal.parent.iterdir()) if p.is_file()}
    assert {name: value for name, value in after.items() if name != source.name} == \
        {name: value for name, value in before.items() if name != source.name}


def test_a_good_import_into_a_new_journal_still_works(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    document = _document(mentees=[mentee(1, "Ana")], watch_cases=[
        case(1, 1, status="closed", outcome="improved", reason="Back on track", closed_on="2026-03-01"),
        case(2, 1)], chances=[chance(1, 2, "2026-02-02")])
    result = run("import", str(write(tmp_path, document)), db=db)
    assert result.returncode == 0, result.stderr
    assert "Imported 1 mentee, 2 watchlist cases, 1 chance" in result.stdout


def test_two_hundred_thousand_entries_with_a_late_duplicate_are_refused_in_seconds() -> None:
    rows = [{"id": i, "mentee_id": 1, "at": "2026-01-01T09:00:00", "kind": "progress", "direction": "to_mentee",
             "setting": "one_on_one", "text": "x", "thread_id": None, "goal_id": None, "discussed_on": None,
             **STAMPS} for i in range(1, 200_001)]
    rows.append(dict(rows[-1]))
    data = json.dumps(_document(mentees=[mentee(1, "Ana")], entries=rows)).encode()
    started = time.monotonic()
    with pytest.raises(FormatError, match="entries has the id 200000 twice"):
        parse_document(data, source="big.json", now=DEMO_NOW)
    assert time.monotonic() - started < 60  # quadratic, it took over 300 s


# -- hypothesis: any mangling of a good file is either imported or refused with one FormatError ---------------
GOOD = _document(
    mentees=[mentee(1, "Ana"), mentee(2, "Bo")],
    watch_cases=[case(1, 1, status="closed", outcome="parted", reason="Moved on", closed_on="2026-03-01"),
                 case(2, 2)],
    chances=[chance(1, 2, "2026-02-03")],
    asks=[ask(1, 1, status="granted", raised_on="2026-02-01", resolved_on="2026-02-03")],
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70) | st.floats(allow_nan=False)
    | st.text(st.characters(exclude_categories=()), max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def mangled(draw: st.DrawFn) -> dict[str, Any]:
    document = copy.deepcopy(GOOD)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        section = draw(st.sampled_from(sorted(document)))
        value = document[section]
        if isinstance(value, list) and value and draw(st.booleans()):
            row = draw(st.sampled_from(value))
            if isinstance(row, dict) and row:
                row[draw(st.sampled_from(sorted(row)))] = draw(JSON_VALUES)
                continue
        if isinstance(value, dict) and draw(st.booleans()):
            value[draw(st.text(st.characters(exclude_categories=()), max_size=5))] = draw(JSON_VALUES)
            continue
        document[section] = draw(JSON_VALUES)
    return document


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_any_mangled_file_is_checked_or_refused_with_one_sentence(document: dict[str, Any]) -> None:
    data = json.dumps(document).encode()
    try:
        rows = parse_document(data, source="mangled.json", now=DEMO_NOW)
    except FormatError as refused:
        assert "\n" not in str(refused) and str(refused).endswith(".")
        return
    # Accepted: then every text in it can be stored (no lone surrogate) and the rules hold.
    for section in rows.values():
        for row in section:
            for value in row.values():
                if isinstance(value, str):
                    value.encode("utf-8")
    live_open = [c["mentee_id"] for c in rows["watch_cases"] if c["status"] == "open" and c["deleted_at"] is None]
    assert len(live_open) == len(set(live_open))
