"""A growing wait after wrong keys, kept across processes: a journal's key is not guessed quickly through MentorApp.

Every passphrase or recovery key a person (or a script, through MENTORAPP_PASSPHRASE)
tries on a journal is counted before it is tried, in a small file of the user's own:
the count of wrong tries in a row and when the last one began, nothing else. The first
FREE_TRIES cost nothing; after that each try must wait FIRST_WAIT_SECONDS, doubling with
every further wrong one up to MAX_WAIT_SECONDS. A key that fits clears the count. The
count is taken before the key is derived, so killing the process half-way does not
escape it, and two processes guessing at once count each other's tries.

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_state_path

from mentorapp.models.clock import SYSTEM_CLOCK, Clock
from mentorapp.models.errors import StoreError, WrongKeyError
from mentorapp.models.storage.atomic import make_private_folder
from mentorapp.models.trust import file_lock

log = logging.getLogger(__name__)

FREE_TRIES = 3  # one prompt's worth: a person who mistypes is never made to wait
FIRST_WAIT_SECONDS = 5
MAX_WAIT_SECONDS = 15 * 60
LOCK_TIMEOUT_SECONDS = 10.0


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
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} minutes"


@dataclass(frozen=True, slots=True)
class _Count:
    failures: int = 0
    last: int = 0  # when the last counted try began, in seconds since the epoch (UTC)


def _identity(journal: Path) -> str:
    """The journal's file itself (device and inode) when it exists, else its resolved path."""
    try:
        info = os.stat(journal)
    except OSError:
        return f"path:{Path(journal).resolve()}"
    return f"file:{info.st_dev}:{info.st_ino}"


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
        return self._remaining(_parse(text))

    def _remaining(self, count: _Count) -> int:
        now = self._now()
        last = min(count.last, now)  # a clock set back never makes the wait longer than it was
        return max(0, last + wait_after(count.failures) - now)

    @contextmanager
    def attempt(self) -> Iterator[None]:
        """Count one try of a key around the block: refused at once while a wait is due.

        Raises TooManyGuessesError before anything is tried. A WrongKeyError from the block
        keeps the try counted; success clears the count; any other failure takes the try back.
        """
        self._begin()
        try:
            yield
        except WrongKeyError:
            log.info("Wrong key for %s", self.journal.name)
            raise
        except BaseException:
            self._update(lambda count: _Count(max(0, count.failures - 1), count.last))
            raise
        self._update(lambda count: _Count())

    def _begin(self) -> None:
        def counted(count: _Count) -> _Count:
            wait = self._remaining(count)
            if wait > 0:
                raise TooManyGuessesError(
                    f"Too many wrong keys for {self.journal} in a row; try again in {describe_wait(wait)}.",
                    retry_in=wait,
                )
            return _Count(count.failures + 1, self._now())

        self._update(counted)

    def _update(self, change: Callable[[_Count], _Count]) -> None:
        """Read, change and write the count under the file's own lock (another process may be counting too)."""
        try:
            make_private_folder(self.path.parent)
            held = file_lock.acquire(self.path, timeout=LOCK_TIMEOUT_SECONDS,
                                     busy_message=f"The journal {self.journal} is busy; try again.")
        except OSError as exc:
            # A state folder that cannot be written must not lock a person out of their notes.
            log.warning("Cannot count tries of a key (%s)", type(exc).__name__)
            return
        try:
            count = _parse(_read(held.descriptor))
            new = change(count)
            if new.failures == 0:
                held.remove()
            elif new != count:
                held.write(f"{new.failures} {new.last}\n")
        finally:
            held.release()



def _read(descriptor: int) -> str:
    os.lseek(descriptor, 0, os.SEEK_SET)
    return os.read(descriptor, 256).decode("ascii", "replace")


def _parse(text: str) -> _Count:
    """The count in a file's text; a damaged file counts as FREE_TRIES wrong tries, never as none."""
    parts = text.split()
    if not parts:
        return _Count()
    try:
        failures, last = int(parts[0]), int(parts[1])
    except (IndexError, ValueError):
        return _Count(FREE_TRIES, 0)
    return _Count(max(0, failures), max(0, last))
