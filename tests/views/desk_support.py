"""Helpers for the desk's GUI tests: open a window, answer a modal dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from mentorapp.app import build_main_window
from mentorapp.models.services import Services
from mentorapp.views.shell.main_window import MainWindow

# The same calendar day as the demo fixture's, so due dates and "days since" are stable.
DEMO_TODAY = dt.date(2026, 11, 29)


def open_desk(qtbot, services: Services) -> MainWindow:
    window = build_main_window(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    return window


def when_modal(act: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog as soon as it is up (a modal exec() blocks the test meanwhile)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        act(dialog)

    QTimer.singleShot(0, attempt)


def activate(qtbot, window: QWidget) -> None:
    """Give a window the focus again, as the desktop does when a dialog closes over it."""
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def type_date(qtbot, field, day: dt.date) -> None:
    """Type a day into a date field as a lead would: select what is there, type ISO, Tab on."""
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, day.isoformat())
    field.line.editingFinished.emit()
