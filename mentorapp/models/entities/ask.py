"""Asks: what the lead advocates for on the mentee's behalf (resources, tools, time)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentorapp.models.entities.base import Base, TimestampMixin
from mentorapp.models.vocabulary import AskStatus


class Ask(TimestampMixin, Base):
    """A resource or tool the lead pushes for, and where that push stands."""

    __tablename__ = "ask"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("mentee.id", ondelete="CASCADE"))
    what: Mapped[str] = mapped_column(Text)
    details: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=AskStatus.OPEN.value)
    raised_on: Mapped[dt.date] = mapped_column(Date)
    resolved_on: Mapped[dt.date | None] = mapped_column(Date, default=None)

    __table_args__ = (Index("ix_ask_mentee_id", "mentee_id"),)
