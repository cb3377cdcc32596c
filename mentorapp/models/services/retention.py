"""Retention: people who left are erased a chosen number of months later (GDPR art. 5(1)(e)).

Off by default. When the lead chooses N months (6–72), a person archived (left the team)
on day A is due for erasure on A + N months. Nothing goes unseen: Today says "will be
erased on …" from 14 days before, and the erasure happens at the first opening on or
after the due day only once that notice has been shown for at least 14 days (a journal
not opened for a while shows the notice first and erases 14 days later). A person on
hold, or brought back from the archive, is never erased by retention.

The day the notice was first shown is kept per person (by id, no name) in the journal.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from mentorapp.i18n import _
from mentorapp.models.entities.mentee import JournalInfo, Mentee
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services.base import Service
from mentorapp.models.services.changes import Topic
from mentorapp.models.services.erasure import RETENTION_NOTICE_PREFIX, ErasureReport, ErasureService

MONTHS_KEY = "preferences.retention_months"
NOTICE_PREFIX = RETENTION_NOTICE_PREFIX  # + mentee id: the day Today first said it
MONTH_CHOICES = (6, 12, 18, 24, 36, 48, 60, 72)
MIN_MONTHS, MAX_MONTHS = 6, 72
NOTICE_DAYS = 14


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class RetentionDue:
    """One archived person under the policy: when they are due, and whether Today has said so."""

    mentee_id: int
    name: str
    archived_on: dt.date
    erase_on: dt.date  # the due day by the policy
    noticed_on: dt.date | None  # the day Today (or `mentorapp retention`) first showed the notice
    held: bool

    def erased_from(self, today: dt.date) -> dt.date:
        """The first day the erasure can happen: the due day, but never before 14 days of notice."""
        shown = self.noticed_on or today
        return max(self.erase_on, shown + dt.timedelta(days=NOTICE_DAYS))

    def in_notice(self, today: dt.date) -> bool:
        return not self.held and today >= self.erase_on - dt.timedelta(days=NOTICE_DAYS)


class RetentionService(Service):
    """The policy, who is due when, the notices, and the erasures that are due."""

    def __init__(self, *args: object, erasure: ErasureService, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Service's own parameters, passed on
        self.erasure = erasure

    def months(self) -> int | None:
        """The policy: months after leaving, or None when it is off (the default)."""
        with self.store.read() as session:
            row = session.get(JournalInfo, MONTHS_KEY)
        try:
            value = int(row.value) if row is not None else 0
        except ValueError:
            return None
        return value if MIN_MONTHS <= value <= MAX_MONTHS else None

    def set_months(self, months: int | None) -> int | None:
        """Turn the policy on (6–72 months) or off (None)."""
        if months is not None and (isinstance(months, bool) or not MIN_MONTHS <= months <= MAX_MONTHS):
            raise MentorAppError(_("Erase people from {least} to {most} months after they leave, or never.").format(
                least=MIN_MONTHS, most=MAX_MONTHS))
        with self.store.write() as session:
            row = session.get(JournalInfo, MONTHS_KEY)
            if months is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(JournalInfo(key=MONTHS_KEY, value=str(months)))
            else:
                row.value = str(months)
        self.announce(Topic.JOURNAL)
        return months

    def schedule(self) -> list[RetentionDue]:
        """Every archived person with their due day, soonest first (empty while the policy is off)."""
        months = self.months()
        if months is None:
            return []
        with self.store.read() as session:
            noticed = {
                row.key.removeprefix(NOTICE_PREFIX): row.value
                for row in session.scalars(select(JournalInfo).where(JournalInfo.key.startswith(NOTICE_PREFIX)))
            }
            people = session.scalars(select(Mentee).where(Mentee.archived.is_(True), Mentee.deleted_at.is_(None)))
            due = [
                RetentionDue(
                    mentee_id=m.id, name=m.name, archived_on=m.archived_on or m.updated_at.date(),
                    erase_on=add_months(m.archived_on or m.updated_at.date(), months),
                    noticed_on=_day(noticed.get(str(m.id))), held=m.held_on is not None,
                )
                for m in people
            ]
        return sorted(due, key=lambda d: (d.erase_on, d.name.casefold()))

    def notices(self) -> list[RetentionDue]:
        """The people Today must warn about now: due within 14 days, or past due and waiting their notice."""
        today = self.clock.today()
        return [d for d in self.schedule() if d.in_notice(today)]

    def mark_noticed(self, due: list[RetentionDue]) -> None:
        """Keep the day the notice was first shown (a fact about the screen: announced to nobody)."""
        fresh = [d for d in due if d.noticed_on is None]
        if not fresh:
            return
        today = self.clock.today().isoformat()
        with self.store.write() as session:
            for d in fresh:
                if session.get(JournalInfo, NOTICE_PREFIX + str(d.mentee_id)) is None:
                    session.add(JournalInfo(key=NOTICE_PREFIX + str(d.mentee_id), value=today))

    def erase_due(self) -> list[ErasureReport]:
        """Erase everyone due today whose notice has been shown for 14 days, unless held."""
        today = self.clock.today()
        reports = []
        for d in self.schedule():
            if d.held or d.noticed_on is None or today < d.erased_from(today):
                continue
            reports.append(self.erasure.erase(d.mentee_id))
        return reports

    def forget_notices_of_returned(self) -> None:
        """Notices of people no longer archived (brought back): gone, so a new departure starts afresh."""
        with self.store.write() as session:
            archived = {str(i) for i in session.scalars(select(Mentee.id).where(Mentee.archived.is_(True)))}
            for row in session.scalars(select(JournalInfo).where(JournalInfo.key.startswith(NOTICE_PREFIX))):
                if row.key.removeprefix(NOTICE_PREFIX) not in archived:
                    session.delete(row)


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
