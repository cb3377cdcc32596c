"""Privacy: holds, the day someone left (for retention), and fact or opinion.

A mentee can be put on hold (an access request, a dispute, a litigation hold): while set,
nothing already written about the person may change or go; the hold keeps the day it was
set and why. `archived_on` is the day they were archived (left the team), from which a
retention policy counts; people archived before this revision count from their row's
last change, the best date the journal has. Concerns (entries), watchlist cases and
chances can be marked as the lead's opinion rather than an observed fact (`opinion`).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a rebuilt table would lose the full-text index's triggers on it.
    op.add_column("mentee", sa.Column("held_on", sa.Date(), nullable=True))
    op.add_column("mentee", sa.Column("hold_reason", sa.Text(), nullable=False, server_default=""))
    op.add_column("mentee", sa.Column("archived_on", sa.Date(), nullable=True))
    op.execute("UPDATE mentee SET archived_on = date(updated_at) WHERE archived")
    for table in ("entry", "watch_case", "chance"):
        op.add_column(table, sa.Column("opinion", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    raise NotImplementedError("MentorApp journals are only ever upgraded.")
