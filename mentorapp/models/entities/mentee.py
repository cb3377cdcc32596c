"""A mentee: one direct report the lead journals about."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentorapp.models.entities.base import Base, TimestampMixin

DEFAULT_CADENCE_DAYS = 14


class Mentee(TimestampMixin, Base):
    """A person the lead mentors, with how often they want to check in."""

    __tablename__ = "mentee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    cadence_days: Mapped[int] = mapped_column(default=DEFAULT_CADENCE_DAYS)
    thanks_preference: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(default=False)
    # The next 1:1 as the lead's own calendar has it (set from an imported .ics), if known.
    next_meeting_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    archived_on: Mapped[dt.date | None] = mapped_column(Date, default=None)  # when they left (retention counts)
    # A hold (an access request, a dispute, a litigation hold): while set, nothing already
    # written about them may change or go (see services/holds.py). Migration 0004.
    held_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    hold_reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_mentee_name", "name"),)


class JournalInfo(Base):
    """Facts about the journal itself (the lead's name for packet covers, …)."""

    __tablename__ = "journal_info"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
