"""Use cases for the journal's safety copies: back up, list, configure rotation, restore.

The desk names a backup (`BackupInfo`), the rotation (`BackupPolicy`) and a restore
(`RestoreReport`), and words a backup (`describe_backup`), through this module.
"""

from __future__ import annotations

import builtins
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select

from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.services.base import Service
from mentorapp.models.services.changes import Topic
from mentorapp.models.services.holds import held_sentence
from mentorapp.models.errors import HeldError, describe_exception
from mentorapp.models.storage.store import Key
from mentorapp.models.trust import backups
from mentorapp.models.trust.backups import (
    MAX_KEEP_DAILY,
    MAX_KEEP_WEEKLY,
    BackupInfo,
    BackupPolicy,
    BackupProblem,
    RestoreReport,
    describe_backup,
    what_a_restore_loses,
)

__all__ = [
    "MAX_KEEP_DAILY", "MAX_KEEP_WEEKLY", "BackupInfo", "BackupPolicy", "BackupProblem", "BackupService",
    "RestoreReport", "describe_backup", "what_a_restore_loses",
]

log = logging.getLogger(__name__)
T = TypeVar("T")


class BackupService(Service):
    """Backups of the open journal; a restore announces that everything may have changed."""

    def folder(self) -> Path:
        return backups.backup_folder(self.store.path)

    def list(self) -> list[BackupInfo]:
        """The backups in the journal's backup folder, newest first."""
        return backups.list_backups(self.store.path)

    def back_up_now(self) -> BackupInfo:
        """A backup made by hand into the backup folder (kept at least `keep_daily` days)."""
        return self._logged("manual", lambda: backups.make_backup(self.store, reason=backups.Reason.MANUAL))

    def back_up_before_import(self) -> BackupInfo:
        """The copy made before a JSON import adds to the journal (kept at least `keep_daily` days)."""
        return self._logged(
            "before-import", lambda: backups.make_backup(self.store, reason=backups.Reason.BEFORE_IMPORT)
        )

    def back_up_if_due(self) -> BackupInfo | None:
        """The daily backup, unless one was already made today."""
        return self._logged("daily", lambda: backups.backup_if_due(self.store))

    def back_up_to(self, target: Path | str) -> Path:
        """A copy where the person chose (not rotated); a folder gets a dated file inside."""
        return self._logged("to a chosen file", lambda: backups.backup_to_file(self.store, Path(target)))

    def policy(self) -> BackupPolicy:
        return backups.read_policy(self.store)

    def set_policy(self, policy: BackupPolicy) -> builtins.list[Path]:
        """Keep this many daily and weekly backups from now on; returns the backups rotated away."""
        backups.save_policy(self.store, policy)
        return backups.rotate(self.store.path, policy)

    def rotated_away(self, policy: BackupPolicy, *, today: dt.date) -> builtins.list[BackupInfo]:
        """The backups that rotation under `policy` would delete now (asked before keeping fewer)."""
        existing = self.list()
        keep = backups.backups_to_keep(existing, policy, today=today)
        return [info for info in existing if info.path not in keep]

    def newest_good(self) -> BackupInfo | None:
        return backups.newest_good_backup(self.store.path, self.store.key)

    def problem_with(self, path: Path | str, *, key: Key | None = None) -> BackupProblem | None:
        """Why a backup file cannot be restored with this journal's key (or `key`), or None when it can."""
        return backups.backup_problem(Path(path), key or self.store.key)

    def restore(self, source: Path | str, *, source_key: Key | None = None) -> RestoreReport:
        """Replace the journal's content with a backup (the current journal is backed up first).

        Refused while someone is on hold: a restore would change what is written about them.
        """
        with self.store.read() as session:
            held = session.execute(select(Mentee.name, Mentee.hold_reason)
                                   .where(Mentee.held_on.is_not(None), Mentee.deleted_at.is_(None))).first()
        if held is not None:
            raise HeldError(held_sentence(held.name, held.hold_reason, restoring=True))
        name = self._loggable_name(Path(source))
        try:
            report = backups.restore(self.store, Path(source), source_key=source_key)
        except Exception as exc:
            log.warning("Restore of %s from %s failed: %s", self.store.path.name, name, describe_exception(exc))
            raise
        log.info("Restored %s from %s", self.store.path.name, name)
        self.announce(Topic.JOURNAL)
        return report

    def _logged(self, kind: str, make: Callable[[], T]) -> T:
        """Make a backup, leaving a line in the log either way."""
        try:
            made = make()
        except Exception as exc:
            log.warning("Backup (%s) of %s failed: %s", kind, self.store.path.name, describe_exception(exc))
            raise
        path = made.path if isinstance(made, BackupInfo) else made if isinstance(made, Path) else None
        if path is not None:  # None: today's backup was already made
            log.info("Backup (%s) of %s made: %s", kind, self.store.path.name, self._loggable_name(path))
        return made

    def _loggable_name(self, path: Path) -> str:
        # The backup folder's files are named by the app; a file elsewhere was named by the person.
        return path.name if path.parent == self.folder() else "a file outside the backup folder"
