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


def test_retention_from_a_terminal_sets_the_policy_lists_who_is_due_and_erases_at_opening(tmp_path: Path) -> None:
    import datetime as dt

    from mentorapp.models.clock import FixedClock
    from mentorapp.models.services import Services
    from mentorapp.models.storage.store import Store
    from tests.conftest import TEST_KEY

    path = tmp_path / "journal.db"
    long_ago = FixedClock(dt.datetime(2021, 3, 1, 10, 0))
    with Store.open(path, TEST_KEY) as store:
        s = Services(store, clock=long_ago)
        left = s.mentees.add(name="Ana Left")
        s.entries.add(mentee_id=left.id, text="note about Ana")
        s.mentees.set_archived(left.id, True)
        s.mentees.add(name="Marco Stays")
    env = {"MENTORAPP_PASSPHRASE": f"x'{TEST_KEY.secret}'"}
    off = run("retention", db=path, passphrase=None, extra_env=env)
    assert off.returncode == 0 and "Retention is off" in off.stdout
    assert "from 6 to 72 months" in _one_line_refusal(run("retention", "--months", "3", db=path, passphrase=None,
                                                          extra_env=env))
    assert "or 'off'" in _one_line_refusal(run("retention", "--months", "soon", db=path, passphrase=None,
                                               extra_env=env))
    listed = run("retention", "--months", "12", db=path, passphrase=None, extra_env=env)
    assert listed.returncode == 0, listed.stderr
    assert "erased 12 months after they leave" in listed.stdout
    assert "Ana Left: left 2021-03-01, will be erased on" in listed.stdout
    # The notice was given now; once it has stood 14 days (the journal's own mark moved back), an opening erases.
    with Store.open(path, TEST_KEY) as store:
        with store.write() as session:
            from mentorapp.models.entities.mentee import JournalInfo

            row = session.get(JournalInfo, f"retention.noticed.{left.id}")
            assert row is not None
            row.value = "2021-01-01"
    opened = run("mentee", "list", "--all", db=path, passphrase=None, extra_env=env)
    assert opened.returncode == 0
    assert "Erased Ana Left for good" in opened.stderr and "retention policy" in opened.stderr
    assert "Ana Left" not in opened.stdout and "Marco Stays" in opened.stdout
    assert "off" in run("retention", "--months", "off", db=path, passphrase=None, extra_env=env).stdout


def test_a_concern_marked_as_opinion_from_a_terminal_and_the_gentle_word_on_sensitive_ones(
        passphrase_journal: Path) -> None:
    saved = run("note", "Marco", "Seems to struggle since his divorce", "--kind", "concern", "--opinion",
                db=passphrase_journal)
    assert saved.returncode == 0, saved.stderr
    assert "mentorapp: note: Mentions family" in saved.stderr  # said, never refused
    exported = passphrase_journal.with_name("all.json")
    assert run("export", str(exported), db=passphrase_journal).returncode == 0
    newest = max(json.loads(exported.read_text())["entries"], key=lambda e: e["id"])
    assert newest["opinion"] is True and newest["kind"] == "concern"
    assert "Only a concern" in _one_line_refusal(run("note", "Marco", "Good demo", "--opinion",
                                                     db=passphrase_journal))
