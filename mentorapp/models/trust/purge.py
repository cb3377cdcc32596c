"""Purging for good: rows taken out of the journal file and of every backup in its folder, page by page.

Erasure and emptying the trash must reach the copies a restore could bring back. For the
journal and for each backup, `purge` runs the caller's deletion on a keyed connection with
SQLite's `secure_delete` on (freed space is overwritten with zeros), then folds the
full-text index's segments (so no deleted word lingers in them) and VACUUMs (so no page
that held them stays in the file).

Each backup is rewritten as a private copy beside it and renamed over it only once it is
complete and checked, so a kill at any moment leaves every backup either as it was or
without the rows, never between. A backup that does not open with the journal's key (made
before a key change) or is damaged cannot be reached: it is named in the report.

Kept apart from `backups.py` on purpose: this module only rewrites what is there.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorapp.i18n import _
from mentorapp.models.errors import StoreError
from mentorapp.models.storage.atomic import PARTIAL_SUFFIX, create_private_file, fsync_file, replace_durably
from mentorapp.models.storage.store import Key, connect_raw, describe_database_error
from mentorapp.models.trust.backups import list_backups
from mentorapp.models.trust.outputs import backup_folder
from mentorapp.models.vocabulary import isolate

Deletion = Callable[[Any], int]  # given a keyed sqlcipher3 connection in a transaction: rows deleted
PURGE_PREFIX = ".purge-"  # a copy being rewritten; one left by a killed run is removed by the next
CHECKPOINT_TRIES = 100


@dataclass
class PurgeReport:
    """What a purge reached: rows deleted in the journal, backups rewritten, and the ones it could not open."""

    rows: int = 0
    backups_rewritten: list[Path] = field(default_factory=list)
    backups_unchanged: list[Path] = field(default_factory=list)  # held none of the rows
    unreachable: list[Path] = field(default_factory=list)


def purge_connection(connection: Any, delete: Deletion) -> int:
    """Delete in one transaction with secure_delete on, fold the search index, then VACUUM. Rows deleted."""
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("BEGIN IMMEDIATE")
    try:
        rows = delete(connection)
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if rows and "search_index" in tables:
            # Deleting from FTS5 leaves tombstones beside the old tokens: merging drops both.
            connection.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("VACUUM")
    return int(rows)


def checkpoint_truncate(connection: Any) -> None:
    """Fold the write-ahead log into the file and empty it (waiting for readers to let go)."""
    for _try in range(CHECKPOINT_TRIES):
        busy, _log, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if not busy:
            return
        time.sleep(0.05)
    raise StoreError(
        _("The journal's log could not be emptied: another program is reading it; close it and try again."))


def purge_journal(path: Path, key: Key, delete: Deletion) -> int:
    """Purge the journal file itself (the caller has closed its own pooled connections)."""
    import sqlcipher3

    connection = connect_raw(path, key)
    try:
        rows = purge_connection(connection, delete)
        checkpoint_truncate(connection)
    except sqlcipher3.Error as exc:
        raise StoreError(_("Cannot purge {name}: {reason}.").format(
            name=isolate(path.name), reason=describe_database_error(exc))) from None
    finally:
        connection.close()
    return rows


def remove_abandoned_copies(journal: Path) -> None:
    """Copies a killed purge left behind (they may hold what was purged): gone."""
    try:
        leftovers = [p for p in backup_folder(journal).iterdir() if p.name.startswith(PURGE_PREFIX)]
    except OSError:
        return
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)


def purge_backups(journal: Path, key: Key, delete: Deletion, report: PurgeReport) -> None:
    """Rewrite every backup in the journal's backup folder without what `delete` removes."""
    import sqlcipher3

    remove_abandoned_copies(journal)
    for info in list_backups(journal):
        copy = info.path.with_name(f"{PURGE_PREFIX}{uuid.uuid4().hex[:12]}-{info.path.name}{PARTIAL_SUFFIX}")
        try:
            create_private_file(copy)
            shutil.copyfile(info.path, copy)
            connection = connect_raw(copy, key)
            try:
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
                rows = purge_connection(connection, delete)
                verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                connection.close()
            if verdict != "ok":
                report.unreachable.append(info.path)
                continue
            if not rows:
                report.backups_unchanged.append(info.path)
                continue
            fsync_file(copy)
            replace_durably(copy, info.path)
            report.backups_rewritten.append(info.path)
        except (sqlcipher3.Error, OSError):
            report.unreachable.append(info.path)
        finally:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
