"""What is due today, for a reminder: check-ins, watchlist reviews, goals, retention notices.

The desk's morning notification, the tray's tooltip and `mentorapp due` all read this one
report, so they never disagree. It is worked out from what Today already knows (the roster's
check-in health, the watchlist's review days, the retention schedule) and the journal's clock.

A reminder can appear on a locked screen, so `lines` gives counts unless names are asked for;
it never holds note text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from mentorapp.i18n import _
from mentorapp.models.entities.goal import Goal
from mentorapp.models.insights import Badge, health
from mentorapp.models.services.base import Service
from mentorapp.models.services.changes import ChangeBus
from mentorapp.models.clock import Clock
from mentorapp.models.services.mentees import MenteeService
from mentorapp.models.services.retention import RetentionService
from mentorapp.models.services.watchlist import WatchlistService
from mentorapp.models.storage.store import Store
from mentorapp.models.vocabulary import GoalStatus

@dataclass(frozen=True, slots=True)
class DueReport:
    """Who is due for what today; each a tuple of names, in the order Today lists them."""

    check_ins_due: tuple[str, ...]
    check_ins_overdue: tuple[str, ...]
    watchlist_reviews: tuple[str, ...]
    goals: tuple[str, ...]  # one name per goal whose check-in day has come
    retention_notices: tuple[str, ...]

    @property
    def check_ins(self) -> int:
        """Check-ins due or overdue: the number the tray shows."""
        return len(self.check_ins_due) + len(self.check_ins_overdue)

    @property
    def empty(self) -> bool:
        return not (self.check_ins or self.watchlist_reviews or self.goals or self.retention_notices)

    def lines(self, *, names: bool = False) -> list[str]:
        """One line per kind of thing due (counts; with `names`, who too), or one line saying nothing is."""
        said = []
        for label, who in (
            (_("Check-ins due"), self.check_ins_due),
            (_("Check-ins overdue"), self.check_ins_overdue),
            (_("Watchlist reviews"), self.watchlist_reviews),
            (_("Goals to check in on"), self.goals),
            (_("Retention notices"), self.retention_notices),
        ):
            if who and names:
                # Translators: a reminder line, "Check-ins overdue: 2 (Ana Lima, Ben Ode)".
                said.append(_("{label}: {count} ({names})").format(
                    label=label, count=len(who), names=_(", ").join(dict.fromkeys(who))))
            elif who:
                # Translators: a reminder line, "Check-ins overdue: 2".
                said.append(_("{label}: {count}").format(label=label, count=len(who)))
        return said or [_("Nothing is due today.")]


def next_reminder(after: dt.datetime, *, at: dt.time, days: frozenset[int]) -> dt.datetime:
    """The first reminder moment strictly after `after`: `at` on the next day in `days` (0 is Monday)."""
    day = after.date()
    for _day in range(8):
        moment = dt.datetime.combine(day, at)
        if moment > after and day.weekday() in days:
            return moment
        day += dt.timedelta(days=1)
    raise ValueError("No reminder day was chosen.")


class DueService(Service):
    """Works out today's `DueReport` from the other services' read models."""

    def __init__(self, store: Store, bus: ChangeBus, clock: Clock, *, mentees: MenteeService,
                 watchlist: WatchlistService, retention: RetentionService) -> None:
        super().__init__(store, bus, clock)
        self._mentees = mentees
        self._watchlist = watchlist
        self._retention = retention

    def report(self) -> DueReport:
        today = self.clock.today()
        roster = self._mentees.roster()
        names = {row.mentee.id: row.mentee.name for row in roster}
        due: list[tuple[dt.date, str]] = []
        overdue: list[tuple[dt.date, str]] = []
        for row in roster:
            status = health(row, today=today)
            if Badge.OVERDUE in status.badges:
                overdue.append((status.check_in.due_on, row.mentee.name))
            elif Badge.DUE in status.badges:
                due.append((status.check_in.due_on, row.mentee.name))
        reviews = [names[case.mentee_id] for case in self._watchlist.open_cases()
                   if case.next_review_on is not None and case.next_review_on <= today and case.mentee_id in names]
        with self.store.read() as session:
            goal_rows = session.execute(
                select(Goal.mentee_id, Goal.check_in_on)
                .where(Goal.deleted_at.is_(None), Goal.status == GoalStatus.ACTIVE.value,
                       Goal.check_in_on.is_not(None),
                       Goal.check_in_on <= today)
                .order_by(Goal.check_in_on, Goal.id)).all()
        goals = [names[mentee_id] for mentee_id, _on in goal_rows if mentee_id in names]
        notices = [notice.name for notice in self._retention.notices() if not notice.held]
        return DueReport(
            check_ins_due=tuple(name for _d, name in sorted(due)),
            check_ins_overdue=tuple(name for _d, name in sorted(overdue)),
            watchlist_reviews=tuple(reviews),
            goals=tuple(goals),
            retention_notices=tuple(notices),
        )
