"""The facts of one review packet: a frozen snapshot of one mentee's period, read through services.

Loading is kept apart from layout: `build_packet_data` reads the journal once and
computes the insights; `packets.story` turns the snapshot into flowables without
touching the database, so a packet can be laid out (and timed) from data in hand.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from mentorapp.i18n import _
from mentorapp.models import insights
from mentorapp.models.errors import MentorAppError
from mentorapp.models.insights import Gap, MonthCount, RecencyBalance, VoiceShare
from mentorapp.models.readmodels import (
    AskView,
    EntryView,
    GoalView,
    MenteeView,
    RecognitionView,
    ThreadView,
    WatchCaseView,
)
from mentorapp.models.services import Services
from mentorapp.models.validation import EARLIEST_YEAR, LATEST_YEAR
from mentorapp.models.vocabulary import AskStatus, Direction, GoalStatus


@dataclass(frozen=True, slots=True)
class ThreadRecord:
    """A feedback thread with what was said in it during the period, oldest first."""

    thread: ThreadView
    entries: tuple[EntryView, ...]


@dataclass(frozen=True, slots=True)
class GoalRecord:
    """A goal with the progress entries written against it during the period."""

    goal: GoalView
    progress: tuple[EntryView, ...]


@dataclass(frozen=True, slots=True)
class PacketData:
    """Everything a review packet prints about one mentee and one period."""

    mentee: MenteeView
    start: dt.date
    end: dt.date
    made_on: dt.date
    lead_name: str
    entries: tuple[EntryView, ...]
    threads: tuple[ThreadRecord, ...]
    other_feedback: tuple[EntryView, ...]  # two-way entries outside threads, goals and concerns
    goals: tuple[GoalRecord, ...]
    concerns: tuple[EntryView, ...]
    undiscussed: tuple[EntryView, ...]
    recognitions: tuple[RecognitionView, ...]
    asks: tuple[AskView, ...]
    watch_cases: tuple[WatchCaseView, ...]
    notes_per_month: tuple[MonthCount, ...]
    balance_start: dt.date  # the stretch of the period whose balance is judged (see balance_window)
    balance_end: dt.date
    recency: RecencyBalance
    voice: VoiceShare
    longest_gap: Gap | None
    private_notes: int

    @property
    def touchpoints(self) -> int:
        """Two-way entries: moments the lead and the mentee actually talked."""
        return self.voice.two_way

    @property
    def goals_by_status(self) -> dict[GoalStatus, int]:
        counts = Counter(record.goal.status for record in self.goals)
        return {status: counts[status] for status in GoalStatus if counts[status]}

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def check_period(start: dt.date, end: dt.date) -> None:
    """Refuse a period that ends before it starts or lies outside the calendar the journal keeps."""
    years = {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR}
    if not EARLIEST_YEAR <= start.year <= LATEST_YEAR:
        raise MentorAppError(_("The start of the period must fall between {earliest} and {latest}.").format(**years))
    if not EARLIEST_YEAR <= end.year <= LATEST_YEAR:
        raise MentorAppError(_("The end of the period must fall between {earliest} and {latest}.").format(**years))
    if start > end:
        raise MentorAppError(_("The period starts on {start}, after it ends on {end}.").format(
            start=start.isoformat(), end=end.isoformat()))


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the last day of that month when it is shorter)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("every month has 28 days")


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve months up to and including today."""
    return months_before(today, 12) + dt.timedelta(days=1), today


def balance_window(entries: tuple[EntryView, ...], *, start: dt.date, end: dt.date,
                   started_on: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """The part of the period that could have been written about, to judge the record's balance by.

    It starts when the mentee joined (or with their first note, if that is earlier) and
    ends on the day the packet is made (or with the last note, if dated later): months
    before someone joined, or still to come, are no sign of a record crowded at the end.
    """
    days = [entry.at.date() for entry in entries]
    first = start
    if started_on is not None and started_on > start:
        first = min([started_on, *days])
    last = end
    if today < end:
        last = max([today, *days])
    return first, last


def build_packet_data(
    services: Services,
    *,
    mentee_id: int,
    start: dt.date,
    end: dt.date,
    today: dt.date,
) -> PacketData:
    """Read one mentee's period from the journal and compute what the packet shows."""
    check_period(start, end)
    mentee = services.mentees.get(mentee_id)
    entries = tuple(services.entries.in_period(mentee_id, start=start, end=end))

    by_thread: dict[int, list[EntryView]] = {}
    by_goal: dict[int, list[EntryView]] = {}
    for entry in entries:
        if entry.thread_id is not None:
            by_thread.setdefault(entry.thread_id, []).append(entry)
        if entry.goal_id is not None:
            by_goal.setdefault(entry.goal_id, []).append(entry)

    threads = tuple(
        ThreadRecord(thread, tuple(by_thread.get(thread.id, ())))
        for thread in sorted(services.threads.for_mentee(mentee_id), key=lambda t: (t.opened_on, t.id))
        if thread.id in by_thread or start <= thread.opened_on <= end
    )
    goals = tuple(
        GoalRecord(goal, tuple(by_goal.get(goal.id, ())))
        for goal in services.goals.for_mentee(mentee_id)
        if _goal_in_period(goal, start=start, end=end, worked_on=goal.id in by_goal)
    )
    concerns = tuple(e for e in entries if e.is_concern)
    recognitions = tuple(
        sorted(
            (r for r in services.recognitions.for_mentee(mentee_id) if start <= r.given_on <= end),
            key=lambda r: (r.given_on, r.id),
        )
    )
    asks = tuple(
        sorted(
            (a for a in services.asks.for_mentee(mentee_id) if _ask_in_period(a, start=start, end=end)),
            key=lambda a: (a.raised_on, a.id),
        )
    )
    balance_start, balance_end = balance_window(entries, start=start, end=end, started_on=mentee.started_on,
                                                today=today)
    cases = tuple(
        c for c in services.watchlist.for_mentee(mentee_id)
        if c.opened_on <= end and (c.closed_on is None or c.closed_on >= start)
    )
    return PacketData(
        mentee=mentee,
        start=start,
        end=end,
        made_on=today,
        lead_name=services.journal.lead_name(),
        entries=entries,
        threads=threads,
        other_feedback=tuple(
            e for e in entries
            if e.two_way and e.thread_id is None and e.goal_id is None and not e.is_concern
        ),
        goals=goals,
        concerns=concerns,
        undiscussed=tuple(insights.undiscussed_concerns(concerns)),
        recognitions=recognitions,
        asks=asks,
        watch_cases=cases,
        notes_per_month=tuple(insights.notes_per_month(entries, start=start, end=end)),
        balance_start=balance_start,
        balance_end=balance_end,
        recency=insights.recency_balance(entries, start=balance_start, end=balance_end),
        voice=insights.voice_share(entries),
        longest_gap=insights.longest_gap(entries),
        private_notes=sum(1 for e in entries if e.direction is Direction.PRIVATE),
    )


def _goal_in_period(goal: GoalView, *, start: dt.date, end: dt.date, worked_on: bool) -> bool:
    """A goal belongs in the packet if it was set by the period's end and was live or worked on in it."""
    if goal.set_on > end:
        return False
    return worked_on or goal.set_on >= start or goal.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED)


def _ask_in_period(ask: AskView, *, start: dt.date, end: dt.date) -> bool:
    """Raised in the period, settled in it, or still being pushed for during it."""
    if ask.raised_on > end:
        return False
    if ask.status is AskStatus.OPEN:
        return True
    return ask.raised_on >= start or (ask.resolved_on is not None and ask.resolved_on >= start)
