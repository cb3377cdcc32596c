"""What commands killed half-way leave behind is cleared by the next command, and never listed as a backup.

Through the real command line: `backup`, `restore --latest`, `export` and `packet` are
SIGKILLed after a seeded random delay; the next command (`backup --list`) must leave no
temporary file beside the journal or in its backup folder, list only whole backups, and
the journal must still hold what it held.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorapp.models.storage.store import Key
from mentorapp.models.trust import backups
from tests.conftest import TEST_PASSPHRASE
from tests.test_cli_rekey import cli_env, leftovers, mentorapp, notes_in

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261204


def started(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "mentorapp", "--db", str(db), *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env=cli_env(TEST_PASSPHRASE))


def took(db: Path, *args: str) -> float:
    begun = time.monotonic()
    done = mentorapp(*args, db=db, passphrase=TEST_PASSPHRASE)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - begun


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    db = tmp_path / "journal.db"
    assert mentorapp("mentee", "add", "Priya Raman", db=db, passphrase=TEST_PASSPHRASE).returncode == 0
    assert mentorapp("note", "priya", "Shipped the importer", db=db, passphrase=TEST_PASSPHRASE).returncode == 0
    assert mentorapp("backup", db=db, passphrase=TEST_PASSPHRASE).returncode == 0
    return db


@pytest.mark.parametrize("command", ["backup", "restore", "export", "packet"])
def test_a_command_killed_half_way_leaves_nothing_the_next_one_does_not_clear(journal: Path, tmp_path: Path,
                                                                             command: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = {
        "backup": ("backup",),
        "restore": ("restore", "--latest"),
        "export": ("export", str(out / "journal.json")),
        "packet": ("packet", "priya", "-o", str(out / "priya.pdf")),
    }[command]
    duration = took(journal, *args)
    chance = random.Random(f"{SEED}-{command}")
    for _round in range(2):
        process = started(journal, *args)
        time.sleep(chance.uniform(0, duration))
        process.send_signal(signal.SIGKILL)
        process.communicate()
        listed = mentorapp("backup", "--list", db=journal, passphrase=TEST_PASSPHRASE)
        assert listed.returncode == 0, listed.stderr
        assert ".partial" not in listed.stdout
        assert leftovers(journal) == []
        for info in backups.list_backups(journal):
            assert backups.backup_problem(info.path, Key(secret=TEST_PASSPHRASE)) is None, info.path.name
        assert notes_in(journal, TEST_PASSPHRASE) == {"Shipped the importer"}
        # A half-written output is hidden and marked partial, never under the name asked for.
        for path in out.iterdir():
            assert not path.name.startswith(".") or ".partial" in path.name or path.name.endswith(".part")
    # Writing the same file again clears what the killed runs left beside it.
    took(journal, *args)
    expected = {"export": ["journal.json"], "packet": ["priya.pdf"]}.get(command, [])
    assert sorted(p.name for p in out.iterdir()) == expected


def test_a_half_written_backup_in_the_folder_is_not_a_backup(journal: Path) -> None:
    folder = backups.backup_folder(journal)
    name = backups.list_backups(journal)[0].path.name
    (folder / f"{name}.0123456789ab.partial").write_bytes(os.urandom(4096))
    listed = mentorapp("backup", "--list", db=journal, passphrase=TEST_PASSPHRASE)
    assert listed.returncode == 0 and ".partial" not in listed.stdout
    assert leftovers(journal) == []
