"""Use cases for two-way feedback threads: open from either side, reply, resolve, act on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from mentorapp.i18n import _
from mentorapp.models.entities.entry import Entry, Thread
from mentorapp.models.errors import MentorAppError
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.readmodels import EntryView, ThreadView
from mentorapp.models.services.base import Service, live, move_to_trash, take_from_trash, trashed
from mentorapp.models.services.changes import Topic
from mentorapp.models.validation import choice, optional_text, required_text
from mentorapp.models.vocabulary import Direction, EntryKind, Setting, Side, ThreadStatus

_THREAD_TOPICS = (Topic.THREADS, Topic.ENTRIES)


class ThreadService(Service):
    """Feedback conversations, each on one topic, with entries both ways."""

    def open(
        self,
        *,
        mentee_id: int,
        topic: str,
        opened_by: Side | str = Side.LEAD,
        first_text: str | None = None,
        setting: Setting | str = Setting.ONE_ON_ONE,
        at: dt.datetime | None = None,
    ) -> ThreadView:
        """Start a thread; with `first_text`, its first entry is written by whoever opened it."""
        side = choice(Side, opened_by, what="side")
        topic = required_text(topic, what="thread's topic")
        at = self.moment(at)
        with self.store.write() as session:
            live(session, Mentee, mentee_id, what=_("mentee"))
            thread = Thread(mentee_id=mentee_id, topic=topic, opened_by=side.value, opened_on=at.date())
            session.add(thread)
            session.flush()
            if first_text is not None and first_text.strip():
                direction = Direction.FROM_MENTEE if side is Side.MENTEE else Direction.TO_MENTEE
                session.add(
                    Entry(
                        mentee_id=mentee_id,
                        at=at,
                        kind=EntryKind.FEEDBACK.value,
                        direction=direction.value,
                        setting=choice(Setting, setting, what="setting").value,
                        text=required_text(first_text, what="note"),
                        thread_id=thread.id,
                    )
                )
            thread_id = thread.id
        self.announce(*_THREAD_TOPICS, mentee_id=mentee_id)
        return self.get(thread_id)

    def reply(
        self,
        thread_id: int,
        *,
        text: str,
        direction: Direction | str,
        setting: Setting | str = Setting.ONE_ON_ONE,
        kind: EntryKind | str = EntryKind.FEEDBACK,
        at: dt.datetime | None = None,
    ) -> EntryView:
        """Add an entry to a thread; replying reopens a resolved thread."""
        direction = choice(Direction, direction, what="direction")
        text = required_text(text, what="reply")
        at = self.moment(at)
        with self.store.write() as session:
            thread = live(session, Thread, thread_id, what=_("thread"))
            entry = Entry(
                mentee_id=thread.mentee_id,
                at=at,
                kind=choice(EntryKind, kind, what="kind").value,
                direction=direction.value,
                setting=choice(Setting, setting, what="setting").value,
                text=text,
                thread_id=thread.id,
            )
            entry.settle_discussion()
            session.add(entry)
            if thread.status == ThreadStatus.RESOLVED.value:
                thread.status = ThreadStatus.OPEN.value
                thread.resolved_on = None
            session.flush()
            view = EntryView.of(entry)
        self.announce(*_THREAD_TOPICS, mentee_id=view.mentee_id)
        return view

    def resolve(self, thread_id: int, *, on: dt.date | None = None) -> ThreadView:
        return self._set_status(thread_id, ThreadStatus.RESOLVED, on or self.clock.today())

    def reopen(self, thread_id: int) -> ThreadView:
        return self._set_status(thread_id, ThreadStatus.OPEN, None)

    def mark_acted_on(self, thread_id: int, *, on: dt.date | None = None, note: str = "") -> ThreadView:
        """Record that the lead acted on upward feedback (a thread the mentee opened)."""
        with self.store.write() as session:
            thread = live(session, Thread, thread_id, what=_("thread"))
            if thread.opened_by != Side.MENTEE.value:
                raise MentorAppError(_("Only feedback the mentee gave can be marked as acted on."))
            thread.acted_on = self.past(on or self.clock.today(), what="date it was acted on")
            thread.acted_on_note = optional_text(note)
            mentee_id = thread.mentee_id
        self.announce(Topic.THREADS, mentee_id=mentee_id)
        return self.get(thread_id)

    def clear_acted_on(self, thread_id: int) -> ThreadView:
        with self.store.write() as session:
            thread = live(session, Thread, thread_id, what=_("thread"))
            thread.acted_on = None
            thread.acted_on_note = ""
            mentee_id = thread.mentee_id
        self.announce(Topic.THREADS, mentee_id=mentee_id)
        return self.get(thread_id)

    def retitle(self, thread_id: int, *, topic: str) -> ThreadView:
        with self.store.write() as session:
            thread = live(session, Thread, thread_id, what=_("thread"))
            thread.topic = required_text(topic, what="thread's topic")
            mentee_id = thread.mentee_id
        self.announce(Topic.THREADS, mentee_id=mentee_id)
        return self.get(thread_id)

    def trash(self, thread_id: int) -> ThreadView:
        """Trash a thread with its entries; restoring brings both back."""
        view = self.get(thread_id)
        with self.store.write() as session:
            thread = live(session, Thread, thread_id, what=_("thread"))
            move_to_trash(thread)
            for entry in session.scalars(select(Entry).where(Entry.thread_id == thread_id, Entry.deleted_at.is_(None))):
                entry.deleted_at = thread.deleted_at
        self.announce(*_THREAD_TOPICS, Topic.TRASH, mentee_id=view.mentee_id)
        return view

    def restore(self, thread_id: int) -> ThreadView:
        with self.store.write() as session:
            thread = trashed(session, Thread, thread_id, what=_("thread"))
            stamp = thread.deleted_at
            take_from_trash(thread)
            for entry in session.scalars(select(Entry).where(Entry.thread_id == thread_id, Entry.deleted_at == stamp)):
                take_from_trash(entry)
        view = self.get(thread_id)
        self.announce(*_THREAD_TOPICS, Topic.TRASH, mentee_id=view.mentee_id)
        return view

    # -- reading ---------------------------------------------------------------------
    def get(self, thread_id: int) -> ThreadView:
        with self.store.read() as session:
            live(session, Thread, thread_id, what=_("thread"))
            return self._views(session, select(Thread).where(Thread.id == thread_id))[0]

    def for_mentee(self, mentee_id: int) -> list[ThreadView]:
        """The mentee's threads: open ones first, then newest first."""
        query = select(Thread).where(Thread.mentee_id == mentee_id, Thread.deleted_at.is_(None))
        with self.store.read() as session:
            views = self._views(session, query)
        return sorted(views, key=lambda t: (t.status is not ThreadStatus.OPEN, -t.opened_on.toordinal(), -t.id))

    def topics(self, mentee_id: int) -> dict[int, str]:
        """Each of the mentee's threads by id: its topic (for labelling entries that belong to one)."""
        query = select(Thread.id, Thread.topic).where(Thread.mentee_id == mentee_id, Thread.deleted_at.is_(None))
        with self.store.read() as session:
            return dict(session.execute(query).all())

    def waiting_on_lead(self) -> list[ThreadView]:
        """Open threads across the team where the mentee spoke last."""
        query = (
            select(Thread)
            .join(Mentee, Mentee.id == Thread.mentee_id)
            .where(
                Thread.deleted_at.is_(None),
                Thread.status == ThreadStatus.OPEN.value,
                Mentee.deleted_at.is_(None),
                Mentee.archived.is_(False),
            )
        )
        with self.store.read() as session:
            return [t for t in self._views(session, query) if t.waiting_on_lead]

    def _set_status(self, thread_id: int, status: ThreadStatus, on: dt.date | None) -> ThreadView:
        with self.store.write() as session:
            thread = live(session, Thread, thread_id, what=_("thread"))
            thread.status = status.value
            thread.resolved_on = self.past(on, what="resolution date")
            mentee_id = thread.mentee_id
        self.announce(Topic.THREADS, mentee_id=mentee_id)
        return self.get(thread_id)

    @staticmethod
    def _views(session: Session, query: Select[Thread]) -> list[ThreadView]:
        threads = session.scalars(query).all()
        if not threads:
            return []
        ids = [t.id for t in threads]
        counts = dict(
            session.execute(
                select(Entry.thread_id, func.count())
                .where(Entry.thread_id.in_(ids), Entry.deleted_at.is_(None))
                .group_by(Entry.thread_id)
            ).all()
        )
        # The last two-way entry of each thread: who spoke, and when (private notes
        # are the lead thinking aloud, not an answer).
        spoken = (Entry.deleted_at.is_(None), Entry.direction != Direction.PRIVATE.value)
        latest = (
            select(Entry.thread_id, func.max(Entry.at).label("last_at"))
            .where(Entry.thread_id.in_(ids), *spoken)
            .group_by(Entry.thread_id)
            .subquery()
        )
        last: dict[int | None, tuple[str | None, dt.datetime | None]] = {}
        for thread_id, direction, at, _ident in session.execute(
            select(Entry.thread_id, Entry.direction, Entry.at, Entry.id)
            .join(latest, (latest.c.thread_id == Entry.thread_id) & (latest.c.last_at == Entry.at))
            .where(*spoken)
            .order_by(Entry.id)
        ):
            last[thread_id] = (direction, at)
        return [
            ThreadView.of(
                t,
                entry_count=counts.get(t.id, 0),
                last_direction=last.get(t.id, (None, None))[0],
                last_at=last.get(t.id, (None, None))[1],
            )
            for t in threads
        ]
