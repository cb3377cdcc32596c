"""Threads, goals, recognition, asks, the watchlist and starters: the rest of the method."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.entities.starter import METHOD_OPENING_QUESTION
from mentorapp.models.vocabulary import (
    AskStatus,
    CaseOutcome,
    ChanceResult,
    Direction,
    GoalStatus,
    Side,
    ThreadStatus,
)
from mentorapp.models.readmodels import MenteeView


@pytest.fixture
def ana(services: Services) -> MenteeView:
    return services.mentees.add(name="Ana Costa", thanks_preference="A note in the team channel")


def test_thread_opened_by_the_mentee_waits_on_the_lead_until_answered(services: Services, ana) -> None:
    thread = services.threads.open(
        mentee_id=ana.id, topic="1:1s keep moving", opened_by=Side.MENTEE, first_text="Can we protect them?"
    )
    assert thread.is_upward and thread.entry_count == 1
    assert [t.id for t in services.threads.waiting_on_lead()] == [thread.id]
    services.threads.reply(thread.id, text="Yes, fixed slot from now on.", direction=Direction.TO_MENTEE)
    assert services.threads.waiting_on_lead() == []
    services.threads.reply(thread.id, text="thinking about it", direction=Direction.PRIVATE)
    assert services.threads.waiting_on_lead() == []  # a private note is not an answer
    services.threads.reply(thread.id, text="Thanks, it helps.", direction=Direction.FROM_MENTEE)
    assert [t.id for t in services.threads.waiting_on_lead()] == [thread.id]
    texts = [(e.direction, e.text) for e in services.entries.for_thread(thread.id)]
    assert texts[0] == (Direction.FROM_MENTEE, "Can we protect them?")
    assert texts[-1] == (Direction.FROM_MENTEE, "Thanks, it helps.")


def test_resolve_reopen_and_reply_reopens(services: Services, ana) -> None:
    thread = services.threads.open(mentee_id=ana.id, topic="Review tone")
    resolved = services.threads.resolve(thread.id, on=dt.date(2026, 4, 1))
    assert (resolved.status, resolved.resolved_on) == (ThreadStatus.RESOLVED, dt.date(2026, 4, 1))
    assert services.threads.reopen(thread.id).status is ThreadStatus.OPEN
    services.threads.resolve(thread.id)
    services.threads.reply(thread.id, text="It came up again", direction="from_mentee")
    assert services.threads.get(thread.id).status is ThreadStatus.OPEN


def test_only_upward_feedback_can_be_marked_acted_on(services: Services, ana) -> None:
    upward = services.threads.open(mentee_id=ana.id, topic="More context please", opened_by="mentee")
    downward = services.threads.open(mentee_id=ana.id, topic="Estimates")
    acted = services.threads.mark_acted_on(upward.id, on=dt.date(2026, 3, 3), note="Shared the roadmap")
    assert (acted.acted_on, acted.acted_on_note) == (dt.date(2026, 3, 3), "Shared the roadmap")
    with pytest.raises(MentorAppError, match="Only feedback the mentee gave"):
        services.threads.mark_acted_on(downward.id)


def test_trashing_a_thread_takes_its_entries_and_restore_returns_them(services: Services, ana) -> None:
    thread = services.threads.open(mentee_id=ana.id, topic="Pairing", first_text="Shall we pair?")
    services.threads.trash(thread.id)
    assert services.threads.for_mentee(ana.id) == [] and services.entries.count(ana.id) == 0
    services.threads.restore(thread.id)
    assert services.threads.get(thread.id).entry_count == 1


def test_goal_holds_outcome_criteria_and_latitude_and_its_progress(services: Services, ana) -> None:
    goal = services.goals.add(
        mentee_id=ana.id,
        outcome="Own the next release",
        success_criteria="Ships on the agreed date",
        latitude="Chooses tooling and order of work",
        check_in_on=dt.date(2026, 12, 1),
    )
    note = services.entries.add(mentee_id=ana.id, text="Release plan drafted", kind="progress", goal_id=goal.id)
    assert [e.id for e in services.entries.for_goal(goal.id)] == [note.id]
    services.goals.edit(goal.id, status=GoalStatus.ACHIEVED)
    stored = services.goals.for_mentee(ana.id)[0]
    assert (stored.latitude, stored.status) == ("Chooses tooling and order of work", GoalStatus.ACHIEVED)


def test_an_entry_cannot_link_another_mentees_goal(services: Services, ana) -> None:
    other = services.mentees.add(name="Bo")
    goal = services.goals.add(mentee_id=other.id, outcome="Bo's goal")
    with pytest.raises(MentorAppError, match="another mentee"):
        services.entries.add(mentee_id=ana.id, text="x", goal_id=goal.id)


def test_recognitions_newest_first(services: Services, ana) -> None:
    services.recognitions.add(mentee_id=ana.id, what_for="Incident", kind="public_praise", given_on=dt.date(2026, 1, 5))
    services.recognitions.add(mentee_id=ana.id, what_for="Mentoring", given_on=dt.date(2026, 6, 5))
    assert [r.what_for for r in services.recognitions.for_mentee(ana.id)] == ["Mentoring", "Incident"]
    with pytest.raises(MentorAppError, match="Unknown recognition kind"):
        services.recognitions.add(mentee_id=ana.id, what_for="x", kind="bonus")


def test_ask_status_change_dates_its_resolution(services: Services, ana) -> None:
    ask = services.asks.add(mentee_id=ana.id, what="A second monitor", raised_on=dt.date(2026, 2, 1))
    assert ask.resolved_on is None
    granted = services.asks.edit(ask.id, status=AskStatus.GRANTED, resolved_on=dt.date(2026, 2, 20))
    assert (granted.status, granted.resolved_on) == (AskStatus.GRANTED, dt.date(2026, 2, 20))
    assert services.asks.edit(ask.id, status="open").resolved_on is None


def test_watch_case_ledger_and_decision(services: Services, ana) -> None:
    case = services.watchlist.open_case(
        mentee_id=ana.id,
        concern="Missed sprint commitments three times",
        support_plan="Weekly check-in",
        toxicity_concern="Harsh review comments",
        next_review_on=dt.date(2026, 7, 1),
    )
    with pytest.raises(MentorAppError, match="already has an open"):
        services.watchlist.open_case(mentee_id=ana.id, concern="again")
    for n in range(3):
        services.watchlist.add_chance(case.id, expectation=f"Expectation {n}", support="Pairing")
    first = services.watchlist.get(case.id).chances[0]
    services.watchlist.edit_chance(first.id, outcome="Delivered", result=ChanceResult.MET)
    with pytest.raises(MentorAppError, match="reason"):
        services.watchlist.close_case(case.id, outcome=CaseOutcome.IMPROVED, reason="  ")
    closed = services.watchlist.close_case(case.id, outcome="improved", reason="Two sprints on plan")
    assert (closed.is_open, closed.outcome, closed.decision_reason) == (
        False, CaseOutcome.IMPROVED, "Two sprints on plan"
    )
    assert [c.result for c in closed.chances] == [ChanceResult.MET, ChanceResult.PENDING, ChanceResult.PENDING]
    assert closed.toxicity_concern == "Harsh review comments"
    assert services.watchlist.open_cases() == []
    with pytest.raises(MentorAppError, match="closed"):
        services.watchlist.add_chance(case.id, expectation="late")


def test_starter_library_is_seeded_with_the_methods_question_and_editable(services: Services) -> None:
    starters = services.starters.list()
    assert starters[0].text == METHOD_OPENING_QUESTION
    added = services.starters.add("What surprised you this week?")
    services.starters.move(added.id, 0)
    assert services.starters.list()[0].text == "What surprised you this week?"
    services.starters.edit(added.id, "What surprised you most this week?")
    services.starters.trash(added.id)
    assert added.id not in [s.id for s in services.starters.list()]
    services.starters.restore(added.id)
    assert services.starters.list()[0].text == "What surprised you most this week?"


def test_thread_topics_and_goal_outcomes_by_id_for_labels(services: Services, ana) -> None:
    thread = services.threads.open(mentee_id=ana.id, topic="Review tone")
    goal = services.goals.add(mentee_id=ana.id, outcome="Own the release")
    gone = services.goals.add(mentee_id=ana.id, outcome="Dropped idea")
    services.goals.trash(gone.id)
    assert services.threads.topics(ana.id) == {thread.id: "Review tone"}
    assert services.goals.outcomes(ana.id) == {goal.id: "Own the release"}
