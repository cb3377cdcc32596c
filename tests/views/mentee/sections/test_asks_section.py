"""Asks on the mentee page: what the lead pushes for on the mentee's behalf, and how it stands."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desk_support import type_date

from mentorapp.models.vocabulary import AskStatus
from mentorapp.views.mentee.asks import RAISED, RESOLVED, STATUS, WHAT, AskModel
from mentorapp.views.mentee.asks import AsksSection
from mentorapp.models.readmodels import AskView
from tests.views.mentee.sections.conftest import TODAY, today
from tests.views.mentee.sections.helpers import cell, click, column_texts, double_click_row, press, save


@pytest.fixture
def section(desk, shown, ana) -> AsksSection:
    widget = shown(AsksSection(desk, today=today))
    widget.set_mentee(ana.id)
    return widget


@pytest.fixture
def budget(services, ana) -> AskView:
    return services.asks.add(mentee_id=ana.id, what="Conference budget", details="In the budget round",
                             raised_on=TODAY - dt.timedelta(days=20))


def test_empty_state_explains_advocacy(section) -> None:
    assert "A mentor is an advocate" in section.empty.text.text()


def test_add_an_open_ask_and_one_already_granted(qtbot, services, desk, section, ana) -> None:
    click(qtbot, section.empty.button)
    dialog = section.open_dialog
    qtbot.keyClicks(dialog.what, "A second monitor")
    assert not dialog.resolved_on.isEnabled()  # an open ask is not settled
    save(qtbot, dialog)
    click(qtbot, section.add_button)
    dialog = section.open_dialog
    qtbot.keyClicks(dialog.what, "Focus time on Wednesdays")
    type_date(qtbot, dialog.raised_on, dialog.raised_on.day() - dt.timedelta(days=30))
    dialog.status.set_value(AskStatus.GRANTED)
    assert dialog.resolved_on.isEnabled()
    type_date(qtbot, dialog.resolved_on, dialog.resolved_on.day() - dt.timedelta(days=5))
    save(qtbot, dialog)

    assert column_texts(section.table, WHAT) == ["A second monitor", "Focus time on Wednesdays"]
    assert cell(section.table, 0, STATUS) == "Open"
    assert cell(section.table, 0, STATUS, Qt.ItemDataRole.FontRole).bold()
    assert (cell(section.table, 1, RAISED), cell(section.table, 1, RESOLVED)) == ("30 Oct 2026", "24 Nov 2026")
    assert section.summary.text() == "1 ask is still open for Ana Lima; follow up until each is settled."
    desk.undo_stack.undo()
    assert [a.what for a in services.asks.for_mentee(ana.id)] == ["A second monitor"]


def test_status_menu_settles_an_ask_today_and_undo_reopens_it(qtbot, services, desk, section, budget) -> None:
    section.status_actions[AskStatus.GRANTED].trigger()
    ask = services.asks.for_mentee(budget.mentee_id)[0]
    assert (ask.status, ask.resolved_on) == (AskStatus.GRANTED, TODAY)
    assert cell(section.table, 0, RESOLVED) == "29 Nov 2026"
    assert section.summary.text() == "Every ask for Ana Lima is settled."
    desk.undo_stack.undo()
    ask = services.asks.for_mentee(budget.mentee_id)[0]
    assert (ask.status, ask.resolved_on) == (AskStatus.OPEN, None)


def test_double_click_edits_an_ask_and_undo_restores_it(qtbot, services, desk, section, budget) -> None:
    double_click_row(qtbot, section.table, 0, WHAT)
    dialog = section.open_dialog
    dialog.what.selectAll()
    qtbot.keyClicks(dialog.what, "Budget for the accessibility conference")
    dialog.status.set_value(AskStatus.DECLINED)
    save(qtbot, dialog)
    ask = services.asks.for_mentee(budget.mentee_id)[0]
    assert (ask.what, ask.status, ask.resolved_on) == (
        "Budget for the accessibility conference", AskStatus.DECLINED, TODAY)
    desk.undo_stack.undo()
    ask = services.asks.for_mentee(budget.mentee_id)[0]
    assert (ask.what, ask.status, ask.resolved_on) == ("Conference budget", AskStatus.OPEN, None)


def test_an_ask_needs_words(qtbot, services, section, ana) -> None:
    click(qtbot, section.add_button)
    save(qtbot, section.open_dialog)
    assert section.open_dialog.problem.text.text() == "The ask cannot be empty."
    assert services.asks.for_mentee(ana.id) == []


def test_delete_key_trashes_an_ask_and_undo_restores_it(qtbot, services, desk, section, budget, ana) -> None:
    press(qtbot, section.table, Qt.Key.Key_Delete)
    assert services.asks.for_mentee(ana.id) == []
    desk.undo_stack.undo()
    assert services.asks.for_mentee(ana.id)[0].id == budget.id
    assert section.show_item("ask", budget.id)


def test_ask_model_passes_the_model_tester(qtmodeltester, demo_services) -> None:
    model = AskModel()
    model.reload(demo_services.asks.for_mentee(demo_services.mentees.find("Priya").id))
    qtmodeltester.check(model)
