"""The next 1:1: talking points the lead collects for a person, and the templates that add several at once.

A point is raised by the lead or by the mentee. It may come from a suggestion (a concern
not yet raised, a goal due for a check-in, an ask to report back on, a thread waiting on
the lead, a starter question): then it names its source, so the same suggestion is never
offered again beside it. A suggestion the lead dismissed is kept as a point with the status
'dismissed' for the same reason. A point ticked as discussed becomes an entry in the
timeline (`entry_id`); one not discussed simply stays open, carried from meeting to meeting.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentorapp.models.entities.base import Base, TimestampMixin
from mentorapp.models.vocabulary import AgendaSource, AgendaStatus, Side


class AgendaPoint(TimestampMixin, Base):
    """One thing to talk about next time, who raised it, and how it ended."""

    __tablename__ = "agenda_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("mentee.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    raised_by: Mapped[str] = mapped_column(String(16), default=Side.LEAD.value)
    source: Mapped[str] = mapped_column(String(16), default=AgendaSource.OWN.value)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), default=AgendaStatus.OPEN.value)
    # The day it was discussed, dropped or dismissed (None while open).
    closed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    # What the point came from (at most one is set, matching `source`).
    concern_id: Mapped[int | None] = mapped_column(ForeignKey("entry.id", ondelete="SET NULL"), default=None)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="SET NULL"), default=None)
    ask_id: Mapped[int | None] = mapped_column(ForeignKey("ask.id", ondelete="SET NULL"), default=None)
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("thread.id", ondelete="SET NULL"), default=None)
    # The timeline entry a discussed point became.
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entry.id", ondelete="SET NULL"), default=None)

    __table_args__ = (Index("ix_agenda_point_mentee_id", "mentee_id"),)


class AgendaTemplate(TimestampMixin, Base):
    """A recurring kind of conversation (a first 1:1, a career talk…): prompts, one per line."""

    __tablename__ = "agenda_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    prompts: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
