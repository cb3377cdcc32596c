"""The first schema: mentees, entries and threads, goals, recognition, asks, the
watchlist with its chances, conversation starters, and the full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import datetime

import sqlalchemy as sa
from alembic import op

from mentorapp.i18n import N_, _


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('journal_info',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_journal_info'))
    )
    op.create_table('mentee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('cadence_days', sa.Integer(), nullable=False),
    sa.Column('thanks_preference', sa.Text(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentee'))
    )
    op.create_index('ix_mentee_name', 'mentee', ['name'], unique=False)
    starter = op.create_table('starter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_starter'))
    )
    op.create_table('ask',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mentee_id', sa.Integer(), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['mentee_id'], ['mentee.id'], name=op.f('fk_ask_mentee_id_mentee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ask'))
    )
    op.create_index('ix_ask_mentee_id', 'ask', ['mentee_id'], unique=False)
    op.create_table('goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mentee_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('success_criteria', sa.Text(), nullable=False),
    sa.Column('latitude', sa.Text(), nullable=False),
    sa.Column('set_on', sa.Date(), nullable=False),
    sa.Column('check_in_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['mentee_id'], ['mentee.id'], name=op.f('fk_goal_mentee_id_mentee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal'))
    )
    op.create_index('ix_goal_mentee_id', 'goal', ['mentee_id'], unique=False)
    op.create_table('recognition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mentee_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('what_for', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['mentee_id'], ['mentee.id'], name=op.f('fk_recognition_mentee_id_mentee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recognition'))
    )
    op.create_index('ix_recognition_mentee_given', 'recognition', ['mentee_id', 'given_on'], unique=False)
    op.create_table('thread',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mentee_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.Text(), nullable=False),
    sa.Column('opened_by', sa.String(length=16), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('acted_on', sa.Date(), nullable=True),
    sa.Column('acted_on_note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['mentee_id'], ['mentee.id'], name=op.f('fk_thread_mentee_id_mentee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thread'))
    )
    op.create_index('ix_thread_mentee_id', 'thread', ['mentee_id'], unique=False)
    op.create_table('watch_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mentee_id', sa.Integer(), nullable=False),
    sa.Column('concern', sa.Text(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('support_plan', sa.Text(), nullable=False),
    sa.Column('toxicity_concern', sa.Text(), nullable=False),
    sa.Column('next_review_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['mentee_id'], ['mentee.id'], name=op.f('fk_watch_case_mentee_id_mentee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_watch_case'))
    )
    op.create_index('ix_watch_case_mentee_id', 'watch_case', ['mentee_id'], unique=False)
    op.create_table('chance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('expectation', sa.Text(), nullable=False),
    sa.Column('support', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('result', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['watch_case.id'], name=op.f('fk_chance_case_id_watch_case'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chance'))
    )
    op.create_index('ix_chance_case_id', 'chance', ['case_id'], unique=False)
    op.create_table('entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mentee_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('direction', sa.String(length=16), nullable=False),
    sa.Column('setting', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=True),
    sa.Column('goal_id', sa.Integer(), nullable=True),
    sa.Column('discussed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_entry_goal_id_goal'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['mentee_id'], ['mentee.id'], name=op.f('fk_entry_mentee_id_mentee'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['thread_id'], ['thread.id'], name=op.f('fk_entry_thread_id_thread'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry'))
    )
    op.create_index('ix_entry_goal_id', 'entry', ['goal_id'], unique=False)
    op.create_index('ix_entry_mentee_at', 'entry', ['mentee_id', 'at'], unique=False)
    op.create_index('ix_entry_thread_id', 'entry', ['thread_id'], unique=False)

    seeded = datetime.datetime(2026, 1, 1)
    op.bulk_insert(
        starter,
        [
            {"text": _(text), "position": position, "created_at": seeded, "updated_at": seeded}
            for position, text in enumerate(STARTERS, start=1)
        ],
    )
    for statement in search_index_sql():
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("MentorApp journals are only ever upgraded.")


# The library of conversation starters a new journal begins with, in the language the lead speaks when
# the journal is made (the lead edits them from then on); the first is the method's own opening question.
STARTERS = (
    N_("I've encountered some challenges and I want to hear your view. What do you think of …?"),
    N_("What is one thing I could do differently that would help you most right now?"),
    N_("What is getting in your way this week, and what would clear it?"),
    N_("Where would you like more room to decide on your own?"),
    N_("What are you proud of since we last talked?"),
    N_("Is there anything you'd like me to push for on your behalf?"),
    N_("How did that go from your side? What would you try next time?"),
)


# The full-text index over every text the journal holds. Each document's rowid is
# id * 8 + a code for its table, so triggers find it without a lookup; the search
# service decodes doc_type and doc_id. Trashed rows (deleted_at set) are left out.
SEARCHABLE = {
    # table: (code, body, mentee_id, date)
    "entry": (0, "new.text", "new.mentee_id", "new.at"),
    "thread": (1, "new.topic", "new.mentee_id", "new.opened_on"),
    "goal": (
        2,
        "new.outcome || char(10) || new.success_criteria || char(10) || new.latitude",
        "new.mentee_id",
        "new.set_on",
    ),
    "recognition": (3, "new.what_for", "new.mentee_id", "new.given_on"),
    "ask": (4, "new.what || char(10) || new.details", "new.mentee_id", "new.raised_on"),
    "watch_case": (
        5,
        "new.concern || char(10) || new.support_plan || char(10) || new.toxicity_concern"
        " || char(10) || new.decision_reason",
        "new.mentee_id",
        "new.opened_on",
    ),
    "chance": (
        6,
        "new.expectation || char(10) || new.support || char(10) || new.outcome",
        "(SELECT mentee_id FROM watch_case WHERE id = new.case_id)",
        "new.given_on",
    ),
    "mentee": (7, "new.name || char(10) || new.role || char(10) || new.thanks_preference", "new.id", "NULL"),
}


def search_index_sql() -> list[str]:
    statements = [
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, doc_type UNINDEXED, doc_id UNINDEXED, mentee_id UNINDEXED, at UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    ]
    for table, (code, body, mentee, when) in SEARCHABLE.items():
        insert = (
            "INSERT INTO search_index(rowid, body, doc_type, doc_id, mentee_id, at) "
            f"SELECT new.id * 8 + {code}, {body}, '{table}', new.id, {mentee}, {when} "
            "WHERE new.deleted_at IS NULL;"
        )
        remove = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {code};"
        statements += [
            f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {remove} END",
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} BEGIN {remove} {insert} END",
        ]
    return statements
