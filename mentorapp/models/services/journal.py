"""Facts about the journal as a whole: the lead's name, whether it is empty, the trash."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from mentorapp.models.entities.ask import Ask
from mentorapp.models.entities.entry import Entry, Thread
from mentorapp.models.entities.goal import Goal
from mentorapp.models.entities.mentee import JournalInfo, Mentee
from mentorapp.models.entities.recognition import Recognition
from mentorapp.models.services.base import Service
from mentorapp.models.services.changes import Topic
from mentorapp.models.storage.store import connect_raw
from mentorapp.models.validation import optional_text
from mentorapp.models.entities.watchlist import Chance, WatchCase

LEAD_NAME = "lead_name"
DRAFT_PREFIX = "draft."


@dataclass(frozen=True, slots=True)
class JournalCounts:
    mentees: int
    entries: int
    threads: int
    goals: int
    recognitions: int
    asks: int
    watch_cases: int
    chances: int

    @property
    def total(self) -> int:
        return sum(
            (self.mentees, self.entries, self.threads, self.goals, self.recognitions,
             self.asks, self.watch_cases, self.chances)
        )


class JournalService(Service):
    """The journal's own details and a census of what it holds."""

    def lead_name(self) -> str:
        with self.store.read() as session:
            row = session.get(JournalInfo, LEAD_NAME)
            return row.value if row else ""

    def set_lead_name(self, name: str) -> None:
        with self.store.write() as session:
            row = session.get(JournalInfo, LEAD_NAME) or JournalInfo(key=LEAD_NAME)
            row.value = optional_text(name)
            session.merge(row)
        self.announce(Topic.JOURNAL)

    # -- drafts ----------------------------------------------------------------------------
    # What the lead is typing is kept inside the encrypted journal, never in plain
    # settings files, so a crash loses nothing and a stolen disk shows nothing.
    # Nobody else displays a draft, so saving one announces no change.
    def save_draft(self, name: str, text: str) -> None:
        """Keep (or replace) the unsaved text called `name`."""
        with self.store.write() as session:
            session.merge(JournalInfo(key=DRAFT_PREFIX + name, value=text))

    def draft(self, name: str) -> str | None:
        """The unsaved text called `name`, or None when there is none."""
        with self.store.read() as session:
            row = session.get(JournalInfo, DRAFT_PREFIX + name)
            return row.value if row else None

    def clear_draft(self, name: str) -> None:
        with self.store.write() as session:
            row = session.get(JournalInfo, DRAFT_PREFIX + name)
            if row is not None:
                session.delete(row)

    def counts(self) -> JournalCounts:
        """How many rows of each kind the journal holds, the trash included."""
        models = (Mentee, Entry, Thread, Goal, Recognition, Ask, WatchCase, Chance)
        with self.store.read() as session:
            numbers = [session.scalar(select(func.count()).select_from(m)) or 0 for m in models]
        return JournalCounts(*numbers)

    def is_empty(self) -> bool:
        """True when the journal holds no mentee at all (not even in the trash)."""
        with self.store.read() as session:
            return session.scalar(select(func.count()).select_from(Mentee)) == 0

    # -- the file --------------------------------------------------------------------------
    def watch_connection(self):  # noqa: ANN201 - a keyed sqlcipher3 connection
        """A connection of its own, outside the pool, for watching other programs' commits.

        SQLite's `PRAGMA data_version` on it changes whenever another connection committed.
        The caller closes it (and opens a new one when `self.store.generation` changes).
        """
        return connect_raw(self.store.path, self.store.key)
