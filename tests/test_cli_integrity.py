"""Damage is noticed at once: a log that lost acknowledged notes, a page that no longer reads back.

Through the real command line: every command refuses in one line (exit 2) and leaves the
journal and its log byte for byte as they were, until the person restores a backup or
accepts the loss with `mentorapp check --accept-loss` (the damaged log is kept aside).
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path

import pytest

from mentorapp import cli
from mentorapp.models.storage import store as store_module
from mentorapp.models.storage.store import Key, Store, check_verdict
from tests.conftest import TEST_PASSPHRASE
from tests.test_cli import digest, run

ROOT = Path(__file__).resolve().parents[1]
FRAME = 24 + 4096  # a write-ahead log frame: its header and one page


@contextmanager
def log_kept_open(db: Path) -> Iterator[None]:
    """Another process holding the journal open, killed at the end: its log is never folded in."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from mentorapp.models.storage.store import Key, connect_raw\n"
         f"c = connect_raw({str(db)!r}, Key(secret={TEST_PASSPHRASE!r}))\n"
         "c.execute('SELECT count(*) FROM mentee').fetchall()\n"
         "print('ready', flush=True)\n"
         "time.sleep(600)\n"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield
    finally:
        holder.send_signal(signal.SIGKILL)  # as a crash: no checkpoint, the log stays as it is
        holder.wait()


def flip_byte(path: Path, offset: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0x01]))


def hashes(*paths: Path) -> list[str]:
    return [digest(path) for path in paths]


def one_line_refusal(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_log_that_lost_acknowledged_notes_is_said_at_once_and_left_as_it_is(passphrase_journal: Path) -> None:
    db = passphrase_journal
    wal = Path(f"{db}-wal")
    with log_kept_open(db):
        for number in range(1, 6):
            assert run("note", "Marco", f"Acknowledged note {number}", db=db).returncode == 0
    frames = (wal.stat().st_size - 32) // FRAME
    flip_byte(wal, 32 + (frames // 2) * FRAME + 24 + 500)  # inside a page of the third note or so
    before = hashes(db, wal)

    said = one_line_refusal(run("note", "Marco", "One more", db=db))
    assert "holds fewer changes than it acknowledged" in said and "were lost" in said
    assert "'mentorapp check --accept-loss'" in said and "'mentorapp restore --latest'" in said
    one_line_refusal(run("search", "acknowledged", db=db))
    assert hashes(db, wal) == before, "a refusing command changed the journal or its log"

    accepted = run("check", "--accept-loss", db=db)
    assert accepted.returncode == 0, accepted.stderr
    assert "goes on with what it holds" in accepted.stdout and "acknowledged change" in accepted.stdout
    kept = [p for p in db.parent.iterdir() if p.name.startswith(f"{db.name}-wal.damaged-")]
    assert len(kept) == 1 and digest(kept[0]) == before[1]
    assert run("note", "Marco", "Written after accepting", db=db).returncode == 0
    found = run("search", "accepting", db=db)
    assert found.returncode == 0 and "Written after accepting" in found.stdout
    assert run("check", db=db).returncode == 0


def test_restore_is_a_way_out_of_a_log_that_lost_notes(passphrase_journal: Path) -> None:
    db = passphrase_journal
    wal = Path(f"{db}-wal")
    assert run("backup", db=db).returncode == 0
    with log_kept_open(db):
        for number in range(1, 4):
            assert run("note", "Marco", f"Acknowledged note {number}", db=db).returncode == 0
    flip_byte(wal, 32 + 24 + 100)  # the very first frame: everything in the log is dropped
    one_line_refusal(run("note", "Marco", "One more", db=db))
    restored = run("restore", "--latest", db=db)
    assert restored.returncode == 0, restored.stderr
    assert "the damaged file is kept as" in restored.stdout
    assert run("note", "Marco", "After the restore", db=db).returncode == 0


def test_a_damaged_page_of_the_journal_stops_note_before_it_writes(passphrase_journal: Path) -> None:
    db = passphrase_journal
    assert not Path(f"{db}-wal").exists()
    flip_byte(db, 4096 * 30 + 300)
    before = hashes(db)
    said = one_line_refusal(run("note", "Marco", "Written onto a damaged journal", db=db))
    assert "is damaged" in said and "HMAC verification failed for page 31" in said
    assert hashes(db) == before
    said = one_line_refusal(run("backup", db=db))  # issue 19: it printed 11 to 51 lines
    assert "is damaged" in said


def test_the_restore_advice_says_how_many_acknowledged_changes_it_would_lose(passphrase_journal: Path) -> None:
    db = passphrase_journal
    assert run("backup", db=db).returncode == 0
    for number in range(1, 4):
        assert run("note", "Marco", f"Written after the backup {number}", db=db).returncode == 0
    flip_byte(db, 4096 * 30 + 300)
    said = one_line_refusal(run("note", "Marco", "Written onto a damaged journal", db=db))
    assert "is damaged" in said and "'mentorapp restore --latest'" in said
    assert "Restoring it loses the last 3 changes saved after it." in said


def test_the_restore_advice_says_when_the_backup_holds_everything(passphrase_journal: Path) -> None:
    db = passphrase_journal
    assert run("note", "Marco", "Written before the backup", db=db).returncode == 0
    assert run("backup", db=db).returncode == 0
    flip_byte(db, 4096 * 30 + 300)
    said = one_line_refusal(run("mentee", "list", db=db))
    assert "It holds every change the journal acknowledged." in said


def test_a_backup_of_a_large_damaged_journal_is_refused_in_one_line(
        passphrase_journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond the size checked at open, the backup's own check finds the damage, and says it in one line."""
    monkeypatch.setattr(store_module, "OPEN_CHECK_BYTES", 0)
    monkeypatch.setenv("MENTORAPP_PASSPHRASE", TEST_PASSPHRASE)
    pages = passphrase_journal.stat().st_size // 4096
    for page in (pages // 3, pages // 2):
        flip_byte(passphrase_journal, 4096 * page + 300)
    err = io.StringIO()
    with redirect_stderr(err):
        status = cli.main(["--db", str(passphrase_journal), "backup"])
    assert status == 2
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "is damaged" in lines[0], lines


def test_sqlites_many_lines_of_verdict_become_one_short_phrase() -> None:
    rows = [("*** in database main ***\nFreelist: size is 1 but should be 60\nTree 29 page 344: error 11",),
            ("Tree 29 page 351: error 11",)]
    assert check_verdict(rows) == "SQLite's check says: Freelist: size is 1 but should be 60, and 2 more problems"
    assert check_verdict([("ok",)]) == "ok"


def test_the_check_command_reads_every_page(passphrase_journal: Path) -> None:
    whole = run("check", db=passphrase_journal)
    assert whole.returncode == 0 and "is whole" in whole.stdout
    refused = run("check", "--accept-loss", db=passphrase_journal)
    assert "there is no loss to accept" in one_line_refusal(refused)


def test_a_restored_backup_is_not_taken_for_a_loss(passphrase_journal: Path) -> None:
    db = passphrase_journal
    assert run("backup", db=db).returncode == 0
    for number in range(3):
        assert run("note", "Marco", f"After the backup {number}", db=db).returncode == 0
    assert run("restore", "--latest", db=db).returncode == 0  # fewer changes, on purpose
    assert run("note", "Marco", "After the restore", db=db).returncode == 0
    with Store.open(db, Key(secret=TEST_PASSPHRASE), create=False) as store:
        assert store.count_rows("entry") > 0
