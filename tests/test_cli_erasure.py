"""Erasure and emptying the trash through the real command line: gone from the journal file, its log, its
full-text index and every backup (read back page by page); and a kill at any moment leaves each copy whole."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorapp.models.services import Services
from mentorapp.models.services.person_records import links
from mentorapp.models.storage.store import Key, Store, connect_raw
from mentorapp.models.trust.backups import Reason, list_backups, make_backup
from tests.conftest import TEST_KEY
from tests.support.pages import plain_pages, plain_wal
from tests.test_cli import run

RAW = TEST_KEY.secret
ENV_KEY = {"MENTORAPP_PASSPHRASE": f"x'{RAW}'"}


def _journal(tmp_path: Path, clock) -> tuple[Path, dict[str, int]]:
    """A journal (raw test key) with two people, marker words in every kind of record, and two backups."""
    from tests.models.test_privacy_hold_access import _person

    path = tmp_path / "journal.db"
    with Store.open(path, TEST_KEY) as store:
        s = Services(store, clock=clock)
        ana = _person(s, "Ana Quokkasdottir", "quokkamark")
        s.entries.trash(ana["entry"])
        _person(s, "Marco Rossi", "keepmark")
        make_backup(store, reason=Reason.MANUAL)
        s.entries.add(mentee_id=ana["mentee"], text="after the backup quokkamark")
        make_backup(store, reason=Reason.BEFORE_IMPORT)
        store.checkpoint()
    return path, ana


def _every_byte(path: Path) -> bytes:
    return plain_pages(path, RAW) + plain_wal(Path(f"{path}-wal"), RAW)


def _mentorapp(*args: str, db: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run(*args, db=db, passphrase=None, extra_env=ENV_KEY, stdin=stdin)


def test_erase_from_a_terminal_reaches_the_file_its_log_the_index_and_every_backup(tmp_path: Path, clock) -> None:
    path, _ana = _journal(tmp_path, clock)
    assert b"quokkamark" in _every_byte(path)
    refused = _mentorapp("mentee", "erase", "Ana", db=path, stdin="Ana Quokkasdottir\n")
    assert refused.returncode == 2 and "run it in a terminal, or add --yes" in refused.stderr
    result = _mentorapp("mentee", "erase", "Ana", "--yes", db=path)
    assert result.returncode == 0, result.stderr
    count = len(list_backups(path))  # two made here, and the command's own daily one when its clock says it is due
    assert "Erased Ana Quokkasdottir for good" in result.stdout and f"{count} of {count} backups" in result.stdout
    assert "cannot be reached" in result.stdout
    everything = _every_byte(path)
    assert b"quokkamark" not in everything and b"Quokkasdottir" not in everything
    assert b"keepmark" in everything  # the others are untouched
    backups = list_backups(path)
    assert len(backups) >= 2
    for info in backups:
        plain = plain_pages(info.path, RAW)
        assert b"quokkamark" not in plain and b"Quokkasdottir" not in plain
        assert b"keepmark" in plain
    search = _mentorapp("search", "quokkamark", db=path)
    assert search.returncode == 0 and search.stdout == ""
    assert "No mentee matches" in _mentorapp("mentee", "erase", "Ana", "--yes", db=path).stderr


def test_a_held_person_cannot_be_erased_from_a_terminal(tmp_path: Path, clock) -> None:
    path, _ana = _journal(tmp_path, clock)
    assert _mentorapp("mentee", "hold", "Ana", "--reason", "Dispute", db=path).returncode == 0
    refused = _mentorapp("mentee", "erase", "Ana", "--yes", db=path)
    assert refused.returncode == 2 and "is on hold (Dispute)" in refused.stderr
    assert b"quokkamark" in _every_byte(path)
    assert all(b"quokkamark" in plain_pages(info.path, RAW) for info in list_backups(path))


def test_empty_the_trash_from_a_terminal_purges_journal_and_backups(tmp_path: Path, clock) -> None:
    path, _ana = _journal(tmp_path, clock)
    result = _mentorapp("trash", "empty", "--yes", db=path)
    assert result.returncode == 0, result.stderr
    everything = _every_byte(path)
    assert b"trashed quokkamark" not in everything and b"private quokkamark" not in everything
    assert b"first quokkamark" in everything  # what was not in the trash stays
    for info in list_backups(path):
        plain = plain_pages(info.path, RAW)
        assert b"trashed quokkamark" not in plain and b"first quokkamark" in plain
    assert "The trash is empty." in _mentorapp("trash", "empty", "--yes", db=path).stdout


# -- kills ---------------------------------------------------------------------------------------
def _about(path: Path, mentee_id: int) -> int:
    """How many rows of the journal or backup at `path` are about the mentee (0: erased)."""
    connection = connect_raw(path, Key(secret=RAW, raw=True, source="test"))
    try:
        assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        count = connection.execute("SELECT count(*) FROM mentee WHERE id = ?", (mentee_id,)).fetchone()[0]
        for link in links():
            if link.via is None:
                query = f'SELECT count(*) FROM "{link.table.name}" WHERE mentee_id = ?'
            else:
                query = (f'SELECT count(*) FROM "{link.table.name}" WHERE "{link.column}" IN '
                         f'(SELECT id FROM "{link.via.name}" WHERE mentee_id = ?)')
            count += connection.execute(query, (mentee_id,)).fetchone()[0]
        return int(count)
    finally:
        connection.close()


def _kill_loop(tmp_path: Path, clock, rounds: int) -> set[str]:
    (tmp_path / "template").mkdir()
    template, ana = _journal(tmp_path / "template", clock)
    before = {"journal": _about(template, ana["mentee"])}
    for info in list_backups(template):
        before[info.path.name] = _about(info.path, ana["mentee"])
    seen: set[str] = set()
    chance = random.Random(11)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env.update(ENV_KEY, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")

    def fresh(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        path = folder / "journal.db"
        shutil.copyfile(template, path)
        shutil.copytree(Path(f"{template}-backups"), Path(f"{path}-backups"))
        return path

    def erase(path: Path) -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-m", "mentorapp", "--db", str(path), "mentee", "erase", "Ana",
                                 "--yes"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # How long a whole erasure takes on this machine now (it varies with its load): kills land across it.
    started = time.monotonic()
    assert erase(fresh("timing")).wait() == 0
    duration = time.monotonic() - started
    for number in range(rounds):
        path = fresh(f"round{number}")
        process = erase(path)
        time.sleep(chance.uniform(0.05, 1.05) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        state = _about(path, ana["mentee"])
        assert state in (0, before["journal"]), f"round {number}: the journal is half erased"
        seen.add("journal erased" if state == 0 else "journal kept")
        for info in list_backups(path):
            held = _about(info.path, ana["mentee"])
            # A backup the killed command made itself (its daily one) is a copy of the journal before.
            whole = before.get(info.path.name, before["journal"])
            assert held in (0, whole), f"round {number}: {info.path.name} is half erased"
            seen.add("backup erased" if held == 0 else "backup kept")
        # Whatever state it was left in, erasing again finishes the work.
        if state:
            assert _mentorapp("mentee", "erase", "Ana", "--yes", db=path).returncode == 0
        assert _about(path, ana["mentee"]) == 0
        assert all(_about(info.path, ana["mentee"]) == 0 for info in list_backups(path))
        assert not [p for p in Path(f"{path}-backups").iterdir() if p.name.endswith(".partial")]
    return seen


def test_a_kill_during_erasure_leaves_each_copy_before_or_after(tmp_path: Path, clock) -> None:
    _kill_loop(tmp_path, clock, rounds=4)


@pytest.mark.slow
def test_a_kill_at_any_moment_of_erasure_leaves_each_copy_before_or_after_many_rounds(tmp_path: Path, clock) -> None:
    seen = _kill_loop(tmp_path, clock, rounds=30)
    assert {"journal erased", "journal kept"} <= seen  # kills landed both before and after the journal's step
