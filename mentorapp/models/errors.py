"""The one error type for mistakes a user can make, shown as a single sentence, and its kinds.

Callers tell failures apart by these types, never by their wording. At run time this
module imports nothing of the project (the names below are for type checkers only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from mentorapp.models.storage.store import Key
    from mentorapp.models.trust.backups import BackupInfo


class MentorAppError(Exception):
    """A problem the user can understand and fix; its message is one clear sentence."""


class NotFoundError(MentorAppError):
    """The thing asked for does not exist (or is in the trash)."""


class StoreError(MentorAppError):
    """The journal file cannot be opened: wrong key, damaged file, newer schema."""


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


class JournalMissingError(JournalDamagedError):
    """The journal is gone (or empty) but its backup folder still holds backups of it."""


class JournalLockedError(StoreError):
    """The desk is locked: the key has been put away until someone unlocks it."""
