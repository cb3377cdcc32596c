"""The next 1:1 from a terminal: agenda add/list/done/drop, suggestions, templates, the sheet, the calendar."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from dateutil.rrule import rrulestr
from pypdf import PdfReader

from mentorapp.models.clock import SYSTEM_CLOCK
from mentorapp.packets.story import day
from tests.test_cli import digest, run


def journal(tmp_path: Path) -> Path:
    db = tmp_path / "journal.db"
    assert run("mentee", "add", "Ana Costa", "--cadence", "14", db=db).returncode == 0
    assert run("mentee", "add", "Bo Lund", "--cadence", "10", db=db).returncode == 0
    return db


def test_add_prints_the_id_and_list_shows_who_raised_it(tmp_path: Path) -> None:
    db = journal(tmp_path)
    quiet = run("agenda", "add", "ana", "The on-call rota", "-q", db=db)
    assert quiet.returncode == 0 and quiet.stdout.strip().isdigit()
    theirs = run("agenda", "add", "ana", "Conference budget", "--from-mentee", db=db)
    assert theirs.returncode == 0
    assert re.fullmatch(r"Added talking point #\d+ for Ana Costa \(raised by Ana Costa\)\.\n", theirs.stdout)
    listing = run("agenda", "list", "ana", db=db)
    assert listing.returncode == 0
    lines = listing.stdout.splitlines()
    assert lines[0].split() == ["ID", "RAISED", "BY", "CARRIED", "POINT"]
    assert lines[1].split()[1:] == ["you", "—", "The", "on-call", "rota"]
    assert lines[2].split()[1:3] == ["them", "—"]
    assert "question:1" in listing.stdout  # the starter question, offered as a suggestion


def test_done_with_a_note_writes_a_timeline_entry_and_drop_takes_a_point_off(tmp_path: Path) -> None:
    db = journal(tmp_path)
    first = run("agenda", "add", "ana", "Release retro", "-q", db=db).stdout.strip()
    second = run("agenda", "add", "ana", "Desk move", "-q", db=db).stdout.strip()
    done = run("agenda", "done", first, "--note", "Agreed to run it on Friday", db=db)
    assert done.returncode == 0 and "noted in the timeline" in done.stdout
    found = run("search", "Friday", db=db)
    assert "Release retro" in found.stdout and "Ana Costa" in found.stdout
    assert run("agenda", "drop", second, db=db).returncode == 0
    assert "Nothing on the list" in run("agenda", "list", "ana", db=db).stdout


def test_a_concern_suggestion_accepted_and_discussed_is_marked_raised(tmp_path: Path) -> None:
    db = journal(tmp_path)
    run("note", "ana", "Curt in code reviews", "--kind", "concern", "--private", db=db)
    listing = run("agenda", "list", "ana", db=db).stdout
    key = re.search(r"(concern:\d+)", listing)[1]
    accepted = run("agenda", "accept", "ana", key, db=db)
    assert accepted.returncode == 0
    assert key not in run("agenda", "list", "ana", db=db).stdout.split("Suggestions")[-1]
    again = run("agenda", "accept", "ana", key, db=db)
    assert again.returncode == 2 and "no longer offered" in again.stderr
    point = re.search(r"#(\d+)", accepted.stdout)[1]
    run("agenda", "done", point, db=db)
    assert "1 concern" not in run("mentee", "list", db=db).stdout


def test_dismiss_and_templates_from_the_command_line(tmp_path: Path) -> None:
    db = journal(tmp_path)
    assert run("agenda", "dismiss", "ana", "question:1", db=db).returncode == 0
    assert "question:1 " not in run("agenda", "list", "ana", db=db).stdout
    templates = run("agenda", "templates", db=db).stdout
    assert "Career conversation" in templates and "Quarterly look back" in templates
    used = run("agenda", "use", "ana", "quarterly", db=db)
    assert used.returncode == 0 and used.stdout.startswith("Added 5 points from Quarterly look back")
    assert "already on" in run("agenda", "use", "ana", "quarterly", db=db).stdout
    set_ = run("agenda", "template", "Hand-over", "--prompt", "What should the next owner know?", db=db)
    assert set_.returncode == 0 and "Added the template Hand-over (1 prompt)" in set_.stdout
    assert run("agenda", "use", "bo", "hand", db=db).returncode == 0


def test_bad_input_is_one_line_exit_2_and_changes_nothing(tmp_path: Path) -> None:
    db = journal(tmp_path)
    before = digest(db)
    for args in (("agenda", "add", "ana", "   "), ("agenda", "done", "999"), ("agenda", "drop", "x"),
                 ("agenda", "add", "nobody", "Hi"), ("agenda", "use", "ana", "no such"),
                 ("agenda", "accept", "ana", "goal:77"), ("agenda", "sheet", "ana", "-o", str(db)),
                 ("calendar", "export", "-o", str(db)), ("calendar", "import", str(tmp_path / "none.ics"))):
        result = run(*args, db=db)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("mentorapp: "), args
        assert "Traceback" not in result.stderr
    assert digest(db) == before


def test_sheet_writes_a_one_page_pdf(tmp_path: Path) -> None:
    db = journal(tmp_path)
    run("agenda", "add", "ana", "Conference budget", "--from-mentee", db=db)
    out = tmp_path / "ana.pdf"
    result = run("agenda", "sheet", "ana", "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Next 1:1 with Ana Costa" in text and "Conference budget" in text and "Open with" in text


def _unfolded(ics: str) -> list[str]:
    """Content lines as RFC 5545 says: CRLF ends a line, a leading space continues the previous one."""
    lines: list[str] = []
    for raw in ics.split("\r\n"):
        if raw.startswith((" ", "\t")) and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def _events(ics: str) -> list[dict[str, str]]:
    events, current = [], None
    for content in _unfolded(ics):
        name, _sep, value = content.partition(":")
        if content == "BEGIN:VEVENT":
            current = {}
        elif content == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name.split(";")[0]] = value
    return events


def test_calendar_export_recurs_at_each_persons_cadence_read_by_an_independent_parser(tmp_path: Path) -> None:
    db = journal(tmp_path)
    run("note", "ana", "Private thought about Ana's promotion", "--private", db=db)
    out = tmp_path / "check-ins.ics"
    result = run("calendar", "export", "-o", str(out), db=db)
    assert result.returncode == 0 and "2 recurring check-in events" in result.stdout
    raw = out.read_bytes().decode("utf-8")
    assert raw.startswith("BEGIN:VCALENDAR\r\n") and raw.endswith("END:VCALENDAR\r\n")
    assert "promotion" not in raw  # names and the rhythm, never notes
    events = {e["SUMMARY"]: e for e in _events(raw)}
    assert set(events) == {"1:1 with Ana Costa", "1:1 with Bo Lund"}
    today = SYSTEM_CLOCK.today()
    for title, cadence in (("1:1 with Ana Costa", 14), ("1:1 with Bo Lund", 10)):
        event = events[title]
        start = dt.datetime.strptime(event["DTSTART"], "%Y%m%d")
        assert start.date() >= today
        rule = rrulestr(event["RRULE"], dtstart=start)
        first = list(rule[:5])
        assert all((b - a).days == cadence for a, b in zip(first, first[1:])), title
        assert event["UID"] and event["DTSTAMP"].endswith("Z")
    assert events["1:1 with Ana Costa"]["RRULE"] == "FREQ=WEEKLY;INTERVAL=2"
    assert events["1:1 with Bo Lund"]["RRULE"] == "FREQ=DAILY;INTERVAL=10"


def test_next_sets_the_day_of_the_next_1_1_by_hand_and_the_sheet_shows_it(tmp_path: Path) -> None:
    db = journal(tmp_path)
    soon = SYSTEM_CLOCK.today() + dt.timedelta(days=5)
    assert run("agenda", "next", "bo", soon.isoformat(), db=db).stdout == f"Next 1:1 with Bo Lund: {soon}.\n"
    out = tmp_path / "bo.pdf"
    run("agenda", "sheet", "bo", "-o", str(out), db=db)
    assert day(soon) in PdfReader(out).pages[0].extract_text()
    bad = run("agenda", "next", "bo", "next tuesday", db=db)
    assert bad.returncode == 2 and "not a date" in bad.stderr
    assert "not known" in run("agenda", "next", "bo", "none", db=db).stdout


def test_calendar_import_sets_the_next_meeting_by_name_offline(tmp_path: Path) -> None:
    db = journal(tmp_path)
    soon = SYSTEM_CLOCK.today() + dt.timedelta(days=3)
    own = tmp_path / "lead.ics"
    own.write_bytes((
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone//Calendar//EN\r\n"
        "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Weekly sync – Ana Costa\r\n"
        f"DTSTART:{soon:%Y%m%d}T093000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Dentist\r\n"
        f"DTSTART;VALUE=DATE:{soon:%Y%m%d}\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n").encode())
    result = run("calendar", "import", str(own), db=db)
    assert result.returncode == 0, result.stderr
    assert f"Ana Costa: next 1:1 on {soon.isoformat()}" in result.stdout
    assert "Bo Lund" in result.stdout.splitlines()[0]  # named as not found
    back = tmp_path / "back.ics"
    run("calendar", "export", "-o", str(back), db=db)
    ana = next(e for e in _events(back.read_bytes().decode("utf-8")) if e["SUMMARY"] == "1:1 with Ana Costa")
    assert ana["DTSTART"] == f"{soon:%Y%m%d}"
