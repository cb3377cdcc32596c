"""Partial indexes that answer the roster and the Today view without reading every entry.

A lead with years of notes must see the roster at once: the last touchpoint, the
undiscussed concerns and the note count of each mentee come from these indexes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_entry_touch", "entry", ["mentee_id", "at"],
        sqlite_where=sa.text("direction != 'private' AND deleted_at IS NULL"),
    )
    op.create_index(
        "ix_entry_open_concern", "entry", ["mentee_id"],
        sqlite_where=sa.text("kind = 'concern' AND discussed_on IS NULL AND deleted_at IS NULL"),
    )
    op.create_index("ix_entry_live", "entry", ["mentee_id"], sqlite_where=sa.text("deleted_at IS NULL"))


def downgrade() -> None:
    raise NotImplementedError("MentorApp journals are only ever upgraded.")
