"""Service additions the mentee-page sections rely on: settled asks, and decided watchlist cases."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.vocabulary import AskStatus, CaseOutcome
from mentorapp.models.readmodels import MenteeView


@pytest.fixture
def ana(services: Services) -> MenteeView:
    return services.mentees.add(name="Ana Costa")


def test_an_ask_recorded_as_already_granted_keeps_the_day_it_was_settled(services: Services, ana) -> None:
    ask = services.asks.add(mentee_id=ana.id, what="Focus time", status=AskStatus.GRANTED,
                            raised_on=dt.date(2026, 3, 1), resolved_on=dt.date(2026, 3, 15))
    assert (ask.status, ask.resolved_on) == (AskStatus.GRANTED, dt.date(2026, 3, 15))


def test_a_settled_ask_without_a_settling_day_is_dated_the_day_it_was_raised(services: Services, ana) -> None:
    ask = services.asks.add(mentee_id=ana.id, what="A chair", status="declined", raised_on=dt.date(2026, 3, 1))
    assert ask.resolved_on == dt.date(2026, 3, 1)


def test_an_open_ask_ignores_a_settling_day(services: Services, ana) -> None:
    ask = services.asks.add(mentee_id=ana.id, what="A chair", resolved_on=dt.date(2026, 3, 15))
    assert ask.resolved_on is None


def test_an_impossible_settling_day_is_refused_and_nothing_is_written(services: Services, ana) -> None:
    with pytest.raises(MentorAppError, match="between 1900 and 2100"):
        services.asks.add(mentee_id=ana.id, what="A chair", status="granted", resolved_on=dt.date(2300, 1, 1))
    assert services.asks.for_mentee(ana.id) == []


def test_closed_cases_list_decisions_across_the_team_latest_first(services: Services, ana) -> None:
    bo = services.mentees.add(name="Bo Chen")
    first = services.watchlist.open_case(mentee_id=ana.id, concern="Missed deadlines", opened_on=dt.date(2026, 2, 1))
    services.watchlist.close_case(first.id, outcome=CaseOutcome.IMPROVED, reason="On plan for a quarter",
                                  closed_on=dt.date(2026, 5, 1))
    second = services.watchlist.open_case(mentee_id=bo.id, concern="Review tone", opened_on=dt.date(2026, 6, 1))
    services.watchlist.close_case(second.id, outcome=CaseOutcome.ROLE_CHANGE, reason="Happier in QA",
                                  closed_on=dt.date(2026, 9, 1))
    still_open = services.watchlist.open_case(mentee_id=ana.id, concern="Slipping again")
    assert [c.id for c in services.watchlist.closed_cases()] == [second.id, first.id]
    assert [c.id for c in services.watchlist.open_cases()] == [still_open.id]
    services.mentees.trash(bo.id)
    assert [c.id for c in services.watchlist.closed_cases()] == [first.id]  # a trashed mentee's cases go too
