"""Retention on a shifted clock: exactly the due, unheld people are erased, and only after 14 days of notice."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorapp.models.errors import MentorAppError, NotFoundError
from mentorapp.models.services import Services
from mentorapp.models.services.retention import add_months


def test_months_are_added_as_a_calendar_does() -> None:
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 1, 15), 72) == dt.date(2032, 1, 15)


def test_the_policy_is_off_by_default_and_takes_6_to_72_months(services: Services) -> None:
    assert services.retention.months() is None
    for wrong in (0, 5, 73, True):
        with pytest.raises(MentorAppError, match="from 6 to 72 months"):
            services.retention.set_months(wrong)
    assert services.retention.set_months(12) == 12 and services.retention.months() == 12
    services.retention.set_months(None)
    assert services.retention.months() is None


def test_retention_erases_exactly_the_due_unheld_people_after_the_notice(services: Services, clock) -> None:
    s = services
    left = s.mentees.add(name="Ana Left")
    held = s.mentees.add(name="Björn Held")
    recent = s.mentees.add(name="Chloé Recent")
    stays = s.mentees.add(name="Dmitri Stays")
    for person in (left, held, recent, stays):
        s.entries.add(mentee_id=person.id, text=f"note about {person.name}")
    s.mentees.set_archived(left.id, True)
    s.mentees.set_archived(held.id, True)
    clock.advance(dt.timedelta(days=40))
    s.mentees.set_archived(recent.id, True)
    s.retention.set_months(6)
    s.mentees.hold(held.id, reason="Litigation hold")
    start = clock.today()
    schedule = {d.name: d for d in s.retention.schedule()}
    assert set(schedule) == {"Ana Left", "Björn Held", "Chloé Recent"}
    assert schedule["Ana Left"].erase_on == add_months(start - dt.timedelta(days=40), 6)

    # Long before the day: no notice, nothing erased.
    assert s.retention.notices() == [] and s.retention.erase_due() == []
    # 13 days before Ana's day: the notice shows (held people never), nothing is erased yet.
    clock.set(dt.datetime.combine(schedule["Ana Left"].erase_on - dt.timedelta(days=13), dt.time(9)))
    notices = s.retention.notices()
    assert [d.name for d in notices] == ["Ana Left"]
    s.retention.mark_noticed(notices)
    assert s.retention.erase_due() == []
    # On the day itself the notice has been up 13 days: still waiting.
    clock.set(dt.datetime.combine(schedule["Ana Left"].erase_on, dt.time(9)))
    assert s.retention.erase_due() == []
    # The day after: 14 days of notice, so Ana is erased; nobody else.
    clock.advance(dt.timedelta(days=1))
    reports = s.retention.erase_due()
    assert [r.what for r in reports] == ["Ana Left"]
    with pytest.raises(NotFoundError):
        s.mentees.get(left.id)
    assert {m.name for m in s.mentees.list(include_archived=True)} == {"Björn Held", "Chloé Recent", "Dmitri Stays"}


def test_a_journal_not_opened_for_a_while_shows_the_notice_before_erasing(services: Services, clock) -> None:
    s = services
    left = s.mentees.add(name="Ana Left")
    s.mentees.set_archived(left.id, True)
    s.retention.set_months(6)
    clock.advance(dt.timedelta(days=400))  # long past the day, and Today never said so
    assert s.retention.erase_due() == []
    s.retention.mark_noticed(s.retention.notices())
    clock.advance(dt.timedelta(days=13))
    assert s.retention.erase_due() == []
    clock.advance(dt.timedelta(days=1))
    assert [r.what for r in s.retention.erase_due()] == ["Ana Left"]


def test_someone_brought_back_from_the_archive_is_not_erased(services: Services, clock) -> None:
    s = services
    back = s.mentees.add(name="Eun Back")
    s.mentees.set_archived(back.id, True)
    s.retention.set_months(6)
    clock.advance(dt.timedelta(days=200))
    s.retention.mark_noticed(s.retention.notices())
    s.mentees.set_archived(back.id, False)
    clock.advance(dt.timedelta(days=30))
    assert s.retention.erase_due() == [] and s.mentees.get(back.id).archived_on is None
