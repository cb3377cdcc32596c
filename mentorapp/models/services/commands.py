"""Undo kept beside the write: a user action, recorded row by row, that can be taken back and made again.

A service runs one action under `record`: every row the action inserts, changes or
deletes is captured with all of its column values before and after (whatever columns
the entity has today, so a new field is restored without anyone writing an inverse).
Undo writes the "before" values back, redo the "after" values; a row the action
created goes to the trash on undo (deleting never loses anything) and comes back on
redo with the same id. An action that changed nothing yields no command at all.

Headless: no Qt here. The desk wraps a `Command` in a QUndoCommand (views/undo.py).
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from mentorapp.i18n import _
from mentorapp.models.entities.agenda import AgendaPoint, AgendaTemplate
from mentorapp.models.entities.ask import Ask
from mentorapp.models.entities.base import Base, TimestampMixin, utcnow
from mentorapp.models.entities.entry import Entry, Thread
from mentorapp.models.entities.goal import Goal
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.entities.recognition import Recognition
from mentorapp.models.entities.starter import Starter
from mentorapp.models.entities.watchlist import Chance, WatchCase
from mentorapp.models.errors import MentorAppError, NotFoundError
from mentorapp.models.services.changes import Change, ChangeBus, Topic
from mentorapp.models.storage.store import Store
from mentorapp.models.vocabulary import isolate

V = TypeVar("V")

Values = dict[str, Any]

# What the desk calls each kind of record (the doc types of search and show_item),
# and the column that names one in a sentence.
_KINDS: dict[type[Base], tuple[str, str]] = {
    Mentee: ("mentee", "name"),
    Entry: ("entry", "text"),
    Thread: ("thread", "topic"),
    Goal: ("goal", "outcome"),
    Recognition: ("recognition", "what_for"),
    Ask: ("ask", "what"),
    WatchCase: ("watch_case", "concern"),
    Chance: ("chance", "expectation"),
    Starter: ("starter", "text"),
    AgendaPoint: ("agenda_point", "text"),
    AgendaTemplate: ("agenda_template", "name"),
}

TITLE_LENGTH = 48


class ChangedMeanwhileError(MentorAppError):
    """The record is no longer as this step left it (changed elsewhere, or its mentee went to the trash)."""


@dataclass(frozen=True)
class RowChange:
    """One row an action touched: all its column values before (None: it did not exist) and after."""

    model: type[Base]
    pk: tuple[Any, ...]
    before: Values | None
    after: Values | None


@dataclass(frozen=True, eq=False)
class Command(Generic[V]):
    """A user action already done, with its undo and redo; names the record and the person."""

    text: str  # e.g. "Edit goal ‘Lead a design review’ for Ana Lima"
    kind: str  # the record's doc type ("goal"), for the desk to go to it
    record_id: int
    mentee_id: int | None
    result: V
    rows: tuple[RowChange, ...]
    topics: frozenset[Topic]
    _store: Store = field(repr=False)
    _bus: ChangeBus = field(repr=False)

    @property
    def values(self) -> Values:
        """The record's column values as the action left them (as they were, if it removed it)."""
        model = _model_of(self.kind)
        subject = next((r for r in self.rows if r.model is model and r.pk == (self.record_id,)), None)
        return dict((subject.after or subject.before or {}) if subject is not None else {})

    def undo(self) -> None:
        self._write(forward=False)

    def redo(self) -> None:
        self._write(forward=True)

    def _write(self, *, forward: bool) -> None:
        rows = self.rows if forward else tuple(reversed(self.rows))
        with self._store.write() as session:
            for row in rows:
                _put(session, row, forward=forward)
        self._bus.publish(*self.topics, mentee_id=self.mentee_id)


def _model_of(kind: str) -> type[Base] | None:
    return next((model for model, (k, _t) in _KINDS.items() if k == kind), None)


def columns(row: Base) -> Values:
    """Every column value of a row, by attribute name (all of them, whatever the entity has)."""
    return {attr.key: getattr(row, attr.key) for attr in inspect(type(row)).column_attrs}


def _key(row: Base) -> tuple[type[Base], tuple[Any, ...]]:
    return type(row), tuple(inspect(type(row)).primary_key_from_instance(row))


class _Recording:
    def __init__(self) -> None:
        self.before: dict[tuple[type[Base], tuple[Any, ...]], Values | None] = {}
        self.changes: list[Change] = []

    def saw(self, row: Base, before: Values | None) -> None:
        self.before.setdefault(_key(row), before)


_recording: contextvars.ContextVar[_Recording | None] = contextvars.ContextVar("mentorapp_recording", default=None)


def _old_values(session: Session, row: Base) -> Values:
    """A row's column values as they were before this flush (from the attribute history)."""
    state = inspect(row)
    values: Values = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.deleted:
            values[attr.key] = history.deleted[0]
        elif history.unchanged:
            values[attr.key] = history.unchanged[0]
        else:  # never loaded before it was set: ask the database, which still holds it
            loaded = session.execute(state.mapper.local_table.select().where(
                *[c == v for c, v in zip(state.mapper.primary_key, _key(row)[1], strict=True)]))
            values[attr.key] = loaded.mappings().one()[attr.columns[0]]
    return values


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: object, _instances: object) -> None:
    recording = _recording.get()
    if recording is None:
        return
    for row in list(session.dirty):
        if isinstance(row, Base) and session.is_modified(row, include_collections=False):
            recording.saw(row, _old_values(session, row))
    for row in list(session.deleted):
        if isinstance(row, Base):
            recording.saw(row, _old_values(session, row))


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: object) -> None:
    recording = _recording.get()
    if recording is None:
        return
    for row in list(session.new):
        if isinstance(row, Base):
            recording.saw(row, None)


