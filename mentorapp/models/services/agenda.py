"""Use cases for the next 1:1: talking points that carry over, suggestions, templates, the next meeting.

A point stays open until the lead ticks it as discussed (it then becomes a timeline
entry, and a concern point marks its concern raised) or drops it. How many times an
open point has been carried is not stored: it is the number of 1:1s held since it was
added (days with a two-way note in a 1:1 setting, before today), so it follows the
journal as it is, corrections and undo included.

Suggestions are computed, never stored: concerns not yet raised, goals whose check-in
is due by the next meeting, asks settled lately that the mentee should hear about,
threads waiting on the lead, and one starter question. A suggestion is never offered
beside a point that came from it (open, or closed since the reason arose), nor beside an
open point with the same words; dismissing one keeps it as a dismissed point.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from mentorapp.i18n import _, day_text
from mentorapp.models.entities.agenda import AgendaPoint, AgendaTemplate
from mentorapp.models.entities.ask import Ask
from mentorapp.models.entities.entry import Entry, Thread
from mentorapp.models.entities.goal import Goal
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.entities.starter import Starter
from mentorapp.models.errors import MentorAppError, NotFoundError
from mentorapp.models.readmodels import (
    AgendaPointView,
    AgendaSuggestion,
    AgendaTemplateView,
    EntryView,
    MenteeView,
    ThreadView,
)
from mentorapp.models.services.base import Service, live
from mentorapp.models.services.changes import Topic
from mentorapp.models.validation import check_date, choice, name_key, optional_text, quoted, required_text
from mentorapp.models.vocabulary import (
    isolate,
    AgendaSource,
    AgendaStatus,
    AskStatus,
    Direction,
    EntryKind,
    GoalStatus,
    Setting,
    Side,
    ThreadStatus,
)

# A settled ask is worth reporting back on for this long after it was settled.
REPORT_BACK_DAYS = 30
POINT_LENGTH = 160  # a suggestion's words, shortened: the point names the thing, the record holds it

# What a discussed point is in the timeline, by where it came from.
_ENTRY_KIND = {
    AgendaSource.CONCERN: EntryKind.FEEDBACK,
    AgendaSource.GOAL: EntryKind.PROGRESS,
    AgendaSource.ASK: EntryKind.ASK,
    AgendaSource.THREAD: EntryKind.FEEDBACK,
    AgendaSource.QUESTION: EntryKind.QUESTION,
}
_SOURCE_COLUMN = {
    AgendaSource.CONCERN: "concern_id",
    AgendaSource.GOAL: "goal_id",
    AgendaSource.ASK: "ask_id",
    AgendaSource.THREAD: "thread_id",
}
_TOPICS = (Topic.AGENDA, Topic.ENTRIES, Topic.THREADS, Topic.GOALS)


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= POINT_LENGTH else line[: POINT_LENGTH - 1].rstrip() + "…"


def _day(value: dt.date) -> str:
    return day_text(value)


def meeting_days(entries: Iterable[EntryView]) -> builtins.list[dt.date]:
    """The days the lead and the mentee held a 1:1, by the journal: a two-way note in a 1:1 setting."""
    return sorted({e.at.date() for e in entries if e.two_way and e.setting is Setting.ONE_ON_ONE})


def times_carried(added_at: dt.datetime, *, until: dt.date, meetings: Iterable[dt.date]) -> int:
    """The 1:1s held after the day a point was added and before `until` (today, or the day it closed)."""
    start = added_at.date()
    return sum(1 for day in meetings if start < day < until)


class AgendaService(Service):
    """The list of things to talk about next time, for each mentee."""

    # -- points ----------------------------------------------------------------------------
    def add(self, *, mentee_id: int, text: str, raised_by: Side | str = Side.LEAD,
            at: dt.datetime | None = None) -> AgendaPointView:
        """Put one point on the mentee's list for next time."""
        side = choice(Side, raised_by, what="who raised it")
        words = required_text(text, what="talking point")
        added = self.moment(at)
        with self.store.write() as session:
            live(session, Mentee, mentee_id, what=_("mentee"))
            row = self._new_point(session, mentee_id=mentee_id, text=words, raised_by=side,
                                  source=AgendaSource.OWN, at=added)
            view = AgendaPointView.of(row)
        self.announce(Topic.AGENDA, mentee_id=mentee_id)
        return view

    def edit(self, point_id: int, *, text: str) -> AgendaPointView:
        words = required_text(text, what="talking point")
        with self.store.write() as session:
            row = live(session, AgendaPoint, point_id, what=_("talking point"))
            row.text = words
            session.flush()
            view = AgendaPointView.of(row)
        self.announce(Topic.AGENDA, mentee_id=view.mentee_id)
        return view

    def discuss(self, point_id: int, *, note: str = "", at: dt.datetime | None = None) -> AgendaPointView:
        """Tick a point as discussed: it becomes an entry in the timeline, with `note` if given.

        A concern's point marks the concern raised that day; a thread's point answers the
        thread; a goal's point is a progress note on the goal.
        """
        said = optional_text(note).strip()
        when = self.moment(at)
        with self.store.write() as session:
            row = self._open_point(session, point_id)
            source = AgendaSource(row.source)
            direction = Direction.FROM_MENTEE if row.raised_by == Side.MENTEE.value else Direction.TO_MENTEE
            entry = Entry(
                mentee_id=row.mentee_id,
                at=when,
                kind=_ENTRY_KIND.get(source, EntryKind.THOUGHT).value,
                direction=direction.value,
                setting=Setting.ONE_ON_ONE.value,
                text=f"{row.text}\n{said}" if said else row.text,
                thread_id=self._live_id(session, Thread, row.thread_id, row.mentee_id),
                goal_id=self._live_id(session, Goal, row.goal_id, row.mentee_id),
            )
            entry.settle_discussion()
            session.add(entry)
            session.flush()
            if row.concern_id is not None:
                concern = session.get(Entry, row.concern_id)
                if concern is not None and concern.discussed_on is None:
                    concern.discussed_on = when.date()
            row.status = AgendaStatus.DISCUSSED.value
            row.closed_on = when.date()
            row.note = said
            row.entry_id = entry.id
            session.flush()
            view = AgendaPointView.of(row)
        self.announce(*_TOPICS, mentee_id=view.mentee_id)
        return view

    def drop(self, point_id: int) -> AgendaPointView:
        """Take a point off the list without discussing it (undo brings it back)."""
        with self.store.write() as session:
            row = self._open_point(session, point_id)
            row.status = AgendaStatus.DROPPED.value
            row.closed_on = self.clock.today()
            session.flush()
            view = AgendaPointView.of(row)
        self.announce(Topic.AGENDA, mentee_id=view.mentee_id)
        return view

    def get(self, point_id: int) -> AgendaPointView:
        with self.store.read() as session:
            row = live(session, AgendaPoint, point_id, what=_("talking point"))
            meetings = self._meetings(session, row.mentee_id)
            return self._view(row, meetings)

    def points(self, mentee_id: int) -> builtins.list[AgendaPointView]:
        """The open points, oldest first (the longest carried lead the list)."""
        with self.store.read() as session:
            live(session, Mentee, mentee_id, what=_("mentee"))
            meetings = self._meetings(session, mentee_id)
            rows = session.scalars(self._points_query(mentee_id).where(
                AgendaPoint.status == AgendaStatus.OPEN.value))
            return [self._view(row, meetings) for row in rows]

    def last_discussed(self, mentee_id: int) -> builtins.list[AgendaPointView]:
        """What was talked about at the last meeting where points were ticked (what was agreed then)."""
        with self.store.read() as session:
            last = session.scalar(
                select(func.max(AgendaPoint.closed_on)).where(
                    AgendaPoint.mentee_id == mentee_id, AgendaPoint.deleted_at.is_(None),
                    AgendaPoint.status == AgendaStatus.DISCUSSED.value, AgendaPoint.closed_on < self.clock.today()))
            if last is None:
                return []
            meetings = self._meetings(session, mentee_id)
            rows = session.scalars(self._points_query(mentee_id).where(
                AgendaPoint.status == AgendaStatus.DISCUSSED.value, AgendaPoint.closed_on == last))
            return [self._view(row, meetings) for row in rows]

    # -- suggestions -------------------------------------------------------------------------
    def suggestions(self, mentee_id: int) -> builtins.list[AgendaSuggestion]:
        """What the journal suggests raising next time, in the order a lead would take them."""
        with self.store.read() as session:
            mentee = MenteeView.of(live(session, Mentee, mentee_id, what=_("mentee")))
            return self._suggestions(session, mentee)

    def accept(self, *, mentee_id: int, key: str) -> AgendaPointView:
        """Turn a suggestion into a point on the list."""
        return self._take(mentee_id, key, AgendaStatus.OPEN)

    def dismiss(self, *, mentee_id: int, key: str) -> AgendaPointView:
        """Turn a suggestion down: it is kept as a dismissed point, so it is not offered again."""
        return self._take(mentee_id, key, AgendaStatus.DISMISSED)

    def _take(self, mentee_id: int, key: str, status: AgendaStatus) -> AgendaPointView:
        now = self.moment(None)
        with self.store.write() as session:
            mentee = MenteeView.of(live(session, Mentee, mentee_id, what=_("mentee")))
            offered = next((s for s in self._suggestions(session, mentee) if s.key == key), None)
            if offered is None:
                raise MentorAppError(_("That suggestion is no longer offered (it may be on the list already)."))
            row = self._new_point(session, mentee_id=mentee_id, text=offered.text, raised_by=Side.LEAD,
                                  source=offered.source, at=now)
            column = _SOURCE_COLUMN.get(offered.source)
            if column is not None:
                setattr(row, column, int(key.split(":", 1)[1]))
            if status is not AgendaStatus.OPEN:
                row.status = status.value
                row.closed_on = now.date()
            session.flush()
            view = AgendaPointView.of(row)
        self.announce(Topic.AGENDA, mentee_id=mentee_id)
        return view

    def _suggestions(self, session: Session, mentee: MenteeView) -> builtins.list[AgendaSuggestion]:
        today = self.clock.today()
        points = list(session.scalars(self._points_query(mentee.id)))
        open_words = {name_key(p.text) for p in points if p.status == AgendaStatus.OPEN.value}

        def taken(column: str, ident: int, since: dt.date) -> bool:
            """A point came from this record: still open, or closed on or after the reason arose."""
            return any(
                getattr(p, column) == ident and (p.status == AgendaStatus.OPEN.value
                                                 or (p.closed_on is not None and p.closed_on >= since))
                for p in points
            )

        found: builtins.list[AgendaSuggestion] = []

        def offer(source: AgendaSource, ident: int, text: str, why: str) -> None:
            words = _short(text)
            if name_key(words) not in open_words:
                found.append(AgendaSuggestion(key=f"{source.value}:{ident}", mentee_id=mentee.id, source=source,
                                              text=words, why=why))

        live_rows = (Entry.mentee_id == mentee.id, Entry.deleted_at.is_(None))
        concerns = session.scalars(select(Entry).where(
            *live_rows, Entry.kind == EntryKind.CONCERN.value, Entry.discussed_on.is_(None))
            .order_by(Entry.at, Entry.id))
        for concern in concerns:
            if not taken("concern_id", concern.id, concern.at.date()):
                offer(AgendaSource.CONCERN, concern.id, concern.text,
                      _("a concern from {day}, not yet raised with them").format(day=_day(concern.at.date())))
        horizon = mentee.next_meeting_on if mentee.next_meeting_on and mentee.next_meeting_on >= today else today
        goals = session.scalars(select(Goal).where(
            Goal.mentee_id == mentee.id, Goal.deleted_at.is_(None), Goal.status == GoalStatus.ACTIVE.value,
            Goal.check_in_on.is_not(None), Goal.check_in_on <= horizon).order_by(Goal.check_in_on, Goal.id))
        for goal in goals:
            assert goal.check_in_on is not None  # the query's condition
            if not taken("goal_id", goal.id, goal.check_in_on):
                offer(AgendaSource.GOAL, goal.id, _("Check in on the goal: {goal}").format(goal=goal.outcome),
                      _("its check-in is due {day}").format(day=_day(goal.check_in_on)))
        asks = session.scalars(select(Ask).where(
            Ask.mentee_id == mentee.id, Ask.deleted_at.is_(None),
            Ask.status.in_((AskStatus.GRANTED.value, AskStatus.DECLINED.value)),
            Ask.resolved_on >= today - dt.timedelta(days=REPORT_BACK_DAYS)).order_by(Ask.resolved_on, Ask.id))
        for ask in asks:
            assert ask.resolved_on is not None  # the query's condition
            if not taken("ask_id", ask.id, ask.resolved_on):
                day = _day(ask.resolved_on)
                if ask.status == AskStatus.GRANTED.value:
                    text = _("Report back on the ask: {ask} (granted)").format(ask=ask.what)
                    why = _("granted on {day}; they may not know yet").format(day=day)
                else:
                    text = _("Report back on the ask: {ask} (declined)").format(ask=ask.what)
                    why = _("declined on {day}; they may not know yet").format(day=day)
                offer(AgendaSource.ASK, ask.id, text, why)
        for thread in self._waiting_threads(session, mentee.id):
            since = (thread.last_at.date() if thread.last_at else thread.opened_on)
            if not taken("thread_id", thread.id, since):
                offer(AgendaSource.THREAD, thread.id, _("Answer them on: {topic}").format(topic=isolate(thread.topic)),
                      _("they spoke last, on {day}; the thread waits on you").format(day=_day(since)))
        asked = {name_key(p.text) for p in points if p.source == AgendaSource.QUESTION.value}
        starters = session.scalars(select(Starter).where(Starter.deleted_at.is_(None))
                                   .order_by(Starter.position, Starter.id))
        question = next((s for s in starters if name_key(s.text) not in asked), None)
        if question is not None:
            offer(AgendaSource.QUESTION, question.id, question.text, _("a starter question from your library"))
        return found

    @staticmethod
    def _waiting_threads(session: Session, mentee_id: int) -> builtins.list[ThreadView]:
        threads = session.scalars(select(Thread).where(
            Thread.mentee_id == mentee_id, Thread.deleted_at.is_(None),
            Thread.status == ThreadStatus.OPEN.value).order_by(Thread.opened_on, Thread.id)).all()
        views = []
        for thread in threads:
            last = session.execute(
                select(Entry.direction, Entry.at).where(Entry.thread_id == thread.id, Entry.deleted_at.is_(None))
                .order_by(Entry.at.desc(), Entry.id.desc()).limit(1)).first()
            view = ThreadView.of(thread, last_direction=last[0] if last else None, last_at=last[1] if last else None)
            if view.waiting_on_lead:
                views.append(view)
        return views

    # -- templates ---------------------------------------------------------------------------
    def templates(self) -> builtins.list[AgendaTemplateView]:
        query = (select(AgendaTemplate).where(AgendaTemplate.deleted_at.is_(None))
                 .order_by(AgendaTemplate.position, AgendaTemplate.id))
        with self.store.read() as session:
            return [AgendaTemplateView.of(row) for row in session.scalars(query)]

    def find_template(self, text: str) -> AgendaTemplateView:
        """The template `text` names: its name, or a unique start of one (any case)."""
        wanted = name_key(text.strip())
        templates = self.templates()
        exact = [t for t in templates if name_key(t.name) == wanted]
        matches = exact or [t for t in templates if wanted and name_key(t.name).startswith(wanted)]
        if len(matches) != 1:
            names = _(", ").join(isolate(t.name) for t in templates)
            said = (_("{text} names several templates; the templates are: {names}.") if matches
                    else _("{text} names no template; the templates are: {names}."))
            raise NotFoundError(said.format(text=quoted(text.strip()), names=names))
        return matches[0]

    def save_template(self, *, name: str, prompts: Iterable[str],
                      template_id: int | None = None) -> AgendaTemplateView:
        """Add a template, or change one's name and prompts (one question per item)."""
        words = required_text(name, what="template name").strip()
        lines = [" ".join(p.split()) for p in prompts]
        lines = [p for p in lines if p]
        if not lines:
            raise MentorAppError(_("A template needs at least one prompt."))
        with self.store.write() as session:
            others = session.scalars(select(AgendaTemplate).where(AgendaTemplate.deleted_at.is_(None)))
            if any(name_key(t.name) == name_key(words) and t.id != template_id for t in others):
                raise MentorAppError(_("There is already a template named {name}.").format(name=quoted(words)))
            if template_id is None:
                last = session.scalar(select(func.max(AgendaTemplate.position))) or 0
                row = AgendaTemplate(name=words, prompts="\n".join(lines), position=last + 1)
                session.add(row)
            else:
                row = live(session, AgendaTemplate, template_id, what=_("template"))
                row.name, row.prompts = words, "\n".join(lines)
            session.flush()
            view = AgendaTemplateView.of(row)
        self.announce(Topic.AGENDA)
        return view

    def apply_template(self, *, mentee_id: int, template_id: int) -> builtins.list[AgendaPointView]:
        """Add each of a template's prompts as a point, in one step (prompts already open are skipped)."""
        now = self.moment(None)
        with self.store.write() as session:
            live(session, Mentee, mentee_id, what=_("mentee"))
            template = AgendaTemplateView.of(live(session, AgendaTemplate, template_id, what=_("template")))
            open_words = {name_key(p.text) for p in session.scalars(self._points_query(mentee_id).where(
                AgendaPoint.status == AgendaStatus.OPEN.value))}
            made = []
            for prompt in template.prompts:
                if name_key(prompt) in open_words:
                    continue
                open_words.add(name_key(prompt))
                made.append(self._new_point(session, mentee_id=mentee_id, text=prompt, raised_by=Side.LEAD,
                                            source=AgendaSource.TEMPLATE, at=now))
            views = [AgendaPointView.of(row) for row in made]
        self.announce(Topic.AGENDA, mentee_id=mentee_id)
        return views

    # -- the next meeting ----------------------------------------------------------------------
    def set_next_meeting(self, mentee_id: int, day: dt.date | None) -> MenteeView:
        """The day of the next 1:1 (None: not known); it may lie ahead, as meetings do."""
        with self.store.write() as session:
            row = live(session, Mentee, mentee_id, what=_("mentee"))
            row.next_meeting_on = check_date(day, what="next meeting date")
            session.flush()
            view = MenteeView.of(row)
        self.announce(Topic.AGENDA, Topic.MENTEES, mentee_id=mentee_id)
        return view

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _points_query(mentee_id: int) -> Select[AgendaPoint]:
        return (select(AgendaPoint).where(AgendaPoint.mentee_id == mentee_id, AgendaPoint.deleted_at.is_(None))
                .order_by(AgendaPoint.added_at, AgendaPoint.id))

    @staticmethod
    def _new_point(session: Session, *, mentee_id: int, text: str, raised_by: Side, source: AgendaSource,
                   at: dt.datetime) -> AgendaPoint:
        row = AgendaPoint(mentee_id=mentee_id, text=text, raised_by=raised_by.value, source=source.value,
                          added_at=at, status=AgendaStatus.OPEN.value, note="")
        session.add(row)
        session.flush()
        return row

    @staticmethod
    def _open_point(session: Session, point_id: int) -> AgendaPoint:
        row = live(session, AgendaPoint, point_id, what=_("talking point"))
        if row.status != AgendaStatus.OPEN.value:
            if row.status == AgendaStatus.DISCUSSED.value:
                said = _("The talking point #{ident} is already discussed.")
            elif row.status == AgendaStatus.DROPPED.value:
                said = _("The talking point #{ident} is already dropped.")
            else:
                said = _("The talking point #{ident} is already dismissed.")
            raise MentorAppError(said.format(ident=point_id))
        return row

    @staticmethod
    def _live_id(session: Session, model: type[Thread] | type[Goal], ident: int | None, mentee_id: int) -> int | None:
        if ident is None:
            return None
        row = session.get(model, ident)
        alive = row is not None and getattr(row, "deleted_at", None) is None
        return ident if alive and getattr(row, "mentee_id", None) == mentee_id else None

    @staticmethod
    def _meetings(session: Session, mentee_id: int) -> builtins.list[dt.date]:
        rows = session.scalars(select(Entry).where(
            Entry.mentee_id == mentee_id, Entry.deleted_at.is_(None),
            Entry.direction != Direction.PRIVATE.value, Entry.setting == Setting.ONE_ON_ONE.value))
        return meeting_days(EntryView.of(row) for row in rows)

    def _view(self, row: AgendaPoint, meetings: builtins.list[dt.date]) -> AgendaPointView:
        until = row.closed_on or self.clock.today()
        return AgendaPointView.of(row, carried=times_carried(row.added_at, until=until, meetings=meetings))
