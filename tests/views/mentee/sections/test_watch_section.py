"""The mentee's watchlist case: concern, support, toxicity apart, chances ledger, decision."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from mentorapp.models.vocabulary import CaseOutcome, CaseStatus, ChanceResult
from mentorapp.views.mentee.watchlist import EXPECTATION, OUTCOME, RESULT, ChanceModel
from mentorapp.views.mentee.watchlist import WatchSection
from mentorapp.models.readmodels import WatchCaseView
from tests.views.mentee.sections.conftest import TODAY, today
from tests.views.mentee.sections.helpers import cell, click, column_texts, press, save


@pytest.fixture
def section(desk, shown, ana) -> WatchSection:
    widget = shown(WatchSection(desk, today=today))
    widget.set_mentee(ana.id)
    return widget


@pytest.fixture
def case(services, ana) -> WatchCaseView:
    opened = services.watchlist.open_case(
        mentee_id=ana.id, concern="Misses sprint commitments without warning",
        support_plan="Weekly check-in; smaller tickets",
        toxicity_concern="Dismissive review comments to juniors",
        next_review_on=TODAY - dt.timedelta(days=1), opened_on=TODAY - dt.timedelta(days=50),
    )
    services.watchlist.add_chance(opened.id, expectation="Flag risk by mid-sprint", support="Daily async check-in",
                                  given_on=TODAY - dt.timedelta(days=40), outcome="Flagged late once",
                                  result=ChanceResult.PARTLY_MET)
    services.watchlist.add_chance(opened.id, expectation="Two sprints on plan", given_on=TODAY - dt.timedelta(days=20))
    return services.watchlist.get(opened.id)


def test_someone_not_on_the_watchlist_gets_a_sentence_and_a_way_to_open_a_case(section) -> None:
    assert section.pages.currentWidget() is section.empty
    assert section.empty.title.text() == "Ana Lima is not on the watchlist"
    assert section.empty.button.isVisible()


def test_a_case_shows_since_when_its_plan_toxicity_apart_review_and_ledger(section, case) -> None:
    assert section.case_heading.text() == "On the watchlist since 10 Oct 2026 · 50 days"
    assert section.concern.text() == "Misses sprint commitments without warning"
    assert section.support_plan.text() == "Weekly check-in; smaller tickets"
    assert section.toxicity.text() == "Dismissive review comments to juniors"
    assert section.toxicity_box.title().startswith("Toxicity concern")
    assert section.toxicity.warned()
    assert section.review_line.text() == "28 Nov 2026 (overdue by 1 day)"
    assert section.review_line.warned()
    assert column_texts(section.ledger, EXPECTATION) == ["Flag risk by mid-sprint", "Two sprints on plan"]
    assert column_texts(section.ledger, RESULT) == ["Partly met", "Pending"]
    assert section.ledger_heading.text() == "Chances ledger · 2 chances: 1 partly met, 1 pending"
    assert not section.decision_box.isVisible()
    assert not section.open_button.isEnabled()  # one open case at a time


def test_open_a_case_from_the_empty_state_and_undo_it(qtbot, services, desk, section, ana) -> None:
    click(qtbot, section.empty.button)
    dialog = section.open_dialog
    qtbot.keyClicks(dialog.concern, "Estimates keep slipping")
    qtbot.keyClicks(dialog.support_plan, "Pair on estimates")
    save(qtbot, dialog)
    opened = services.watchlist.for_mentee(ana.id)[0]
    assert (opened.concern, opened.toxicity_concern, opened.opened_on) == ("Estimates keep slipping", "", TODAY)
    assert opened.next_review_on == TODAY + dt.timedelta(days=30)
    assert section.pages.currentWidget() is not section.empty
    assert section.toxicity.text() == "None recorded."
    assert not section.toxicity.warned()
    desk.undo_stack.undo()
    assert services.watchlist.for_mentee(ana.id) == []
    assert section.pages.currentWidget() is section.empty


def test_give_a_chance_then_record_how_it_went(qtbot, services, desk, section, case) -> None:
    click(qtbot, section.add_chance_button)
    dialog = section.open_dialog
    qtbot.keyClicks(dialog.expectation, "Review comments a junior would call kind")
    qtbot.keyClicks(dialog.support, "Coaching on review tone")
    save(qtbot, dialog)
    assert column_texts(section.ledger, EXPECTATION)[-1] == "Review comments a junior would call kind"
    assert cell(section.ledger, 2, OUTCOME) == "Not recorded yet"
    assert section.ledger.current_id() == services.watchlist.get(case.id).chances[-1].id

    press(qtbot, section.ledger, Qt.Key.Key_Return)
    dialog = section.open_dialog
    assert dialog.focusWidget() is dialog.outcome  # the cursor waits where the answer goes
    qtbot.keyClicks(dialog.outcome, "Two kind reviews this sprint")
    dialog.result_choice.set_value(ChanceResult.MET)
    save(qtbot, dialog)
    last = services.watchlist.get(case.id).chances[-1]
    assert (last.outcome, last.result) == ("Two kind reviews this sprint", ChanceResult.MET)
    assert cell(section.ledger, 2, RESULT) == "Met"
    desk.undo_stack.undo()
    assert services.watchlist.get(case.id).chances[-1].result is ChanceResult.PENDING
    desk.undo_stack.undo()
    assert len(services.watchlist.get(case.id).chances) == 2


def test_closing_needs_a_reason_then_records_the_decision(qtbot, services, desk, section, case) -> None:
    click(qtbot, section.close_button)
    dialog = section.open_dialog
    assert "2 chances: 1 partly met, 1 pending" in dialog.intro_text()
    dialog.outcome.set_value(CaseOutcome.ROLE_CHANGE)
    save(qtbot, dialog)
    assert dialog.problem.text.text() == "The reason for the decision cannot be empty."
    assert services.watchlist.get(case.id).status is CaseStatus.OPEN

    qtbot.keyClicks(dialog.reason, "Thrives on the platform team; agreed together")
    save(qtbot, dialog)
    closed = services.watchlist.get(case.id)
    assert (closed.status, closed.outcome, closed.closed_on) == (CaseStatus.CLOSED, CaseOutcome.ROLE_CHANGE, TODAY)
    assert section.decision_box.isVisible()
    assert section.decision.text() == ("Role change: Thrives on the platform team; agreed together\n"
                                       "Decided on 29 Nov 2026.")
    assert section.case_heading.text() == "Closed on 29 Nov 2026 after 50 days on the watchlist"
    assert not section.add_chance_button.isEnabled()
    assert not section.review_line.warned()

    click(qtbot, section.close_button)  # now "Reopen case"
    assert services.watchlist.get(case.id).status is CaseStatus.OPEN
    desk.undo_stack.undo()
    assert services.watchlist.get(case.id).decision_reason == "Thrives on the platform team; agreed together"
    desk.undo_stack.undo()
    assert services.watchlist.get(case.id).status is CaseStatus.OPEN


def test_edit_a_case_keeps_the_toxicity_concern_its_own_field(qtbot, services, desk, section, case) -> None:
    click(qtbot, section.edit_button)
    dialog = section.open_dialog
    dialog.toxicity.clear()
    click(qtbot, dialog.review.check)
    save(qtbot, dialog)
    edited = services.watchlist.get(case.id)
    assert (edited.toxicity_concern, edited.next_review_on) == ("", None)
    assert edited.concern == "Misses sprint commitments without warning"
    assert section.review_line.text() == "Not set"
    desk.undo_stack.undo()
    assert services.watchlist.get(case.id).toxicity_concern == "Dismissive review comments to juniors"


def test_delete_a_chance_and_the_case_both_undo(qtbot, services, desk, section, case, ana) -> None:
    press(qtbot, section.ledger, Qt.Key.Key_Delete)
    assert len(services.watchlist.get(case.id).chances) == 1
    click(qtbot, section.delete_button)
    assert services.watchlist.for_mentee(ana.id) == []
    desk.undo_stack.undo()
    desk.undo_stack.undo()
    assert len(services.watchlist.get(case.id).chances) == 2


def test_earlier_cases_can_be_chosen_from_the_case_list(qtbot, services, section, case, ana) -> None:
    services.watchlist.close_case(case.id, outcome=CaseOutcome.IMPROVED, reason="On plan for a quarter",
                                  closed_on=TODAY - dt.timedelta(days=5))
    second = services.watchlist.open_case(mentee_id=ana.id, concern="Slipping again")
    assert section.case_choice.isVisible()
    assert [section.case_choice.itemText(i) for i in range(section.case_choice.count())] == [
        "Open since 29 Nov 2026", "Closed 24 Nov 2026: Improved"]
    assert section.concern.text() == "Misses sprint commitments without warning"  # the reader keeps their place
    section.case_choice.setFocus()
    qtbot.keyClick(section.case_choice, Qt.Key.Key_Up)
    assert section.concern.text() == "Slipping again"
    qtbot.keyClick(section.case_choice, Qt.Key.Key_Down)
    assert section.decision.text().startswith("Improved: On plan for a quarter")
    assert section.show_item("watch_case", second.id)
    assert section.concern.text() == "Slipping again"
    assert section.show_item("chance", case.chances[0].id)
    assert section.ledger.current_id() == case.chances[0].id


def test_chance_model_passes_the_model_tester(qtmodeltester, demo_services) -> None:
    model = ChanceModel()
    model.reload(list(demo_services.watchlist.open_cases()[0].chances))
    qtmodeltester.check(model)
