"""The hold: while a person is held, nothing already written about them may change or go.

An access request, a dispute or a litigation hold freezes what the journal holds about
someone. The rule is kept here, below every front end: each flush of every session is
checked, so the desk, the command line, undo and redo and the import all obey it. New
records may still be added (a note written while held); an existing one may not be
edited, moved to the trash, restored or deleted. On the person's own row only the hold
itself may change (it is released that way). Erasure, which deletes with plain SQL,
asks `refuse_if_held` first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from mentorapp.i18n import _
from mentorapp.models.entities.base import Base
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.errors import HeldError
from mentorapp.models.services.person_records import owner_of
from mentorapp.models.validation import quoted, shortened
from mentorapp.models.vocabulary import isolate

HOLD_COLUMNS = frozenset({"held_on", "hold_reason"})


def held_sentence(name: str, reason: str, *, restoring: bool = False) -> str:
    """The one sentence every refused change says (`restoring`: the change is a restore of a backup)."""
    if restoring and reason:
        text = _("{name} is on hold ({reason}): nothing already written about them can be changed by restoring "
                 "a backup until the hold is released.")
    elif restoring:
        text = _("{name} is on hold: nothing already written about them can be changed by restoring a backup "
                 "until the hold is released.")
    elif reason:
        text = _("{name} is on hold ({reason}): nothing already written about them can be changed or deleted "
                 "until the hold is released.")
    else:
        text = _("{name} is on hold: nothing already written about them can be changed or deleted until the "
                 "hold is released.")
    return text.format(name=quoted(name), reason=isolate(shortened(reason)) if reason else "")


def refuse_if_held(session: Session, mentee_id: int) -> None:
    """Raise HeldError when this mentee is on hold (as the journal holds it now)."""
    with session.no_autoflush:
        row = session.execute(
            select(Mentee.name, Mentee.held_on, Mentee.hold_reason).where(Mentee.id == mentee_id)).first()
    if row is not None and row.held_on is not None:
        raise HeldError(held_sentence(row.name, row.hold_reason))


def _changed_columns(row: Base) -> set[str]:
    state = inspect(row)
    return {attr.key for attr in state.mapper.column_attrs if state.attrs[attr.key].history.has_changes()}


def _committed(row: Base, name: str) -> Any:
    history = inspect(row).attrs[name].history
    if history.deleted:
        return history.deleted[0]
    return history.unchanged[0] if history.unchanged else getattr(row, name)


@event.listens_for(Session, "before_flush")
def _refuse_changes_while_held(session: Session, _context: object, _instances: object) -> None:
    for row in list(session.dirty):
        if not isinstance(row, Base) or not session.is_modified(row, include_collections=False):
            continue
        if isinstance(row, Mentee):
            # The hold itself may be set or released; anything else waits while it was set.
            if _committed(row, "held_on") is not None and _changed_columns(row) - HOLD_COLUMNS:
                raise HeldError(held_sentence(_committed(row, "name"), _committed(row, "hold_reason")))
            continue
        owner = owner_of(session, row)
        if owner is not None:
            refuse_if_held(session, owner)
    for row in list(session.deleted):
        if isinstance(row, Base):
            owner = owner_of(session, row)
            if owner is not None:
                refuse_if_held(session, owner)
