"""What every service shares: the store, the change bus, and finding a live row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Final, TypeVar, overload

from sqlalchemy.orm import Session

from mentorapp.i18n import _
from mentorapp.models.clock import SYSTEM_CLOCK, Clock
from mentorapp.models.entities.base import Base, TimestampMixin, utcnow
from mentorapp.models.errors import NotFoundError
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.services.changes import ChangeBus, Topic
from mentorapp.models.services.commands import Command, record
from mentorapp.models.services import holds  # noqa: F401  # registers the hold's check on every flush
from mentorapp.models.sync import capture  # noqa: F401  # while syncing, a new record's id comes from its uuid
from mentorapp.models.storage.store import Store
from mentorapp.models.validation import check_date, not_in_future, past_day

M = TypeVar("M", bound=Base)
V = TypeVar("V")


class Unset(Enum):
    """The default of an edit's clearable fields: "leave it as it is", since None means "clear it"."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET


class Service:
    """Base of the use-case classes: each public method is one user action in one session.

    `clock` is where the service reads "now" and "today"; it is the journal's one clock,
    shared by all services of a `Services`.
    """

    def __init__(self, store: Store, bus: ChangeBus, clock: Clock = SYSTEM_CLOCK) -> None:
        self.store = store
        self.bus = bus
        self.clock = clock

    @overload
    def past(self, day: dt.date, *, what: str) -> dt.date: ...
    @overload
    def past(self, day: dt.date | None, *, what: str) -> dt.date | None: ...
    def past(self, day: dt.date | None, *, what: str) -> dt.date | None:
        """A day that has been, by this journal's clock: not after today (see `past_day`)."""
        return past_day(day, today=self.clock.today(), what=what)

    def moment(self, at: dt.datetime | None) -> dt.datetime:
        """When something was said: `at` (now if not given), at second precision, within the
        supported years and not ahead of this journal's clock (see `not_in_future`)."""
        at = (at or self.clock.now()).replace(microsecond=0)
        check_date(at.date(), what="date")
        return not_in_future(at, now=self.clock.now())

    def undoable(self, what: str, do: Callable[[], V], *, record_id: int | None = None) -> Command[V] | None:
        """Run one of this service's writes as a command that can be undone and redone.

        `what` names the action and the kind of record ("Edit goal"); the command's text
        adds which record and whose (the one `do` returns, or `record_id`). None when the
        write changed nothing (nothing to undo).
        """
        return record(self.store, self.bus, what, do, record_id=record_id)

    def announce(self, *topics: Topic, mentee_id: int | None = None) -> None:
        self.bus.publish(*topics, mentee_id=mentee_id)


def mebibytes(n: int) -> str:
    """A size in MiB as the lead's language writes it (256 MiB, 256 Mio)."""
    # Translators: a file size in mebibytes; French writes Mio.
    return _("{n} MiB").format(n=n)


def live(session: Session, model: type[M], ident: int, *, what: str) -> M:
    """The row with this id, unless it is missing or in the trash."""
    row = session.get(model, ident)
    if row is None or getattr(row, "deleted_at", None) is not None:
        # Translators: {what} is a kind of record ("goal", "talking point"), {ident} its number.
        raise NotFoundError(_("There is no {what} #{ident}.").format(what=what, ident=ident))
    if model is not Mentee and hasattr(row, "mentee_id"):
        mentee = session.get(Mentee, row.mentee_id)
        if mentee is None or mentee.deleted_at is not None:
            raise NotFoundError(_("There is no {what} #{ident}.").format(what=what, ident=ident))
    return row


def trashed(session: Session, model: type[M], ident: int, *, what: str) -> M:
    """The row with this id, which must be in the trash."""
    row = session.get(model, ident)
    if row is None or getattr(row, "deleted_at", None) is None:
        raise NotFoundError(_("There is no {what} #{ident} in the trash.").format(what=what, ident=ident))
    return row


def move_to_trash(row: TimestampMixin) -> None:
    row.deleted_at = utcnow()


def take_from_trash(row: TimestampMixin) -> None:
    row.deleted_at = None
