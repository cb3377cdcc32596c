"""The encrypted journal file: engine, sessions, pragmas and migrations on open.

A journal is one SQLite file encrypted with SQLCipher. Opening it checks the key and
the schema (a new journal gets the newest at once; an older one is left as it is until
`upgrade`, which the opening policy in `trust/opening.py` calls after a backup) and
hands out one Session per user action: `read()` for looking, `write()` for changing. The store can also change
its key, forget it while the desk is locked, and take a whole journal's pages
from another file (a restore) without other connections seeing half of it.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import URL, create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import PoolProxiedConnection, QueuePool

from mentorapp.i18n import _, ngettext
from mentorapp.models.errors import (
    JournalDamagedError,
    JournalIncompleteError,
    JournalLockedError,
    StoreError,
    WrongKeyError,
)
from mentorapp.models.storage.atomic import (
    PARTIAL_SUFFIX,
    PRIVATE_FILE_MODE,
    claim,
    create_private_file,
    disk_is_full,
    fsync_file,
    fsync_folder,
    make_private_folder,
    replace_durably,
)
from mentorapp.models.storage.schema import MIGRATIONS_DIR, SCHEMA_HEAD

__all__ = [
    "MIGRATIONS_DIR", "SCHEMA_HEAD", "JournalDamagedError", "JournalLockedError", "Key", "Store", "WrongKeyError",
    "connect_raw", "describe_database_error", "is_damage",
]

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
# Opening checks every page's HMAC (SQLCipher's cipher_integrity_check, about 2.5 ms per MiB)
# of a journal up to this size; a larger one is checked whole by each day's backup.
OPEN_CHECK_BYTES = 16 * 1024**2

# How many changes the journal has acknowledged, counted inside it and beside it. SQLite
# drops the end of a write-ahead log after a damaged frame without a word; the count beside
# the journal (written after each commit) then exceeds the count inside, and opening says so.
ACKNOWLEDGED_KEY = "acknowledged_writes"
JOURNAL_ID_KEY = "journal_id"
ACKNOWLEDGED_SUFFIX = "-acked"
_ACK_RECORD = 64  # bytes: "<journal id> <count>", padded, written in place in one write


def acknowledged_path(path: Path | str) -> Path:
    """The small file beside a journal that holds how many changes it has acknowledged."""
    return Path(f"{path}{ACKNOWLEDGED_SUFFIX}")


def read_acknowledged(path: Path | str) -> tuple[str, int] | None:
    """(journal id, count) from the file beside the journal; None when there is none or it cannot be read."""
    try:
        with acknowledged_path(path).open("rb") as handle:
            words = handle.read(_ACK_RECORD).decode("ascii").split()
        return (words[0], int(words[1])) if len(words) == 2 else None
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _record_acknowledged(path: Path, journal_id: str, count: int) -> None:
    """Note the count beside the journal: one small write in place, after the commit is on disk.

    Not flushed: after a power cut the file may show fewer changes than the journal holds (or
    none), never more, so it can only fail to warn, never warn falsely.
    """
    record = f"{journal_id} {count}".encode("ascii").ljust(_ACK_RECORD - 1) + b"\n"
    try:
        descriptor = os.open(acknowledged_path(path), os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE)
        try:
            os.pwrite(descriptor, record, 0) if hasattr(os, "pwrite") else os.write(descriptor, record)
        finally:
            os.close(descriptor)
    except OSError:
        pass  # a read-only folder: the journal's own commit stands; only the warning is lost


def forget_acknowledged(path: Path | str) -> None:
    """The journal at `path` was replaced on purpose (a restore) or its loss accepted: count afresh."""
    acknowledged_path(path).unlink(missing_ok=True)
KEY_CHANGE_WAIT_SECONDS = 600.0  # how long another thread's session waits for a key change to finish




def describe_database_error(exc: BaseException) -> str:
    """SQLite's own words for a failure, without SQLAlchemy's statement and parameters."""
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().rstrip(".")


def sqlite_error_name(exc: BaseException) -> str:
    """SQLite's result code for a failure, by name ("SQLITE_CORRUPT", "SQLITE_NOTADB", …), or ""."""
    orig = getattr(exc, "orig", None)
    return str(getattr(orig if orig is not None else exc, "sqlite_errorname", "") or "")


def _write_words(exc: BaseException, path: Path | None = None) -> str:
    """SQLite's words for a failed copy, with a full disk said plainly."""
    # Translators: ends "Cannot back up {path}: …" (a reason, after a colon).
    return _("the disk is full") if is_full_disk(exc, path) else describe_database_error(exc)


def is_full_disk(exc: BaseException, path: Path | str | None) -> bool:
    """True when SQLite failed for want of room on the disk holding `path` (said either way SQLite says it)."""
    if "disk is full" in describe_database_error(exc).lower() or sqlite_error_name(exc) == "SQLITE_FULL":
        return True
    return path is not None and sqlite_error_name(exc).startswith("SQLITE_IOERR") and disk_is_full(path)


