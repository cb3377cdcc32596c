"""The count of wrong keys: growing waits, tries killed half-way, and guessing in many processes at once."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from mentorapp.models.clock import FixedClock
from mentorapp.models.errors import StoreError, WrongKeyError
from mentorapp.models.storage.atomic import make_private_folder
from mentorapp.models.trust import guesses
from mentorapp.models.trust.guesses import FREE_TRIES, GuessLimiter, TooManyGuessesError, count_path, wait_after

NOW = dt.datetime(2026, 11, 29, 14, 0)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    path.write_bytes(b"x" * 4096)
    return path


def wrong_try(limiter: GuessLimiter) -> None:
    with pytest.raises(WrongKeyError), limiter.attempt():
        raise WrongKeyError("no")


def test_the_wait_grows_after_the_free_tries_and_a_right_key_clears_it(journal: Path) -> None:
    assert [wait_after(n) for n in range(FREE_TRIES + 5)] == [0, 0, 0, 5, 10, 20, 40, 80]
    assert wait_after(100) == 15 * 60
    clock = FixedClock(NOW)
    limiter = GuessLimiter(journal, clock=clock)
    for _ in range(FREE_TRIES):
        wrong_try(limiter)
    assert limiter.retry_in() == 5
    with pytest.raises(TooManyGuessesError) as refused, limiter.attempt():
        raise AssertionError("nothing is tried while the wait runs")
    assert refused.value.retry_in == 5
    clock.advance(dt.timedelta(seconds=5))
    wrong_try(limiter)
    assert limiter.retry_in() == 10
    clock.advance(dt.timedelta(seconds=10))
    with limiter.attempt():
        pass  # the right key
    assert limiter.retry_in() == 0 and not count_path(journal).exists()


def test_a_try_whose_process_was_killed_half_way_counts_as_wrong(journal: Path) -> None:
    clock = FixedClock(NOW)
    limiter = GuessLimiter(journal, clock=clock)
    for _ in range(FREE_TRIES - 1):
        wrong_try(limiter)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    path = count_path(journal)
    began = int(path.read_text().split()[1])
    path.write_text(path.read_text() + f"{dead_pid} abcd1234 {began}\n")  # as a killed guesser leaves it
    assert limiter.retry_in() == 5


def test_tries_in_progress_elsewhere_use_up_the_free_ones(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guesses, "BUSY_WAIT_SECONDS", 0.2)
    clock = FixedClock(NOW)
    limiter = GuessLimiter(journal, clock=clock)
    others = [subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) for _ in range(FREE_TRIES)]
    try:
        stamp = int(dt.datetime(2026, 11, 29, 14, 0, tzinfo=dt.UTC).timestamp())
        make_private_folder(count_path(journal).parent)  # as the app makes it: other tests check its mode
        count_path(journal).write_text("0 0\n" + "".join(f"{p.pid} t{n} {stamp}\n" for n, p in enumerate(others)))
        with pytest.raises(StoreError, match="Other programs are trying keys"), limiter.attempt():
            raise AssertionError("a fourth guess at once is not tried")
    finally:
        for process in others:
            process.kill()
            process.wait()
    assert limiter.retry_in() == 5  # the guessers were killed half-way: their tries count as wrong ones
