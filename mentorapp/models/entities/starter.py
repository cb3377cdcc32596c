"""Conversation starters: questions that open a two-way conversation without blame."""

from __future__ import annotations

from sqlalchemy import Text
from sqlalchemy.orm import Mapped, mapped_column

from mentorapp.i18n import N_
from mentorapp.models.entities.base import Base, TimestampMixin

# The method's opening question, as the first journal's library holds it (in English); marked so that a
# new journal's library, or the desk, can offer it in the lead's language: _(METHOD_OPENING_QUESTION).
METHOD_OPENING_QUESTION = N_(
    "I've encountered some challenges and I want to hear your view. What do you think of …?"
)


class Starter(TimestampMixin, Base):
    """One question in the lead's editable library of openers."""

    __tablename__ = "starter"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)
