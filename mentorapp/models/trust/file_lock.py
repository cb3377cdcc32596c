"""An operating-system lock on a file, held while a context is open: flock on POSIX, msvcrt on Windows.

The system lets go of it when the process ends, however it ends, so a lock is never
left "stale" by a crash, and nothing in the file's content has to be trusted.
A lock file may be removed by the holder (`remove` while holding it); anyone waiting
on the removed file notices after taking it and starts again on the new one.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mentorapp.models.errors import StoreError

POLL_SECONDS = 0.02

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(descriptor: int, *, exclusive: bool) -> bool:
        del exclusive  # Windows locks are exclusive only
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int, *, exclusive: bool) -> bool:
        try:
            fcntl.flock(descriptor, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


def _open(path: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags, 0o600)
    if sys.platform != "win32":
        os.fchmod(descriptor, 0o600)
    return descriptor


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    held = os.fstat(descriptor)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


class HeldLock:
    """A lock that is held; `remove` deletes its file while still holding it (then lets go)."""

    def __init__(self, path: Path, descriptor: int) -> None:
        self.path = path
        self.descriptor = descriptor
        self.removed = False

    def write(self, text: str) -> None:
        """Replace the lock file's content (for example with the holder's process id)."""
        os.ftruncate(self.descriptor, 0)
        os.lseek(self.descriptor, 0, os.SEEK_SET)
        os.write(self.descriptor, text.encode("utf-8"))

    def remove(self) -> None:
        if not self.removed and sys.platform != "win32":  # Windows cannot remove an open file
            self.path.unlink(missing_ok=True)
            self.removed = True

    def release(self) -> None:
        if self.descriptor < 0:
            return
        try:
            if not self.removed:
                _unlock(self.descriptor)
        finally:
            os.close(self.descriptor)
            self.descriptor = -1


def try_acquire(path: Path, *, exclusive: bool = True) -> HeldLock | None:
    """The lock on `path` if it can be had at once, else None. Raises OSError when the file cannot be made."""
    while True:
        descriptor = _open(path)
        if not _try_lock(descriptor, exclusive=exclusive):
            os.close(descriptor)
            return None
        if _same_file(descriptor, path):
            return HeldLock(path, descriptor)
        os.close(descriptor)  # removed by its last holder while we took it: take the new one


def acquire(path: Path, *, exclusive: bool = True, timeout: float, busy_message: str) -> HeldLock:
    """The lock on `path`, waiting up to `timeout` seconds; StoreError(`busy_message`) after that."""
    deadline = time.monotonic() + timeout
    while True:
        held = try_acquire(path, exclusive=exclusive)
        if held is not None:
            return held
        if time.monotonic() >= deadline:
            raise StoreError(busy_message)
        time.sleep(POLL_SECONDS)


@contextmanager
def holding(path: Path, *, exclusive: bool = True, timeout: float, busy_message: str) -> Iterator[HeldLock]:
    held = acquire(path, exclusive=exclusive, timeout=timeout, busy_message=busy_message)
    try:
        yield held
    finally:
        held.release()
