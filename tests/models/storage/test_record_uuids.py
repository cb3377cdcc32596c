"""Schema revision 0005: every record gets an identity unique across machines, and keeps it."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentorapp.models.clock import FixedClock
from mentorapp.models.services import Services
from mentorapp.models.storage.store import MIGRATIONS_DIR
from mentorapp.models.trust import backups, opening
from tests.conftest import TEST_KEY
from tests.models.storage.test_migrations import ROWS_PER_TABLE, build_at, fill_by_reflection

RECORD_TABLES = ("mentee", "thread", "goal", "entry", "recognition", "ask", "watch_case", "chance", "starter",
                 "agenda_point", "agenda_template")


def test_an_upgrade_from_0004_gives_every_existing_row_its_own_uuid_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "at-0004.db"
    engine = build_at(path, "0004", MIGRATIONS_DIR)
    fill_by_reflection(engine)
    engine.dispose()
    with opening.open_store(path, TEST_KEY) as opened, opened.engine.connect() as connection:
        seen: set[str] = set()
        count = 0
        for table in RECORD_TABLES:
            values = [row[0] for row in connection.execute(sa.text(f"SELECT uuid FROM {table}"))]
            assert len(values) >= ROWS_PER_TABLE, table  # the filled rows, and the seeded starters
            count += len(values)
            assert all(uuid.UUID(value).version == 4 for value in values), table
            seen.update(values)
    assert len(seen) == count  # no two records share one
    made = [b for b in backups.list_backups(path) if b.reason is backups.Reason.BEFORE_UPGRADE]
    assert len(made) == 1


def test_a_new_record_gets_a_uuid_that_undo_and_redo_keep(services: Services, clock: FixedClock) -> None:
    command = services.mentees.undoable("Add mentee", lambda: services.mentees.add(name="Ana Lima"))
    assert command is not None
    with services.store.read() as session:
        first = session.execute(sa.text("SELECT uuid FROM mentee WHERE id = :id"), {"id": command.record_id}).scalar()
    assert first is not None and uuid.UUID(first)
    command.undo()
    command.redo()
    with services.store.read() as session:
        again = session.execute(sa.text("SELECT uuid FROM mentee WHERE id = :id"), {"id": command.record_id}).scalar()
    assert again == first


def test_two_records_never_share_a_uuid(services: Services) -> None:
    for name in ("Ana", "Bo", "Cy"):
        services.mentees.add(name=name)
    with services.store.read() as session:
        with pytest.raises(sa.exc.IntegrityError):
            session.execute(sa.text("UPDATE mentee SET uuid = (SELECT uuid FROM mentee LIMIT 1)"))