def cannot_use(path: Path, exc: BaseException) -> StoreError:
    """The one sentence for a journal SQLite could not open or read, a full disk said as such."""
    if is_full_disk(exc, path):
        return StoreError(_("The disk holding {path} is full, so the journal cannot be opened; "
                            "free some space there and try again.").format(path=path))
    # Translators: {reason} is SQLite's own words (in English).
    return StoreError(_("The journal {path} cannot be read: {reason}.").format(
        path=path, reason=describe_database_error(exc)))


def _damage_sentence(path: Path, words: str) -> str:
    # Translators: {reason} is SQLite's own words, or "SQLite's check says: …".
    return _("The journal {path} is damaged ({reason}).").format(path=path, reason=words)


def _rekey_refusal(path: Path, reason: object) -> str:
    # Translators: {reason} is SQLite's or the system's words for the failure, or "the disk is full".
    return _("Cannot change the key of {path}: {reason}.").format(path=path, reason=reason)


def is_damage(exc: BaseException) -> bool:
    """True when an error means the journal's file is damaged (not busy, not a wrong key)."""
    return sqlite_error_name(exc).startswith("SQLITE_CORRUPT")


def is_wrong_key(exc: BaseException) -> bool:
    """True when the file did not decrypt: a wrong key, or not an SQLite file at all."""
    return sqlite_error_name(exc).startswith("SQLITE_NOTADB")


def is_busy(exc: BaseException) -> bool:
    """True when another connection holds the lock the statement needed."""
    return sqlite_error_name(exc).startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


@dataclass(frozen=True)
class Key:
    """What unlocks a journal: a passphrase (stretched by SQLCipher) or a raw 256-bit key.

    The secret never appears in repr() or in error messages.
    """

    secret: str = field(repr=False)
    raw: bool = False
    source: str = "passphrase"

    def __post_init__(self) -> None:
        # Bytes that are not UTF-8 (typed or piped in another encoding, set in the
        # environment) arrive as lone surrogates, which SQLCipher cannot be handed.
        try:
            self.secret.encode("utf-8")
        except UnicodeEncodeError:
            raise WrongKeyError(
                _("That passphrase holds bytes that are not UTF-8 text, so it cannot be used; type it again.")
            ) from None

    @classmethod
    def from_hex(cls, hex_key: str, *, source: str) -> Key:
        cleaned = hex_key.strip().lower()
        if len(cleaned) != 64 or any(c not in "0123456789abcdef" for c in cleaned):
            raise WrongKeyError(_("That is not a valid journal key (64 hexadecimal digits)."))
        return cls(secret=cleaned, raw=True, source=source)

    def pragma_value(self) -> str:
        """The value for SQLCipher's `PRAGMA key` (the dialect adds the quotes)."""
        return f"x'{self.secret}'" if self.raw else self.secret

    def quoted(self) -> str:
        """The value as an SQL string literal, for `PRAGMA key` and `PRAGMA rekey` on a raw connection."""
        return "'" + self.pragma_value().replace("'", "''") + "'"

    def same_secret(self, other: Key | None) -> bool:
        return other is not None and (self.secret, self.raw) == (other.secret, other.raw)


