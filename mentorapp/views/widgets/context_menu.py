"""Right-click (or Menu key) menus on lists, offering what the buttons beside the list offer.

The menu is built from the buttons or actions that already act on the selected item,
when it opens: their words, whether they are available now, and what they do are
theirs, so a menu never offers what a button would refuse, and never goes stale.
A right click first selects the row under the pointer, as in a file manager.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QMenu, QPushButton, QWidget

Entry = QAbstractButton | QAction | None  # None: a separator


def _add(menu: QMenu, entry: Entry) -> None:
    if entry is None:
        if menu.actions() and not menu.actions()[-1].isSeparator():
            menu.addSeparator()
        return
    if isinstance(entry, QAction):
        if entry.isVisible():
            menu.addAction(entry)
        return
    if entry.isHidden():
        return  # a button the section hides just now
    if isinstance(entry, QPushButton) and entry.menu() is not None:
        sub = menu.addMenu(entry.text())
        sub.addActions(entry.menu().actions())
        sub.setEnabled(entry.isEnabled())
        return
    action = menu.addAction(entry.text())
    action.setEnabled(entry.isEnabled())
    action.triggered.connect(lambda _checked=False, b=entry: b.click())


def build_menu(entries: Sequence[Entry], parent: QWidget) -> QMenu:
    menu = QMenu(parent)
    for entry in entries:
        _add(menu, entry)
    while menu.actions() and menu.actions()[-1].isSeparator():
        menu.removeAction(menu.actions()[-1])
    return menu


class _KeyboardMenu(QObject):
    """The Menu key (or Shift+F10) opens the menu at the current row, not wherever the pointer is."""

    def __init__(self, view: QAbstractItemView, show: Callable[[QPoint], None]) -> None:
        super().__init__(view)
        self._view = view
        self._show = show
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if (event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent)
                and event.reason() == QContextMenuEvent.Reason.Keyboard):
            current = self._view.currentIndex()
            rect = self._view.visualRect(current) if current.isValid() else QRect()
            self._show(rect.center() if rect.isValid() else QPoint(8, 8))
            return True
        return False


def add_context_menu(view: QAbstractItemView, entries: Callable[[], Sequence[Entry]]) -> None:
    """Give `view` a context menu of `entries()` (asked for each time it opens)."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(pos: QPoint) -> None:
        index = view.indexAt(pos)
        if index.isValid() and view.selectionModel() is not None and not view.selectionModel().isSelected(index):
            behaviour = view.selectionBehavior()
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            if behaviour == QAbstractItemView.SelectionBehavior.SelectRows:
                flags |= QItemSelectionModel.SelectionFlag.Rows
            view.selectionModel().setCurrentIndex(index, flags)
        menu = build_menu(entries(), view)
        view.last_context_menu = menu  # type: ignore[attr-defined]  # for tests: the menu just shown
        if menu.actions():
            menu.popup(view.viewport().mapToGlobal(pos))

    view.customContextMenuRequested.connect(show)
    _KeyboardMenu(view, show)
