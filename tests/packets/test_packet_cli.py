"""`mentorapp packet` through the real entry point: what scripts and terminal users rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packets.conftest import pdf_text
from tests.test_cli import run


def _left_behind(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("cli.db"))


def test_packet_for_one_mentee_is_written_and_reported(passphrase_journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "marco.pdf"
    result = run("packet", "Marco", "--from", "2026-01-01", "--to", "2026-11-29", "-o", str(out),
                 db=passphrase_journal)
    assert result.returncode == 0, result.stderr
    assert "Marco Rossi" in result.stdout and "1 Jan 2026 – 29 Nov 2026" in result.stdout
    text = pdf_text(out)
    assert "Marco Rossi" in text and "1 Jan 2026 – 29 Nov 2026" in text


def test_packets_for_the_team_go_into_a_folder_or_one_combined_file(passphrase_journal: Path, tmp_path: Path) -> None:
    folder = tmp_path / "packets"
    result = run("packet", "--all", "-o", str(folder), db=passphrase_journal)
    assert result.returncode == 0, result.stderr
    written = sorted(folder.glob("*.pdf"))
    assert len(written) >= 8
    assert any(p.name.startswith("Priya Raman - review packet") for p in written)
    combined = tmp_path / "team.pdf"
    result = run("packet", "--all", "--combined", "-o", str(combined), db=passphrase_journal)
    assert result.returncode == 0, result.stderr
    assert pdf_text(combined).count("Page 1 of") == len(written)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Nobody"], "No mentee matches 'Nobody'."),
        (["Marco", "--from", "2026-05-01", "--to", "2026-01-01"], "after it ends"),
        (["Marco", "--from", "2026-02-30"], "is not a start date"),
        (["Marco", "--all"], "not both"),
        ([], "Name a mentee, or use --all"),
        (["Marco", "--combined"], "--combined only goes with --all"),
    ],
)
def test_bad_input_is_one_line_and_exit_2_with_no_file(
    passphrase_journal: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "out.pdf"
    result = run("packet", *args, "-o", str(out), db=passphrase_journal)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert _left_behind(tmp_path) == []


def test_missing_output_and_unwritable_places_are_refused(passphrase_journal: Path, tmp_path: Path) -> None:
    missing = run("packet", "Marco", db=passphrase_journal)
    assert missing.returncode == 2 and "-o/--output" in missing.stderr
    nowhere = run("packet", "Marco", "-o", str(tmp_path / "no" / "such" / "x.pdf"), db=passphrase_journal)
    assert nowhere.returncode == 2 and "does not exist" in nowhere.stderr
    folder = run("packet", "Marco", "-o", str(tmp_path), db=passphrase_journal)
    assert folder.returncode == 2 and "is a folder" in folder.stderr
    a_file = tmp_path / "file.txt"
    a_file.write_text("not a folder")
    team = run("packet", "--all", "-o", str(a_file / "packets"), db=passphrase_journal)
    assert team.returncode == 2 and len(team.stderr.strip().splitlines()) == 1
    assert _left_behind(tmp_path) == ["file.txt"]


def test_an_existing_packet_survives_a_refused_run(passphrase_journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "marco.pdf"
    assert run("packet", "Marco", "-o", str(out), db=passphrase_journal).returncode == 0
    before = out.read_bytes()
    refused = run("packet", "Marco", "--from", "2026-05-01", "--to", "2026-01-01", "-o", str(out),
                  db=passphrase_journal)
    assert refused.returncode == 2
    assert out.read_bytes() == before


def test_help_documents_the_default_period(passphrase_journal: Path) -> None:
    result = run("packet", "--help", db=passphrase_journal)
    assert result.returncode == 0
    assert "twelve months" in result.stdout and "default: today" in result.stdout