def connect_raw(path: Path | str, key: Key, *, read_only: bool = False) -> Any:  # a sqlcipher3 connection
    """A plain driver connection keyed with `key`, for backups and checks outside the pool.

    Autocommit mode, SQLCipher's own diagnostics off, and the busy timeout of the store.
    """
    import sqlcipher3  # the driver SQLAlchemy's pysqlcipher dialect uses

    # A URI (percent-encoded by pathlib) is the only way to ask SQLite for read-only access.
    target = Path(path).resolve().as_uri() + "?mode=ro" if read_only else str(path)
    connection = sqlcipher3.connect(target, uri=read_only, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = {key.quoted()}")
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except BaseException:
        connection.close()
        raise
    return connection


def driver_of(connection: PoolProxiedConnection) -> Any:
    """The sqlcipher3 connection inside a pooled one (sqlcipher3 has no types, hence Any)."""
    driver = connection.driver_connection
    if driver is None:  # only once the pool has invalidated it
        raise StoreError(_("The journal's connection was closed."))
    return driver


def _journal_url(path: Path, key: Key) -> URL:
    return URL.create("sqlite+pysqlcipher", password=key.pragma_value(), database=str(path))


def _make_engine(path: Path, key: Key) -> Engine:
    # The pysqlcipher dialect defaults to SingletonThreadPool, which closes an arbitrary
    # connection (possibly one in use) once more than five threads have touched the
    # engine; the desk's worker pool recycles threads, so use an ordinary queue pool.
    # Connections are still reused, so the key is derived once per connection.
    engine = create_engine(_journal_url(path, key), poolclass=QueuePool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        # Let SQLAlchemy's BEGIN (below) drive transactions instead of the driver's
        # implicit ones, so reads see one snapshot and writes take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # A wrong key is an expected event, answered by one clear sentence, so
            # SQLCipher must not print its own diagnostics on stderr.
            cursor.execute("PRAGMA cipher_log_level = NONE")
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            # FULL: a commit the app has acknowledged is on disk, not only in the WAL buffer.
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA temp_store = MEMORY")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("mentorapp_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def check_verdict(rows: list[tuple[Any, ...]]) -> str:
    """SQLite's check results (its rows may each hold many lines) as "ok" or one short sentence part."""
    problems = [line.strip() for row in rows for line in str(row[0]).splitlines()
                if line.strip() and line.strip() != "ok" and not line.startswith("*** in database")]
    if not problems:
        return "ok"
    first = problems[0].rstrip(".")
    first = first if len(first) <= 120 else first[:117] + "…"
    if len(problems) == 1:
        # Translators: {problem} is SQLite's own words (in English); said inside "The journal … is damaged (…)".
        return _("SQLite's check says: {problem}").format(problem=first)
    more = len(problems) - 1
    return ngettext("SQLite's check says: {problem}, and {n} more problem",
                    "SQLite's check says: {problem}, and {n} more problems", more).format(problem=first, n=more)


def _restamp_or_refuse(engine: Engine, path: Path) -> str:
    """A journal whose record of its schema revision is empty: put the record back, or refuse.

    The record is put back only when every table, column and index of the newest schema is
    there as this app makes it; anything else is refused as damaged, so a restore can follow.
    """
    from sqlalchemy import inspect

    from mentorapp.models.entities import Base

    with engine.connect() as conn:
        inspector = inspect(conn)
        tables = set(inspector.get_table_names())
        indexes = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        for table in Base.metadata.sorted_tables:
            if table.name not in tables or {c["name"] for c in inspector.get_columns(table.name)} != set(
                    table.columns.keys()) or not {i.name for i in table.indexes} <= indexes:
                raise JournalDamagedError(
                    _("The journal {path} has lost the record of its schema version, and its tables are not "
                      "those of this MentorApp, so it cannot be opened.").format(path=path), path=path)
        if "search_index" not in tables:
            raise JournalDamagedError(
                _("The journal {path} has lost the record of its schema version and its search index.").format(
                    path=path), path=path)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES (?)", (SCHEMA_HEAD,))
    return SCHEMA_HEAD


def describe_unopenable(path: Path) -> str | None:
    """Say why `path` cannot be a journal before trying a key, or None if it might be one."""
    if path.is_dir():
        return _("{path} is a folder, not a journal file.").format(path=path)
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_PLAIN_HEADER))
    except OSError as exc:
        # Translators: {reason} is the system's words for the failure.
        return _("Cannot read the journal {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
    if head == SQLITE_PLAIN_HEADER:
        return _("{path} is an unencrypted SQLite file, not a MentorApp journal.").format(path=path)
    return None


def _keep_private(path: Path) -> None:
    """A journal (and its -wal and -shm) made readable by others, by an older version or a copy: private again."""
    if not hasattr(os, "getuid"):
        return
    for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            info = part.stat()
            if info.st_uid == os.getuid() and info.st_mode & 0o077:
                os.chmod(part, PRIVATE_FILE_MODE)
        except OSError:
            continue  # not there, or not ours to change: opening goes on


def file_identity(path: Path) -> tuple[int, int] | None:
    """The journal file's device and inode: changes when another file is renamed into its place."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


class Store:
    """An open journal: hands out sessions and knows its file and its key."""

    def __init__(self, path: Path, engine: Engine, key: Key, *, revision: str | None = SCHEMA_HEAD,
                 identity: tuple[int, int] | None = None) -> None:
        self.path = path
        self.revision = revision  # the schema revision the file is at (None: no schema yet)
        self._key: Key | None = key
        self._commits = itertools.count(1)
        self._commit_count = 0
        self._commit_lock = threading.Lock()
        self._journal_id: str | None = None  # read at open, made by the first counted write
        self.generation = 0  # goes up each time the connections are replaced (rekey, unlock, restore)
        # Set while no key change runs; other threads' sessions wait for it (their pooled
        # connections would keep the journal from being taken exclusively).
        self._not_changing = threading.Event()
        self._not_changing.set()
        self._changer: int | None = None
        self._bind(engine, identity if identity is not None else file_identity(path))

    def _bind(self, engine: Engine, identity: tuple[int, int] | None) -> None:
        # The file the connections were opened on (taken before they were): a write finds out
        # when another process has renamed a new file into its place (a key change, a restore).
        self._identity = identity
        self.engine = engine
        self._journal_id = None  # read again by the first counted write (the file may be another now)
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(mentorapp_begin="IMMEDIATE"), expire_on_commit=False
        )
        self.generation += 1

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, key: Key, *, create: bool = True) -> Store:
        """Open (or create) the journal at `path` with `key`.

        A new journal gets the newest schema at once. An older journal is opened as it
        is, with `upgrade_due` set: the opening policy (`trust.opening.open_store`)
        backs it up and then calls `upgrade`. Raises WrongKeyError when the key does not
        fit, StoreError for every other reason the file cannot be used (a schema newer
        than this app among them); the file itself is never changed then.
        """
        path = Path(path).expanduser()
        problem = describe_unopenable(path)
        if problem:
            raise StoreError(problem)
        is_new = not path.exists() or path.stat().st_size == 0
        if is_new and not create:
            raise StoreError(_("There is no journal at {path}.").format(path=path))
        # Read before the journal: a count written after this read belongs to a commit that
        # this open may or may not see, so it must not be compared.
        acknowledged = None if is_new else read_acknowledged(path)
        if is_new:
            forget_acknowledged(path)  # left by a journal that was here before
            try:
                make_private_folder(path.parent)
            except OSError as exc:
                raise StoreError(_("Cannot create the folder for {path}: {reason}.").format(
                    path=path, reason=exc.strerror)) from exc
            try:
                # Private from the first byte (SQLite gives the -wal and -shm the same mode).
                if not create_private_file(path) and hasattr(os, "fchmod"):
                    os.chmod(path, PRIVATE_FILE_MODE)  # an empty file: nothing in it was ever readable
            except OSError as exc:
                if disk_is_full(path):
                    raise StoreError(_("The disk holding {path} is full; free some space there and try again.").format(
                        path=path)) from None
                raise StoreError(_("Cannot create the journal {path}: {reason}.").format(
                    path=path, reason=exc.strerror)) from exc
        elif not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(_("The journal {path} cannot be read and written by you.").format(path=path))
        else:
            _keep_private(path)

        try:
            identity, engine, revision = cls._connect_steadily(path, key)
        except BaseException:
            if is_new and path.exists() and path.stat().st_size == 0:
                _remove_with_sidecars(path)  # a journal that could not be made leaves no empty file
            raise
        try:
            store = cls(path, engine, key, revision=revision, identity=identity)
            if not is_new:
                store._check_whole(acknowledged)
            if revision is None:
                store.upgrade()  # a new journal: nothing in it to keep a copy of
            elif revision != SCHEMA_HEAD:
                store._refuse_newer()
        except BaseException:
            engine.dispose()
            if is_new and path.exists() and path.stat().st_size == 0:
                _remove_with_sidecars(path)  # a journal that could not be made leaves no empty file
            raise
        return store

    @classmethod
    def _connect_steadily(cls, path: Path, key: Key) -> tuple[tuple[int, int] | None, Engine, str | None]:
        """An engine whose first connection is on the file that is at `path` now, with the key checked.

        A key change elsewhere renames a new file into place: a connection made just before
        would read (and write) the old one, so it is made again on the new file.
        """
        for _attempt in range(3):
            identity = file_identity(path)
            engine = _make_engine(path, key)
            try:
                revision = cls._check_key_and_revision(engine, path)
            except BaseException:
                engine.dispose()
                raise
            if file_identity(path) == identity:
                return identity, engine, revision
            engine.dispose()
        raise StoreError(_("The journal {path} was being replaced by another MentorApp; try again.").format(path=path))

    @staticmethod
    def _check_key_and_revision(engine: Engine, path: Path) -> str | None:
        try:
            with engine.connect() as conn:
                names = {
                    row[0]
                    for row in conn.exec_driver_sql(
                        "SELECT name FROM sqlite_master WHERE type = 'table'"
                    )
                }
                if "alembic_version" not in names:
                    if names:
                        raise StoreError(_("{path} is an SQLite database, but not a MentorApp journal.").format(
                            path=path))
                    return None
                row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
                if row is not None:
                    return str(row[0])
                if names == {"alembic_version"}:
                    return None  # made, but killed before its schema: nothing in it yet
            return _restamp_or_refuse(engine, path)
        except DatabaseError as exc:
            message = describe_database_error(exc)
            if is_wrong_key(exc):
                raise WrongKeyError(
                    _("The key does not open {path} (wrong passphrase, or not a MentorApp journal).").format(path=path)
                ) from None
            if is_busy(exc):
                raise StoreError(_("The journal {path} is locked by another program; try again.").format(
                    path=path)) from None
            if is_damage(exc):
                raise JournalDamagedError(_damage_sentence(path, message), path=path) from None
            raise cannot_use(path, exc) from None

    def _check_whole(self, acknowledged: tuple[str, int] | None) -> None:
        """Refuse a journal that holds less than it acknowledged, or whose pages do not read back.

        The count check costs one row; the page check (every page's HMAC) about 2.5 ms per MiB,
        done at open for journals up to OPEN_CHECK_BYTES (the day's backup checks every journal whole).
        """
        try:
            self._check_counted_and_pages(acknowledged)
        except StoreError:
            self._close_keeping_files()
            raise

    def _check_counted_and_pages(self, acknowledged: tuple[str, int] | None) -> None:
        import sqlcipher3

        raw = self.engine.raw_connection()
        try:
            driver = driver_of(raw)
            try:
                counted = dict(driver.execute(
                    "SELECT key, value FROM journal_info WHERE key IN (?, ?)", (JOURNAL_ID_KEY, ACKNOWLEDGED_KEY)
                ).fetchall())
                self._journal_id = counted.get(JOURNAL_ID_KEY)
                if acknowledged is not None and acknowledged[0] == self._journal_id:
                    held = int(counted.get(ACKNOWLEDGED_KEY) or 0)
                    if acknowledged[1] > held:
                        lost = acknowledged[1] - held
                        raise JournalIncompleteError(
                            ngettext("The journal {path} holds fewer changes than it acknowledged: the last change "
                                     "saved was lost (its write-ahead log {log} is damaged).",
                                     "The journal {path} holds fewer changes than it acknowledged: the last {n} "
                                     "changes saved were lost (its write-ahead log {log} is damaged).", lost).format(
                                path=self.path, n=lost, log=f"{self.path.name}-wal"),
                            path=self.path, missing=lost)
                if self.path.stat().st_size <= OPEN_CHECK_BYTES:
                    failures = driver.execute("PRAGMA cipher_integrity_check").fetchall()
                    if failures:  # once more: a page read while another process checkpointed into it
                        failures = driver.execute("PRAGMA cipher_integrity_check").fetchall()
                    if failures:
                        raise self._damaged(check_verdict(failures))
            except sqlcipher3.OperationalError as exc:
                if "no such table" in str(exc):  # a journal older than its journal_info: nothing counted
                    return
                raise cannot_use(self.path, exc) from None
            except sqlcipher3.DatabaseError as exc:
                raise self._damaged(describe_database_error(exc)) from None
        finally:
            raw.close()

    def _close_keeping_files(self) -> None:
        """Close a refused journal without folding its log into it, so its files stay byte for byte.

        The last connection to close would checkpoint what SQLite could read of the log and delete
        the log, and with it the rest of what was lost; a read-only connection closed last does not.
        """
        import sqlcipher3

        assert self._key is not None
        try:
            keeper = connect_raw(self.path, self._key, read_only=True)
        except sqlcipher3.Error:
            self.engine.dispose()
            return
        try:
            keeper.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except sqlcipher3.Error:
            pass  # damaged: it still holds the file open while the others close
        self.engine.dispose()
        keeper.close()

    def reread_revision(self) -> None:
        """Read the schema revision again (another process may have upgraded the file meanwhile)."""
        self.revision = self._check_key_and_revision(self.engine, self.path)

    # -- the schema ------------------------------------------------------------------
    @property
    def upgrade_due(self) -> bool:
        """True when the file is at an older schema than this app writes (see `upgrade`)."""
        return self.revision != SCHEMA_HEAD

    def _refuse_newer(self) -> None:
        from mentorapp.models.storage import migrate  # Alembic is only loaded when a change is due

        if self.revision is not None and not migrate.is_known_revision(self.revision):
            raise StoreError(
                _("{path} was written by a newer MentorApp (schema {revision}); update the app to open it.").format(
                    path=self.path, revision=self.revision)
            )

    def upgrade(self) -> None:
        """Bring the file to the newest schema in one transaction (nothing happens when it is there).

        Makes no backup: whoever opens a journal that holds data backs it up first.
        """
        if not self.upgrade_due:
            return
        from mentorapp.models.storage import migrate  # Alembic is only loaded when a change is due

        self._refuse_newer()
        migrate.upgrade(self.engine)
        self.revision = SCHEMA_HEAD

    # -- sessions --------------------------------------------------------------------
    @property
    def key_changing(self) -> bool:
        """True while `rekey` runs: a watcher with a connection of its own closes it until the generation changes."""
        return not self._not_changing.is_set()

    def _wait_for_key_change(self) -> None:
        if self._changer is not None and self._changer != threading.get_ident():
            self._not_changing.wait(KEY_CHANGE_WAIT_SECONDS)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for looking: one consistent snapshot, closed at the end."""
        self._wait_for_key_change()
        self._refuse_if_locked()
        with self._read.begin() as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session for one change: takes the write lock at once, commits or rolls back."""
        self._wait_for_key_change()
        self._refuse_if_locked()
        known_id = self._journal_id
        try:
            with self._write.begin() as session:
                # BEGIN IMMEDIATE: from here on no other process can replace the file unseen.
                connection = session.connection()
                self._refuse_if_replaced()
                driver = driver_of(connection.connection)
                before = driver.total_changes
                yield session
                session.flush()
                acknowledged = self._count_write(session) if driver.total_changes != before else None
        except BaseException:
            self._journal_id = known_id  # an id made in a transaction that did not commit is not the journal's
            raise
        with self._commit_lock:
            self._commit_count = next(self._commits)
        if acknowledged is not None:
            _record_acknowledged(self.path, *acknowledged)

    def _count_write(self, session: Session) -> tuple[str, int]:
        """Add one to the journal's count of acknowledged changes, in the change's own transaction."""
        row = session.execute(
            text("UPDATE journal_info SET value = CAST(value AS INTEGER) + 1 WHERE key = :key RETURNING value"),
            {"key": ACKNOWLEDGED_KEY},
        ).first()
        if row is None:
            session.execute(text("INSERT INTO journal_info (key, value) VALUES (:key, '1')"), {"key": ACKNOWLEDGED_KEY})
        if self._journal_id is None:
            session.execute(text("INSERT OR IGNORE INTO journal_info (key, value) VALUES (:key, :value)"),
                            {"key": JOURNAL_ID_KEY, "value": uuid.uuid4().hex})
            self._journal_id = session.execute(
                text("SELECT value FROM journal_info WHERE key = :key"), {"key": JOURNAL_ID_KEY}).scalar_one()
        return self._journal_id, int(row[0]) if row is not None else 1

    @property
    def local_commits(self) -> int:
        """How many write sessions this process has committed (lets a watcher tell its own writes apart)."""
        return self._commit_count

    # -- the key -------------------------------------------------------------------------
    @property
    def key(self) -> Key:
        """The key this journal is open with (its secret never shows in repr or messages)."""
        self._refuse_if_locked()
        assert self._key is not None
        return self._key

    @property
    def locked(self) -> bool:
        return self._key is None

    def _refuse_if_locked(self) -> None:
        if self._key is None:
            raise JournalLockedError(_("The journal is locked; unlock it to go on."))

    def _refuse_if_replaced(self) -> None:
        """Refuse to write into a file that is no longer the journal (another program put a new one in its place).

        A change written there would be acknowledged and then lost with the old file.
        """
        if self._identity is not None and file_identity(self.path) != self._identity:
            raise StoreError(
                _("The journal {path} was replaced by another MentorApp while this one had it open "
                  "(its key was changed, or it was restored); nothing was written. Open it again.").format(
                    path=self.path)
            )

    def lock(self) -> None:
        """Close every connection and forget the key until `unlock` is given it again.

        SQLCipher wipes its copy of the key when a connection closes; the app drops
        its own reference here.
        """
        if self._key is None:
            return
        self.engine.dispose()
        self._key = None

    def unlock(self, key: Key) -> None:
        """Open the journal again with `key`; raises WrongKeyError (and stays locked) if it does not fit."""
        identity, engine, _revision = self._connect_steadily(self.path, key)
        self._key = key
        self._bind(engine, identity)

    def rekey(self, new_key: Key, *, temporary: Path | None = None,
              before_replace: Callable[[], None] | None = None) -> None:
        """Re-encrypt the journal with `new_key` without ever changing the file under its old key.

        The journal is taken for this store alone (SQLite's exclusive locking: StoreError when
        another program has it open), its log folded in, and every page exported into
        `temporary` (a new file beside it) under the new key. That copy is flushed and
        checked (it opens with the new key, SQLite's integrity check passes, every table holds
        as many rows) before `before_replace` runs and the copy is renamed over the journal in
        one step, the folder flushed, while the lock is still held. A process killed at any
        moment leaves the journal whole under exactly one of the two keys (a leftover
        `temporary` at most); a copy that fails its check is removed and the journal keeps its key.
        Once `before_replace` has been called, a failure leaves `temporary` where it is: the
        caller's record of the change may name it, and its presence says the rename never happened.
        """
        old = self.key
        if temporary is None:
            temporary = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex[:12]}{PARTIAL_SUFFIX}")
        self._changer = threading.get_ident()
        self._not_changing.clear()
        try:
            self._rekey(old, new_key, temporary, before_replace)
        finally:
            self._changer = None
            self._not_changing.set()

    def _rekey(self, old: Key, new_key: Key, temporary: Path, before_replace: Callable[[], None] | None) -> None:
        import sqlcipher3

        self.engine.dispose()
        try:
            connection = connect_raw(self.path, old)
        except sqlcipher3.Error as exc:
            raise StoreError(_rekey_refusal(self.path, describe_database_error(exc))) from None
        claimed: int | None = None
        handed_over = False
        try:
            try:
                connection.execute("PRAGMA locking_mode = EXCLUSIVE")
                connection.execute("BEGIN EXCLUSIVE")
                connection.execute("COMMIT")  # the exclusive lock stays until the connection closes
            except sqlcipher3.OperationalError as exc:
                if is_busy(exc):
                    raise StoreError(
                        _("The journal {path} is open in another program; close it there, then change the key.").format(
                            path=self.path)
                    ) from None
                raise StoreError(_rekey_refusal(self.path, describe_database_error(exc))) from None
            try:
                # Fold the log in: the file renamed into place must not meet frames of the old one.
                busy, _log, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                if busy:
                    raise StoreError(_("The journal {path} stayed busy; nothing was changed. Try again.").format(
                        path=self.path))
                counts = _row_counts(connection)
                create_private_file(temporary)
                claimed = claim(temporary)
                _export_under(connection, temporary, new_key)
            except sqlcipher3.Error as exc:
                raise StoreError(_rekey_refusal(self.path, _write_words(exc))) from None
            except OSError as exc:
                raise StoreError(_rekey_refusal(self.path, exc.strerror or exc)) from None
            problem = _copy_problem(temporary, new_key, counts)
            if problem is not None:
                # Translators: {problem} says what is wrong with the copy ("the re-encrypted copy cannot be opened").
                raise StoreError(_("The key of {path} was not changed: {problem}.").format(
                    path=self.path, problem=problem))
            try:
                fsync_file(temporary)
                # From here on the caller's record of the change may name the copy: a failure leaves
                # it for the caller to remove (its presence is what says the journal was not replaced).
                handed_over = before_replace is not None
                if before_replace is not None:
                    before_replace()
                os.replace(temporary, self.path)
                fsync_folder(self.path.parent)
            except OSError as exc:
                raise StoreError(_rekey_refusal(self.path, exc.strerror or exc)) from None
        except BaseException:
            if not handed_over:
                _remove_with_sidecars(temporary)
            raise
        finally:
            connection.close()
            if claimed is not None:
                os.close(claimed)
        # The old engine was only emptied: on failure it goes on under the old key.
        self._key = None
        self.unlock(new_key)

    def reconnect(self) -> None:
        """Drop every pooled connection and open new ones (after the file was replaced)."""
        key = self.key
        self.engine.dispose()
        self._key = None
        self.unlock(key)

    # -- the file --------------------------------------------------------------------
    def backup_to(self, target: Path, *, thorough: bool = False) -> Path:
        """Copy the journal, still encrypted with the same key, with SQLite's online backup.

        The copy is written beside `target` first, checked with SQLite's
        `quick_check`, flushed to disk and only then renamed into place, so a
        half-written or damaged backup never carries the final name (`thorough`: SQLite's
        whole `integrity_check`, indexes against their tables, as each day's backup does).
        Copying reads every page of the journal, so each page's HMAC is checked on the way.
        The copy is a single self-contained file (rollback journal mode, no -wal beside it).
        Raises JournalDamagedError when the journal's own pages cannot be read.
        """
        import sqlcipher3

        target = Path(target)
        make_private_folder(target.parent)
        # A name of its own per copy: two commands started together both make the day's
        # backup, and must not write into (or delete) each other's half-made file.
        partial = target.with_name(f"{target.name}.{uuid.uuid4().hex[:12]}{PARTIAL_SUFFIX}")
        raw = self.engine.raw_connection()
        claimed: int | None = None
        try:
            try:
                create_private_file(partial)  # 0600 before SQLite writes a page into it
                claimed = claim(partial)  # a copy left by a killed process is then known as abandoned
                destination = connect_raw(partial, self.key)
            except sqlcipher3.Error as exc:
                raise StoreError(_("Cannot back up {path}: {reason}.").format(
                    path=self.path, reason=_write_words(exc, target))) from None
            try:
                try:
                    driver_of(raw).backup(destination)
                except sqlcipher3.OperationalError as exc:
                    raise StoreError(_("Cannot back up {path}: {reason}.").format(
                    path=self.path, reason=_write_words(exc, target))) from None
                except sqlcipher3.DatabaseError as exc:
                    # The journal's own pages did not decrypt or read back.
                    raise self._damaged(describe_database_error(exc)) from None
                try:
                    destination.execute("PRAGMA journal_mode = DELETE")
                    # The copy holds the journal's pages as they are (SQLCipher copies them still
                    # encrypted), so each page's HMAC is checked on the copy.
                    failures = destination.execute("PRAGMA cipher_integrity_check").fetchall()
                    check = "integrity_check" if thorough else "quick_check"
                    verdict = check_verdict(failures or destination.execute(f"PRAGMA {check}").fetchall())
                except sqlcipher3.OperationalError as exc:  # the copy's own file, not the journal
                    raise StoreError(_("Cannot back up {path}: {reason}.").format(
                    path=self.path, reason=_write_words(exc, target))) from None
                except sqlcipher3.DatabaseError as exc:
                    verdict = describe_database_error(exc)
            finally:
                destination.close()
            if verdict != "ok":
                # The copy holds exactly the journal's pages, so the journal carries the same damage.
                raise self._damaged(verdict)
            replace_durably(partial, target)
        except BaseException:
            _remove_with_sidecars(partial)
            raise
        finally:
            raw.close()
            if claimed is not None:
                os.close(claimed)
        return target

    def _damaged(self, words: str) -> JournalDamagedError:
        return JournalDamagedError(_damage_sentence(self.path, words), path=self.path)

    def take_pages_from(self, source: Any) -> None:  # source: a keyed sqlcipher3 connection
        """Replace the whole content of this journal with `source`'s, in one step.

        Uses SQLite's backup API with this journal as the destination: other
        connections (another process, the desk) see either the old journal or the
        new one, never a mix, and the write-ahead log stays consistent.
        """
        raw = self.engine.raw_connection()
        try:
            source.backup(driver_of(raw))
        finally:
            raw.close()
        forget_acknowledged(self.path)  # the journal now holds the backup's changes, on purpose
        self._journal_id = None

    def pragma(self, statement: str) -> object:
        """Run one PRAGMA outside any transaction (some, like journal_mode, refuse to run inside one)."""
        raw = self.engine.raw_connection()
        try:
            row = driver_of(raw).execute(statement).fetchone()
        finally:
            raw.close()
        return row[0] if row else None

    def integrity_problem(self) -> str | None:
        """SQLite's `quick_check` verdict: None when every page reads back as written."""
        import sqlcipher3

        try:
            verdict = check_verdict(self._all_rows("PRAGMA quick_check"))
        except sqlcipher3.Error as exc:
            return describe_database_error(exc)
        return None if verdict == "ok" else verdict

    def whole_check(self) -> str | None:
        """Every page's HMAC and SQLite's whole `integrity_check`: None when the journal is whole."""
        import sqlcipher3

        try:
            verdict = check_verdict(self._all_rows("PRAGMA cipher_integrity_check")
                                    or self._all_rows("PRAGMA integrity_check"))
        except sqlcipher3.Error as exc:
            return describe_database_error(exc)
        return None if verdict == "ok" else verdict

    def _all_rows(self, statement: str) -> list[tuple[Any, ...]]:
        raw = self.engine.raw_connection()
        try:
            return list(driver_of(raw).execute(statement).fetchall())
        finally:
            raw.close()

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file (used before copying or closing)."""
        self.pragma("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def count_rows(self, table: str) -> int:
        """Rows in one table (trash included): used by checks and tests."""
        with self.engine.connect() as conn:
            return int(conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())


SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


def _row_counts(connection: Any, schema: str = "main") -> dict[str, int]:
    """Rows in every table of a database (the full-text index's own tables included)."""
    names = [row[0] for row in connection.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' ORDER BY name")]
    return {
        name: int(connection.execute(f'SELECT count(*) FROM {schema}."{name.replace(chr(34), chr(34) * 2)}"')
                  .fetchone()[0])
        for name in names
        if not name.startswith("sqlite_")
    }


def _copy_problem(path: Path, key: Key, counts: dict[str, int]) -> str | None:
    """Why a re-encrypted copy is not the same journal under `key`, or None when it is.

    Opened afresh (so the pages are read back from the disk, not from a cache), checked in full
    and counted table by table against the original.
    """
    import sqlcipher3

    try:
        connection = connect_raw(path, key, read_only=True)
    except sqlcipher3.Error as exc:
        # Translators: ends "The key of {path} was not changed: …"; {reason} is SQLite's own words (in English).
        return _("the re-encrypted copy cannot be opened ({reason})").format(reason=describe_database_error(exc))
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            return _("the re-encrypted copy fails SQLite's check ({reason})").format(reason=verdict)
        copied = _row_counts(connection)
    except sqlcipher3.Error as exc:
        return _("the re-encrypted copy does not read back ({reason})").format(reason=describe_database_error(exc))
    finally:
        connection.close()
    if copied != counts:
        return _("the re-encrypted copy does not hold the same rows")
    return None


def rekey_copy(source: Path, target: Path, *, old: Key, new: Key) -> bool:
    """Write `target` (a new file, claimed while written) as `source` re-encrypted from `old` to `new`, checked and
    flushed; False when `old` does not open `source` (then nothing is written).

    For a backup: `source` itself is never changed. Raises StoreError when the copy cannot be
    written or does not check out (the partial copy is removed).
    """
    import sqlcipher3

    try:
        # Not read-only: a database attached to a read-only connection is read-only too.
        connection = connect_raw(source, old)
    except sqlcipher3.Error:
        return False
    try:
        counts = _row_counts(connection)
    except sqlcipher3.Error:
        connection.close()
        return False  # another key's (or a damaged) backup: left as it is
    claimed: int | None = None
    try:
        try:
            create_private_file(target)
            claimed = claim(target)
            _export_under(connection, target, new)
        except sqlcipher3.Error as exc:
            raise StoreError(_("Cannot re-encrypt {name}: {reason}.").format(
                name=source.name, reason=_write_words(exc))) from None
        except OSError as exc:
            raise StoreError(_("Cannot re-encrypt {name}: {reason}.").format(
                name=source.name, reason=exc.strerror or exc)) from None
        finally:
            connection.close()
        problem = _copy_problem(target, new, counts)
        if problem is not None:
            raise StoreError(_("Cannot re-encrypt {name}: {problem}.").format(name=source.name, problem=problem))
        try:
            fsync_file(target)
        except OSError as exc:
            raise StoreError(_("Cannot re-encrypt {name}: {reason}.").format(
                name=source.name, reason=exc.strerror or exc)) from None
    except BaseException:
        _remove_with_sidecars(target)
        raise
    finally:
        if claimed is not None:
            os.close(claimed)
    return True


def _export_under(connection: Any, target: Path, key: Key) -> None:
    """Copy every page of `connection`'s database into the empty file `target`, encrypted with `key`."""
    connection.execute(f"ATTACH DATABASE ? AS rekeyed KEY {key.quoted()}", (str(target),))
    try:
        connection.execute("SELECT sqlcipher_export('rekeyed')")
        version = connection.execute("PRAGMA main.user_version").fetchone()[0]
        connection.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
    finally:
        connection.execute("DETACH DATABASE rekeyed")


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", *SIDECAR_SUFFIXES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
