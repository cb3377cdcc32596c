"""Fixtures for the mentee-page sections and the team Watchlist: a desk context over a journal.

Every section is built on a DeskContext made here (the real change bridge, a fresh
undo stack and background runner), with `report` collecting the sentences the
desk would show, and with today's date fixed so "12 days ago" reads the same on any day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from mentorapp.app import make_application
from mentorapp.models.readmodels import MenteeView
from mentorapp.models.services import Services
from mentorapp.views.runtime.background import BackgroundRunner
from mentorapp.views.context import DeskContext
from mentorapp.views.runtime.change_adapter import QtChanges
from tests.conftest import DEMO_TODAY

TODAY = DEMO_TODAY


def _context(services: Services, reports: list[str]) -> DeskContext:
    make_application()
    return DeskContext(
        services=services,
        changes=QtChanges(services.changes),
        undo_stack=QUndoStack(),
        runner=BackgroundRunner(),
        report=reports.append,
    )


@pytest.fixture
def reports() -> list[str]:
    """The one-sentence messages the desk would have shown."""
    return []


@pytest.fixture
def desk(services: Services, reports: list[str]) -> DeskContext:
    """A desk over an empty journal."""
    return _context(services, reports)


@pytest.fixture
def demo_desk(demo_services: Services, reports: list[str]) -> DeskContext:
    """A desk over the demo team, as of DEMO_TODAY."""
    return _context(demo_services, reports)


@pytest.fixture
def ana(services: Services) -> MenteeView:
    return services.mentees.add(name="Ana Lima", role="Backend engineer",
                                thanks_preference="A specific note in the team channel",
                                started_on=TODAY - dt.timedelta(days=400))


@pytest.fixture
def shown(qtbot) -> Callable[[QWidget], QWidget]:
    """Show a widget at a readable size, as the mentee page would, and wait until it is on screen."""

    def show(widget: QWidget) -> QWidget:
        qtbot.addWidget(widget)
        widget.resize(900, 700)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return show


def today() -> dt.date:
    return TODAY
