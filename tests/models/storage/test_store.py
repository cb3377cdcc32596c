"""The journal file: encrypted at rest, opened only with its key, migrated on open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from mentorapp.models.entities import Base
from mentorapp.models.storage import migrate
from mentorapp.models.errors import StoreError
from mentorapp.models.services import Services
from mentorapp.models.storage.store import SCHEMA_HEAD, Key, Store, WrongKeyError
from tests.conftest import TEST_KEY

SECRET_NOTE = "Priya worries the Zanzibar launch slips because of the vendor contract"


def _journal_bytes(path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            data += part.read_bytes()
    return data


def test_raw_file_is_not_plain_sqlite_and_holds_no_journal_text(journal_path: Path) -> None:
    with Store.open(journal_path, TEST_KEY) as store:
        services = Services(store)
        mentee = services.mentees.add(name="Priya Zanzibarova", role="Release captain")
        services.entries.add(mentee_id=mentee.id, text=SECRET_NOTE)
        services.goals.add(mentee_id=mentee.id, outcome="Own the Zanzibar launch", latitude="Picks vendors")
        # Read while the write-ahead log still holds the latest pages, then after folding it in.
        during = _journal_bytes(journal_path)
        store.checkpoint()
    after = _journal_bytes(journal_path)
    for data in (during, after):
        assert not data.startswith(b"SQLite format 3")
        for needle in ("Zanzibar", "Priya", "vendor contract", "Release captain", "Picks vendors"):
            assert needle.encode() not in data
            assert needle.encode("utf-16-le") not in data
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(journal_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_key_is_refused_without_touching_the_file(journal_path: Path) -> None:
    before = journal_path.read_bytes()
    with pytest.raises(WrongKeyError, match="does not open"):
        Store.open(journal_path, Key(secret="not the passphrase"))
    assert journal_path.read_bytes() == before


def test_a_plain_sqlite_file_is_named_as_such(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="unencrypted SQLite file"):
        Store.open(plain, TEST_KEY)


def test_a_folder_is_not_a_journal(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path, TEST_KEY)


def test_opening_without_create_refuses_a_missing_journal(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no journal"):
        Store.open(tmp_path / "missing.db", TEST_KEY, create=False)
    assert not (tmp_path / "missing.db").exists()


def test_passphrase_journal_reopens_with_the_same_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "pass.db"
    with Store.open(path, Key(secret='quote " and \' inside')) as store:
        Services(store).mentees.add(name="Ana")
    with Store.open(path, Key(secret='quote " and \' inside')) as store:
        assert [m.name for m in Services(store).mentees.list()] == ["Ana"]


def test_schema_head_constant_matches_the_migrations() -> None:
    assert migrate.head_revision() == SCHEMA_HEAD


def test_migrated_schema_matches_the_entities(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": migrate.include_name})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_new_journal_uses_write_ahead_logging_and_foreign_keys(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_journal_from_a_newer_app_is_refused(journal_path: Path) -> None:
    with Store.open(journal_path, TEST_KEY) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer MentorApp"):
        Store.open(journal_path, TEST_KEY)


def test_backup_copy_opens_with_the_same_key_and_holds_the_data(services: Services, tmp_path: Path) -> None:
    services.mentees.add(name="Marco Rossi")
    copy = services.store.backup_to(tmp_path / "copy.db")
    assert not copy.read_bytes().startswith(b"SQLite format 3")
    with Store.open(copy, TEST_KEY) as restored:
        assert [m.name for m in Services(restored).mentees.list()] == ["Marco Rossi"]
    assert not list(tmp_path.glob("*.partial"))
