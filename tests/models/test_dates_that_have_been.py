"""Dates that say when something happened are refused when they lie ahead of the journal's clock.

A note dated next year hides an overdue check-in ("Next check-in by 15 Jan 2030"); a thank-you
given next month, a mentee who starts later, a chance given before its case opened are the same
class of mistake. Dates that look ahead (a goal's check-in, a case's next review) stay free.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from mentorapp.models.clock import FixedClock
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.vocabulary import AskStatus, CaseOutcome, Direction
from tests.conftest import DEMO_NOW

TOMORROW = DEMO_NOW.date() + dt.timedelta(days=1)


def test_a_note_dated_after_now_is_refused_and_a_few_minutes_of_clock_skew_are_not(services: Services) -> None:
    ana = services.mentees.add(name="Ana Lima")
    with pytest.raises(MentorAppError, match=r"cannot be dated in the future \(2030-01-01 10:00\)"):
        services.entries.add(mentee_id=ana.id, text="Planned ahead", at=dt.datetime(2030, 1, 1, 10, 0))
    assert services.entries.count(ana.id) == 0
    skewed = services.entries.add(mentee_id=ana.id, text="From a fast laptop", at=DEMO_NOW + dt.timedelta(minutes=3))
    with pytest.raises(MentorAppError, match="in the future"):
        services.entries.edit(skewed.id, at=DEMO_NOW + dt.timedelta(hours=2))
    assert services.entries.get(skewed.id).at == DEMO_NOW + dt.timedelta(minutes=3)
    thread = services.threads.open(mentee_id=ana.id, topic="Review tone")
    with pytest.raises(MentorAppError, match="in the future"):
        services.threads.reply(thread.id, text="Later", direction=Direction.TO_MENTEE,
                               at=DEMO_NOW + dt.timedelta(days=1))


def test_days_that_say_when_something_happened_cannot_be_after_today(services: Services) -> None:
    with pytest.raises(MentorAppError, match="start date cannot be after today"):
        services.mentees.add(name="Starts Monday", started_on=TOMORROW)
    ana = services.mentees.add(name="Ana Lima")
    refusals = (
        lambda: services.recognitions.add(mentee_id=ana.id, what_for="Demo", given_on=TOMORROW),
        lambda: services.goals.add(mentee_id=ana.id, outcome="Lead a review", set_on=TOMORROW),
        lambda: services.asks.add(mentee_id=ana.id, what="Budget", raised_on=TOMORROW),
        lambda: services.watchlist.open_case(mentee_id=ana.id, concern="Deadlines", opened_on=TOMORROW),
    )
    for refuse in refusals:
        with pytest.raises(MentorAppError, match="cannot be after today"):
            refuse()
    assert services.journal.counts().total == 1  # only Ana: nothing half-written
    goal = services.goals.add(mentee_id=ana.id, outcome="Lead a review", check_in_on=TOMORROW + dt.timedelta(days=30))
    assert goal.check_in_on == TOMORROW + dt.timedelta(days=30)  # a check-in looks ahead


def test_a_chance_or_a_decision_cannot_come_before_the_case_opened(services: Services) -> None:
    ana = services.mentees.add(name="Ana Lima")
    opened = DEMO_NOW.date() - dt.timedelta(days=20)
    case = services.watchlist.open_case(mentee_id=ana.id, concern="Deadlines", opened_on=opened)
    with pytest.raises(MentorAppError, match=r"cannot be before the day the case opened"):
        services.watchlist.add_chance(case.id, expectation="On plan", given_on=opened - dt.timedelta(days=1))
    chance = services.watchlist.add_chance(case.id, expectation="On plan", given_on=opened)
    with pytest.raises(MentorAppError, match=r"cannot be before the day the case opened"):
        services.watchlist.edit_chance(chance.id, given_on=opened - dt.timedelta(days=3))
    with pytest.raises(MentorAppError, match=r"closing date \(.*\) cannot be before the day the case opened"):
        services.watchlist.close_case(case.id, outcome=CaseOutcome.IMPROVED, reason="On plan",
                                      closed_on=opened - dt.timedelta(days=1))
    assert services.watchlist.get(case.id).outcome is None
    ask = services.asks.add(mentee_id=ana.id, what="Budget", raised_on=opened)
    with pytest.raises(MentorAppError, match="cannot be before the day it was asked"):
        services.asks.edit(ask.id, status=AskStatus.GRANTED, resolved_on=opened - dt.timedelta(days=1))


def test_the_limit_moves_with_the_journal_clock(services: Services, clock: FixedClock) -> None:
    ana = services.mentees.add(name="Ana Lima")
    with pytest.raises(MentorAppError, match="in the future"):
        services.entries.add(mentee_id=ana.id, text="Tomorrow's 1:1", at=DEMO_NOW + dt.timedelta(days=1))
    clock.advance(dt.timedelta(days=1))
    assert services.entries.add(mentee_id=ana.id, text="Tomorrow's 1:1", at=DEMO_NOW + dt.timedelta(days=1))


def test_an_import_refuses_a_note_dated_ahead_and_changes_nothing(services: Services, tmp_path: Path) -> None:
    ana = services.mentees.add(name="Ana Lima")
    services.entries.add(mentee_id=ana.id, text="Said today")
    exported = tmp_path / "journal.json"
    services.interchange.export(exported)
    document = json.loads(exported.read_text())
    document["entries"][0]["at"] = "2031-01-01T10:00:00"
    exported.write_text(json.dumps(document))
    before = services.journal.counts()
    with pytest.raises(MentorAppError, match=r"entries\[0\]\.at lies in the future \(2031-01-01 10:00\)"):
        services.interchange.import_file(exported, merge=True)
    assert services.journal.counts() == before
