"""No Alt+letter is answered by two controls at once, on any screen, tab or dialog of the desk."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from mentorapp.views.shell.main_window import MainWindow
from mnemonic_walker import all_menu_actions, menu_clashes, read_opened_dialog, window_clashes

# Actions that end the session, change what is on screen for later tests, or need a printer.
_NOT_DIALOGS = ("Quit", "Lock now", "Undo", "Redo", "Print review packet", "Archive", "Unarchive",
                "Move to trash", "Show archived mentees", "Go to the team list")


def _plain(text: str) -> str:
    return text.replace("&", "").rstrip("…").strip()


def test_no_two_controls_share_an_alt_letter_anywhere_on_the_desk(qtbot, demo_desk: MainWindow) -> None:
    window = demo_desk
    clashes: list[str] = []

    def look(where: str) -> None:
        clashes.extend(f"{where}: {clash}" for clash in window_clashes(window))

    for menu_action in window.menuBar().actions():
        if menu_action.menu() is not None:
            clashes.extend(menu_clashes(menu_action.menu()))
    window.show_view(window.today_view)
    look("Today")
    window.show_view(window.watchlist_view)
    look("Watchlist")

    priya = window.services.mentees.find("Priya Raman")
    window.show_mentee(priya.id)
    tabs = window.mentee_page.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(10)
        title = _plain(tabs.tabText(index))
        look(f"{title} tab")
        page = tabs.currentWidget()
        for button in page.findChildren(QPushButton):
            if button.isVisibleTo(window) and button.isEnabled() and button.text().endswith("…") \
                    and button.menu() is None:
                name, found = read_opened_dialog(qtbot, button.click, window_clashes)
                clashes.extend(f"{title} tab → {name or _plain(button.text())}: {clash}" for clash in found)

    for action in all_menu_actions(window.menuBar()):
        text = _plain(action.text())
        if not action.isEnabled() or not action.text().endswith("…") or text in _NOT_DIALOGS:
            continue
        name, found = read_opened_dialog(qtbot, action.trigger, window_clashes)
        clashes.extend(f"{name or text}: {clash}" for clash in found)
    assert clashes == [], "\n".join(clashes)
