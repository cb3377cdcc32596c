"""Use cases for the journal's safety copies: back up, list, configure rotation, restore.

The desk names a backup (`BackupInfo`), the rotation (`BackupPolicy`) and a restore
(`RestoreReport`), and words a backup (`describe_backup`), through this module.
"""

from __future__ import annotations

import builtins
import datetime as dt
from pathlib import Path

from mentorapp.models.services.base import Service
from mentorapp.models.services.changes import Topic
from mentorapp.models.storage.store import Key
from mentorapp.models.trust import backups
from mentorapp.models.trust.backups import (
    MAX_KEEP_DAILY,
    MAX_KEEP_WEEKLY,
    BackupInfo,
    BackupPolicy,
    RestoreReport,
    describe_backup,
)

__all__ = [
    "MAX_KEEP_DAILY", "MAX_KEEP_WEEKLY", "BackupInfo", "BackupPolicy", "BackupService", "RestoreReport",
    "describe_backup",
]


class BackupService(Service):
    """Backups of the open journal; a restore announces that everything may have changed."""

    def folder(self) -> Path:
        return backups.backup_folder(self.store.path)

    def list(self) -> list[BackupInfo]:
        """The backups in the journal's backup folder, newest first."""
        return backups.list_backups(self.store.path)

    def back_up_now(self) -> BackupInfo:
        """A backup made by hand into the backup folder (kept at least `keep_daily` days)."""
        return backups.make_backup(self.store, reason=backups.Reason.MANUAL)

    def back_up_before_import(self) -> BackupInfo:
        """The copy made before a JSON import adds to the journal (kept at least `keep_daily` days)."""
        return backups.make_backup(self.store, reason=backups.Reason.BEFORE_IMPORT)

    def back_up_if_due(self) -> BackupInfo | None:
        """The daily backup, unless one was already made today."""
        return backups.backup_if_due(self.store)

    def back_up_to(self, target: Path | str) -> Path:
        """A copy where the person chose (not rotated); a folder gets a dated file inside."""
        return backups.backup_to_file(self.store, Path(target))

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

    def problem_with(self, path: Path | str, *, key: Key | None = None) -> str | None:
        """Why a backup file cannot be restored with this journal's key (or `key`), or None when it can."""
        return backups.backup_problem(Path(path), key or self.store.key)

    def restore(self, source: Path | str, *, source_key: Key | None = None) -> RestoreReport:
        """Replace the journal's content with a backup (the current journal is backed up first)."""
        report = backups.restore(self.store, Path(source), source_key=source_key)
        self.announce(Topic.JOURNAL)
        return report
