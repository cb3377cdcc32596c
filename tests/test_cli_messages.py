"""What the command line says when things go wrong around the journal: one line, the true cause, a way out.

A full disk is called full (not "cannot be read"); a journal whose key left the keyring names
both ways back; a journal whose schema record was emptied is repaired when its schema is
this app's, else refused with the restore; opens during another process's upgrade wait and
say so instead of failing "busy".
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorapp.models.storage import migrate
from mentorapp.models.storage.store import BUSY_TIMEOUT_MS, SCHEMA_HEAD, Key, Store, _make_engine, connect_raw
from mentorapp.models.trust import file_lock
from mentorapp.models.trust.backups import backup_folder
from mentorapp.models.trust.opening import UPGRADE_LOCK_NAME
from tests.conftest import TEST_PASSPHRASE
from tests.test_cli import digest, run
from tests.test_cli_trust import run_with_keyring

ROOT = Path(__file__).resolve().parents[1]


def one_line(result: subprocess.CompletedProcess[str], status: int = 2) -> str:
    assert result.returncode == status, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


# -- a full disk ------------------------------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MiB file system of its own (tmpfs), so filling it touches nothing else."""
    folder = tmp_path / "small"
    folder.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small file system")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("this system does not let tests mount a small file system")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, *, leave: int = 0) -> None:
    filler = folder / "filler"
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))


def test_a_full_disk_is_called_full_and_nothing_is_left_behind(passphrase_journal: Path, small_disk: Path) -> None:
    db = small_disk / "journal.db"
    shutil.copyfile(passphrase_journal, db)
    assert run("backup", db=db).returncode == 0  # today's backup is made: no daily backup competes for room
    fill(small_disk)
    before = digest(db)
    said = one_line(run("note", "Marco", "On a full disk", db=db))
    assert "is full" in said and "free some space" in said and "cannot be read" not in said
    assert digest(db) == before
    said = one_line(run("mentee", "add", "Zed", db=small_disk / "new.db"))
    assert "is full" in said
    left = [p.name for p in small_disk.iterdir() if p.name.startswith("new.db")]
    assert not left, f"a new empty journal was left: {left}"


def test_a_disk_that_fills_while_writing_is_called_full(passphrase_journal: Path, small_disk: Path) -> None:
    db = small_disk / "journal.db"
    shutil.copyfile(passphrase_journal, db)
    assert run("backup", db=db).returncode == 0
    fill(small_disk, leave=48 * 1024)  # room to open (its shared-memory index), none for the note's pages
    result = run("note", "Marco", "A long note " * 2000, db=db)
    assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "is full" in result.stderr and "cannot be" not in result.stderr


# -- a key gone from the keyring --------------------------------------------------------------------------
def test_a_key_lost_from_the_keyring_names_both_ways_back(tmp_path: Path) -> None:
    db, keyring_file = tmp_path / "journal.db", tmp_path / "keyring.json"
    assert run_with_keyring("mentee", "add", "Ana", db=db, keyring_file=keyring_file).returncode == 0
    keyring_file.write_text(json.dumps({}), encoding="utf-8")  # the keyring lost its entry
    before = digest(db)
    said = one_line(run_with_keyring("note", "Ana", "After the keyring lost it", db=db, keyring_file=keyring_file))
    assert "MENTORAPP_PASSPHRASE" in said and "'mentorapp unlock --recovery-key'" in said
    assert digest(db) == before


# -- an emptied record of the schema revision -------------------------------------------------------------
def empty_revision_record(db: Path, *also: str) -> None:
    connection = connect_raw(db, Key(secret=TEST_PASSPHRASE))
    try:
        connection.execute("DELETE FROM alembic_version")
        for statement in also:
            connection.execute(statement)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def test_an_emptied_schema_record_of_a_recognisable_journal_is_put_back(passphrase_journal: Path) -> None:
    empty_revision_record(passphrase_journal)
    saved = run("note", "Marco", "After the record was emptied", db=passphrase_journal)
    assert saved.returncode == 0, saved.stderr
    assert "After the record was emptied" in run("search", "emptied", db=passphrase_journal).stdout
    with Store.open(passphrase_journal, Key(secret=TEST_PASSPHRASE), create=False) as store:
        assert store.revision == SCHEMA_HEAD


