"""The error types a user can meet, each shown as a single sentence; and how any error is logged.

Callers tell failures apart by these types, never by their wording. At run time this
module imports nothing of the project (the names below are for type checkers only).
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from mentorapp.models.storage.store import Key
    from mentorapp.models.trust.backups import BackupInfo


class MentorAppError(Exception):
    """A problem the user can understand and fix; its message is one clear sentence."""


class NotFoundError(MentorAppError):
    """The thing asked for does not exist (or is in the trash)."""


class HeldError(MentorAppError):
    """The person is on hold: nothing already written about them may change or go."""


class StoreError(MentorAppError):
    """The journal file cannot be opened: wrong key, damaged file, newer schema."""


def describe_exception(exc: BaseException) -> str:
    """An exception for the log: its type, and codes that carry no content (errno, SQLite's code name).

    Never its message: messages quote what someone typed, or the SQL and parameters given.
    """
    kind = type(exc)
    name = kind.__qualname__
    if kind.__module__ not in ("builtins", "__main__"):
        name = f"{kind.__module__}.{name}"
    details: list[str] = []
    if isinstance(exc, OSError) and exc.errno is not None:
        details.append(errno.errorcode.get(exc.errno, str(exc.errno)))
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    for source in (exc, orig):
        code_name = getattr(source, "sqlite_errorname", None)
        if isinstance(code_name, str):
            details.append(code_name)
            break
    return f"{name} ({', '.join(details)})" if details else name
class WrongKeyError(StoreError):
    """The key does not decrypt this file (or the file is not a journal at all)."""


class JournalDamagedError(StoreError):
    """The journal's file is damaged: the key fits, but SQLite cannot read all of it.

    `key` is the key that is known to be right (it opens the journal's backups), so a
    restore can go ahead without asking again; `backup` is the newest backup that opens
    with it and passes SQLite's checks, when there is one. Neither appears in the message.
    """

    def __init__(self, message: str, *, path: Path, key: Key | None = None, backup: BackupInfo | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.key = key
        self.backup = backup


class JournalIncompleteError(JournalDamagedError):
    """The journal opens, but holds fewer changes than it acknowledged (`missing` of them):
    SQLite dropped the end of a damaged write-ahead log."""

    def __init__(self, message: str, *, path: Path, missing: int, key: Key | None = None,
                 backup: BackupInfo | None = None) -> None:
        super().__init__(message, path=path, key=key, backup=backup)
        self.missing = missing


class JournalMissingError(JournalDamagedError):
    """The journal is gone (or empty) but its backup folder still holds backups of it."""


class JournalLockedError(StoreError):
    """The desk is locked: the key has been put away until someone unlocks it."""
