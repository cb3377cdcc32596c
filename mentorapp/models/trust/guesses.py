"""A growing wait after wrong keys, kept across processes: a journal's key is not guessed quickly through MentorApp.

Every passphrase or recovery key a person (or a script, through MENTORAPP_PASSPHRASE)
tries on a journal is counted in a small file of the user's own: the count of wrong
tries in a row, when the last one was found wrong, and the tries in progress (process
id, a random token, when each began), nothing else. The first FREE_TRIES cost nothing;
after that each try must wait FIRST_WAIT_SECONDS, doubling with every further wrong one
up to MAX_WAIT_SECONDS. A key that fits clears the count. Each try
is registered before the key is derived, so a process killed half-way (perhaps once it
had its answer) counts as a wrong try, and tries already in progress use up the free
ones, so guessing in many processes at once gets no further than one after another.

The command line is a new process for every guess, so the count lives on disk, in
`<user state folder>/MentorApp/guesses/` (0700; each file 0600), one file per journal
file (named after its device and inode, so another path or a hard link to it shares the
count). It only slows guessing through this program: a copy of the file can be guessed
offline at the speed of the key derivation (docs/security.md says how fast that is).
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import os
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from platformdirs import user_state_path

from mentorapp.i18n import _, ngettext
from mentorapp.models.clock import SYSTEM_CLOCK, Clock
from mentorapp.models.errors import StoreError, WrongKeyError
from mentorapp.models.storage.atomic import make_private_folder
from mentorapp.models.trust import file_lock

log = logging.getLogger(__name__)

FREE_TRIES = 3  # one prompt's worth: a person who mistypes is never made to wait
FIRST_WAIT_SECONDS = 5
MAX_WAIT_SECONDS = 15 * 60
LOCK_TIMEOUT_SECONDS = 10.0
STALE_TRY_SECONDS = 10 * 60  # a try still "in progress" after this long died (its process id was reused)
BUSY_WAIT_SECONDS = 60.0  # how long a try waits for others in progress to end
POLL_SECONDS = 0.05


class TooManyGuessesError(StoreError):
    """Too many wrong keys in a row: the next try must wait `retry_in` seconds. Nothing was tried."""

    def __init__(self, message: str, *, retry_in: int) -> None:
        super().__init__(message)
        self.retry_in = retry_in


def wait_after(failures: int) -> int:
    """Seconds the next try waits after `failures` wrong tries in a row."""
    if failures < FREE_TRIES:
        return 0
    doublings: int = min(failures - FREE_TRIES, 20)
    return min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS << doublings)


def describe_wait(seconds: int) -> str:
    """"40 seconds", "2 minutes", "15 minutes" (rounded up: never sooner than said)."""
    # Translators: ends "… try again in {wait}."
    if seconds < 90:
        return ngettext("{n} second", "{n} seconds", seconds).format(n=seconds)
    minutes = -(-seconds // 60)
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)


@dataclass(frozen=True, slots=True)
class _Try:
    """A try in progress: which process, a token of its own, and when it began."""

    pid: int
    token: str
    began: int


@dataclass(frozen=True, slots=True)
class _Count:
    failures: int = 0
    last: int = 0  # when the last wrong try was told wrong, in seconds since the epoch (UTC)
    trying: tuple[_Try, ...] = ()

    def text(self) -> str:
        return "".join([f"{self.failures} {self.last}\n", *(f"{t.pid} {t.token} {t.began}\n" for t in self.trying)])


def _identity(journal: Path) -> str:
    """The journal's file itself when it exists, else its resolved path.

    Device and inode name the file whatever path or hard link reaches it; its first 16 bytes
    (SQLCipher's random salt, not secret) tell it from a later journal that reuses the inode
    of a deleted one, so a new journal never inherits an old one's wrong tries.
    """
    try:
        info = os.stat(journal)
        with open(journal, "rb") as file:
            salt = file.read(16)
    except OSError:
        return f"path:{Path(journal).resolve()}"
    return f"file:{info.st_dev}:{info.st_ino}:{salt.hex()}"


def guesses_folder() -> Path:
    """Where the counts are kept: the user's state folder (XDG_STATE_HOME on Linux)."""
    return user_state_path("MentorApp", appauthor=False) / "guesses"


def count_path(journal: Path) -> Path:
    """The file that holds `journal`'s count of wrong tries (it need not exist)."""
    name = hashlib.sha256(_identity(journal).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return guesses_folder() / name


class GuessLimiter:
    """The count of wrong tries on one journal, and the wait it imposes; `clock` is injected for tests."""

    def __init__(self, journal: Path | str, *, clock: Clock | None = None) -> None:
        self.journal = Path(journal).expanduser()
        self.clock = clock or SYSTEM_CLOCK
        self.path = count_path(self.journal)

    def _now(self) -> int:
        return calendar.timegm(self.clock.utcnow().timetuple())

    def retry_in(self) -> int:
        """Seconds until the next key may be tried on the journal (0: now)."""
        try:
            text = self.path.read_text(encoding="ascii")
        except (OSError, ValueError):
            return 0
        return self._remaining(self._settled(_parse(text)))

    def refuse_while_waiting(self) -> None:
        """TooManyGuessesError now when a wait is due (before asking anyone to type a key)."""
        wait = self.retry_in()
        if wait > 0:
            raise self._refusal(wait)

    def _refusal(self, wait: int) -> TooManyGuessesError:
        return TooManyGuessesError(
            _("Too many wrong keys for {path} in a row; try again in {wait}.").format(
                path=self.journal, wait=describe_wait(wait)), retry_in=wait)

    def _remaining(self, count: _Count) -> int:
        now = self._now()
        last = min(count.last, now)  # a clock set back never makes the wait longer than it was
        return max(0, last + wait_after(count.failures) - now)

    def _settled(self, count: _Count) -> _Count:
        """Tries whose process died (killed half-way, perhaps once it had its answer) count as wrong ones."""
        now = self._now()
        alive = tuple(t for t in count.trying if now - t.began < STALE_TRY_SECONDS and _running(t.pid))
        gone = [t for t in count.trying if t not in alive]
        if not gone:
            return count
        return _Count(count.failures + len(gone), max(count.last, *(t.began for t in gone)), alive)

    @contextmanager
    def attempt(self) -> Iterator[None]:
        """Count one try of a key around the block: refused at once while a wait is due.

        Raises TooManyGuessesError before anything is tried. A WrongKeyError from the block
        counts as a wrong try; success clears the count; any other failure counts nothing.
        """
        mine = _Try(os.getpid(), secrets.token_hex(4), self._now())
        if not self._begin(mine):
            yield  # the count cannot be kept here (see _update): the key is tried all the same
            return
        try:
            yield
        except WrongKeyError:
            log.info("Wrong key for %s", self.journal.name)
            self._update(lambda c: _Count(c.failures + 1, self._now(), _without(c.trying, mine)))
            raise
        except BaseException:
            self._update(lambda c: _Count(c.failures, c.last, _without(c.trying, mine)))
            raise
        self._update(lambda c: _Count(0, 0, _without(c.trying, mine)))

    def _begin(self, mine: _Try) -> bool:
        """Register `mine` as a try in progress once one may start; False when nothing can be counted.

        While a wait is due: TooManyGuessesError. Tries already in progress use up the free ones
        (or, after them, the one that each wait allows): then this one waits for them to end, so
        guessing in many processes at once is no way around the count.
        """
        verdict: list[str] = []

        def counted(count: _Count) -> _Count:
            count = self._settled(count)
            wait = self._remaining(count)
            if wait > 0:
                verdict.append("wait")
                raise self._refusal(wait)
            allowed = FREE_TRIES - count.failures if count.failures < FREE_TRIES else 1
            if len(count.trying) >= allowed:
                verdict.append("busy")
                return count
            verdict.append("started")
            return _Count(count.failures, count.last, (*count.trying, replace(mine, began=self._now())))

        waited = 0.0
        while True:
            verdict.clear()
            if not self._update(counted):
                return False
            if verdict == ["started"]:
                return True
            if waited >= BUSY_WAIT_SECONDS:
                raise StoreError(_("Other programs are trying keys on {path}; try again in a moment.").format(
                    path=self.journal))
            time.sleep(POLL_SECONDS)
            waited += POLL_SECONDS

    def _update(self, change: Callable[[_Count], _Count]) -> bool:
        """Read, change and write the count under the file's own lock (another process may be counting too).

        False when the state folder cannot be written: that must not lock a person out of their notes.
        """
        try:
            make_private_folder(self.path.parent)
            held = file_lock.acquire(self.path, timeout=LOCK_TIMEOUT_SECONDS,
                                     busy_message=_("The journal {path} is busy; try again.").format(path=self.journal))
        except OSError as exc:
            log.warning("Cannot count tries of a key (%s)", type(exc).__name__)
            return False
        try:
            count = _parse(_read(held.descriptor))
            new = change(count)
            if new.failures == 0 and not new.trying:
                held.remove()
            elif new != count:
                held.write(new.text())
        finally:
            held.release()
        return True


def _without(trying: tuple[_Try, ...], mine: _Try) -> tuple[_Try, ...]:
    return tuple(t for t in trying if t.token != mine.token)


def _running(pid: int) -> bool:
    """Whether process `pid` still runs (on Windows, assumed until the try is stale)."""
    if sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: it exists
    return True


def _read(descriptor: int) -> str:
    os.lseek(descriptor, 0, os.SEEK_SET)
    return os.read(descriptor, 256).decode("ascii", "replace")


def _parse(text: str) -> _Count:
    """The count in a file's text; a damaged file counts as FREE_TRIES wrong tries, never as none."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return _Count()
    try:
        failures, last = (int(part) for part in lines[0].split())
        trying = []
        for line in lines[1:]:
            pid, token, began = line.split()
            trying.append(_Try(int(pid), token, int(began)))
    except ValueError:
        return _Count(FREE_TRIES, 0)
    return _Count(max(0, failures), max(0, last), tuple(trying))
