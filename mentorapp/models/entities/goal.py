"""Goals as "parameters for success": an outcome, its criteria and a safe-to-fail latitude.

There is deliberately no list of steps: the lead shows the river, the mentee
decides how to cross it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentorapp.models.entities.base import Base, TimestampMixin
from mentorapp.models.vocabulary import GoalStatus


class Goal(TimestampMixin, Base):
    """An outcome the mentee owns, with how success is judged and how much they may decide alone."""

    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("mentee.id", ondelete="CASCADE"))
    outcome: Mapped[str] = mapped_column(Text)
    success_criteria: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[str] = mapped_column(Text, default="")
    set_on: Mapped[dt.date] = mapped_column(Date)
    check_in_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(16), default=GoalStatus.ACTIVE.value)

    __table_args__ = (Index("ix_goal_mentee_id", "mentee_id"),)
