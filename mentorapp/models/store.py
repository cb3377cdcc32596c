"""The encrypted journal file: engine, sessions, pragmas and migrations on open.

A journal is one SQLite file encrypted with SQLCipher. Opening it checks the key,
upgrades an older schema (after copying the file aside) and hands out one
Session per user action: `read()` for looking, `write()` for changing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import URL, create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from mentorapp.models.errors import StoreError

# The newest schema revision this version of the app writes. A test checks that it
# is Alembic's head, so opening an up-to-date journal never has to load Alembic.
SCHEMA_HEAD = "0002"

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class WrongKeyError(StoreError):
    """The key does not decrypt this file (or the file is not a journal at all)."""


@dataclass(frozen=True)
class Key:
    """What unlocks a journal: a passphrase (stretched by SQLCipher) or a raw 256-bit key.

    The secret never appears in repr() or in error messages.
    """

    secret: str = field(repr=False)
    raw: bool = False
    source: str = "passphrase"

    @classmethod
    def from_hex(cls, hex_key: str, *, source: str) -> Key:
        cleaned = hex_key.strip().lower()
        if len(cleaned) != 64 or any(c not in "0123456789abcdef" for c in cleaned):
            raise WrongKeyError("That is not a valid journal key (64 hexadecimal digits).")
        return cls(secret=cleaned, raw=True, source=source)

    def pragma_value(self) -> str:
        """The value for SQLCipher's `PRAGMA key` (the dialect adds the quotes)."""
        return f"x'{self.secret}'" if self.raw else self.secret


def _journal_url(path: Path, key: Key) -> URL:
    return URL.create("sqlite+pysqlcipher", password=key.pragma_value(), database=str(path))


def _make_engine(path: Path, key: Key) -> Engine:
    engine = create_engine(_journal_url(path, key))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI objects
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
    def _on_begin(conn) -> None:  # noqa: ANN001
        mode = conn.get_execution_options().get("mentorapp_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def describe_unopenable(path: Path) -> str | None:
    """Say why `path` cannot be a journal before trying a key, or None if it might be one."""
    if path.is_dir():
        return f"{path} is a folder, not a journal file."
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_PLAIN_HEADER))
    except OSError as exc:
        return f"Cannot read the journal {path}: {exc.strerror or exc}."
    if head == SQLITE_PLAIN_HEADER:
        return f"{path} is an unencrypted SQLite file, not a MentorApp journal."
    return None


class Store:
    """An open journal: hands out sessions and knows its file."""

    def __init__(self, path: Path, engine: Engine, key: Key) -> None:
        self.path = path
        self.engine = engine
        self._key = key
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(mentorapp_begin="IMMEDIATE"), expire_on_commit=False
        )

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, key: Key, *, create: bool = True) -> Store:
        """Open (or create) the journal at `path` with `key`, upgrading its schema.

        Raises WrongKeyError when the key does not fit, StoreError for every other
        reason the file cannot be used; the file itself is never changed then.
        """
        path = Path(path).expanduser()
        problem = describe_unopenable(path)
        if problem:
            raise StoreError(problem)
        is_new = not path.exists() or path.stat().st_size == 0
        if is_new and not create:
            raise StoreError(f"There is no journal at {path}.")
        if is_new:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"Cannot create the folder for {path}: {exc.strerror}.") from exc
        elif not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(f"The journal {path} cannot be read and written by you.")

        engine = _make_engine(path, key)
        try:
            revision = cls._check_key_and_revision(engine, path)
            store = cls(path, engine, key)
            if revision != SCHEMA_HEAD:
                store._migrate(from_revision=revision)
        except BaseException:
            engine.dispose()
            raise
        return store

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
                        raise StoreError(f"{path} is an SQLite database, but not a MentorApp journal.")
                    return None
                row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
                return row[0] if row else None
        except DatabaseError as exc:
            message = str(exc.orig) if exc.orig is not None else str(exc)
            if "file is not a database" in message or "encrypted" in message:
                raise WrongKeyError(
                    f"The key does not open {path} (wrong passphrase, or not a MentorApp journal)."
                ) from None
            if isinstance(exc, OperationalError) and "locked" in message:
                raise StoreError(f"The journal {path} is locked by another program; try again.") from None
            raise StoreError(f"The journal {path} cannot be read: {message}.") from None

    def _migrate(self, *, from_revision: str | None) -> None:
        from mentorapp.models import migrate  # Alembic is only loaded when a change is due

        if from_revision is not None and not migrate.is_known_revision(from_revision):
            raise StoreError(
                f"{self.path} was written by a newer MentorApp (schema {from_revision}); "
                "update the app to open it."
            )
        if from_revision is not None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            self.backup_to(self.path.with_name(f"{self.path.name}.before-{SCHEMA_HEAD}-{stamp}.bak"))
        migrate.upgrade(self.engine)

    # -- sessions --------------------------------------------------------------------
    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for looking: one consistent snapshot, closed at the end."""
        with self._read.begin() as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session for one change: takes the write lock at once, commits or rolls back."""
        with self._write.begin() as session:
            yield session

    # -- the file --------------------------------------------------------------------
    def backup_to(self, target: Path) -> Path:
        """Copy the journal, still encrypted with the same key, with SQLite's online backup.

        The copy is written beside `target` first and renamed into place, so a
        half-written backup never carries the final name.
        """
        import sqlcipher3  # the driver SQLAlchemy's pysqlcipher dialect uses

        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        quoted = '"' + self._key.pragma_value().replace('"', '""') + '"'
        raw = self.engine.raw_connection()
        try:
            destination = sqlcipher3.connect(str(partial))
            try:
                destination.execute(f"PRAGMA key = {quoted}")
                raw.driver_connection.backup(destination)
            finally:
                destination.close()
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        finally:
            raw.close()
        return target

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file (used before copying or closing)."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def count_rows(self, table: str) -> int:
        """Rows in one table (trash included): used by checks and tests."""
        with self.engine.connect() as conn:
            return conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
