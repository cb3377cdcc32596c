"""Sync state inside the journal: this device, the sync key, what was sent and applied, per-field stamps.

Nothing here is about the team: it is this machine's own bookkeeping for sync (see
models/sync/README.md), prefixed `sync_`, never exported. The tables stay empty until
`sync init` or `sync join`; the triggers that capture changes are installed then, so a
journal that does not sync pays nothing on a write.

- `sync_state` — one row while this journal syncs: device id, sync key, folder, the
  last change number this device wrote, its hybrid clock's last stamp, and `applying`
  (1 only inside the transaction that applies another device's change, so that what it
  writes is not captured as this device's own).
- `sync_seen` — per other device, the last change number applied here.
- `sync_field` — per (table, uuid, field) the stamps of its current value(s) and the
  stamps they replaced; more than one row for a text field is a conflict, whose losing
  text is kept in `value`.
- `sync_tombstone` — records deleted for good (erased, purged from the trash): they never return.
- `sync_outbox` — (table, uuid, field) written since the last push, in the write's own transaction.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY,
        device TEXT NOT NULL,
        sync_key TEXT NOT NULL,
        folder TEXT NOT NULL,
        last_sequence INTEGER NOT NULL DEFAULT 0,
        last_stamp TEXT,
        applying INTEGER NOT NULL DEFAULT 0)""")
    op.execute("CREATE TABLE sync_seen (device TEXT PRIMARY KEY, sequence INTEGER NOT NULL)")
    op.execute("""CREATE TABLE sync_field (
        tbl TEXT NOT NULL, uuid TEXT NOT NULL, field TEXT NOT NULL, stamp TEXT NOT NULL, base TEXT,
        value TEXT, PRIMARY KEY (tbl, uuid, field, stamp))""")
    op.execute("""CREATE TABLE sync_tombstone (
        tbl TEXT NOT NULL, uuid TEXT NOT NULL, stamp TEXT, PRIMARY KEY (tbl, uuid))""")
    op.execute("""CREATE TABLE sync_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, uuid TEXT NOT NULL, field TEXT NOT NULL,
        UNIQUE (tbl, uuid, field))""")


def downgrade() -> None:
    raise NotImplementedError("MentorApp journals are only ever upgraded.")
