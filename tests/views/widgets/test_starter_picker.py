"""Conversation starters offered while writing."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from mentorapp.models.services import Services
from mentorapp.models.entities.starter import METHOD_OPENING_QUESTION
from mentorapp.views.widgets.starter_picker import StarterPicker


def test_picking_a_starter_inserts_it_at_the_cursor(qtbot, services: Services) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("About the release:")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    picker = StarterPicker(services, editor)
    qtbot.addWidget(picker)
    picker.menu_.aboutToShow.emit()
    actions = picker.menu_.actions()
    assert actions[0].toolTip() == METHOD_OPENING_QUESTION
    actions[0].trigger()
    assert editor.toPlainText() == "About the release: " + METHOD_OPENING_QUESTION


def test_library_edits_show_the_next_time_the_menu_opens(qtbot, services: Services) -> None:
    editor = QPlainTextEdit()
    picker = StarterPicker(services, editor)
    qtbot.addWidget(picker)
    services.starters.add("What surprised you this week?")
    picker.menu_.aboutToShow.emit()
    assert "What surprised you this week?" in [a.toolTip() for a in picker.menu_.actions()]
