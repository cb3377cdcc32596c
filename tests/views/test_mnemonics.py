"""No Alt+letter is answered by two controls at once, on any screen, tab or dialog of the desk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from mentorapp.views.shell.main_window import MainWindow
from mnemonic_walker import (
    all_menu_actions, in_desk_language, menu_clashes, opens_dialog, plain, read_opened_dialog, window_clashes,
)

ROOT = Path(__file__).resolve().parents[2]

# Actions that end the session, change what is on screen for later tests, or need a printer.
_NOT_DIALOGS = ("Quit", "Lock now", "Undo", "Redo", "Print review packet", "Archive", "Unarchive",
                "Move to trash", "Show archived mentees", "Go to the team list")


def test_no_two_controls_share_an_alt_letter_anywhere_on_the_desk(qtbot, demo_desk: MainWindow) -> None:
    window = demo_desk
    clashes: list[str] = []
    not_dialogs = in_desk_language(_NOT_DIALOGS)

    def look(where: str) -> None:
        clashes.extend(f"{where}: {clash}" for clash in window_clashes(window))

    for menu_action in window.menuBar().actions():
        if menu_action.menu() is not None:
            clashes.extend(menu_clashes(menu_action.menu()))
    window.show_view(window.today_view)
    look("Today")
    window.show_view(window.watchlist_view)
    look("Watchlist")

    # A demo mentee with something on every tab (an open watchlist case and the most notes),
    # found by what they have rather than by a name, so the walk holds in every language.
    fullest = max(window.services.mentees.roster(), key=lambda r: (r.open_case_id is not None, r.entry_count))
    window.show_mentee(fullest.mentee.id)
    tabs = window.mentee_page.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(10)
        title = plain(tabs.tabText(index))
        look(f"{title} tab")
        page = tabs.currentWidget()
        for button in page.findChildren(QPushButton):
            if button.isVisibleTo(window) and button.isEnabled() and opens_dialog(button.text()) \
                    and button.menu() is None:
                name, found = read_opened_dialog(qtbot, button.click, window_clashes)
                clashes.extend(f"{title} tab → {name or plain(button.text())}: {clash}" for clash in found)

    for action in all_menu_actions(window.menuBar()):
        text = plain(action.text())
        if not action.isEnabled() or not opens_dialog(action.text()) or text in not_dialogs:
            continue
        name, found = read_opened_dialog(qtbot, action.trigger, window_clashes)
        clashes.extend(f"{name or text}: {clash}" for clash in found)
    assert clashes == [], "\n".join(clashes)


@pytest.mark.parametrize("language", ["de_DE", "fr_FR", "es_ES"])
def test_no_two_controls_share_an_alt_letter_in_each_language(language: str) -> None:
    """The same walk on the desk speaking German, French or Spanish (a process of its own per language)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), MENTORAPP_TEST_LANG=language)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider",
         f"{Path(__file__)}::test_no_two_controls_share_an_alt_letter_anywhere_on_the_desk"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
