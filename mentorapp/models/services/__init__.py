"""The use cases of the journal, one object per aggregate, wired around one store.

Every public method is one user action: it opens its own session, commits or rolls
back, announces what changed, and returns frozen read models.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from mentorapp.models.clock import SYSTEM_CLOCK, Clock
from mentorapp.models.services import holds  # noqa: F401  # the hold's check on every flush, before any write
from mentorapp.models.services.changes import Change, ChangeBus, Topic
from mentorapp.models.storage.store import Store

if TYPE_CHECKING:
    from mentorapp.models.services.access import AccessService
    from mentorapp.models.services.agenda import AgendaService
    from mentorapp.models.services.asks import AskService
    from mentorapp.models.services.backups import BackupService
    from mentorapp.models.services.calendar import CalendarService
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

__all__ = ["Change", "ChangeBus", "Services", "Store", "Topic"]


class Services:
    """All the use cases over one open journal, sharing one change bus.

    Each service is made (and its module imported) the first time it is asked for: the
    desk's start needs the roster, Today and a few more, not the import, the demo team
    or the access request; the command line, only the one its command uses. A service
    holds no state the others rely on but the store, the bus and the clock, so when it
    is made does not change what it does; the two with a cache are made at once (below).
    """

    def __init__(self, store: Store, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.store = store
        self.clock = clock
        self.changes = ChangeBus()
        # The two services that keep a cache forget it on every change: they are made first, so they
        # are on the bus before any listener (the desk's) that reads again when told of a change.
        _ = self.mentees, self.search

    @cached_property
    def mentees(self) -> MenteeService:
        from mentorapp.models.services.mentees import MenteeService

        return MenteeService(self.store, self.changes, self.clock)

    @cached_property
    def entries(self) -> EntryService:
        from mentorapp.models.services.entries import EntryService

        return EntryService(self.store, self.changes, self.clock)

    @cached_property
    def threads(self) -> ThreadService:
        from mentorapp.models.services.threads import ThreadService

        return ThreadService(self.store, self.changes, self.clock)

    @cached_property
    def goals(self) -> GoalService:
        from mentorapp.models.services.goals import GoalService

        return GoalService(self.store, self.changes, self.clock)

    @cached_property
    def recognitions(self) -> RecognitionService:
        from mentorapp.models.services.recognitions import RecognitionService

        return RecognitionService(self.store, self.changes, self.clock)

    @cached_property
    def asks(self) -> AskService:
        from mentorapp.models.services.asks import AskService

        return AskService(self.store, self.changes, self.clock)

    @cached_property
    def watchlist(self) -> WatchlistService:
        from mentorapp.models.services.watchlist import WatchlistService

        return WatchlistService(self.store, self.changes, self.clock)

    @cached_property
    def agenda(self) -> AgendaService:
        from mentorapp.models.services.agenda import AgendaService

        return AgendaService(self.store, self.changes, self.clock)

    @cached_property
    def calendar(self) -> CalendarService:
        from mentorapp.models.services.calendar import CalendarService

        return CalendarService(self.store, self.changes, self.clock)

    @cached_property
    def starters(self) -> StarterService:
        from mentorapp.models.services.starters import StarterService

        return StarterService(self.store, self.changes, self.clock)

    @cached_property
    def search(self) -> SearchService:
        from mentorapp.models.services.search import SearchService

        return SearchService(self.store, self.changes, self.clock)

    @cached_property
    def journal(self) -> JournalService:
        from mentorapp.models.services.journal import JournalService

        return JournalService(self.store, self.changes, self.clock)

    @cached_property
    def interchange(self) -> InterchangeService:
        from mentorapp.models.services.interchange import InterchangeService

        return InterchangeService(self.store, self.changes, self.clock)

    @cached_property
    def demo(self) -> DemoService:
        from mentorapp.models.services.demo import DemoService

        return DemoService(self.store, self.changes, self.clock)

    @cached_property
    def access(self) -> AccessService:
        from mentorapp.models.services.access import AccessService

        return AccessService(self.store, self.changes, self.clock)

    @cached_property
    def erasure(self) -> ErasureService:
        from mentorapp.models.services.erasure import ErasureService

        return ErasureService(self.store, self.changes, self.clock)

    @cached_property
    def retention(self) -> RetentionService:
        from mentorapp.models.services.retention import RetentionService

        return RetentionService(self.store, self.changes, self.clock, erasure=self.erasure)

    @cached_property
    def trash(self) -> TrashService:
        from mentorapp.models.services.trash import TrashService

        return TrashService(
            self.store,
            self.changes,
            self.clock,
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

    @cached_property
    def backups(self) -> BackupService:
        from mentorapp.models.services.backups import BackupService

        return BackupService(self.store, self.changes, self.clock)

    @cached_property
    def keys(self) -> KeyService:
        from mentorapp.models.services.keys import KeyService

        return KeyService(self.store, self.changes, self.clock)

    @cached_property
    def due(self) -> DueService:
        from mentorapp.models.services.due import DueService

        return DueService(self.store, self.changes, self.clock, mentees=self.mentees, watchlist=self.watchlist,
                          retention=self.retention)

    @cached_property
    def sync(self) -> SyncService:
        from mentorapp.models.services.sync import SyncService

        return SyncService(self.store, self.changes, self.clock)
