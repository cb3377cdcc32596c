"""Record identities unique across machines: every record gets a UUID beside its integer id.

The integer primary keys stay (every reference, the undo stack and the interchange file
use them); the UUID is what names a record between two machines that created rows
independently, so the same note on a laptop and a desktop is known as one. Rows that
exist already get a fresh random UUID each; a unique index keeps them distinct.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("mentee", "thread", "goal", "entry", "recognition", "ask", "watch_case", "chance", "starter",
          "agenda_point", "agenda_template")


def upgrade() -> None:
    connection = op.get_bind()
    for table in TABLES:
        # Plain ADD COLUMN: a rebuilt table would lose the full-text index's triggers on it.
        op.add_column(table, sa.Column("uuid", sa.String(36), nullable=True))
        ids = [row[0] for row in connection.execute(sa.text(f"SELECT id FROM {table}"))]
        if ids:
            connection.execute(sa.text(f"UPDATE {table} SET uuid = :uuid WHERE id = :id"),
                               [{"uuid": str(uuid.uuid4()), "id": ident} for ident in ids])
        op.create_index(f"ix_{table}_uuid", table, ["uuid"], unique=True)


def downgrade() -> None:
    raise NotImplementedError("MentorApp journals are only ever upgraded.")
