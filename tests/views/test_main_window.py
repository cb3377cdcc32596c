"""The desk opens on a journal and shows the team; an empty journal explains what to do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from mentorapp.app import build_main_window, make_application
from mentorapp.models.services import Services
from mentorapp.views.roster_model import RosterModel


def test_main_window_lists_the_demo_team(qtbot, demo_services: Services) -> None:
    make_application()
    window = build_main_window(demo_services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    names = window.mentee_names()
    assert "Priya Raman" in names and "Олег Петров" in names
    assert names == sorted(names, key=str.casefold)
    assert window.pages.currentWidget() is window.roster_view


def test_empty_journal_offers_the_demo_team(qtbot, services: Services) -> None:
    make_application()
    window = build_main_window(services)
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.empty_page
    qtbot.mouseClick(window.findChild(QPushButton, "load_demo"), Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.roster_view
    assert "Priya Raman" in window.mentee_names()


def test_roster_model_passes_the_model_tester(qtmodeltester, demo_services: Services) -> None:
    model = RosterModel()
    model.reload(demo_services.mentees.roster())
    qtmodeltester.check(model)
