"""Help ▸ guide (F1), context menus on lists, the desk's own toolbar icons, Today's headings passed over."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu, QToolButton

from mentorapp.models.services import Topic
from mentorapp.resources import resource
from mentorapp.views.mentee.goals import GoalsSection
from mentorapp.views.mentee.timeline import TimelineView
from mentorapp.views.shell.guide import GuideWindow
from mentorapp.views.shell.main_window import MainWindow


def context_menu(view: QAbstractItemView, index: QModelIndex) -> QMenu:
    """Open the view's context menu on a row, as a right click there does."""
    view.customContextMenuRequested.emit(view.visualRect(index).center())
    menu = view.last_context_menu
    menu.close()
    return menu


def texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def enabled(menu: QMenu, text: str) -> QAction:
    action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
    assert action.isEnabled(), text
    return action


def test_f1_opens_the_guide_shipped_in_resources(qtbot, demo_desk: MainWindow) -> None:
    qtbot.keyClick(demo_desk, Qt.Key.Key_F1)
    guide = demo_desk.findChild(GuideWindow)
    assert guide is not None and guide.isVisible()
    text = guide.text.toPlainText()
    assert text.startswith("MentorApp in a nutshell")
    for task in ("Write a note", "Keep a person's page", "See what needs you", "Find, undo, prepare a review"):
        assert task in text
    assert "Ctrl+N" in text and "Alt+Down" in text
    assert resource("guide", "guide.html").is_file()
    assert "MentorApp guide" in [a.text().replace("&", "") for a in demo_desk.menuBar().actions()[-1].menu().actions()]


def test_the_toolbar_draws_its_own_icons_from_resources(demo_desk: MainWindow) -> None:
    shown = [a for a in demo_desk.toolbar.actions() if not a.isSeparator()]
    assert {a.text().replace("&", "") for a in shown} >= {"New note…", "Find…", "Review packet…", "Today",
                                                          "Watchlist", "Undo", "Redo"}
    for action in shown:
        assert not action.icon().isNull(), action.text()
        assert not action.icon().pixmap(18, 18).isNull(), action.text()
    icons = Path(resource("icons", "actions"))
    assert {p.stem for p in icons.glob("*.svg")} >= {"find", "note-new", "packet", "redo", "undo", "today"}
    for button in demo_desk.toolbar.findChildren(QToolButton):
        if button.defaultAction() in shown:
            assert not button.icon().isNull()


def test_the_roster_menu_offers_the_mentee_actions(qtbot, demo_desk: MainWindow) -> None:
    row = demo_desk.mentee_names().index("Marco Rossi")
    menu = context_menu(demo_desk.roster_view, demo_desk.roster_model.index(row))
    assert demo_desk.mentee_page.header.name.text() == "Marco Rossi"  # the right click selected him
    assert texts(menu) == ["New note…", "Review packet…", "Edit details…", "Archive", "Move to trash"]
    enabled(menu, "Archive").trigger()
    assert demo_desk.services.mentees.find("Marco Rossi").archived


def test_the_goals_menu_acts_on_the_goal_under_the_pointer(qtbot, demo_desk: MainWindow) -> None:
    priya = demo_desk.services.mentees.find("Priya Raman")
    demo_desk.show_mentee(priya.id, topic=Topic.GOALS)
    goals = demo_desk.mentee_page.tabs.currentWidget()
    assert isinstance(goals, GoalsSection)
    before = goals.model.rowCount()
    assert before >= 1
    menu = context_menu(goals.table, goals.model.index(0, 0))
    assert texts(menu) == ["Edit…", "Status", "Delete", "New goal…"]
    enabled(menu, "Delete").trigger()
    assert goals.model.rowCount() == before - 1


def test_the_timeline_menu_edits_the_note_under_the_pointer(qtbot, demo_desk: MainWindow) -> None:
    demo_desk.show_mentee(demo_desk.services.mentees.find("Priya Raman").id)
    timeline = demo_desk.mentee_page.tabs.currentWidget()
    assert isinstance(timeline, TimelineView)
    index = timeline.model.index(2, 0)
    menu = context_menu(timeline.list, index)
    assert timeline.list.currentIndex().row() == 2
    assert {"Edit…", "Move to trash", "New note…"} <= set(texts(menu))
    assert enabled(menu, "Move to trash")


def test_search_results_and_the_trash_have_menus_too(qtbot, demo_desk: MainWindow) -> None:
    demo_desk.open_search()
    search = demo_desk._search
    assert search is not None
    search.field.setText("Priya")
    search.run_query()
    menu = context_menu(search.results, search.model.index(0, 0))
    assert texts(menu) == ["Open"]
    demo_desk.services.mentees.trash(demo_desk.services.mentees.find("Marco Rossi").id)
    demo_desk.open_trash()
    trash = demo_desk._windows["trash"]
    menu = context_menu(trash.table, trash.table.model().index(0, 0))
    enabled(menu, "Restore").trigger()
    assert "Marco Rossi" in demo_desk.mentee_names()


def test_todays_headings_are_passed_over_by_the_keyboard(qtbot, demo_desk: MainWindow) -> None:
    demo_desk.show_view(demo_desk.today_view)
    tree = demo_desk.today_view.tree
    model = demo_desk.today_view.model
    assert model.rowCount() >= 2
    tree.setFocus()
    first_group = model.index(0, 0)
    last_of_first = model.index(model.rowCount(first_group) - 1, 0, first_group)
    tree.setCurrentIndex(last_of_first)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert tree.currentIndex() == model.index(0, 0, model.index(1, 0))  # the next group's first item
    assert not model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsEnabled
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert tree.currentIndex() == last_of_first
    qtbot.keyClick(tree, Qt.Key.Key_Home)
    assert tree.currentIndex().parent().isValid()  # an item, never a heading
    assert QApplication.focusWidget() is tree


def test_the_menu_key_opens_the_menu_for_the_current_row(qtbot, demo_desk: MainWindow) -> None:
    demo_desk.show_mentee(demo_desk.services.mentees.find("Priya Raman").id, topic=Topic.GOALS)
    goals = demo_desk.mentee_page.tabs.currentWidget()
    assert isinstance(goals, GoalsSection)
    goals.table.setFocus()
    goals.table.select_id(goals.model.record(1).id)
    centre = goals.table.rect().center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, centre, goals.table.mapToGlobal(centre))
    QApplication.sendEvent(goals.table, event)
    menu = goals.table.last_context_menu
    assert menu.isVisible()
    menu.close()
    assert goals.table.current_id() == goals.model.record(1).id  # the row the keyboard was on
    assert "Delete" in texts(menu)