def test_an_emptied_schema_record_of_an_unknown_schema_is_refused_with_the_way_out(passphrase_journal: Path) -> None:
    assert run("backup", db=passphrase_journal).returncode == 0
    empty_revision_record(passphrase_journal, "DROP TABLE starter")
    before = digest(passphrase_journal)
    said = one_line(run("note", "Marco", "Onto an unknown schema", db=passphrase_journal))
    assert "lost the record of its schema version" in said and "'mentorapp restore --latest'" in said
    assert digest(passphrase_journal) == before
    restored = run("restore", "--latest", db=passphrase_journal)
    assert restored.returncode == 0, restored.stderr
    assert run("note", "Marco", "After the restore", db=passphrase_journal).returncode == 0


# -- opening while another process upgrades ---------------------------------------------------------------
def journal_at_first_revision(path: Path, *, entries: int) -> None:
    engine = _make_engine(path, Key(secret=TEST_PASSPHRASE))
    try:
        migrate.upgrade(engine, "0001")
        stamp = "2026-01-01 09:00:00"
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO mentee (id, name, role, started_on, cadence_days, thanks_preference, archived, "
                "created_at, updated_at, deleted_at) VALUES (1, 'Ana', '', NULL, 14, '', 0, ?, ?, NULL)",
                (stamp, stamp))
            connection.exec_driver_sql(
                "INSERT INTO entry (mentee_id, at, kind, direction, setting, text, thread_id, goal_id, discussed_on, "
                "created_at, updated_at, deleted_at) VALUES (1, ?, 'progress', 'to_mentee', 'one_on_one', ?, NULL, "
                "NULL, NULL, ?, ?, NULL)",
                [((dt.datetime(2025, 1, 1) + dt.timedelta(minutes=n)).isoformat(" "), f"note number {n}", stamp,
                  stamp) for n in range(entries)])
    finally:
        engine.dispose()


@pytest.mark.slow
def test_opens_during_a_long_upgrade_wait_for_it_instead_of_failing_busy(tmp_path: Path) -> None:
    """Another process upgrades for longer than SQLite's busy timeout: the commands wait, say so, then go on."""
    db = tmp_path / "journal.db"
    journal_at_first_revision(db, entries=2_000)
    folder = backup_folder(db)
    folder.mkdir(mode=0o700)
    upgrader = file_lock.try_acquire(folder / UPGRADE_LOCK_NAME)  # this test is the process upgrading
    assert upgrader is not None
    migration = connect_raw(db, Key(secret=TEST_PASSPHRASE))
    migration.execute("BEGIN IMMEDIATE")  # holds the write lock as a long migration does
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env.update(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", MENTORAPP_PASSPHRASE=TEST_PASSPHRASE,
               PYTHONPATH=str(ROOT))
    started = [subprocess.Popen([sys.executable, "-m", "mentorapp", "--db", str(db), "note", "Ana",
                                 f"Written during the upgrade {n}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env, cwd=tmp_path) for n in range(6)]
    try:
        time.sleep(BUSY_TIMEOUT_MS / 1000 + 3)  # longer than any of them would wait for SQLite's lock
        assert all(process.poll() is None for process in started), "a command gave up during the upgrade"
        migration.execute("ROLLBACK")
        with Store.open(db, Key(secret=TEST_PASSPHRASE), create=False) as store:
            store.upgrade()
    finally:
        migration.close()
        upgrader.release()
    results = [(process.wait(timeout=300), process.stderr.read()) for process in started]  # type: ignore[union-attr]
    assert [status for status, _ in results] == [0] * len(started), results
    waited = 0
    for _, stderr in results:
        lines = stderr.strip().splitlines()
        # One that reached the journal only after the upgrade (a slow start) had nothing to wait for.
        assert lines == [] or (len(lines) == 1 and "is upgrading journal.db; waiting for it to finish" in lines[0])
        waited += len(lines)
    assert waited >= 1
    with Store.open(db, Key(secret=TEST_PASSPHRASE), create=False) as store:
        assert store.revision == SCHEMA_HEAD
        assert store.count_rows("entry") == 2_000 + len(started)
    assert not [p for p in folder.iterdir() if "before-upgrade" in p.name]  # none upgraded it a second time


# -- the private way to give a note -----------------------------------------------------------------------
def test_a_note_from_standard_input_is_saved_as_typed(passphrase_journal: Path) -> None:
    typed = "Seems tired lately;\nasked about the on-call rota"
    saved = run("note", "Marco", "-", "--kind", "concern", db=passphrase_journal, stdin=typed)
    assert saved.returncode == 0, saved.stderr
    found = run("search", "rota", db=passphrase_journal)
    assert "on-call rota" in found.stdout
