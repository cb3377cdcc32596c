"""Undo and redo on the desk: every column comes back, nothing is pushed for an unchanged save,
and each step says what it changes and goes to it, whoever's page is open."""

from __future__ import annotations

import datetime as dt

import pytest
from desk_support import DEMO_TODAY, open_desk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from mentorapp.models.entities.goal import Goal
from mentorapp.models.services import Services, Topic
from mentorapp.models.services.commands import columns
from mentorapp.views.mentee.goals import GoalsSection
from mentorapp.views.mentee.threads import ThreadsSection
from mentorapp.views.shell.main_window import MainWindow
from tests.views.mentee.sections.helpers import click, click_row, save


@pytest.fixture
def team(services: Services) -> Services:
    for name, outcome in (("Ana Lima", "Lead a design review"), ("Bruno Costa", "Own the on-call rota")):
        mentee = services.mentees.add(name=name, started_on=DEMO_TODAY - dt.timedelta(days=200))
        services.goals.add(mentee_id=mentee.id, outcome=outcome, success_criteria="Two sessions run",
                           latitude="Picks the format", set_on=DEMO_TODAY - dt.timedelta(days=30),
                           check_in_on=DEMO_TODAY + dt.timedelta(days=5))
    return services


@pytest.fixture
def window(qtbot, team: Services) -> MainWindow:
    return open_desk(qtbot, team)


def goal_row(services: Services, goal_id: int) -> dict:
    with services.store.read() as session:
        return columns(session.get(Goal, goal_id))


