"""Ctrl+Enter saves in every record dialog, as it does in quick capture and the reply box.

Pressed inside a multi-line box, where Return starts a new line, it must still save.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from mentorapp.views.mentee.asks import AsksSection
from mentorapp.views.mentee.goals import GoalsSection
from mentorapp.views.mentee.recognition import RecognitionSection
from tests.views.mentee.sections.conftest import today
from tests.views.mentee.sections.helpers import click

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_enter_in_the_outcome_box_saves_a_new_goal(qtbot, desk, shown, services, ana) -> None:
    section = shown(GoalsSection(desk, today=today))
    section.set_mentee(ana.id)
    click(qtbot, section.new_button)
    dialog = section.open_dialog
    qtbot.keyClicks(dialog.outcome, "Run the sprint review")
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Return, CTRL)
    assert [g.outcome for g in services.goals.for_mentee(ana.id)] == ["Run the sprint review"]
    assert not dialog.isVisible()


def test_ctrl_enter_on_the_keypad_saves_a_recognition(qtbot, desk, shown, services, ana) -> None:
    section = shown(RecognitionSection(desk, today=today))
    section.set_mentee(ana.id)
    click(qtbot, section.add_button)
    dialog = section.open_dialog
    qtbot.keyClicks(dialog.what_for, "Calm handling of the outage")
    qtbot.keyClick(dialog.what_for, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    assert [r.what_for for r in services.recognitions.for_mentee(ana.id)] == ["Calm handling of the outage"]


def test_ctrl_enter_that_is_refused_keeps_the_dialog_and_the_text(qtbot, desk, shown, services, ana) -> None:
    section = shown(AsksSection(desk, today=today))
    section.set_mentee(ana.id)
    click(qtbot, section.add_button)
    dialog = section.open_dialog
    qtbot.keyClick(dialog.what, Qt.Key.Key_Return, CTRL)  # nothing typed: refused in one sentence
    assert dialog.isVisible() and dialog.problem.text.text() == "The ask cannot be empty."
    qtbot.keyClicks(dialog.what, "Conference budget")
    qtbot.keyClick(dialog.what, Qt.Key.Key_Return, CTRL)
    assert [a.what for a in services.asks.for_mentee(ana.id)] == ["Conference budget"]

