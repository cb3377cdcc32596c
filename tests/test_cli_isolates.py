"""A right-to-left name inside the command line's sentences keeps them in order.

Each user string a sentence names (a mentee, a hold's reason, a file) is wrapped in a Unicode
isolate (FSI…PDI); without it a terminal that follows the bidi rules shows "محمد عبد الرحمن is
on hold" with our words moved to the far end. A name's own stray controls still cannot leak.
"""

from __future__ import annotations

from pathlib import Path

from mentorapp.cli.terminal import named, terminal_safe
from mentorapp.models.vocabulary import FSI, PDI
from tests.test_cli import run

ARABIC = "محمد عبد الرحمن"
SHOWN = f"{FSI}{ARABIC}{PDI}"


def test_an_rtl_name_is_isolated_in_every_sentence_of_a_session(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    added = run("mentee", "add", ARABIC, db=db)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith(f"Added {SHOWN} (#"), added.stdout

    note = run("note", "محمد", "Talked about the release", "--at", "2026-03-04 10:30", db=db)
    assert note.returncode == 0, note.stderr
    assert f"you to {SHOWN}, " in note.stdout, note.stdout

    held = run("mentee", "hold", "محمد", "--reason", "طلب الوصول", db=db)
    assert held.returncode == 0, held.stderr
    assert held.stdout.startswith(f"{SHOWN} is on hold since "), held.stdout
    assert f"({FSI}طلب الوصول{PDI})" in held.stdout

    refused = run("mentee", "hold", "محمد", "--reason", "again", db=db)
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"mentorapp: {FSI}'{ARABIC}'{PDI} is already on hold since "), refused.stderr

    released = run("mentee", "release", "محمد", db=db)
    assert released.stdout.strip() == f"Released the hold on {SHOWN}.", released.stdout


def test_a_file_with_an_rtl_name_is_isolated_in_the_transfer_message(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    run("mentee", "add", "Priya Raman", db=db)
    target = tmp_path / "فريق.json"
    exported = run("export", str(target), db=db)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.rstrip().endswith(f"to {FSI}{target}{PDI}."), exported.stdout


def test_latin_names_print_without_any_marks(tmp_path: Path) -> None:
    added = run("mentee", "add", "Priya Raman", db=tmp_path / "journal.db")
    assert added.stdout.startswith("Added Priya Raman (#") and FSI not in added.stdout


def test_a_name_cannot_leave_an_isolate_open_or_close_ours() -> None:
    # A stray opener would reorder all that follows on the line; a stray PDI would end our isolate early.
    assert terminal_safe("x \u2067abc y") == "x \ufffdabc y"
    assert terminal_safe(f"x abc{PDI} y") == "x abc\ufffd y"
    assert named(f"{ARABIC}{PDI}\u2067") == f"{FSI}{ARABIC}\ufffd\ufffd{PDI}"
    assert terminal_safe(f"{FSI}{ARABIC}\n{PDI}") == f"\ufffd{ARABIC}\n\ufffd"


def test_a_backup_with_an_rtl_file_name_is_isolated_in_the_refusal(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    run("mentee", "add", "Priya Raman", db=db)
    source = tmp_path / "نسخة.backup"
    source.write_bytes(b"not a journal at all")
    refused = run("restore", str(source), db=db)
    assert refused.returncode == 2
    assert refused.stderr == f"mentorapp: {FSI}{source.name}{PDI} is not a MentorApp backup.\n", refused.stderr
