"""The underperformance watchlist: informal cases, each with a ledger of chances given.

It comes before any formal HR plan: months of patient attempts, recorded, so that a
decision — whichever it is — rests on what was tried.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentorapp.models.entities.base import Base, TimestampMixin
from mentorapp.models.vocabulary import CaseStatus, ChanceResult


class WatchCase(TimestampMixin, Base):
    """A consistent-underperformance concern about one mentee, and its decision."""

    __tablename__ = "watch_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("mentee.id", ondelete="CASCADE"))
    concern: Mapped[str] = mapped_column(Text)
    opened_on: Mapped[dt.date] = mapped_column(Date)
    support_plan: Mapped[str] = mapped_column(Text, default="")
    # Kept apart from performance: toxicity towards the team is its own matter.
    toxicity_concern: Mapped[str] = mapped_column(Text, default="")
    next_review_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(16), default=CaseStatus.OPEN.value)
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    opinion: Mapped[bool] = mapped_column(default=False)  # the lead's impression, not an observed fact

    __table_args__ = (Index("ix_watch_case_mentee_id", "mentee_id"),)


class Chance(TimestampMixin, Base):
    """One attempt in a case's ledger: the expectation agreed, the support given, the outcome."""

    __tablename__ = "chance"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("watch_case.id", ondelete="CASCADE"))
    given_on: Mapped[dt.date] = mapped_column(Date)
    expectation: Mapped[str] = mapped_column(Text)
    support: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(String(16), default=ChanceResult.PENDING.value)
    opinion: Mapped[bool] = mapped_column(default=False)  # the lead's impression, not an observed fact

    __table_args__ = (Index("ix_chance_case_id", "case_id"),)
