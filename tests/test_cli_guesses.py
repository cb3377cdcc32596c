"""Guessing a journal's passphrase through the command line costs a growing wait, kept between processes."""

from __future__ import annotations

import calendar
import os
import pty
import re
import select
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mentorapp.models.clock import SYSTEM_CLOCK
from mentorapp.models.trust.guesses import FIRST_WAIT_SECONDS, FREE_TRIES, count_path, wait_after
from tests.conftest import TEST_PASSPHRASE
from tests.test_cli import digest, run


def wait_out(journal: Path) -> None:
    """Let the wait pass (the clock moves on): the last counted try began long enough ago."""
    path = count_path(journal)
    failures, _last = (int(part) for part in path.read_text().split())
    # Long ago for any clock: a process's clock may lag this one's (libfaketime starts each at the same moment).
    now = calendar.timegm(SYSTEM_CLOCK.utcnow().timetuple())
    path.write_text(f"{failures} {min(now, 10**9) - wait_after(failures)}\n")


def as_if_just_now(journal: Path) -> None:
    """The last wrong try was told wrong this very moment (a loaded machine may take seconds to start the next)."""
    path = count_path(journal)
    failures, _last = (int(part) for part in path.read_text().split())
    path.write_text(f"{failures} {2**40}\n")  # later than now: a clock set back counts the wait from now


@pytest.fixture(autouse=True)
def no_count_yet(passphrase_journal: Path) -> None:
    """Each test starts with no wrong tries: a copy of the same template at a reused inode is the same file."""
    count_path(passphrase_journal).unlink(missing_ok=True)


def test_wrong_passphrases_in_a_row_make_the_next_process_wait(passphrase_journal: Path) -> None:
    before = digest(passphrase_journal)
    for _ in range(FREE_TRIES):
        wrong = run("mentee", "list", db=passphrase_journal, passphrase="not it")
        assert wrong.returncode == 2
        assert "does not open" in wrong.stderr or "wrong" in wrong.stderr.lower(), wrong.stderr

    as_if_just_now(passphrase_journal)
    refused = run("mentee", "list", db=passphrase_journal)  # even the right passphrase is not tried yet
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1
    said = re.fullmatch(rf"mentorapp: Too many wrong keys for {re.escape(str(passphrase_journal))} in a row; "
                        r"try again in (\d+) seconds?\.", lines[0])
    assert said is not None, lines[0]
    assert 0 < int(said.group(1)) <= FIRST_WAIT_SECONDS
    assert refused.stdout == ""
    assert digest(passphrase_journal) == before

    # What is kept is a count and a time, private to the user, beside no journal.
    counted = count_path(passphrase_journal)
    assert stat.S_IMODE(counted.stat().st_mode) == 0o600
    assert stat.S_IMODE(counted.parent.stat().st_mode) == 0o700
    assert TEST_PASSPHRASE not in counted.read_text() and "not it" not in counted.read_text()
    assert {p.name for p in passphrase_journal.parent.iterdir()} <= {"cli.db", "cli.db.create-lock"}

    wait_out(passphrase_journal)
    again = run("mentee", "list", db=passphrase_journal, passphrase="still not it")
    assert again.returncode == 2 and "does not open" in again.stderr
    as_if_just_now(passphrase_journal)
    longer = run("mentee", "list", db=passphrase_journal)
    waited = re.search(r"try again in (\d+) seconds", longer.stderr)
    assert waited is not None and FIRST_WAIT_SECONDS < int(waited.group(1)) <= 2 * FIRST_WAIT_SECONDS  # doubled

    wait_out(passphrase_journal)
    opened = run("mentee", "list", db=passphrase_journal)
    assert opened.returncode == 0, opened.stderr
    assert not counted.exists()  # the right key clears the count
    for _ in range(FREE_TRIES):
        assert run("mentee", "list", db=passphrase_journal, passphrase="typo").returncode == 2
    as_if_just_now(passphrase_journal)
    assert run("mentee", "list", db=passphrase_journal).returncode == 2  # three free tries again, then the wait


def test_a_hard_link_to_the_journal_shares_its_count(passphrase_journal: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    link = other / "same.db"
    os.link(passphrase_journal, link)
    for _ in range(FREE_TRIES):
        assert run("mentee", "list", db=link, passphrase="guess").returncode == 2
    as_if_just_now(passphrase_journal)
    refused = run("mentee", "list", db=passphrase_journal)
    assert "Too many wrong keys" in refused.stderr


def test_a_terminal_is_told_to_wait_before_it_is_asked_to_type(passphrase_journal: Path) -> None:
    for _ in range(FREE_TRIES):
        assert run("mentee", "list", db=passphrase_journal, passphrase="not it").returncode == 2
    as_if_just_now(passphrase_journal)
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    try:
        child = subprocess.run([sys.executable, "-m", "mentorapp", "--db", str(passphrase_journal), "mentee", "list"],
                               stdin=terminal, stdout=terminal, stderr=terminal, env=env, timeout=120)
        shown = b""
        while select.select([controller], [], [], 0.2)[0]:
            shown += os.read(controller, 4096)
    finally:
        os.close(controller)
        os.close(terminal)
    text = shown.decode()
    assert child.returncode == 2
    assert "Too many wrong keys" in text and "try again in" in text
    assert "Passphrase" not in text  # nobody was asked to type a key that would not be tried
