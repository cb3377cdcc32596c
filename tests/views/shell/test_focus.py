"""Focus stays where the lead was (or goes to the new record), never into the Views list by accident.

The Views list changes the whole page on an arrow key, so each test also presses one
and checks that the page did not switch.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from desk_support import activate, when_modal
from mentorapp.models.services import Topic
from mentorapp.views.mentee.goals import GoalsSection
from mentorapp.views.mentee.threads import ThreadsSection
from mentorapp.views.shell.main_window import MainWindow
from tests.conftest import TEST_KEY


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def settled(qtbot, window: MainWindow) -> None:
    """Let Qt's own focus moves and the desk's answer to them run, as between two key presses."""
    qtbot.wait(30)
    assert focused() is not window.navigation


def test_alt_3_in_a_reply_box_goes_to_the_goals_list(qtbot, demo_desk: MainWindow) -> None:
    priya = demo_desk.services.mentees.find("Priya Raman")
    demo_desk.show_mentee(priya.id, topic=Topic.THREADS)
    threads = demo_desk.mentee_page.tabs.currentWidget()
    assert isinstance(threads, ThreadsSection)
    threads.composer.text.setFocus()
    qtbot.keyClicks(threads.composer.text, "Half a thought")
    qtbot.keyClick(focused(), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    goals = demo_desk.mentee_page.tabs.currentWidget()
    assert isinstance(goals, GoalsSection)
    settled(qtbot, demo_desk)
    assert focused() is goals.table
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert demo_desk.current_view() is demo_desk.mentee_page and demo_desk.mentee_page.mentee_id == priya.id
    # And back: the reply box is where the lead left it, with its words.
    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    settled(qtbot, demo_desk)
    assert focused() is threads.composer.text
    assert threads.composer.text.toPlainText() == "Half a thought"


def test_the_first_mentee_added_has_the_focus_on_their_line(qtbot, desk: MainWindow) -> None:
    first = desk.findChild(QPushButton, "add_first_mentee")
    first.setFocus()

    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.name, "Ana Lima")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    when_modal(fill)
    qtbot.keyClick(first, Qt.Key.Key_Space)
    activate(qtbot, desk)
    settled(qtbot, desk)
    assert focused() is desk.roster_view
    assert desk.roster_view.currentIndex().data() == "Ana Lima"
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert desk.current_view() is desk.mentee_page
    assert desk.mentee_page.header.name.text() == "Ana Lima"


def test_loading_the_demo_team_leaves_the_keyboard_in_today(qtbot, desk: MainWindow) -> None:
    demo = desk.findChild(QPushButton, "load_demo")
    demo.setFocus()
    qtbot.keyClick(demo, Qt.Key.Key_Space)
    settled(qtbot, desk)
    assert focused() is desk.today_view.tree


def test_a_search_hit_opened_from_today_leaves_the_keyboard_on_the_page(qtbot, demo_desk: MainWindow) -> None:
    demo_desk.today_view.tree.setFocus()
    qtbot.keyClick(demo_desk, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = demo_desk._search
    assert search is not None
    qtbot.keyClicks(search.field, "Priya")
    search.run_query()
    qtbot.keyClick(search.field, Qt.Key.Key_Return)
    activate(qtbot, demo_desk)  # the search window closed: the desk is active again
    settled(qtbot, demo_desk)
    assert demo_desk.current_view() is demo_desk.mentee_page
    assert demo_desk.mentee_page.isAncestorOf(focused())
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert demo_desk.current_view() is demo_desk.mentee_page


def test_a_cancelled_dialog_gives_the_focus_back_to_its_button(qtbot, demo_desk: MainWindow) -> None:
    demo_desk.show_mentee(demo_desk.services.mentees.find("Marco Rossi").id)
    button = demo_desk.mentee_page.header.edit_button
    button.setFocus()
    when_modal(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    qtbot.keyClick(button, Qt.Key.Key_Space)
    activate(qtbot, demo_desk)
    settled(qtbot, demo_desk)
    assert focused() is button


def test_unlocking_puts_the_keyboard_back_in_the_reply_box(qtbot, demo_desk: MainWindow) -> None:
    demo_desk.show_mentee(demo_desk.services.mentees.find("Priya Raman").id, topic=Topic.THREADS)
    threads = demo_desk.mentee_page.tabs.currentWidget()
    assert isinstance(threads, ThreadsSection)
    threads.composer.text.setFocus()
    qtbot.keyClicks(threads.composer.text, "Before lunch")
    qtbot.keyClick(focused(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert demo_desk.auto_lock.is_locked

    def give_key(dialog) -> None:
        demo_desk.services.keys.unlock(TEST_KEY)  # what the dialog does with a typed key that fits
        dialog.accept()

    when_modal(give_key)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # the lock screen's Unlock… button has the focus
    activate(qtbot, demo_desk)
    settled(qtbot, demo_desk)
    assert focused() is threads.composer.text
