"""The team Watchlist: every open case across the team, acted on in place or opened at the mentee."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from mentorapp.models.vocabulary import CaseOutcome, CaseStatus, ChanceResult
from mentorapp.views.mentee.watchlist import EXPECTATION, RESULT
from mentorapp.views.shell.watchlist import CHANCES, DECISION, MENTEE, REVIEW, SINCE, TOXICITY, WatchlistModel
from mentorapp.views.shell.watchlist import WatchlistView
from mentorapp.models.readmodels import MenteeView, WatchCaseView
from tests.views.mentee.sections.conftest import TODAY, today
from tests.views.mentee.sections.helpers import cell, click, click_row, column_texts, double_click_row, press, save


@pytest.fixture
def team(services) -> dict[str, MenteeView]:
    return {name: services.mentees.add(name=name) for name in ("Ana Lima", "Bo Chen", "Chidi Okafor")}


@pytest.fixture
def cases(services, team) -> dict[str, WatchCaseView]:
    ana = services.watchlist.open_case(mentee_id=team["Ana Lima"].id, concern="Misses commitments",
                                       toxicity_concern="Curt with juniors", opened_on=TODAY - dt.timedelta(days=90),
                                       next_review_on=TODAY - dt.timedelta(days=3))
    services.watchlist.add_chance(ana.id, expectation="Flag risk early", given_on=TODAY - dt.timedelta(days=60),
                                  result=ChanceResult.NOT_MET, outcome="Flagged on the last day")
    services.watchlist.add_chance(ana.id, expectation="Two sprints on plan", given_on=TODAY - dt.timedelta(days=30),
                                  result=ChanceResult.MET)
    bo = services.watchlist.open_case(mentee_id=team["Bo Chen"].id, concern="Quality of reviews",
                                      opened_on=TODAY - dt.timedelta(days=20),
                                      next_review_on=TODAY + dt.timedelta(days=10))
    return {"Ana Lima": services.watchlist.get(ana.id), "Bo Chen": services.watchlist.get(bo.id)}


@pytest.fixture
def view(desk, shown) -> WatchlistView:
    return shown(WatchlistView(desk, today=today))


def test_an_empty_watchlist_says_so_in_a_sentence(view, team) -> None:
    assert view.pages.currentWidget() is view.empty
    assert view.empty.title.text() == "Nobody is on the watchlist"
    assert view.summary.text() == ""  # the empty page says it once
    assert view.empty.button.isVisible()


def test_every_open_case_shows_since_chances_review_toxicity_and_decision(view, cases) -> None:
    table = view.table
    assert column_texts(table, MENTEE) == ["Ana Lima", "Bo Chen"]  # the soonest review first
    assert cell(table, 0, SINCE) == "31 Aug 2026 (90 days)"
    assert cell(table, 0, CHANCES) == "2 chances: 1 met, 1 not met"
    assert cell(table, 1, CHANCES) == "No chances given yet"
    assert cell(table, 0, REVIEW) == "26 Nov 2026 (overdue by 3 days)"
    assert cell(table, 1, REVIEW) == "9 Dec 2026 (in 10 days)"
    assert cell(table, 0, TOXICITY) == "Curt with juniors"
    assert cell(table, 1, TOXICITY) == "None recorded"
    assert column_texts(table, DECISION) == ["Pending", "Pending"]
    assert view.summary.text() == "2 people are on the watchlist, the soonest review first. 1 review is due."


def test_an_overdue_review_stands_out(view, cases) -> None:
    assert cell(view.table, 0, REVIEW, Qt.ItemDataRole.FontRole).bold()
    assert cell(view.table, 0, REVIEW, Qt.ItemDataRole.DecorationRole) is not None
    assert cell(view.table, 1, REVIEW, Qt.ItemDataRole.FontRole) is None
    assert cell(view.table, 1, REVIEW, Qt.ItemDataRole.DecorationRole) is None


def test_the_selected_case_shows_its_chances_and_their_outcomes(qtbot, view, cases) -> None:
    assert view.ledger_heading.text() == "Chances given to Ana Lima"
    assert column_texts(view.ledger, EXPECTATION) == ["Flag risk early", "Two sprints on plan"]
    assert column_texts(view.ledger, RESULT) == ["Not met", "Met"]
    click_row(qtbot, view.table, 1)
    assert view.ledger_heading.text() == "No chances given to Bo Chen yet"


def test_give_a_chance_from_the_team_view(qtbot, services, desk, view, cases) -> None:
    click_row(qtbot, view.table, 1)
    click(qtbot, view.chance_button)
    dialog = view.watch_actions.open_dialog
    assert "Bo Chen" in dialog.intro_text()
    qtbot.keyClicks(dialog.expectation, "Every review names one thing done well")
    save(qtbot, dialog)
    assert [c.expectation for c in services.watchlist.get(cases["Bo Chen"].id).chances] == [
        "Every review names one thing done well"]
    assert cell(view.table, 1, CHANCES) == "1 chance: 1 pending"
    assert column_texts(view.ledger, EXPECTATION) == ["Every review names one thing done well"]
    desk.undo_stack.undo()
    assert services.watchlist.get(cases["Bo Chen"].id).chances == ()


def test_record_a_chance_outcome_from_the_team_view(qtbot, services, view, cases) -> None:
    press(qtbot, view.ledger, Qt.Key.Key_Return)
    dialog = view.watch_actions.open_dialog
    dialog.outcome.selectAll()
    qtbot.keyClicks(dialog.outcome, "Held for both sprints")
    save(qtbot, dialog)
    assert services.watchlist.get(cases["Ana Lima"].id).chances[-1].outcome == "Held for both sprints"


def test_close_a_case_from_the_team_view_and_find_its_decision_among_closed_ones(
    qtbot, services, desk, view, cases
) -> None:
    click(qtbot, view.close_button)
    dialog = view.watch_actions.open_dialog
    dialog.outcome.set_value(CaseOutcome.IMPROVED)
    qtbot.keyClicks(dialog.reason, "Two sprints on plan and kinder reviews")
    save(qtbot, dialog)
    assert services.watchlist.get(cases["Ana Lima"].id).status is CaseStatus.CLOSED
    assert column_texts(view.table, MENTEE) == ["Bo Chen"]

    click(qtbot, view.show_closed)
    assert column_texts(view.table, MENTEE) == ["Bo Chen", "Ana Lima"]
    assert cell(view.table, 1, DECISION) == "Improved: Two sprints on plan and kinder reviews"
    assert cell(view.table, 1, REVIEW) == ""
    click_row(qtbot, view.table, 1)
    assert not view.chance_button.isEnabled() and not view.close_button.isEnabled()
    desk.undo_stack.undo()
    assert column_texts(view.table, DECISION) == ["Pending", "Pending"]


def test_enter_or_a_double_click_asks_for_the_mentee_page(qtbot, view, cases, team) -> None:
    with qtbot.waitSignal(view.item_requested) as asked:
        press(qtbot, view.table, Qt.Key.Key_Return)
    assert asked.args == [team["Ana Lima"].id, "watch_case", cases["Ana Lima"].id]
    with qtbot.waitSignal(view.item_requested) as item:
        double_click_row(qtbot, view.table, 1, MENTEE)
    assert item.args == [team["Bo Chen"].id, "watch_case", cases["Bo Chen"].id]


def test_open_a_case_for_someone_chosen_in_the_dialog(qtbot, services, desk, view, cases, team) -> None:
    click(qtbot, view.open_button)
    dialog = view.watch_actions.open_dialog
    assert dialog.mentee.values() == [team["Chidi Okafor"].id]  # the others already have an open case
    qtbot.keyClicks(dialog.concern, "Keeps missing the on-call handover")
    save(qtbot, dialog)
    assert services.watchlist.for_mentee(team["Chidi Okafor"].id)[0].concern == "Keeps missing the on-call handover"
    assert "Chidi Okafor" in column_texts(view.table, MENTEE)
    assert not view.open_button.isEnabled()  # everyone is on it now
    desk.undo_stack.undo()
    assert services.watchlist.for_mentee(team["Chidi Okafor"].id) == []


def test_changes_made_elsewhere_refresh_the_view(services, view, cases, team) -> None:
    services.mentees.edit(team["Bo Chen"].id, name="Bo Chen-Larsen")
    assert column_texts(view.table, MENTEE) == ["Ana Lima", "Bo Chen-Larsen"]
    services.watchlist.trash_case(cases["Ana Lima"].id)
    assert column_texts(view.table, MENTEE) == ["Bo Chen-Larsen"]


def test_watchlist_model_passes_the_model_tester(qtmodeltester, demo_services) -> None:
    model = WatchlistModel(today=today)
    names = {m.id: m.name for m in demo_services.mentees.list()}
    model.reload_cases(demo_services.watchlist.open_cases() + demo_services.watchlist.closed_cases(), names=names)
    assert model.rowCount() >= 1
    qtmodeltester.check(model)
