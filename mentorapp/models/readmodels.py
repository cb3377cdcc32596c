"""Read models: frozen snapshots that services hand to views, packets and the CLI.

Nothing here holds a Session or an ORM object, so nothing can go stale or detached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mentorapp.models.vocabulary import (
    AgendaSource,
    AgendaStatus,
    AskStatus,
    CaseOutcome,
    CaseStatus,
    ChanceResult,
    Direction,
    EntryKind,
    GoalStatus,
    RecognitionKind,
    Setting,
    Side,
    ThreadStatus,
)

if TYPE_CHECKING:
    from mentorapp.models.entities import (
        AgendaPoint, AgendaTemplate, Ask, Chance, Entry, Goal, Mentee, Recognition, Starter, Thread, WatchCase,
    )


@dataclass(frozen=True, slots=True)
class MenteeView:
    id: int
    name: str
    role: str
    started_on: dt.date | None
    cadence_days: int
    thanks_preference: str
    archived: bool
    next_meeting_on: dt.date | None = None  # as the lead's own calendar has it, when imported
    archived_on: dt.date | None = None  # the day they were archived (left the team)
    held_on: dt.date | None = None  # on hold since (nothing about them may change); None: not held
    hold_reason: str = ""

    @property
    def held(self) -> bool:
        return self.held_on is not None

    @classmethod
    def of(cls, row: Mentee) -> MenteeView:
        return cls(
            id=row.id,
            name=row.name,
            role=row.role,
            started_on=row.started_on,
            cadence_days=row.cadence_days,
            thanks_preference=row.thanks_preference,
            archived=row.archived,
            next_meeting_on=row.next_meeting_on,
            archived_on=row.archived_on,
            held_on=row.held_on,
            hold_reason=row.hold_reason,
        )


@dataclass(frozen=True, slots=True)
class EntryView:
    id: int
    mentee_id: int
    at: dt.datetime
    kind: EntryKind
    direction: Direction
    setting: Setting
    text: str
    thread_id: int | None
    goal_id: int | None
    discussed_on: dt.date | None
    opinion: bool = False  # the lead's impression rather than an observed fact

    @property
    def is_concern(self) -> bool:
        return self.kind is EntryKind.CONCERN

    @property
    def two_way(self) -> bool:
        return self.direction.two_way

    @classmethod
    def of(cls, row: Entry) -> EntryView:
        return cls(
            id=row.id,
            mentee_id=row.mentee_id,
            at=row.at,
            kind=EntryKind(row.kind),
            direction=Direction(row.direction),
            setting=Setting(row.setting),
            text=row.text,
            thread_id=row.thread_id,
            goal_id=row.goal_id,
            discussed_on=row.discussed_on,
            opinion=row.opinion,
        )


@dataclass(frozen=True, slots=True)
class ThreadView:
    id: int
    mentee_id: int
    topic: str
    opened_by: Side
    opened_on: dt.date
    status: ThreadStatus
    resolved_on: dt.date | None
    acted_on: dt.date | None
    acted_on_note: str
    entry_count: int = 0
    last_direction: Direction | None = None
    last_at: dt.datetime | None = None

    @property
    def is_upward(self) -> bool:
        """Feedback the mentee gave the lead: the kind that can be marked acted on."""
        return self.opened_by is Side.MENTEE

    @property
    def waiting_on_lead(self) -> bool:
        """Open, and the mentee spoke last (or opened it and nobody answered yet)."""
        if self.status is not ThreadStatus.OPEN:
            return False
        if self.last_direction is None:
            return self.opened_by is Side.MENTEE
        return self.last_direction is Direction.FROM_MENTEE

    @classmethod
    def of(cls, row: Thread, *, entry_count: int = 0, last_direction: str | None = None,
           last_at: dt.datetime | None = None) -> ThreadView:
        return cls(
            id=row.id,
            mentee_id=row.mentee_id,
            topic=row.topic,
            opened_by=Side(row.opened_by),
            opened_on=row.opened_on,
            status=ThreadStatus(row.status),
            resolved_on=row.resolved_on,
            acted_on=row.acted_on,
            acted_on_note=row.acted_on_note,
            entry_count=entry_count,
            last_direction=Direction(last_direction) if last_direction else None,
            last_at=last_at,
        )


@dataclass(frozen=True, slots=True)
class GoalView:
    id: int
    mentee_id: int
    outcome: str
    success_criteria: str
    latitude: str
    set_on: dt.date
    check_in_on: dt.date | None
    status: GoalStatus

    @classmethod
    def of(cls, row: Goal) -> GoalView:
        return cls(
            id=row.id,
            mentee_id=row.mentee_id,
            outcome=row.outcome,
            success_criteria=row.success_criteria,
            latitude=row.latitude,
            set_on=row.set_on,
            check_in_on=row.check_in_on,
            status=GoalStatus(row.status),
        )


@dataclass(frozen=True, slots=True)
class RecognitionView:
    id: int
    mentee_id: int
    kind: RecognitionKind
    given_on: dt.date
    what_for: str

    @classmethod
    def of(cls, row: Recognition) -> RecognitionView:
        return cls(
            id=row.id,
            mentee_id=row.mentee_id,
            kind=RecognitionKind(row.kind),
            given_on=row.given_on,
            what_for=row.what_for,
        )


@dataclass(frozen=True, slots=True)
class AskView:
    id: int
    mentee_id: int
    what: str
    details: str
    status: AskStatus
    raised_on: dt.date
    resolved_on: dt.date | None

    @classmethod
    def of(cls, row: Ask) -> AskView:
        return cls(
            id=row.id,
            mentee_id=row.mentee_id,
            what=row.what,
            details=row.details,
            status=AskStatus(row.status),
            raised_on=row.raised_on,
            resolved_on=row.resolved_on,
        )


@dataclass(frozen=True, slots=True)
class ChanceView:
    id: int
    case_id: int
    given_on: dt.date
    expectation: str
    support: str
    outcome: str
    result: ChanceResult
    opinion: bool = False  # the lead's impression rather than an observed fact

    @classmethod
    def of(cls, row: Chance) -> ChanceView:
        return cls(
            id=row.id,
            case_id=row.case_id,
            given_on=row.given_on,
            expectation=row.expectation,
            support=row.support,
            outcome=row.outcome,
            result=ChanceResult(row.result),
            opinion=row.opinion,
        )


@dataclass(frozen=True, slots=True)
class WatchCaseView:
    id: int
    mentee_id: int
    concern: str
    opened_on: dt.date
    support_plan: str
    toxicity_concern: str
    next_review_on: dt.date | None
    status: CaseStatus
    outcome: CaseOutcome | None
    decision_reason: str
    closed_on: dt.date | None
    chances: tuple[ChanceView, ...] = ()
    opinion: bool = False  # the lead's impression rather than an observed fact

    @property
    def is_open(self) -> bool:
        return self.status is CaseStatus.OPEN

    @classmethod
    def of(cls, row: WatchCase, chances: tuple[ChanceView, ...] = ()) -> WatchCaseView:
        return cls(
            id=row.id,
            mentee_id=row.mentee_id,
            concern=row.concern,
            opened_on=row.opened_on,
            support_plan=row.support_plan,
            toxicity_concern=row.toxicity_concern,
            next_review_on=row.next_review_on,
            status=CaseStatus(row.status),
            outcome=CaseOutcome(row.outcome) if row.outcome else None,
            decision_reason=row.decision_reason,
            closed_on=row.closed_on,
            chances=chances,
            opinion=row.opinion,
        )


@dataclass(frozen=True, slots=True)
class StarterView:
    id: int
    text: str
    position: int

    @classmethod
    def of(cls, row: Starter) -> StarterView:
        return cls(id=row.id, text=row.text, position=row.position)


# A point carried over this many times is worth noticing (the panel and the sheet mark it).
NOTICEABLE_CARRIES = 3


@dataclass(frozen=True, slots=True)
class AgendaPointView:
    """A talking point, and how many meetings it has been carried past without being discussed."""

    id: int
    mentee_id: int
    text: str
    raised_by: Side
    source: AgendaSource
    added_at: dt.datetime
    status: AgendaStatus
    closed_on: dt.date | None
    note: str
    entry_id: int | None
    carried: int = 0

    @property
    def is_open(self) -> bool:
        return self.status is AgendaStatus.OPEN

    @property
    def noticeable(self) -> bool:
        """Carried three times or more: perhaps raise it first, or let it go."""
        return self.carried >= NOTICEABLE_CARRIES

    @classmethod
    def of(cls, row: AgendaPoint, *, carried: int = 0) -> AgendaPointView:
        return cls(
            id=row.id,
            mentee_id=row.mentee_id,
            text=row.text,
            raised_by=Side(row.raised_by),
            source=AgendaSource(row.source),
            added_at=row.added_at,
            status=AgendaStatus(row.status),
            closed_on=row.closed_on,
            note=row.note,
            entry_id=row.entry_id,
            carried=carried,
        )


@dataclass(frozen=True, slots=True)
class AgendaSuggestion:
    """Something the journal suggests raising next time; `key` accepts or dismisses it."""

    key: str  # e.g. "concern:12", "goal:3", "question:5"
    mentee_id: int
    source: AgendaSource
    text: str
    why: str  # one short reason, e.g. "concern from 12 Nov, not yet raised"


@dataclass(frozen=True, slots=True)
class AgendaTemplateView:
    id: int
    name: str
    prompts: tuple[str, ...]
    position: int

    @classmethod
    def of(cls, row: AgendaTemplate) -> AgendaTemplateView:
        prompts = tuple(line.strip() for line in row.prompts.splitlines() if line.strip())
        return cls(id=row.id, name=row.name, prompts=prompts, position=row.position)


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One mentee with the aggregates the roster's health badges are computed from."""

    mentee: MenteeView
    entry_count: int
    last_touch: dt.datetime | None
    last_recognition: dt.date | None
    undiscussed_concerns: int
    open_case_id: int | None
    case_review_on: dt.date | None


@dataclass(frozen=True, slots=True)
class ConcernSummary:
    """One mentee's concerns never raised with them: how many, and the oldest."""

    mentee_id: int
    count: int
    oldest: EntryView


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One match: what it is, whose it is, when, and a snippet with the match marked.

    `highlights` holds (start, end) character spans of `snippet` that matched.
    """

    doc_type: str
    doc_id: int
    mentee_id: int
    mentee_name: str
    at: dt.date | None
    label: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Preferences:
    """The lead's choices for one journal, kept inside it, so the desk, the command line
    and the packets read the same ones on every machine the journal is opened on."""

    lead_name: str
    recognition_gap_days: int
    auto_lock_minutes: int
    reminders: bool = True  # a desktop notification of what is due, on the days chosen
    reminder_time: dt.time = dt.time(9, 0)
    # The days it comes, as `date.weekday()` numbers them (0 is Monday); never empty. Until the lead
    # chooses, the workdays of their locale (`i18n.workdays`).
    reminder_days: frozenset[int] = frozenset(range(5))
    reminder_names: bool = False  # counts only by default: notifications show on locked screens
    keep_running: bool = False  # the desk stays in the tray when its window closes
