"""Recognition: thanks, public praise and gifts, given year-round."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentorapp.models.entities.base import Base, TimestampMixin
from mentorapp.models.vocabulary import RecognitionKind


class Recognition(TimestampMixin, Base):
    """One act of recognition and what it was for."""

    __tablename__ = "recognition"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("mentee.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16), default=RecognitionKind.THANKS.value)
    given_on: Mapped[dt.date] = mapped_column(Date)
    what_for: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_recognition_mentee_given", "mentee_id", "given_on"),)
