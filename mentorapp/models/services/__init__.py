"""The use cases of the journal, one object per aggregate, wired around one store.

Every public method is one user action: it opens its own session, commits or rolls
back, announces what changed, and returns frozen read models.
"""

from __future__ import annotations

from mentorapp.models.clock import SYSTEM_CLOCK, Clock
from mentorapp.models.services.agenda import AgendaService
from mentorapp.models.services.access import AccessService
from mentorapp.models.services.asks import AskService
from mentorapp.models.services.backups import BackupService
from mentorapp.models.services.calendar import CalendarService
from mentorapp.models.services.changes import Change, ChangeBus, Topic
from mentorapp.models.services.demo import DemoService
from mentorapp.models.services.due import DueService
from mentorapp.models.services.entries import EntryService
from mentorapp.models.services.erasure import ErasureService
from mentorapp.models.services.goals import GoalService
from mentorapp.models.services.interchange import InterchangeService
from mentorapp.models.services.journal import JournalService
from mentorapp.models.services.keys import KeyService
from mentorapp.models.services.mentees import MenteeService
from mentorapp.models.services.recognitions import RecognitionService
from mentorapp.models.services.retention import RetentionService
from mentorapp.models.services.search import SearchService
from mentorapp.models.services.starters import StarterService
from mentorapp.models.services.sync import SyncService
from mentorapp.models.services.threads import ThreadService
from mentorapp.models.services.trash import TrashService
from mentorapp.models.services.watchlist import WatchlistService
from mentorapp.models.storage.store import Store

__all__ = ["Change", "ChangeBus", "Services", "Store", "Topic"]


class Services:
    """All the use cases over one open journal, sharing one change bus."""

    def __init__(self, store: Store, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.store = store
        self.clock = clock
        self.changes = ChangeBus()
        self.mentees = MenteeService(store, self.changes, clock)
        self.entries = EntryService(store, self.changes, clock)
        self.threads = ThreadService(store, self.changes, clock)
        self.goals = GoalService(store, self.changes, clock)
        self.recognitions = RecognitionService(store, self.changes, clock)
        self.asks = AskService(store, self.changes, clock)
        self.watchlist = WatchlistService(store, self.changes, clock)
        self.agenda = AgendaService(store, self.changes, clock)
        self.calendar = CalendarService(store, self.changes, clock)
        self.starters = StarterService(store, self.changes, clock)
        self.search = SearchService(store, self.changes, clock)
        self.journal = JournalService(store, self.changes, clock)
        self.interchange = InterchangeService(store, self.changes, clock)
        self.demo = DemoService(store, self.changes, clock)
        self.access = AccessService(store, self.changes, clock)
        self.erasure = ErasureService(store, self.changes, clock)
        self.retention = RetentionService(store, self.changes, clock, erasure=self.erasure)
        self.trash = TrashService(
            store,
            self.changes,
            clock,
            restorers={
                "mentee": self.mentees.restore,
                "entry": self.entries.restore,
                "thread": self.threads.restore,
                "goal": self.goals.restore,
                "recognition": self.recognitions.restore,
                "ask": self.asks.restore,
                "watch_case": self.watchlist.restore_case,
                "chance": self.watchlist.restore_chance,
                "starter": self.starters.restore,
            },
        )
        self.backups = BackupService(store, self.changes, clock)
        self.keys = KeyService(store, self.changes, clock)
        self.sync = SyncService(store, self.changes, clock)
        self.due = DueService(store, self.changes, clock, mentees=self.mentees, watchlist=self.watchlist,
                              retention=self.retention)
