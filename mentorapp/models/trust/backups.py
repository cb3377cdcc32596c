"""Encrypted backups of a journal: made, rotated, checked, and restored.

Every backup is a whole journal written with SQLite's online backup API, encrypted
with the journal's own key, checked with `quick_check` and renamed into place only
when complete. They live in one folder beside the journal (`<journal>-backups/`),
named by time and reason only, never by anything derived from the key.

Rotation keeps the newest backup of each of the last `keep_daily` days that have
one and the newest of each of the last `keep_weekly` ISO weeks (7 and 4 by
default, stored in the journal); a backup made by hand or before a restore, a
key change or an upgrade is also kept for at least `keep_daily` days.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from mentorapp import i18n
from mentorapp.i18n import _, ngettext, pgettext
from mentorapp.models.errors import MentorAppError, StoreError
from mentorapp.models.storage.store import (
    ACKNOWLEDGED_KEY,
    JOURNAL_ID_KEY,
    SIDECAR_SUFFIXES,
    JournalDamagedError,
    Key,
    Store,
    WrongKeyError,
    connect_raw,
    describe_database_error,
    forget_acknowledged,
    is_wrong_key,
    read_acknowledged,
)
from mentorapp.models.storage.atomic import (
    PARTIAL_SUFFIX,
    PRIVATE_FOLDER_MODE,
    claim,
    create_private_file,
    describe_os_error,
    fsync_file,
    fsync_folder,
    make_private_folder,
    remove_abandoned,
    replace_durably,
)
from mentorapp.models.trust import file_lock
from mentorapp.models.trust.outputs import backup_folder as backup_folder  # named there, used from here
from mentorapp.models.trust.outputs import check_output, check_output_folder
from mentorapp.models.vocabulary import isolate

BACKUP_SUFFIX = ".backup"
DAILY_LOCK_NAME = ".daily.lock"  # held while one process makes the day's backup
DEFAULT_KEEP_DAILY = 7
DEFAULT_KEEP_WEEKLY = 4
MAX_KEEP_DAILY = 366
MAX_KEEP_WEEKLY = 520
POLICY_DAILY_KEY = "backup_keep_daily"
POLICY_WEEKLY_KEY = "backup_keep_weekly"
RESTORE_FOLDER_PREFIX = ".mentorapp-restore-"
_SMALLEST_PAGE = 512  # bytes: SQLite's smallest page; every database file is a whole number of pages

_NAME = re.compile(
    r"^(?P<stem>.*)-(?P<day>\d{8})-(?P<time>\d{6})-(?P<reason>[a-z]+(?:-[a-z]+)*)(?:-(?P<n>\d+))?"
    + re.escape(BACKUP_SUFFIX)
    + "$"
)


class Reason(StrEnum):
    """Why a backup was made; part of its file name."""

    DAILY = "daily"
    MANUAL = "manual"
    BEFORE_UPGRADE = "before-upgrade"
    BEFORE_RESTORE = "before-restore"
    BEFORE_REKEY = "before-rekey"
    BEFORE_IMPORT = "before-import"

    @property
    def label(self) -> str:
        """Why, as a label in a list of backups, in the language spoken now."""
        return {
            Reason.DAILY: pgettext("backup reason", "Daily"),
            Reason.MANUAL: pgettext("backup reason", "Made by hand"),
            Reason.BEFORE_UPGRADE: pgettext("backup reason", "Before an upgrade"),
            Reason.BEFORE_RESTORE: pgettext("backup reason", "Before a restore"),
            Reason.BEFORE_REKEY: pgettext("backup reason", "Before a key change"),
            Reason.BEFORE_IMPORT: pgettext("backup reason", "Before an import"),
        }[self]

    @property
    def phrase(self) -> str:
        """Why, inside a sentence ("… (3 hours ago, before a restore)"), in the language spoken now."""
        return {
            # Translators: inside "Sunday 29 November 2026 at 10:00 (3 hours ago, daily)"; lower case where
            # your language writes it so.
            Reason.DAILY: pgettext("backup reason, in a sentence", "daily"),
            Reason.MANUAL: pgettext("backup reason, in a sentence", "made by hand"),
            Reason.BEFORE_UPGRADE: pgettext("backup reason, in a sentence", "before an upgrade"),
            Reason.BEFORE_RESTORE: pgettext("backup reason, in a sentence", "before a restore"),
            Reason.BEFORE_REKEY: pgettext("backup reason, in a sentence", "before a key change"),
            Reason.BEFORE_IMPORT: pgettext("backup reason, in a sentence", "before an import"),
        }[self]


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """How many backups rotation keeps."""

    keep_daily: int = DEFAULT_KEEP_DAILY
    keep_weekly: int = DEFAULT_KEEP_WEEKLY

    def __post_init__(self) -> None:
        if isinstance(self.keep_daily, bool) or not 1 <= self.keep_daily <= MAX_KEEP_DAILY:
            raise MentorAppError(_("Keep between 1 and {most} daily backups.").format(most=MAX_KEEP_DAILY))
        if isinstance(self.keep_weekly, bool) or not 0 <= self.keep_weekly <= MAX_KEEP_WEEKLY:
            raise MentorAppError(_("Keep between 0 and {most} weekly backups.").format(most=MAX_KEEP_WEEKLY))


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file in a journal's backup folder."""

    path: Path
    made_at: dt.datetime  # local time, to the second, as in the name
    reason: Reason
    size: int

    @property
    def protected(self) -> bool:
        """Made by hand or for safety (not on the daily schedule)."""
        return self.reason is not Reason.DAILY