@contextmanager
def _recorded(bus: ChangeBus) -> Iterator[_Recording]:
    recording = _Recording()
    token = _recording.set(recording)
    bus.subscribe(recording.changes.append)
    try:
        yield recording
    finally:
        bus.unsubscribe(recording.changes.append)
        _recording.reset(token)


def record(store: Store, bus: ChangeBus, what: str, do: Callable[[], V], *,
           record_id: int | None = None) -> Command[V] | None:
    """Run `do` (one service action) and return it as a command; None if it changed nothing.

    `what` says what was done to which kind of record ("Edit goal"); the command's text
    adds the record and the person. The record is the one `do` returns, or `record_id`
    when the action touches several rows of one kind (reordering). A MentorAppError
    from `do` propagates.
    """
    with _recorded(bus) as recording:
        result = do()
    return _command(store, bus, what, result, recording, record_id=record_id)


def created_rows(store: Store, bus: ChangeBus, what: str, result: V, rows: Sequence[tuple[type[Base], int]],
                 *, topics: frozenset[Topic]) -> Command[V] | None:
    """A command for rows an action created by bulk writes (which no flush sees), e.g. the demo team."""
    recording = _Recording()
    for model, ident in rows:
        recording.before[(model, (ident,))] = None
    recording.changes.append(Change(topics))
    command = _command(store, bus, what, result, recording, record_id=None)
    return replace(command, text=what, mentee_id=None) if command is not None else None


def _command(store: Store, bus: ChangeBus, what: str, result: V, recording: _Recording, *,
             record_id: int | None) -> Command[V] | None:
    rows: list[RowChange] = []
    with store.read() as session:
        for (model, pk), before in recording.before.items():
            now = session.get(model, pk)
            after = columns(now) if now is not None else None
            if before != after:
                rows.append(RowChange(model, pk, before, after))
        if not rows:
            return None
        subject = _subject(rows, result, record_id)
        kind, text = _describe(session, what, subject)
    mentee_ids = {c.mentee_id for c in recording.changes}
    values = subject.after or subject.before or {}
    mentee_id = values.get("id") if subject.model is Mentee else values.get("mentee_id")
    if mentee_id is None and len(mentee_ids) == 1:
        mentee_id = next(iter(mentee_ids))
    topics = frozenset(t for c in recording.changes for t in c.topics)
    return Command(text=text, kind=kind, record_id=int(subject.pk[0]), mentee_id=mentee_id, result=result,
                   rows=tuple(rows), topics=topics, _store=store, _bus=bus)


def _subject(rows: list[RowChange], result: object, record_id: int | None) -> RowChange:
    """The row the action is about: the record it returned (or was told), else the first it changed."""
    ident = record_id if record_id is not None else getattr(result, "id", None)
    named = type(result).__name__.removesuffix("View")
    for row in rows:
        if row.pk == (ident,) and row.model in _KINDS and (record_id is not None or row.model.__name__ == named):
            return row
    return next((r for r in rows if r.model in _KINDS), rows[0])


def _describe(session: Session, what: str, subject: RowChange) -> tuple[str, str]:
    kind, title_attr = _KINDS.get(subject.model, (subject.model.__name__.lower(), ""))
    values = subject.after or subject.before or {}
    title = _shorten(str(values.get(title_attr, "")))
    if subject.model is Mentee:
        # Translators: an undo step, shown as "Undo Edit mentee Ana Lima": {action} is "Edit mentee", {name} a person.
        return kind, _("{action} {name}").format(action=what, name=isolate(title))
    mentee = session.get(Mentee, values["mentee_id"]) if values.get("mentee_id") is not None else None
    name = isolate(mentee.name) if mentee is not None else None
    if title and name is not None:
        # Translators: an undo step ("Edit goal ‘Lead a design review’ for Ana Lima"); {action} is "Edit goal".
        return kind, _("{action} ‘{title}’ for {name}").format(action=what, title=isolate(title), name=name)
    if title:
        # Translators: an undo step ("Edit conversation starter ‘How is it going?’").
        return kind, _("{action} ‘{title}’").format(action=what, title=isolate(title))
    if name is not None:
        # Translators: an undo step ("Reorder talking points for Ana Lima").
        return kind, _("{action} for {name}").format(action=what, name=name)
    return kind, what


def _shorten(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1].rstrip() + "…"


def _put(session: Session, change: RowChange, *, forward: bool) -> None:
    """Write one row back to its state on one side of the action, if it is still as the other side left it."""
    target, expected = (change.after, change.before) if forward else (change.before, change.after)
    row = session.get(change.model, change.pk)
    if expected is None:  # the other side has no such row: it is in the trash, or gone
        if row is not None and getattr(row, "deleted_at", None) is None:
            raise ChangedMeanwhileError(_("It was changed elsewhere since."))
    elif row is None or columns(row) != expected:
        raise ChangedMeanwhileError(_("It was changed elsewhere since."))
    _refuse_if_mentee_trashed(session, change, target or expected or {})
    if target is None:  # undoing a creation: to the trash, never lost
        if isinstance(row, TimestampMixin):
            row.deleted_at = utcnow()
        else:
            session.delete(row)
        return
    if row is None:
        session.add(change.model(**target))
        return
    for name, value in target.items():
        setattr(row, name, value)
        flag_modified(row, name)  # written as given, so "updated_at" comes back too


def _refuse_if_mentee_trashed(session: Session, change: RowChange, values: Values) -> None:
    mentee_id = values.get("mentee_id")
    if change.model is Mentee or mentee_id is None:
        return
    mentee = session.get(Mentee, mentee_id)
    if mentee is None or mentee.deleted_at is not None:
        raise NotFoundError(_("Its mentee is in the trash."))
