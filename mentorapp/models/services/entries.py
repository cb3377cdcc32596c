"""Use cases for journal entries: capture in seconds, edit, trash, and read back page by page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from mentorapp.i18n import _
from mentorapp.models.entities.entry import Entry, Thread
from mentorapp.models.errors import MentorAppError
from mentorapp.models.entities.goal import Goal
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.readmodels import ConcernSummary, EntryView
from mentorapp.models.services.base import UNSET, Service, Unset, live, move_to_trash, take_from_trash, trashed
from mentorapp.models.services.changes import Topic
from mentorapp.models.validation import choice, required_text
from mentorapp.models.vocabulary import Direction, EntryKind, Setting


# For each live, active mentee with open concerns: how many, and the id of the oldest.
_UNDISCUSSED_BY_MENTEE = sql_text(
    """
    SELECT c.mentee_id, c.count,
      (SELECT e.id FROM entry AS e INDEXED BY ix_entry_open_concern
         WHERE e.mentee_id = c.mentee_id AND e.kind = 'concern' AND e.discussed_on IS NULL
           AND e.deleted_at IS NULL
         ORDER BY e.at, e.id LIMIT 1) AS entry_id
    FROM (SELECT mentee_id, count(*) AS count, min(at) AS first_at FROM entry INDEXED BY ix_entry_open_concern
          WHERE kind = 'concern' AND discussed_on IS NULL AND deleted_at IS NULL GROUP BY mentee_id) AS c
    JOIN mentee AS m ON m.id = c.mentee_id
    WHERE m.deleted_at IS NULL AND m.archived = 0
    ORDER BY c.first_at, c.mentee_id
    """
)

# Touching these also changes what thread and goal views show (counts, last speaker).
_ENTRY_TOPICS = (Topic.ENTRIES, Topic.THREADS, Topic.GOALS)


def default_kind(direction: Direction) -> EntryKind:
    """What a note is when the lead does not say: feedback if shared, a thought if private."""
    return EntryKind.THOUGHT if direction is Direction.PRIVATE else EntryKind.FEEDBACK


class EntryService(Service):
    """Writing and reading the bite-size notes of the journal."""

    def add(
        self,
        *,
        mentee_id: int,
        text: str,
        kind: EntryKind | str | None = None,
        direction: Direction | str = Direction.TO_MENTEE,
        setting: Setting | str = Setting.ONE_ON_ONE,
        at: dt.datetime | None = None,
        thread_id: int | None = None,
        goal_id: int | None = None,
        opinion: bool = False,
    ) -> EntryView:
        direction = choice(Direction, direction, what="direction")
        kind = default_kind(direction) if kind is None else choice(EntryKind, kind, what="kind")
        setting = choice(Setting, setting, what="setting")
        text = required_text(text, what="note")
        at = self.moment(at)
        with self.store.write() as session:
            live(session, Mentee, mentee_id, what=_("mentee"))
            self._check_links(session, mentee_id=mentee_id, thread_id=thread_id, goal_id=goal_id)
            entry = Entry(
                mentee_id=mentee_id,
                at=at,
                kind=kind.value,
                direction=direction.value,
                setting=setting.value,
                text=text,
                thread_id=thread_id,
                goal_id=goal_id,
                opinion=bool(opinion),
            )
            entry.settle_discussion()
            session.add(entry)
            session.flush()
            view = EntryView.of(entry)
        self.announce(*_ENTRY_TOPICS, mentee_id=mentee_id)
        return view

    def edit(
        self,
        entry_id: int,
        *,
        text: str | None = None,
        kind: EntryKind | str | None = None,
        direction: Direction | str | None = None,
        setting: Setting | str | None = None,
        at: dt.datetime | None = None,
        goal_id: int | None | Unset = UNSET,
        discussed_on: dt.date | None | Unset = UNSET,
        opinion: bool | None = None,
    ) -> EntryView:
        """Change the given fields of an entry; returns it as it now is."""
        with self.store.write() as session:
            entry = live(session, Entry, entry_id, what=_("entry"))
            if text is not None:
                entry.text = required_text(text, what="note")
            if kind is not None:
                entry.kind = choice(EntryKind, kind, what="kind").value
            if direction is not None:
                entry.direction = choice(Direction, direction, what="direction").value
            if setting is not None:
                entry.setting = choice(Setting, setting, what="setting").value
            if at is not None:
                entry.at = self.moment(at)
            if goal_id is not UNSET:
                self._check_links(session, mentee_id=entry.mentee_id, thread_id=None, goal_id=goal_id)
                entry.goal_id = goal_id
            if discussed_on is not UNSET:
                entry.discussed_on = self.past(discussed_on, what="discussion date")
            if opinion is not None:
                entry.opinion = bool(opinion)
            entry.settle_discussion()
            session.flush()
            view = EntryView.of(entry)
        self.announce(*_ENTRY_TOPICS, mentee_id=view.mentee_id)
        return view

    def mark_discussed(self, entry_id: int, on: dt.date | None = None) -> EntryView:
        """Record that a private concern was raised with the mentee (today unless told)."""
        with self.store.write() as session:
            entry = live(session, Entry, entry_id, what=_("entry"))
            if entry.kind != EntryKind.CONCERN.value:
                raise MentorAppError(_("Only a concern can be marked as discussed."))
            entry.discussed_on = self.past(on or self.clock.today(), what="discussion date")
            session.flush()
            view = EntryView.of(entry)
        self.announce(Topic.ENTRIES, mentee_id=view.mentee_id)
        return view

    def trash(self, entry_id: int) -> EntryView:
        with self.store.write() as session:
            entry = live(session, Entry, entry_id, what=_("entry"))
            move_to_trash(entry)
            view = EntryView.of(entry)
        self.announce(*_ENTRY_TOPICS, Topic.TRASH, mentee_id=view.mentee_id)
        return view

    def restore(self, entry_id: int) -> EntryView:
        with self.store.write() as session:
            entry = trashed(session, Entry, entry_id, what=_("entry"))
            take_from_trash(entry)
            view = EntryView.of(entry)
        self.announce(*_ENTRY_TOPICS, Topic.TRASH, mentee_id=view.mentee_id)
        return view

    # -- reading ---------------------------------------------------------------------
    def get(self, entry_id: int) -> EntryView:
        with self.store.read() as session:
            return EntryView.of(live(session, Entry, entry_id, what=_("entry")))

    def page(
        self,
        mentee_id: int,
        *,
        after: tuple[dt.datetime, int] | None = None,
        limit: int = 100,
        kinds: Collection[EntryKind] | None = None,
        directions: Collection[Direction] | None = None,
    ) -> list[EntryView]:
        """The next `limit` entries, newest first, after the (at, id) of the last one shown."""
        query = self._timeline(mentee_id, kinds=kinds, directions=directions)
        if after is not None:
            at, ident = after
            query = query.where(or_(Entry.at < at, and_(Entry.at == at, Entry.id < ident)))
        query = query.order_by(Entry.at.desc(), Entry.id.desc()).limit(limit)
        with self.store.read() as session:
            return [EntryView.of(row) for row in session.scalars(query)]

    def count(
        self,
        mentee_id: int,
        *,
        kinds: Collection[EntryKind] | None = None,
        directions: Collection[Direction] | None = None,
    ) -> int:
        query = self._timeline(mentee_id, kinds=kinds, directions=directions)
        with self.store.read() as session:
            return session.scalar(select(func.count()).select_from(query.subquery())) or 0

    def in_period(self, mentee_id: int, *, start: dt.date, end: dt.date) -> list[EntryView]:
        """Every entry from the first moment of `start` to the last of `end`, oldest first."""
        query = (
            select(Entry)
            .where(
                Entry.mentee_id == mentee_id,
                Entry.deleted_at.is_(None),
                Entry.at >= dt.datetime.combine(start, dt.time.min),
                Entry.at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min),
            )
            .order_by(Entry.at, Entry.id)
        )
        with self.store.read() as session:
            return [EntryView.of(row) for row in session.scalars(query)]

    def for_goal(self, goal_id: int) -> list[EntryView]:
        query = select(Entry).where(Entry.goal_id == goal_id, Entry.deleted_at.is_(None))
        with self.store.read() as session:
            return [EntryView.of(row) for row in session.scalars(query.order_by(Entry.at, Entry.id))]

    def for_thread(self, thread_id: int) -> list[EntryView]:
        query = select(Entry).where(Entry.thread_id == thread_id, Entry.deleted_at.is_(None))
        with self.store.read() as session:
            return [EntryView.of(row) for row in session.scalars(query.order_by(Entry.at, Entry.id))]

    def undiscussed_concerns(self, mentee_id: int | None = None) -> list[EntryView]:
        """Concerns never raised with the mentee, oldest first (all mentees unless one is named)."""
        query = (
            select(Entry)
            .join(Mentee, Mentee.id == Entry.mentee_id)
            # Spelled as the partial index's own condition, so SQLite reads only that index.
            .where(
                sql_text("entry.kind = 'concern' AND entry.discussed_on IS NULL AND entry.deleted_at IS NULL"),
                Mentee.deleted_at.is_(None),
                Mentee.archived.is_(False),
            )
            .order_by(Entry.at, Entry.id)
        )
        if mentee_id is not None:
            query = query.where(Entry.mentee_id == mentee_id)
        with self.store.read() as session:
            return [EntryView.of(row) for row in session.scalars(query)]

    def undiscussed_by_mentee(self) -> list[ConcernSummary]:
        """Per mentee with concerns never raised: their number and the oldest, oldest first.

        Read from the open-concern index, so it costs the same however long the journal.
        """
        with self.store.read() as session:
            rows = session.execute(_UNDISCUSSED_BY_MENTEE).all()
            oldest = {
                row.id: EntryView.of(row)
                for row in session.scalars(select(Entry).where(Entry.id.in_([r.entry_id for r in rows])))
            }
        return [ConcernSummary(mentee_id=mentee_id, count=count, oldest=oldest[entry_id])
                for mentee_id, count, entry_id in rows]

    def trash_list(self) -> list[EntryView]:
        query = (
            select(Entry)
            .join(Mentee, Mentee.id == Entry.mentee_id)
            .where(Entry.deleted_at.is_not(None), Mentee.deleted_at.is_(None))
            .order_by(Entry.deleted_at.desc())
        )
        with self.store.read() as session:
            return [EntryView.of(row) for row in session.scalars(query)]

    @staticmethod
    def _timeline(
        mentee_id: int,
        *,
        kinds: Collection[EntryKind] | None,
        directions: Collection[Direction] | None,
    ) -> Select[Entry]:
        query = select(Entry).where(Entry.mentee_id == mentee_id, Entry.deleted_at.is_(None))
        if kinds is not None:
            query = query.where(Entry.kind.in_([k.value for k in kinds]))
        if directions is not None:
            query = query.where(Entry.direction.in_([d.value for d in directions]))
        return query

    @staticmethod
    def _check_links(session: Session, *, mentee_id: int, thread_id: int | None, goal_id: int | None) -> None:
        if thread_id is not None and live(session, Thread, thread_id, what=_("thread")).mentee_id != mentee_id:
            raise MentorAppError(_("That thread belongs to another mentee."))
        if goal_id is not None and live(session, Goal, goal_id, what=_("goal")).mentee_id != mentee_id:
            raise MentorAppError(_("That goal belongs to another mentee."))