@dataclass(frozen=True, slots=True)
class RestoreReport:
    """What a restore did: where the journal came from and what was kept of the one it replaced."""

    source: Path
    safety_backup: Path | None  # the journal as it was, backed up first
    damaged_copy: Path | None  # the damaged file, moved aside (never deleted)


# -- where and what ---------------------------------------------------------------------------------
def parse_backup_name(path: Path) -> tuple[dt.datetime, Reason] | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        made_at = dt.datetime.strptime(match["day"] + match["time"], "%Y%m%d%H%M%S")
        reason = Reason(match["reason"])
    except ValueError:
        return None
    return made_at, reason


def list_backups(journal: Path) -> list[BackupInfo]:
    """The journal's backups in its backup folder, newest first."""
    folder = backup_folder(journal)
    found: list[tuple[int, BackupInfo]] = []
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return []
    for path in candidates:
        parsed = parse_backup_name(path)
        if parsed is None:
            continue
        try:
            if not path.is_file():
                continue
            status = path.stat()
        except OSError:
            continue
        found.append((status.st_mtime_ns, BackupInfo(path=path, made_at=parsed[0], reason=parsed[1],
                                                     size=status.st_size)))
    # Names tell the second; within one second, the file written last is the newest.
    found.sort(key=lambda item: (item[1].made_at, item[0]), reverse=True)
    return [info for _made, info in found]


def _new_name(journal: Path, folder: Path, reason: Reason, when: dt.datetime) -> Path:
    stem = Path(journal).stem or "journal"
    base = f"{stem}-{when:%Y%m%d-%H%M%S}-{reason.value}"
    candidate = folder / f"{base}{BACKUP_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base}-{number}{BACKUP_SUFFIX}"
        number += 1
    return candidate


# -- rotation -------------------------------------------------------------------------------------------
def backups_to_keep(backups: Sequence[BackupInfo], policy: BackupPolicy, *, today: dt.date) -> set[Path]:
    """Which backups rotation keeps (the rest may be deleted).

    The newest backup of each of the last `keep_daily` days that have one, the
    newest of each of the last `keep_weekly` ISO weeks that have one, and every
    protected backup younger than `keep_daily` days.
    """
    newest_first = sorted(backups, key=lambda info: info.made_at, reverse=True)
    keep: set[Path] = set()
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    for info in newest_first:
        day = info.made_at.date()
        if day not in days and len(days) < policy.keep_daily:
            days.add(day)
            keep.add(info.path)
        iso = day.isocalendar()
        week = (iso.year, iso.week)
        if week not in weeks and len(weeks) < policy.keep_weekly:
            weeks.add(week)
            keep.add(info.path)
        if info.protected and (today - day).days < policy.keep_daily:
            keep.add(info.path)
    return keep


