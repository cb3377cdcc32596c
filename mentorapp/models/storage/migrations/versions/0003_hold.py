"""Holds: a mentee can be put on hold (an access request, a dispute, a litigation hold).

While a hold is set, nothing already written about the person may change or go; the
hold keeps the day it was set and why. Two columns on the mentee, empty for everyone.

Revision ID: 0003_hold
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_hold"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a rebuilt table would lose the full-text index's triggers on it.
    op.add_column("mentee", sa.Column("held_on", sa.Date(), nullable=True))
    op.add_column("mentee", sa.Column("hold_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    raise NotImplementedError("MentorApp journals are only ever upgraded.")
