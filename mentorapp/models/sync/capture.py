"""Change capture: what this device writes lands in `sync_outbox` in the write's own transaction.

SQLite triggers, installed when sync is set up (`install`) and dropped when it stops
(`remove`), so a journal that does not sync pays nothing. Triggers see every path that
writes — the ORM, the import's plain inserts, erasure and the trash's purge on a raw
connection — so none can slip past sync. Outbox rows name a field, or `+` (a new record:
every field) or `-` (deleted for good: a tombstone). While another device's change is
being applied (`sync_state.applying` = 1) nothing is captured: that change is not this
device's to send.

A record deleted for good leaves a tombstone here at once (its stamp is set when it is
sent). A record put back under a uuid whose tombstone was already sent (redo after undo
of an add) gets a fresh uuid: a tombstoned uuid never returns, on any machine.

Record ids: the integer id is in the interchange file, so converged machines must agree
on it. While sync is set up a new record's id is derived from its uuid (53 bits of its
SHA-256, `id_for`), so two machines adding records at the same time do not both take
"the next number".
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Table, event, text
from sqlalchemy.engine import Connection

from mentorapp.models.entities.base import Base, new_uuid

NEW = "+"
GONE = "-"
MAX_ID = 2**53
PREFIX = "sync_capture_"
# The uuid a trigger gives a record put back under a sent tombstone (a version 4 UUID, made by SQLite).
_FRESH_UUID_SQL = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || "
    "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
)


def synced_tables() -> list[Table]:
    """The tables of records that sync, parents before children."""
    return [t for t in Base.metadata.sorted_tables if "uuid" in t.columns]


def synced_fields(table: Table) -> list[str]:
    """A table's fields as sync carries them (every column but the uuid, which names the record)."""
    return [c.name for c in table.columns if c.name != "uuid"]


def id_for(uuid: str) -> int:
    """The record id a record made while syncing gets: the same on every machine, from its uuid."""
    digest = hashlib.sha256(uuid.encode("ascii")).digest()
    return int.from_bytes(digest[:8], "big") % (MAX_ID - 1) + 1


def _triggers(table: Table) -> list[str]:
    name = table.name
    capturing = "(SELECT applying FROM sync_state WHERE id = 1) = 0"
    changed = "\n".join(
        f"INSERT OR REPLACE INTO sync_outbox (tbl, uuid, field) SELECT '{name}', NEW.uuid, '{field}' "
        f'WHERE OLD."{field}" IS NOT NEW."{field}";'
        for field in synced_fields(table) if field != "id"
    )
    return [
        f"""CREATE TRIGGER {PREFIX}{name}_insert AFTER INSERT ON "{name}" WHEN {capturing} BEGIN
            DELETE FROM sync_tombstone WHERE tbl = '{name}' AND uuid = NEW.uuid AND stamp IS NULL;
            DELETE FROM sync_outbox WHERE tbl = '{name}' AND uuid = NEW.uuid AND field = '{GONE}';
            UPDATE "{name}" SET uuid = {_FRESH_UUID_SQL} WHERE rowid = NEW.rowid
                AND EXISTS (SELECT 1 FROM sync_tombstone WHERE tbl = '{name}' AND uuid = NEW.uuid);
            INSERT OR REPLACE INTO sync_outbox (tbl, uuid, field)
                SELECT '{name}', uuid, '{NEW}' FROM "{name}" WHERE rowid = NEW.rowid;
        END""",
        f"""CREATE TRIGGER {PREFIX}{name}_update AFTER UPDATE ON "{name}" WHEN {capturing} BEGIN
            {changed}
        END""",
        f"""CREATE TRIGGER {PREFIX}{name}_delete AFTER DELETE ON "{name}" BEGIN
            INSERT OR IGNORE INTO sync_tombstone (tbl, uuid, stamp) SELECT '{name}', OLD.uuid,
                CASE WHEN {capturing} THEN NULL ELSE 'applied' END;
            DELETE FROM sync_field WHERE tbl = '{name}' AND uuid = OLD.uuid;
            DELETE FROM sync_outbox WHERE tbl = '{name}' AND uuid = OLD.uuid;
            INSERT INTO sync_outbox (tbl, uuid, field) SELECT '{name}', OLD.uuid, '{GONE}' WHERE {capturing};
        END""",
    ]


def install(connection: Connection) -> None:
    """Start capturing this device's writes (again: a changed schema gets fresh triggers)."""
    remove(connection)
    for table in synced_tables():
        for statement in _triggers(table):
            connection.execute(text(statement))


def remove(connection: Connection) -> None:
    names = connection.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, :n) = :prefix"),
        {"n": len(PREFIX), "prefix": PREFIX}).scalars().all()
    for name in names:
        connection.execute(text(f'DROP TRIGGER "{name}"'))


def capturing(connection: Connection) -> bool:
    """Whether this journal syncs (its capture triggers are in place)."""
    return connection.execute(text(
        "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
        {"name": f"{PREFIX}mentee_insert"}).first() is not None


@event.listens_for(Base, "before_insert", propagate=True)
def _syncable_id(mapper: Any, connection: Connection, target: Any) -> None:
    """While syncing, give a new record the id its uuid names (see `id_for`)."""
    table: Table = mapper.local_table
    if "uuid" not in table.columns or target.id is not None:
        return
    if not capturing(connection):
        return
    while True:
        if target.uuid is None:
            target.uuid = new_uuid()
        ident = id_for(target.uuid)
        taken = connection.execute(text(f'SELECT 1 FROM "{table.name}" WHERE id = :id'), {"id": ident}).first()
        if taken is None:
            target.id = ident
            return
        target.uuid = None  # one chance in 2**53: another identity, another number
