"""The headless core: entities, the encrypted store, services and insights. No Qt here."""

from mentorapp.models.ask import Ask
from mentorapp.models.base import Base
from mentorapp.models.entry import Entry, Thread
from mentorapp.models.goal import Goal
from mentorapp.models.mentee import JournalInfo, Mentee
from mentorapp.models.recognition import Recognition
from mentorapp.models.starter import Starter
from mentorapp.models.watchlist import Chance, WatchCase

__all__ = [
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