def open_goals_of(qtbot, window: MainWindow, name: str) -> GoalsSection:
    rect = window.roster_view.visualRect(window.roster_model.index(window.mentee_names().index(name)))
    qtbot.mouseClick(window.roster_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.mentee_page.show_topic(Topic.GOALS)
    section = window.mentee_page.tabs.currentWidget()
    assert isinstance(section, GoalsSection)
    click_row(qtbot, section.table, 0)
    return section


def edit_goal(qtbot, section: GoalsSection, *, outcome: str | None = None) -> None:
    click(qtbot, section.edit_button)
    dialog = section.open_dialog
    if outcome is not None:
        dialog.outcome.selectAll()
        qtbot.keyClicks(dialog.outcome, outcome)
        dialog.criteria.selectAll()
        qtbot.keyClicks(dialog.criteria, "Three sessions, one with another team")
        dialog.latitude.selectAll()
        qtbot.keyClick(dialog.latitude, Qt.Key.Key_Delete)
        click(qtbot, dialog.check_in.check)  # no check-in any more
        dialog.status.setFocus()
        qtbot.keyClick(dialog.status, Qt.Key.Key_Down)
    save(qtbot, dialog)


def ctrl_z(qtbot, window: MainWindow, *, shift: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    window.roster_view.setFocus()
    qtbot.keyClick(window.roster_view, Qt.Key.Key_Z, modifiers)


def test_undo_of_an_edit_restores_every_column_of_the_goal(qtbot, window: MainWindow) -> None:
    services = window.services
    section = open_goals_of(qtbot, window, "Ana Lima")
    goal = section.goal
    before = goal_row(services, goal.id)
    edit_goal(qtbot, section, outcome="Lead two design reviews")
    after = goal_row(services, goal.id)
    changed = {name for name in before if before[name] != after[name]}
    assert {"outcome", "success_criteria", "latitude", "check_in_on", "status"} <= changed
    assert window.undo_action.text() == "&Undo edit goal ‘Lead two design reviews’ for Ana Lima"

    ctrl_z(qtbot, window)
    assert goal_row(services, goal.id) == before  # all columns the entity has, not a chosen few
    assert section.outcome_label.text() == "Lead a design review"
    ctrl_z(qtbot, window, shift=True)
    assert goal_row(services, goal.id) == after


def test_an_unchanged_save_adds_no_undo_step_and_writes_nothing(qtbot, window: MainWindow) -> None:
    section = open_goals_of(qtbot, window, "Ana Lima")
    before = goal_row(window.services, section.goal.id)
    steps = window.context.undo_stack.count()
    edit_goal(qtbot, section)  # open the dialog, change nothing, Save
    assert section.open_dialog is None or not section.open_dialog.isVisible()
    assert window.context.undo_stack.count() == steps
    assert goal_row(window.services, section.goal.id) == before


def test_undo_on_one_mentees_page_goes_to_the_other_mentee_it_changes(qtbot, window: MainWindow) -> None:
    bruno_goals = open_goals_of(qtbot, window, "Bruno Costa")
    goal_id = bruno_goals.goal.id
    edit_goal(qtbot, bruno_goals, outcome="Run the on-call rota for a quarter")
    window.mentee_page.show_timeline()
    rect = window.roster_view.visualRect(window.roster_model.index(window.mentee_names().index("Ana Lima")))
    qtbot.mouseClick(window.roster_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.mentee_page.header.name.text() == "Ana Lima"

    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert "&Undo edit goal ‘Run the on-call rota for a quarter’ for Bruno Costa" in [
        a.text() for a in edit_menu.actions()]
    ctrl_z(qtbot, window)

    assert window.services.goals.get(goal_id).outcome == "Own the on-call rota"
    assert window.mentee_page.header.name.text() == "Bruno Costa"
    section = window.mentee_page.tabs.currentWidget()
    assert isinstance(section, GoalsSection) and section.goal is not None and section.goal.id == goal_id
    assert window.statusBar().currentMessage() == (
        "Undone: Edit goal ‘Run the on-call rota for a quarter’ for Bruno Costa")
    assert window.redo_action.text() == "&Redo edit goal ‘Run the on-call rota for a quarter’ for Bruno Costa"


def test_loading_the_demo_team_is_undone_in_one_step(qtbot, desk: MainWindow) -> None:
    qtbot.mouseClick(desk.findChild(QPushButton, "load_demo"), Qt.MouseButton.LeftButton)
    team = desk.mentee_names()
    assert "Priya Raman" in team
    assert desk.context.undo_stack.count() == 1
    assert desk.undo_action.text() == "&Undo load the demo team"
    ctrl_z(qtbot, desk)
    assert desk.services.mentees.list(include_archived=True) == []
    assert desk.pages.currentWidget() is desk.empty_page
    ctrl_z(qtbot, desk, shift=True)
    assert desk.mentee_names() == team


def test_undoing_a_reply_from_another_page_opens_its_thread_and_redo_shows_the_reply(
    qtbot, window: MainWindow
) -> None:
    services = window.services
    bruno = services.mentees.find("Bruno Costa")
    thread = services.threads.open(mentee_id=bruno.id, topic="On-call load", first_text="Too many pages.")
    rect = window.roster_view.visualRect(window.roster_model.index(window.mentee_names().index("Bruno Costa")))
    qtbot.mouseClick(window.roster_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.mentee_page.show_topic(Topic.THREADS)
    threads = window.mentee_page.tabs.currentWidget()
    assert isinstance(threads, ThreadsSection)
    click_row(qtbot, threads.table, 0)
    qtbot.keyClicks(threads.composer.text, "Let us split the rota.")
    threads.composer.text.setFocus()
    qtbot.keyClick(threads.composer.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(services.entries.for_thread(thread.id)) == 2

    window.mentee_page.show_timeline()
    rect = window.roster_view.visualRect(window.roster_model.index(window.mentee_names().index("Ana Lima")))
    qtbot.mouseClick(window.roster_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.undo_action.text() == "&Undo add reply ‘Let us split the rota.’ for Bruno Costa"
    ctrl_z(qtbot, window)

    assert len(services.entries.for_thread(thread.id)) == 1
    assert window.mentee_page.header.name.text() == "Bruno Costa"
    assert window.mentee_page.tabs.currentWidget() is threads
    assert threads.topic_label.text() == "On-call load"
    ctrl_z(qtbot, window, shift=True)
    assert window.mentee_page.tabs.currentWidget() is threads
    assert threads.conversation_model.rowCount() == 2
