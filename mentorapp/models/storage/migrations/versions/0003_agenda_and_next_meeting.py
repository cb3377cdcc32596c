"""The next 1:1: talking points per mentee, conversation templates (seeded), and each
person's next meeting date as the lead's own calendar has it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import datetime

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mentee") as batch:
        batch.add_column(sa.Column("next_meeting_on", sa.Date(), nullable=True))
    op.create_table(
        "agenda_point",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("raised_by", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=True),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("ask_id", sa.Integer(), nullable=True),
        sa.Column("thread_id", sa.Integer(), nullable=True),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["mentee_id"], ["mentee.id"], name=op.f("fk_agenda_point_mentee_id_mentee"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["concern_id"], ["entry.id"], name=op.f("fk_agenda_point_concern_id_entry"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], name=op.f("fk_agenda_point_goal_id_goal"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["ask_id"], ["ask.id"], name=op.f("fk_agenda_point_ask_id_ask"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["thread_id"], ["thread.id"], name=op.f("fk_agenda_point_thread_id_thread"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["entry_id"], ["entry.id"], name=op.f("fk_agenda_point_entry_id_entry"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_point")),
    )
    op.create_index("ix_agenda_point_mentee_id", "agenda_point", ["mentee_id"], unique=False)
    template = op.create_table(
        "agenda_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("prompts", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_template")),
    )
    seeded = datetime.datetime(2026, 1, 1)
    op.bulk_insert(
        template,
        [
            {"name": name, "prompts": "\n".join(prompts), "position": position,
             "created_at": seeded, "updated_at": seeded}
            for position, (name, prompts) in enumerate(TEMPLATES, start=1)
        ],
    )


def downgrade() -> None:
    raise NotImplementedError("MentorApp journals are only ever upgraded.")


# The conversations that recur, each a few questions in the method's spirit: two-way,
# the mentee's view first, the river shown and the crossing left to them.
TEMPLATES = (
    ("First 1:1", (
        "What would make our conversations worth your time?",
        "How do you like to get feedback: in the moment, written, over coffee?",
        "What are you hoping to learn or get better at here?",
        "How would you like to be thanked when something goes well?",
        "What should I know about how you work best?",
    )),
    ("Regular 1:1", (
        "What is on your mind since we last talked?",
        "What is getting in your way, and what would clear it?",
        "Is there anything you'd like me to push for on your behalf?",
        "What is one thing I could do differently that would help you most?",
    )),
    ("Career conversation", (
        "Where would you like to be in a year or two?",
        "Which work gives you energy, and which drains it?",
        "What would you like more room to decide on your own?",
        "Which skill would you like to stretch next, and where could you try it safely?",
        "Who could you learn from, and could I help open that door?",
    )),
    ("Quarterly look back", (
        "What are you proud of from these three months?",
        "What did not go as hoped, and what did you learn from it?",
        "Which of your goals still matter, and which should change?",
        "How has working with me been this quarter? What should I keep or change?",
        "What would make the next quarter a good one for you?",
    )),
)
