"""The trash across every kind of record: what is in it, and putting one thing back.

Deleting destroys nothing: rows get a `deleted_at` stamp, until the lead empties the
trash or deletes an item for good (`erasure.py`, not undoable). This service
lists what carries one (newest first) and restores an item through the service
that owns its kind, so the usual rules and change announcements apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import aliased

from mentorapp.i18n import N_, _
from mentorapp.models.clock import SYSTEM_CLOCK, Clock
from mentorapp.models.entities.ask import Ask
from mentorapp.models.entities.base import TimestampMixin
from mentorapp.models.entities.entry import Entry, Thread
from mentorapp.models.errors import MentorAppError
from mentorapp.models.entities.goal import Goal
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.entities.recognition import Recognition
from mentorapp.models.services.base import Service
from mentorapp.models.services.changes import ChangeBus
from mentorapp.models.entities.starter import Starter
from mentorapp.models.storage.store import Store
from mentorapp.models.vocabulary import EntryKind, RecognitionKind
from mentorapp.models.entities.watchlist import Chance, WatchCase

KIND_LABELS = {
    "mentee": N_("Mentee"),
    "entry": N_("Note"),
    "thread": N_("Thread"),
    "goal": N_("Goal"),
    "recognition": N_("Recognition"),
    "ask": N_("Ask"),
    "watch_case": N_("Watchlist case"),
    "chance": N_("Chance"),
    "starter": N_("Conversation starter"),
}


@dataclass(frozen=True, slots=True)
class TrashItem:
    """One trashed record as the trash window lists it."""

    kind: str  # a key of KIND_LABELS
    id: int
    mentee_id: int | None
    mentee_name: str
    text: str
    deleted_at: dt.datetime

    @property
    def kind_label(self) -> str:
        return _(KIND_LABELS[self.kind])


Restorer = Callable[[int], object]


class TrashService(Service):
    """Lists the trash; restores one item through the service that owns it."""

    def __init__(self, store: Store, bus: ChangeBus, clock: Clock = SYSTEM_CLOCK, *,
                 restorers: Mapping[str, Restorer]) -> None:
        super().__init__(store, bus, clock)
        self._restorers = dict(restorers)

    def items(self) -> list[TrashItem]:
        """Everything that can be restored on its own, the most recently deleted first.

        What went to the trash with its parent (a trashed mentee's notes, a trashed
        thread's replies, a trashed case's chances) comes back with it, so only the
        parent is listed.
        """
        owner = aliased(Mentee)
        found: list[TrashItem] = []
        with self.store.read() as session:
            for mentee in session.scalars(select(Mentee).where(Mentee.deleted_at.is_not(None))):
                found.append(TrashItem("mentee", mentee.id, mentee.id, mentee.name, mentee.role, _when(mentee)))

            def owned(model: type[Any], kind: str, text: Callable[[Any], str], *extra: ColumnElement[bool]) -> None:
                query = (
                    select(model, owner.name)
                    .join(owner, owner.id == model.mentee_id)
                    .where(model.deleted_at.is_not(None), owner.deleted_at.is_(None), *extra)
                )
                for row, name in session.execute(query):
                    found.append(TrashItem(kind, row.id, row.mentee_id, name, text(row), _when(row)))

            thread = aliased(Thread)
            entries_alone = select(thread.id).where(
                thread.id == Entry.thread_id, thread.deleted_at == Entry.deleted_at
            ).exists()
            owned(Entry, "entry", lambda r: _("{kind}: {text}").format(
                kind=EntryKind(r.kind).label, text=r.text), ~entries_alone)
            owned(Thread, "thread", lambda r: r.topic)
            owned(Goal, "goal", lambda r: r.outcome)
            owned(Recognition, "recognition", lambda r: _("{kind}: {text}").format(
                kind=RecognitionKind(r.kind).label, text=r.what_for))
            owned(Ask, "ask", lambda r: r.what)
            owned(WatchCase, "watch_case", lambda r: r.concern)

            case = aliased(WatchCase)
            chances = (
                select(Chance, owner.name, case.mentee_id)
                .join(case, case.id == Chance.case_id)
                .join(owner, owner.id == case.mentee_id)
                .where(Chance.deleted_at.is_not(None), case.deleted_at.is_(None), owner.deleted_at.is_(None))
            )
            for chance, name, mentee_id in session.execute(chances):
                found.append(TrashItem("chance", chance.id, mentee_id, name, chance.expectation, _when(chance)))
            for starter in session.scalars(select(Starter).where(Starter.deleted_at.is_not(None))):
                found.append(TrashItem("starter", starter.id, None, "", starter.text, _when(starter)))
        return sorted(found, key=lambda item: (item.deleted_at, item.kind, item.id), reverse=True)

    def restore(self, kind: str, item_id: int) -> None:
        """Put one item back where it was."""
        restorer = self._restorers.get(kind)
        if restorer is None:
            raise MentorAppError(_("Items of kind {kind} cannot be restored.").format(kind=repr(kind)))
        restorer(item_id)


def _when(row: TimestampMixin) -> dt.datetime:
    """When a row went to the trash; the queries above read only rows where that is set."""
    if row.deleted_at is None:
        raise MentorAppError(_("A record listed in the trash is not in the trash."))
    return row.deleted_at
