"""Journal entries, the bite-size unit of the method, and the two-way threads they form."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy import text as sql_text  # "text" is also a column of Entry
from sqlalchemy.orm import Mapped, mapped_column

from mentorapp.models.entities.base import Base, TimestampMixin
from mentorapp.models.vocabulary import Direction, EntryKind, Setting, Side, ThreadStatus


TOUCHPOINT_SQL = "direction != 'private' AND deleted_at IS NULL"
OPEN_CONCERN_SQL = "kind = 'concern' AND discussed_on IS NULL AND deleted_at IS NULL"


def discussed_when(*, kind: str, direction: str, at: dt.datetime, discussed_on: dt.date | None) -> dt.date | None:
    """The no-surprises rule: the day a note's concern counts as discussed with the mentee.

    A concern written to or heard from the mentee was discussed that day; a private
    concern waits until the lead marks it raised. Other kinds carry no date.
    """
    if kind != EntryKind.CONCERN.value:
        return None
    if discussed_on is None and Direction(direction).two_way:
        return at.date()
    return discussed_on


class Thread(TimestampMixin, Base):
    """A feedback conversation on one topic, opened by either side.

    Upward feedback (a thread the mentee opened) can be marked acted on by the lead.
    """

    __tablename__ = "thread"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("mentee.id", ondelete="CASCADE"))
    topic: Mapped[str] = mapped_column(Text)
    opened_by: Mapped[str] = mapped_column(String(16), default=Side.LEAD.value)
    opened_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=ThreadStatus.OPEN.value)
    resolved_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    acted_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    acted_on_note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_thread_mentee_id", "mentee_id"),)


class Entry(TimestampMixin, Base):
    """One bite-size note: what was said, by whom, where, and about what."""

    __tablename__ = "entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("mentee.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(16), default=EntryKind.THOUGHT.value)
    direction: Mapped[str] = mapped_column(String(16), default=Direction.TO_MENTEE.value)
    setting: Mapped[str] = mapped_column(String(16), default=Setting.ONE_ON_ONE.value)
    text: Mapped[str] = mapped_column(Text)
    thread_id: Mapped[int | None] = mapped_column(
        ForeignKey("thread.id", ondelete="SET NULL"), default=None
    )
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("goal.id", ondelete="SET NULL"), default=None
    )
    # For concerns: the day it was first raised with the mentee (None = not yet).
    discussed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    # The lead's impression rather than an observed fact ("Opinion of <lead>" on paper).
    opinion: Mapped[bool] = mapped_column(default=False)

    def settle_discussion(self) -> None:
        """Keep the no-surprises rule (`discussed_when`) after the entry was written or changed."""
        self.discussed_on = discussed_when(
            kind=self.kind, direction=self.direction, at=self.at, discussed_on=self.discussed_on
        )

    __table_args__ = (
        Index("ix_entry_mentee_at", "mentee_id", "at"),
        Index("ix_entry_thread_id", "thread_id"),
        Index("ix_entry_goal_id", "goal_id"),
        # Partial indexes for the roster and the Today view (migration 0002). Queries
        # that rely on them spell these conditions as literals, so SQLite can match them.
        Index("ix_entry_touch", "mentee_id", "at", sqlite_where=sql_text(TOUCHPOINT_SQL)),
        Index("ix_entry_open_concern", "mentee_id", sqlite_where=sql_text(OPEN_CONCERN_SQL)),
        Index("ix_entry_live", "mentee_id", sqlite_where=sql_text("deleted_at IS NULL")),
    )
