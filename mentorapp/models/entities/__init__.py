"""The journal's records as SQLAlchemy entities: each owns its invariants, none knows about sessions."""

from mentorapp.models.entities.agenda import AgendaPoint, AgendaTemplate
from mentorapp.models.entities.ask import Ask
from mentorapp.models.entities.base import Base
from mentorapp.models.entities.entry import Entry, Thread
from mentorapp.models.entities.goal import Goal
from mentorapp.models.entities.mentee import JournalInfo, Mentee
from mentorapp.models.entities.recognition import Recognition
from mentorapp.models.entities.starter import Starter
from mentorapp.models.entities.watchlist import Chance, WatchCase

__all__ = [
    "AgendaPoint",
    "AgendaTemplate",
    "Ask",
    "Base",
    "Chance",
    "Entry",
    "Goal",
    "JournalInfo",
    "Mentee",
    "Recognition",
    "Starter",
    "Thread",
    "WatchCase",
]