def rotate(journal: Path, policy: BackupPolicy, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete the backups the policy no longer keeps, and partial copies abandoned by killed processes
    (half-written backups, and restore copies beside the journal)."""
    now = now or dt.datetime.now()
    backups = list_backups(journal)
    keep = backups_to_keep(backups, policy, today=now.date())
    removed: list[Path] = []
    for info in backups:
        if info.path not in keep:
            try:
                info.path.unlink()
            except OSError:
                continue
            removed.append(info.path)
    clean_leftovers(journal)
    return removed


def clean_leftovers(journal: Path) -> list[Path]:
    """Remove what killed processes left half-made: partial backups, restore folders, temporary copies
    beside the journal (an interrupted export or key change). Only what no living process still
    claims is removed (see `atomic.claim`), so a copy being written right now is never touched.
    """
    journal = Path(journal).expanduser().absolute()
    removed = remove_abandoned(backup_folder(journal), f"*{PARTIAL_SUFFIX}")
    removed += remove_abandoned(journal.parent, f"{RESTORE_FOLDER_PREFIX}*")
    removed += remove_abandoned(journal.parent, f".{glob.escape(journal.name)}.*{PARTIAL_SUFFIX}")
    return removed


# -- the policy, kept in the journal ----------------------------------------------------------------------
def read_policy(store: Store) -> BackupPolicy:
    """The rotation policy stored in the journal (the defaults when none is, or it cannot be read)."""
    from mentorapp.models.entities.mentee import JournalInfo

    try:
        with store.read() as session:
            daily = session.get(JournalInfo, POLICY_DAILY_KEY)
            weekly = session.get(JournalInfo, POLICY_WEEKLY_KEY)
            return BackupPolicy(
                keep_daily=int(daily.value) if daily else DEFAULT_KEEP_DAILY,
                keep_weekly=int(weekly.value) if weekly else DEFAULT_KEEP_WEEKLY,
            )
    except (ValueError, MentorAppError):
        return BackupPolicy()
    except Exception as exc:  # an older schema or a damaged page: rotate by the defaults
        if _is_database_error(exc):
            return BackupPolicy()
        raise


def save_policy(store: Store, policy: BackupPolicy) -> None:
    from mentorapp.models.entities.mentee import JournalInfo

    with store.write() as session:
        session.merge(JournalInfo(key=POLICY_DAILY_KEY, value=str(policy.keep_daily)))
        session.merge(JournalInfo(key=POLICY_WEEKLY_KEY, value=str(policy.keep_weekly)))


def _is_database_error(exc: BaseException) -> bool:
    from sqlalchemy.exc import DatabaseError

    return isinstance(exc, DatabaseError)


# -- making backups ----------------------------------------------------------------------------------------
def make_backup(store: Store, *, reason: Reason, now: dt.datetime | None = None,
                policy: BackupPolicy | None = None) -> BackupInfo:
    """Back the journal up into its backup folder, then rotate the folder.

    Raises StoreError with one sentence when the folder cannot be written, and
    JournalDamagedError when the journal's own pages cannot be read (then no good
    backup is rotated away).
    """
    now = (now or dt.datetime.now()).replace(microsecond=0)
    folder = backup_folder(store.path)
    try:
        make_private_folder(folder)
        if folder.stat().st_mode & 0o077:
            os.chmod(folder, PRIVATE_FOLDER_MODE)  # the app's own folder: made before backups were kept private
        target = _new_name(store.path, folder, reason, now)
        # The day's backup is also the day's whole check of the journal.
        store.backup_to(target, thorough=reason is Reason.DAILY)
        size = target.stat().st_size
    except OSError as exc:
        raise StoreError(_("Cannot write a backup in {folder}: {reason}.").format(
            folder=folder, reason=describe_os_error(exc))) from None
    except JournalDamagedError as exc:
        # Name the way out: the newest backup that is still good.
        raise JournalDamagedError(
            str(exc), path=store.path, key=store.key, backup=newest_good_backup(store.path, store.key)
        ) from None
    info = BackupInfo(path=target, made_at=now, reason=reason, size=size)
    rotate(store.path, policy or read_policy(store), now=now)
    return info


def backup_if_due(store: Store, *, now: dt.datetime | None = None) -> BackupInfo | None:
    """Make the daily backup unless the journal already has a backup from today.

    Commands started together on the first use of a day would each make one (two copies in
    the same second, one of them failing on the other's file): the first to claim the day's
    lock makes it, and the others leave it to that one.
    """
    now = now or dt.datetime.now()
    folder = backup_folder(store.path)
    try:
        make_private_folder(folder)
        claim = file_lock.try_acquire(folder / DAILY_LOCK_NAME)
    except OSError as exc:
        raise StoreError(_("Cannot write a backup in {folder}: {reason}.").format(
            folder=folder, reason=describe_os_error(exc))) from None
    if claim is None:
        return None  # another process is making today's backup right now
    try:
        newest = next(iter(list_backups(store.path)), None)
        if newest is not None and newest.made_at.date() == now.date():
            return None
        return make_backup(store, reason=Reason.DAILY, now=now)
    finally:
        claim.remove()  # leaves nothing behind: a process that opens it after this takes a new one
        claim.release()


def backup_to_file(store: Store, target: Path, *, now: dt.datetime | None = None) -> Path:
    """Back the journal up to a place the person chose (a file, or a folder to put a dated file in).

    Such a copy is the person's own: it is not rotated.
    """
    target = Path(target).expanduser()
    if target.is_dir():
        check_output_folder(target, store.path)
        target = target / f"{store.path.stem or 'journal'}-{(now or dt.datetime.now()):%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"
    check_output(target, store.path)
    try:
        return store.backup_to(target)
    except OSError as exc:
        raise MentorAppError(_("Cannot write {path}: {reason}.").format(
            path=target, reason=describe_os_error(exc))) from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


# -- checking backups -----------------------------------------------------------------------------------------
def _cannot_be_a_journal(path: Path) -> bool:
    """True for a file no key could open: SQLite files, encrypted or not, are whole pages long.

    Without this check an export, a text file or an empty file reads like a backup
    made under another key, and the person is asked for a passphrase that cannot help.
    """
    try:
        size = path.stat().st_size
    except OSError:
        return False  # the open below reports why it cannot be read
    return size == 0 or size % _SMALLEST_PAGE != 0


@dataclass(frozen=True, slots=True)
class BackupProblem:
    """Why a file is not a good backup for a key: one sentence, and whether only the key is wrong
    (then another key may open it: a backup made before the passphrase was changed)."""

    sentence: str
    wrong_key: bool = False

    def __str__(self) -> str:
        return self.sentence


def backup_problem(path: Path, key: Key) -> BackupProblem | None:
    """Why `path` is not a good backup for `key`, or None when it is.

    Opens the file read-only: checking never changes it.
    """
    import sqlcipher3

    if _cannot_be_a_journal(path):
        return BackupProblem(_("{name} is not a MentorApp backup.").format(name=isolate(path.name)))
    try:
        connection = connect_raw(path, key, read_only=True)
    except sqlcipher3.Error as exc:
        # Translators: {reason} is SQLite's own words (in English).
        return BackupProblem(_("{name} cannot be opened ({reason}).").format(
            name=isolate(path.name), reason=describe_database_error(exc)))
    try:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in names:
            return BackupProblem(_("{name} is not a MentorApp journal.").format(name=isolate(path.name)))
        verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlcipher3.Error as exc:
        if is_wrong_key(exc):
            return BackupProblem(_("{name} does not open with this journal's key.").format(name=isolate(path.name)),
                                 wrong_key=True)
        message = describe_database_error(exc)
        return BackupProblem(_("{name} is damaged ({reason}).").format(name=isolate(path.name), reason=message))
    finally:
        connection.close()
    if verdict == "ok":
        return None
    return BackupProblem(_("{name} is damaged (SQLite's check says: {reason}).").format(
        name=isolate(path.name), reason=verdict))


def newest_good_backup(journal: Path, key: Key) -> BackupInfo | None:
    """The newest backup in the journal's folder that opens with `key` and passes SQLite's check."""
    for info in list_backups(journal):
        if backup_problem(info.path, key) is None:
            return info
    return None


# -- restoring ------------------------------------------------------------------------------------------------------
class _Prepared:
    """A checked, upgraded copy of a backup, in a private temporary file beside the journal."""

    def __init__(self, source: Path, journal: Path, *, key: Key, source_key: Key | None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=RESTORE_FOLDER_PREFIX, dir=journal.parent))
        self.path = self.folder / "restore.db"
        self.store: Store | None = None
        self._claim: int | None = None
        try:
            self._claim = claim(self.folder)  # a folder left by a killed restore is then known as abandoned
            create_private_file(self.path)
            shutil.copyfile(source, self.path)  # into the 0600 file: it becomes the journal
            opened = None
            for candidate in (source_key, key) if source_key is not None else (key,):
                try:
                    opened = Store.open(self.path, candidate, create=False)
                    break
                except WrongKeyError:
                    continue
            if opened is None:
                raise WrongKeyError(
                    _("{name} does not open with this journal's key (it was made under an earlier key).").format(
                        name=isolate(source.name))
                )
            self.store = opened
            # A backup from an older version: the private copy is upgraded (the backup itself is untouched).
            opened.upgrade()
            problem = opened.integrity_problem()
            if problem is not None:
                raise StoreError(_("{name} is damaged ({reason}); choose another backup.").format(
                    name=isolate(source.name), reason=problem))
            if not opened.key.same_secret(key):
                # A backup from before a key change: the restored journal keeps today's key.
                opened.rekey(key)
        except JournalDamagedError:
            self.discard()
            raise StoreError(_("{name} is damaged; choose another backup.").format(name=isolate(source.name))) from None
        except OSError as exc:
            self.discard()
            raise StoreError(_("Cannot read the backup {path}: {reason}.").format(
                path=source, reason=exc.strerror or exc)) from None
        except BaseException:
            self.discard()
            raise

    def single_file(self) -> Path:
        """Fold the copy into one file (no -wal) so it can be moved into the journal's place."""
        assert self.store is not None
        self.store.checkpoint()
        self.store.pragma("PRAGMA journal_mode = DELETE")
        self.store.close()
        fsync_file(self.path)  # on the disk before anything of the journal moves
        return self.path

    def discard(self) -> None:
        if self.store is not None:
            self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._claim is not None:
            os.close(self._claim)
            self._claim = None


def _check_source(source: Path, journal: Path) -> Path:
    source = Path(source).expanduser()
    if not source.exists():
        raise MentorAppError(_("There is no backup file {path}.").format(path=source))
    if source.is_dir():
        raise MentorAppError(_("{path} is a folder, not a backup file.").format(path=source))
    if _same_file(source, journal):
        raise MentorAppError(_("That file is the journal itself, not a backup of it."))
    if _cannot_be_a_journal(source):
        raise MentorAppError(_("{name} is not a MentorApp backup.").format(name=isolate(source.name)))
    return source


def restore(store: Store, source: Path, *, source_key: Key | None = None,
            now: dt.datetime | None = None) -> RestoreReport:
    """Replace the open journal's content with the backup `source`.

    The journal as it is now is backed up first. When that backup fails because the
    journal is damaged, the damaged files are moved aside (never deleted) and the
    backup takes the journal's place. Other connections to the journal see the
    restored content at once. `source_key` opens a backup made under an earlier key.
    """
    source = _check_source(source, store.path)
    prepared = _Prepared(source, store.path, key=store.key, source_key=source_key)
    try:
        try:
            safety = make_backup(store, reason=Reason.BEFORE_RESTORE, now=now).path
        except JournalDamagedError:
            ready = prepared.single_file()  # before anything of the journal moves
            store.engine.dispose()
            moved = _move_damaged_aside(store.path, now=now)
            _put_in_place(ready, store.path)
            store.reconnect()
            return RestoreReport(source=source, safety_backup=None, damaged_copy=moved)
        assert prepared.store is not None
        raw = prepared.store.engine.raw_connection()
        try:
            store.take_pages_from(raw.driver_connection)
        except Exception as exc:  # the driver's errors
            if _is_driver_error(exc):
                raise StoreError(_("Cannot restore {name}: {reason}.").format(
                    name=isolate(source.name), reason=describe_database_error(exc))) from None
            raise
        finally:
            raw.close()
        return RestoreReport(source=source, safety_backup=safety, damaged_copy=None)
    finally:
        prepared.discard()


def restore_unopenable(journal: Path, source: Path, *, key: Key, now: dt.datetime | None = None) -> RestoreReport:
    """Put the backup `source` in the place of a journal that cannot be opened at all.

    The damaged file (with its -wal and -shm) is moved aside under a dated name,
    never overwritten or deleted. A missing or empty journal is simply replaced.
    """
    journal = Path(journal).expanduser()
    source = _check_source(source, journal)
    prepared = _Prepared(source, journal, key=key, source_key=None)
    try:
        ready = prepared.single_file()  # before anything of the journal moves
        moved = _move_damaged_aside(journal, now=now)
        _put_in_place(ready, journal)
    finally:
        prepared.discard()
    return RestoreReport(source=source, safety_backup=None, damaged_copy=moved)


def _move_damaged_aside(journal: Path, *, now: dt.datetime | None) -> Path | None:
    """Rename the journal and its -wal/-shm to `<name>.damaged-<time>`; None if there was nothing to keep."""
    if not journal.exists() or journal.stat().st_size == 0:
        for suffix in ("", *SIDECAR_SUFFIXES):
            Path(f"{journal}{suffix}").unlink(missing_ok=True)
        return None
    stamp = f"{(now or dt.datetime.now()):%Y%m%d-%H%M%S}"
    aside = journal.with_name(f"{journal.name}.damaged-{stamp}")
    number = 2
    while aside.exists():
        aside = journal.with_name(f"{journal.name}.damaged-{stamp}-{number}")
        number += 1
    try:
        # The log and index belong to the damaged file: left behind, SQLite would replay
        # them into the restored journal.
        for suffix in SIDECAR_SUFFIXES:
            part = Path(f"{journal}{suffix}")
            if part.exists():
                os.replace(part, Path(f"{aside}{suffix}"))
        os.replace(journal, aside)
    except OSError as exc:
        raise StoreError(_("Cannot move the damaged journal aside: {reason}.").format(
            reason=exc.strerror or exc)) from None
    fsync_folder(journal.parent)
    return aside


def accept_loss(journal: Path, *, now: dt.datetime) -> Path | None:
    """Go on with what a journal holds after its write-ahead log lost acknowledged changes.

    The damaged log is copied aside first (`<journal>-wal.damaged-<time>`, never deleted),
    since the next write would overwrite what is left of it; then the count of acknowledged
    changes starts afresh. Returns the copy (None when there was no log to keep).
    """
    log = Path(f"{journal}-wal")
    aside = None
    if log.exists():
        aside = Path(f"{log}.damaged-{now:%Y%m%d-%H%M%S}")
        try:
            create_private_file(aside)
            shutil.copyfile(log, aside)
            fsync_file(aside)
        except OSError as exc:
            raise StoreError(_("Cannot keep a copy of the damaged log: {reason}.").format(
                reason=describe_os_error(exc))) from None
    forget_acknowledged(journal)
    return aside


def _put_in_place(prepared: Path, journal: Path) -> None:
    try:
        replace_durably(prepared, journal)
    except OSError as exc:
        raise StoreError(_("Cannot put the backup in place of {path}: {reason}.").format(
            path=journal, reason=exc.strerror or exc)) from None
    forget_acknowledged(journal)  # the backup's changes are what the journal holds now, on purpose


def _is_driver_error(exc: BaseException) -> bool:
    import sqlcipher3

    return isinstance(exc, sqlcipher3.Error)


def what_a_restore_loses(journal: Path, info: BackupInfo, key: Key | None) -> str:
    """One sentence on what restoring `info` over `journal` gives up: how many acknowledged changes.

    The journal counts every change it acknowledges, inside itself and in the file beside it
    (`read_acknowledged`); a backup holds the count it had when it was made. Their difference
    is what a restore would lose. When either count cannot be read (no key, a journal from
    before the count, another journal's backup), the sentence says changes after it are lost.
    """
    unknown = _("Changes saved after that backup are not in it.")
    acknowledged = read_acknowledged(journal)
    if key is None or acknowledged is None:
        return unknown
    try:
        connection = connect_raw(info.path, key, read_only=True)
        try:
            rows = dict(connection.execute(
                "SELECT key, value FROM journal_info WHERE key IN (?, ?)", (JOURNAL_ID_KEY, ACKNOWLEDGED_KEY)))
        finally:
            connection.close()
    except Exception:  # a backup that cannot be read this way: say only what is sure
        return unknown
    if rows.get(JOURNAL_ID_KEY) not in (None, acknowledged[0]):
        return unknown
    lost = acknowledged[1] - int(rows.get(ACKNOWLEDGED_KEY) or 0)
    if lost <= 0:
        return _("It holds every change the journal acknowledged.")
    return ngettext("Restoring it loses the last change saved after it.",
                    "Restoring it loses the last {n} changes saved after it.", lost).format(n=lost)


def describe_backup(info: BackupInfo, *, now: dt.datetime | None = None) -> str:
    """A backup as a person reads it: "Sunday 29 November 2026 at 10:30 (3 hours ago, daily)"."""
    now = now or dt.datetime.now()
    age = now - info.made_at
    if age < dt.timedelta(minutes=1):
        ago = _("just now")
    elif age < dt.timedelta(hours=1):
        minutes = int(age.total_seconds() // 60)
        ago = ngettext("{n} minute ago", "{n} minutes ago", minutes).format(n=minutes)
    elif age < dt.timedelta(days=1):
        hours = int(age.total_seconds() // 3600)
        ago = ngettext("{n} hour ago", "{n} hours ago", hours).format(n=hours)
    else:
        days = age.days
        ago = ngettext("{n} day ago", "{n} days ago", days).format(n=days)
    # Translators: {when} is a day and time ("Sunday 29 November 2026 at 10:30"), {ago} how long ago,
    # {reason} why the backup was made ("daily").
    return _("{when} ({ago}, {reason})").format(when=_full_moment(info.made_at), ago=ago, reason=info.reason.phrase)


def _full_moment(at: dt.datetime) -> str:
    """A day with its weekday and a time: Sunday 29 November 2026 at 10:30, Sonntag, 29. November 2026 um 10:30."""
    from babel.dates import format_datetime

    # Translators: a CLDR date pattern (EEEE weekday, d day, MMMM month, y year, HH:mm time; words in
    # single quotes are kept as they are), for "Sunday 29 November 2026 at 10:30".
    pattern = pgettext("date pattern", "EEEE d MMMM y 'at' HH:mm")
    return format_datetime(at, pattern, locale=i18n.speech().locale)
