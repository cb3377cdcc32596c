"""Pure functions over read models: what the journal says about rhythm, balance and voice.

Nothing here touches the database or the clock; `today` is always passed in, so the
desk, the packets and the tests get the same answers for the same facts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from mentorapp.i18n import month_text
from mentorapp.models.readmodels import EntryView, RosterRow
from mentorapp.models.vocabulary import Direction

DEFAULT_RECOGNITION_GAP_DAYS = 60


class CheckInState(Enum):
    OK = "ok"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class CheckIn:
    """Where a mentee stands against their cadence."""

    state: CheckInState
    due_on: dt.date
    days_since: int | None  # None: no two-way touchpoint yet


def grace_days(cadence_days: int) -> int:
    """How long after the due day a check-in is still 'due' rather than 'overdue'."""
    return max(2, cadence_days // 2)


def check_in(
    *,
    last_touch: dt.date | dt.datetime | None,
    cadence_days: int,
    today: dt.date,
    started_on: dt.date | None = None,
) -> CheckIn:
    """Days since the last two-way touchpoint, against the mentee's cadence.

    Due from the day the cadence runs out; overdue once a grace of half the cadence
    (at least two days) has passed too. Without any touchpoint, the clock starts at
    the mentee's start date, or today if none is known.
    """
    last = last_touch.date() if isinstance(last_touch, dt.datetime) else last_touch
    anchor = last or started_on or today
    due_on = anchor + dt.timedelta(days=cadence_days)
    days_since = (today - last).days if last else None
    if today < due_on:
        state = CheckInState.OK
    elif today <= due_on + dt.timedelta(days=grace_days(cadence_days)):
        state = CheckInState.DUE
    else:
        state = CheckInState.OVERDUE
    return CheckIn(state=state, due_on=due_on, days_since=days_since)


def is_touchpoint(entry: EntryView) -> bool:
    """A moment the lead and the mentee actually talked (private notes are not)."""
    return entry.direction is not Direction.PRIVATE


def last_touchpoint(entries: Iterable[EntryView]) -> dt.datetime | None:
    return max((e.at for e in entries if is_touchpoint(e)), default=None)


@dataclass(frozen=True, slots=True)
class VoiceShare:
    """How much of the two-way record is the mentee speaking."""

    from_mentee: int
    to_mentee: int

    @property
    def two_way(self) -> int:
        return self.from_mentee + self.to_mentee

    @property
    def share(self) -> float | None:
        """The mentee's share of two-way entries (0–1), None if nothing was said either way."""
        return self.from_mentee / self.two_way if self.two_way else None


def voice_share(entries: Iterable[EntryView]) -> VoiceShare:
    counts = Counter(e.direction for e in entries)
    return VoiceShare(from_mentee=counts[Direction.FROM_MENTEE], to_mentee=counts[Direction.TO_MENTEE])


def days_since(day: dt.date | dt.datetime | None, *, today: dt.date) -> int | None:
    if day is None:
        return None
    if isinstance(day, dt.datetime):
        day = day.date()
    return (today - day).days


def recognition_overdue(
    last_recognition: dt.date | None,
    *,
    today: dt.date,
    started_on: dt.date | None = None,
    gap_days: int = DEFAULT_RECOGNITION_GAP_DAYS,
) -> bool:
    """True when nobody has thanked this person for longer than `gap_days`.

    Someone who started less than `gap_days` ago is not yet overdue.
    """
    reference = last_recognition or started_on
    if reference is None:
        return True
    return (today - reference).days > gap_days


def undiscussed_concerns(entries: Iterable[EntryView]) -> list[EntryView]:
    """Concerns never raised with the mentee: each would be a surprise at review time."""
    return sorted((e for e in entries if e.is_concern and e.discussed_on is None), key=lambda e: (e.at, e.id))


@dataclass(frozen=True, slots=True)
class MonthCount:
    year: int
    month: int
    count: int

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def label(self) -> str:
        """The month as the lead's locale abbreviates it: Nov 2026, Nov. 2026, nov. 2026."""
        return month_text(self.first_day)


def months_between(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """Every (year, month) from start's month to end's month, inclusive."""
    if end < start:
        return []
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def notes_per_month(entries: Iterable[EntryView], *, start: dt.date, end: dt.date) -> list[MonthCount]:
    """How many notes fall in each month of the period, empty months included."""
    counts = Counter((e.at.year, e.at.month) for e in entries if start <= e.at.date() <= end)
    return [MonthCount(y, m, counts[(y, m)]) for y, m in months_between(start, end)]


@dataclass(frozen=True, slots=True)
class RecencyBalance:
    """Whether the record is spread over the period or crowded into its last weeks."""

    last_quarter_share: float | None  # share of notes in the last quarter of the period
    empty_months: int
    months: int

    @property
    def crowded_at_end(self) -> bool:
        """More than half the notes fall in the last quarter of the period."""
        return self.last_quarter_share is not None and self.last_quarter_share > 0.5


def recency_balance(entries: Sequence[EntryView], *, start: dt.date, end: dt.date) -> RecencyBalance:
    inside = [e for e in entries if start <= e.at.date() <= end]
    per_month = notes_per_month(inside, start=start, end=end)
    span = (end - start).days + 1
    cutoff = end - dt.timedelta(days=span // 4)
    late = sum(1 for e in inside if e.at.date() > cutoff)
    return RecencyBalance(
        last_quarter_share=late / len(inside) if inside else None,
        empty_months=sum(1 for m in per_month if m.count == 0),
        months=len(per_month),
    )


@dataclass(frozen=True, slots=True)
class Gap:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def longest_gap(entries: Iterable[EntryView]) -> Gap | None:
    """The longest stretch between two consecutive touchpoints (None with fewer than two)."""
    days = sorted({e.at.date() for e in entries if is_touchpoint(e)})
    if len(days) < 2:
        return None
    best = max(zip(days, days[1:]), key=lambda pair: (pair[1] - pair[0]).days)
    return Gap(*best)


class Badge(Enum):
    """The health marks shown beside a name in the roster."""

    DUE = "due"
    OVERDUE = "overdue"
    WATCHLIST = "watchlist"
    UNRECOGNISED = "unrecognised"
    UNDISCUSSED = "undiscussed"


@dataclass(frozen=True, slots=True)
class Health:
    check_in: CheckIn
    badges: tuple[Badge, ...]
    days_since_recognition: int | None


def health(row: RosterRow, *, today: dt.date, recognition_gap_days: int = DEFAULT_RECOGNITION_GAP_DAYS) -> Health:
    """Everything the roster says about one mentee, from the roster's aggregates."""
    mentee = row.mentee
    status = check_in(
        last_touch=row.last_touch, cadence_days=mentee.cadence_days, today=today, started_on=mentee.started_on
    )
    badges: list[Badge] = []
    if status.state is CheckInState.OVERDUE:
        badges.append(Badge.OVERDUE)
    elif status.state is CheckInState.DUE:
        badges.append(Badge.DUE)
    if row.open_case_id is not None:
        badges.append(Badge.WATCHLIST)
    if recognition_overdue(
        row.last_recognition, today=today, started_on=mentee.started_on, gap_days=recognition_gap_days
    ):
        badges.append(Badge.UNRECOGNISED)
    if row.undiscussed_concerns:
        badges.append(Badge.UNDISCUSSED)
    return Health(
        check_in=status,
        badges=tuple(badges),
        days_since_recognition=days_since(row.last_recognition, today=today),
    )
