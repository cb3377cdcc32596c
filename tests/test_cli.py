"""The command line through its real entry point: what scripts and terminal users rely on."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE


def run(*args: str, db: Path | None = None, passphrase: str | None = TEST_PASSPHRASE,
        stdin: str | None = None, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # The suite's language (en_GB, from conftest) stays, whatever the machine speaks; the other settings go.
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_") or k == "MENTORAPP_LANG"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # no OS keyring in these runs
    if passphrase is not None:
        env["MENTORAPP_PASSPHRASE"] = passphrase
    env.update(extra_env or {})
    command = [sys.executable, "-m", "mentorapp"] + (["--db", str(db)] if db else []) + list(args)
    return subprocess.run(command, capture_output=True, text=True, env=env, input=stdin or "", timeout=120)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_add_note_search_and_list_from_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    added = run("mentee", "add", "Priya Raman", "--role", "Backend engineer", "--cadence", "7",
                "--started", "2024-02-01", db=db)
    assert added.returncode == 0, added.stderr
    assert "Priya Raman" in added.stdout
    run("mentee", "add", "Marco Rossi", db=db)
    note = run("note", "pri", "Talked about the Zanzibar release", "--kind", "progress", "--setting", "coffee",
               "--at", "2026-03-04 10:30", db=db)
    assert note.returncode == 0, note.stderr
    assert note.stdout.startswith("Saved note #") and "(progress, you to Priya Raman, Coffee, 2026-03-04 10:30)" \
        in note.stdout
    quiet = run("note", "pri", "For a script", "--quiet", "--at", "2026-03-01 09:00", db=db)
    assert quiet.stdout.strip().isdigit()
    heard = run("note", "ROSSI", "Wants more context on priorities", "--from-mentee", db=db)
    assert heard.returncode == 0, heard.stderr
    found = run("search", "zanzibar", db=db)
    assert found.returncode == 0
    assert found.stdout.splitlines() == [
        "2026-03-04  Priya Raman  Progress  Talked about the Zanzibar release"
    ]
    listing = run("mentee", "list", db=db)
    lines = listing.stdout.splitlines()
    assert lines[0].split() == ["NAME", "ROLE", "CADENCE", "LAST", "TOUCH", "STATUS"]
    assert any(line.startswith("Priya Raman") and "7d" in line and "2026-03-04" in line for line in lines)
    assert any(line.startswith("Marco Rossi") for line in lines)


def test_note_text_can_come_from_standard_input(passphrase_journal: Path) -> None:
    result = run("note", "Marco", "-", "--private", db=passphrase_journal, stdin="Line one\nLine two\n")
    assert result.returncode == 0, result.stderr
    hits = run("search", "Line two", db=passphrase_journal)
    assert "Marco Rossi  Thought  Line one Line two" in hits.stdout


def test_demo_export_and_import_round_trip(tmp_path: Path) -> None:
    demo = tmp_path / "demo.db"
    made = run("demo", "--mentees", "5", "--entries", "300", "--seed", "3", db=demo)
    assert made.returncode == 0, made.stderr
    assert "5 mentees, 300 entries" in made.stdout
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run("export", str(first), db=demo).returncode == 0
    copy = tmp_path / "copy.db"
    imported = run("import", str(first), db=copy)
    assert imported.returncode == 0, imported.stderr
    assert "5 mentees" in imported.stdout and "300 entries" in imported.stdout
    assert run("export", str(second), db=copy).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert len(json.loads(first.read_text(encoding="utf-8"))["mentees"]) == 5


def test_demo_refuses_a_journal_that_has_mentees(passphrase_journal: Path) -> None:
    before = digest(passphrase_journal)
    result = run("demo", db=passphrase_journal)
    assert result.returncode == 2
    assert "empty journal" in result.stderr
    assert digest(passphrase_journal) == before


def test_python_dash_m_is_the_same_front_door() -> None:
    result = subprocess.run([sys.executable, "-m", "mentorapp", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("mentorapp ")


BAD_INPUT = {
    "unknown mentee": (("note", "Nobody", "hello"), "No mentee matches"),
    "ambiguous mentee": (("note", "r", "hello"), "several mentees"),
    "empty mentee": (("note", "  ", "hello"), "Name a mentee"),
    "bad date": (("note", "Marco", "hello", "--at", "2026-02-30"), "not a date"),
    "date out of range": (("note", "Marco", "hello", "--at", "1066-10-14"), "between 1900 and 2100"),
    "empty text": (("note", "Marco", "   "), "note cannot be empty"),
    "unknown kind": (("note", "Marco", "hello", "--kind", "gossip"), "Unknown kind"),
    "unknown setting": (("note", "Marco", "hello", "--setting", "pub"), "Unknown setting"),
    "both directions": (("note", "Marco", "hi", "--private", "--from-mentee"), "not allowed with"),
    "missing note arguments": (("note",), "required"),
    "missing mentee action": (("mentee",), "choose an action"),
    "missing name": (("mentee", "add"), "required"),
    "duplicate name": (("mentee", "add", "marco rossi"), "already a mentee"),
    "bad cadence": (("mentee", "add", "New Person", "--cadence", "often"), "not a whole number"),
    "cadence out of range": (("mentee", "add", "New Person", "--cadence", "0"), "cadence"),
    "bad start date": (("mentee", "add", "New Person", "--started", "last spring"), "not a start date"),
    "unknown subcommand": (("dance",), "invalid choice"),
    "missing search query": (("search",), "required"),
    "empty search": (("search", "  ?! "), "at least one word"),
    "missing import file": (("import", "/no/such/file.json"), "There is no file"),
    "import a folder": (("import", "/"), "is a folder"),
    "missing export folder": (("export", "/no/such/folder/out.json"), "does not exist"),
    "export onto a folder": (("export", "/"), "is a folder"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_is_one_line_on_stderr_exit_2_and_changes_nothing(passphrase_journal: Path, case: str) -> None:
    args, message = BAD_INPUT[case]
    before = digest(passphrase_journal)
    result = run(*args, db=passphrase_journal)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(passphrase_journal) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"format": "mentorapp-journal", "version": 7}', "format version 7"),
        (b"\xff\xfe\x00binary", "not UTF-8"),
        (b'{"format": "something-else"}', "not a MentorApp journal export"),
    ],
)
def test_malformed_import_files_change_nothing(passphrase_journal: Path, tmp_path: Path, content: bytes,
                                               message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = digest(passphrase_journal)
    result = run("import", str(bad), "--merge", db=passphrase_journal)
    assert result.returncode == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert digest(passphrase_journal) == before


def test_unreadable_import_file(passphrase_journal: Path, tmp_path: Path) -> None:
    (tmp_path / "plain-file").write_text("not a folder")
    before = digest(passphrase_journal)
    result = run("import", str(tmp_path / "plain-file" / "x.json"), db=passphrase_journal)
    assert result.returncode == 2 and "Cannot read" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert digest(passphrase_journal) == before


def test_a_bad_import_into_a_new_journal_leaves_no_journal_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "mentorapp-journal", "version": 1}')
    result = run("import", str(bad), db=tmp_path / "fresh.db")
    assert result.returncode == 2 and "missing" in result.stderr
    assert not (tmp_path / "fresh.db").exists()


def test_wrong_passphrase_is_one_line_and_changes_nothing(passphrase_journal: Path) -> None:
    before = digest(passphrase_journal)
    result = run("note", "Marco", "hello", db=passphrase_journal, passphrase="not it")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"mentorapp: The key does not open {passphrase_journal} (wrong passphrase, or not a MentorApp journal)."
    ]
    assert digest(passphrase_journal) == before


def test_no_key_source_without_a_terminal_says_how_to_give_one(passphrase_journal: Path) -> None:
    result = run("mentee", "list", db=passphrase_journal, passphrase=None)
    assert result.returncode == 2 and "set MENTORAPP_PASSPHRASE" in result.stderr


def test_reading_commands_never_create_a_journal(tmp_path: Path) -> None:
    for args in (("search", "x"), ("mentee", "list"), ("note", "a", "b"), ("export", str(tmp_path / "o.json"))):
        result = run(*args, db=tmp_path / "absent.db")
        assert result.returncode == 2 and "no journal" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_journal_path_comes_from_the_environment_when_not_given(passphrase_journal: Path) -> None:
    result = run("mentee", "list", extra_env={"MENTORAPP_DB": str(passphrase_journal)})
    assert result.returncode == 0 and "Priya Raman" in result.stdout


def test_the_recognition_nudge_kept_in_the_journal_is_the_one_mentee_list_uses(tmp_path: Path) -> None:
    import datetime as dt

    db = tmp_path / "journal.db"
    started = (dt.date.today() - dt.timedelta(days=45)).isoformat()  # relative: the command reads the same clock
    assert run("mentee", "add", "Ana Lima", "--started", started, db=db).returncode == 0
    assert "unrecognised" not in run("mentee", "list", db=db).stdout  # 45 days: within the default 60
    changed = run("preferences", "--recognition-gap", "30", "--lead-name", "Sam Okafor", db=db)
    assert changed.returncode == 0, changed.stderr
    assert "after 30 days" in changed.stdout and "Sam Okafor" in changed.stdout
    assert "unrecognised" in run("mentee", "list", db=db).stdout
    refused = run("preferences", "--recognition-gap", "0", db=db)
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "from 1 to 730" in refused.stderr
    assert "after 30 days" in run("preferences", db=db).stdout  # the refused change wrote nothing


def test_a_note_dated_in_the_future_is_refused_in_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert run("mentee", "add", "Priya Raman", db=db).returncode == 0
    refused = run("note", "priya", "Planned ahead", "--at", "2090-01-01 10:00", db=db)
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "cannot be dated in the future" in refused.stderr
    assert "Planned ahead" not in run("search", "planned", db=db).stdout
    later = run("mentee", "add", "Starts Later", "--started", "2090-01-01", db=db)
    assert later.returncode == 2 and "cannot be after today" in later.stderr
