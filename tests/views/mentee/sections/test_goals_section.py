"""Goals on the mentee page: outcomes with criteria and latitude, progress notes under each."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from mentorapp.models.vocabulary import Direction, EntryKind, GoalStatus
from mentorapp.views.mentee.goals import CHECK_IN, OUTCOME, STATUS, GoalListModel
from mentorapp.views.mentee.goals import GoalsSection
from mentorapp.models.readmodels import GoalView
from tests.views.mentee.sections.conftest import TODAY, today
from tests.views.mentee.sections.helpers import cell, click, click_row, column_texts, press, save


@pytest.fixture
def section(desk, shown, ana) -> GoalsSection:
    widget = shown(GoalsSection(desk, today=today))
    widget.set_mentee(ana.id)
    return widget


@pytest.fixture
def release_goal(services, ana) -> GoalView:
    goal = services.goals.add(
        mentee_id=ana.id, outcome="Own the next release from plan to retro",
        success_criteria="Ships on the agreed date; the retro names two improvements",
        latitude="Chooses the tooling and the order of work; asks before moving the date",
        set_on=TODAY - dt.timedelta(days=60), check_in_on=TODAY - dt.timedelta(days=2),
    )
    services.entries.add(mentee_id=ana.id, text="Plan agreed with the team.", kind=EntryKind.PROGRESS,
                         direction=Direction.TO_MENTEE, goal_id=goal.id,
                         at=dt.datetime.combine(TODAY - dt.timedelta(days=30), dt.time(9)))
    services.entries.add(mentee_id=ana.id, text="Unblocked the migration alone.", kind=EntryKind.PROGRESS,
                         direction=Direction.PRIVATE, goal_id=goal.id,
                         at=dt.datetime.combine(TODAY - dt.timedelta(days=10), dt.time(9)))
    return goal


def test_empty_state_says_goals_are_outcomes_not_steps(section) -> None:
    assert section.pages.currentWidget() is section.empty
    assert "Not the steps" in section.empty.text.text()


def test_a_goal_shows_its_outcome_criteria_latitude_and_progress_notes_under_it(section, release_goal) -> None:
    assert column_texts(section.table, OUTCOME) == ["Own the next release from plan to retro"]
    assert section.outcome_label.text() == "Own the next release from plan to retro"
    assert section.criteria_label.text() == "Ships on the agreed date; the retro names two improvements"
    assert section.latitude_label.text().startswith("Chooses the tooling")
    latitude_box = section.latitude_label.parentWidget()
    assert "safe-to-fail" in latitude_box.title()
    assert "may decide and try alone" in section.latitude_hint.text()
    assert [e.text for e in section.notes_model.entries()] == [
        "Plan agreed with the team.", "Unblocked the migration alone."
    ]
    assert section.notes_heading.text() == "Progress notes (2)"


def test_a_check_in_that_has_come_stands_out(section, release_goal) -> None:
    assert cell(section.table, 0, CHECK_IN) == "27 Nov 2026 (overdue by 2 days)"
    assert cell(section.table, 0, CHECK_IN, Qt.ItemDataRole.FontRole).bold()
    assert section.state_line.warned()


def test_add_a_goal_with_criteria_latitude_and_a_check_in_date_then_undo(
    qtbot, services, desk, section, ana
) -> None:
    click(qtbot, section.empty.button)
    dialog = section.open_dialog
    qtbot.keyClicks(dialog.outcome, "Become the go-to person for on-call")
    qtbot.keyClicks(dialog.criteria, "Two colleagues say they learned from her")
    qtbot.keyClicks(dialog.latitude, "Decides how to teach; may trial changes on staging")
    click(qtbot, dialog.check_in.check)
    save(qtbot, dialog)

    goal = services.goals.for_mentee(ana.id)[0]
    assert (goal.outcome, goal.latitude, goal.status) == (
        "Become the go-to person for on-call", "Decides how to teach; may trial changes on staging",
        GoalStatus.ACTIVE)
    assert goal.check_in_on == TODAY + dt.timedelta(days=14)
    assert goal.set_on == TODAY
    assert section.outcome_label.text() == "Become the go-to person for on-call"
    desk.undo_stack.undo()
    assert services.goals.for_mentee(ana.id) == []
    desk.undo_stack.redo()
    assert services.goals.get(goal.id).outcome == "Become the go-to person for on-call"


def test_the_goal_dialog_asks_for_outcome_criteria_and_latitude_and_no_steps(qtbot, section) -> None:
    click(qtbot, section.new_button)
    dialog = section.open_dialog
    labels = [dialog.form.labelForField(dialog.form.itemAt(row, dialog.form.ItemRole.FieldRole).widget())
              for row in range(dialog.form.rowCount())]
    words = [label.text().replace("&", "") for label in labels if isinstance(label, QLabel) and label.text()]
    assert words == ["Outcome:", "Success criteria:", "Latitude:", "Set on:", "Check-in:", "Status:"]
    assert not any("step" in w.lower() for w in words)


def test_a_goal_without_an_outcome_is_refused_inside_the_dialog(qtbot, services, section, ana) -> None:
    click(qtbot, section.new_button)
    dialog = section.open_dialog
    qtbot.keyClicks(dialog.latitude, "Anything on staging")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.problem.text.text() == "The goal's outcome cannot be empty."
    assert services.goals.for_mentee(ana.id) == []


def test_enter_edits_a_goal_and_undo_puts_the_old_words_back(qtbot, services, desk, section, release_goal) -> None:
    press(qtbot, section.table, Qt.Key.Key_Return)
    dialog = section.open_dialog
    dialog.latitude.selectAll()
    qtbot.keyClicks(dialog.latitude, "Anything that can be rolled back in an hour")
    click(qtbot, dialog.check_in.check)  # no check-in date any more
    save(qtbot, dialog)
    goal = services.goals.get(release_goal.id)
    assert (goal.latitude, goal.check_in_on) == ("Anything that can be rolled back in an hour", None)
    assert cell(section.table, 0, CHECK_IN) == "None set"
    desk.undo_stack.undo()
    goal = services.goals.get(release_goal.id)
    assert goal.latitude.startswith("Chooses the tooling")
    assert goal.check_in_on == TODAY - dt.timedelta(days=2)


def test_status_is_changed_from_its_menu_and_undone(qtbot, services, desk, section, release_goal) -> None:
    section.status_actions[GoalStatus.ACHIEVED].trigger()
    assert services.goals.get(release_goal.id).status is GoalStatus.ACHIEVED
    assert cell(section.table, 0, STATUS) == "Achieved"
    assert not section.state_line.warned()  # an achieved goal needs no check-in
    desk.undo_stack.undo()
    assert services.goals.get(release_goal.id).status is GoalStatus.ACTIVE


def test_delete_moves_a_goal_to_the_trash_and_undo_restores_it(qtbot, services, desk, section, release_goal,
                                                                ana) -> None:
    click(qtbot, section.delete_button)
    assert services.goals.for_mentee(ana.id) == []
    assert section.pages.currentWidget() is section.empty
    desk.undo_stack.undo()
    assert [g.id for g in services.goals.for_mentee(ana.id)] == [release_goal.id]


def test_a_progress_note_added_with_ctrl_enter_shows_under_its_goal(
    qtbot, services, desk, section, release_goal, ana
) -> None:
    qtbot.keyClicks(section.composer.text, "Release candidate cut on time.")
    press(qtbot, section.composer.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    notes = services.entries.for_goal(release_goal.id)
    assert notes[-1].text == "Release candidate cut on time."
    assert (notes[-1].kind, notes[-1].direction) == (EntryKind.PROGRESS, Direction.PRIVATE)
    assert section.notes_model.entries()[-1].text == "Release candidate cut on time."
    assert section.notes_heading.text() == "Progress notes (3)"
    assert services.entries.count(ana.id) == 3  # it is a journal entry like any other
    desk.undo_stack.undo()
    assert len(services.entries.for_goal(release_goal.id)) == 2


def test_each_goal_shows_only_its_own_notes(qtbot, services, section, release_goal, ana) -> None:
    other = services.goals.add(mentee_id=ana.id, outcome="Lead the search design",
                               set_on=TODAY - dt.timedelta(days=90))
    services.entries.add(mentee_id=ana.id, text="Draft shared.", kind=EntryKind.PROGRESS, goal_id=other.id)
    click_row(qtbot, section.table, column_texts(section.table, OUTCOME).index("Lead the search design"))
    assert [e.text for e in section.notes_model.entries()] == ["Draft shared."]
    assert section.latitude_label.text().startswith("None agreed yet")


def test_a_half_written_progress_note_stays_with_its_goal(qtbot, services, section, release_goal, ana) -> None:
    services.goals.add(mentee_id=ana.id, outcome="Lead the search design", set_on=TODAY - dt.timedelta(days=90))
    qtbot.keyClicks(section.composer.text, "Release candidate cut on time.")
    click_row(qtbot, section.table, column_texts(section.table, OUTCOME).index("Lead the search design"))
    assert section.composer.words() == ""
    click_row(qtbot, section.table, column_texts(section.table, OUTCOME).index(release_goal.outcome))
    press(qtbot, section.composer.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert services.entries.for_goal(release_goal.id)[-1].text == "Release candidate cut on time."


def test_show_item_reveals_a_goal_and_a_progress_note(services, section, release_goal) -> None:
    note = services.entries.for_goal(release_goal.id)[0]
    assert section.show_item("goal", release_goal.id)
    assert section.show_item("entry", note.id)
    assert section.notes.current_id() == note.id
    assert not section.show_item("thread", release_goal.id)


def test_goal_model_passes_the_model_tester(qtmodeltester, demo_services) -> None:
    model = GoalListModel(today=today)
    model.reload(demo_services.goals.for_mentee(demo_services.mentees.find("Marco").id))
    qtmodeltester.check(model)
