"""Holds, access exports and erasure through the real command line (subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import digest, run


def _one_line_refusal(result) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mentorapp: "), result.stderr
    return lines[0]


def test_hold_and_release_from_a_terminal(passphrase_journal: Path) -> None:
    held = run("mentee", "hold", "Marco", "--reason", "Access request", db=passphrase_journal)
    assert held.returncode == 0, held.stderr
    assert "Marco Rossi is on hold since" in held.stdout and "(Access request)" in held.stdout
    before = digest(passphrase_journal)
    again = _one_line_refusal(run("mentee", "hold", "Marco", "--reason", "x", db=passphrase_journal))
    assert "already on hold" in again
    assert "reason" in _one_line_refusal(run("mentee", "hold", "Marco", "--reason", " ", db=passphrase_journal))
    assert digest(passphrase_journal) == before
    exported = passphrase_journal.with_name("all.json")
    assert run("export", str(exported), db=passphrase_journal).returncode == 0
    marco = next(m for m in json.loads(exported.read_text())["mentees"] if m["name"] == "Marco Rossi")
    assert marco["hold_reason"] == "Access request" and marco["held_on"]
    released = run("mentee", "release", "Marco", db=passphrase_journal)
    assert released.returncode == 0 and "Released the hold on Marco Rossi." in released.stdout
    assert "not on hold" in _one_line_refusal(run("mentee", "release", "Marco", db=passphrase_journal))


def test_access_export_from_a_terminal_writes_a_new_folder_and_refuses_an_existing_one(
        passphrase_journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "marco"
    result = run("access-export", "Marco", "-o", str(target), db=passphrase_journal)
    assert result.returncode == 0, result.stderr
    assert f"Wrote everything held about Marco Rossi to {target}" in result.stdout
    document = json.loads(next(target.glob("*.json")).read_text())
    assert document["manifest"]["person"]["name"] == "Marco Rossi"
    assert {r["mentee_id"] for r in document["records"]["entries"]} == {document["manifest"]["person"]["id"]}
    assert len(list(target.glob("*.pdf"))) == 1
    assert "already exists" in _one_line_refusal(run("access-export", "Marco", "-o", str(target),
                                                     db=passphrase_journal))
    backups = passphrase_journal.with_name(passphrase_journal.name + "-backups") / "inside"
    assert "backup folder" in _one_line_refusal(run("access-export", "Marco", "-o", str(backups),
                                                    db=passphrase_journal))
