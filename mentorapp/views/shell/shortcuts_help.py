"""Help ▸ Keyboard shortcuts: every shortcut of the desk, read from its actions when asked.

Generated, not written down: a shortcut added to an action (or a QShortcut given a
description with setWhatsThis) shows up here, so the list cannot go stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _, pgettext


@dataclass(frozen=True, slots=True)
class ShortcutRow:
    group: str  # the menu it lives in, or "Anywhere on the desk"
    what: str
    keys: str  # as the platform writes them, e.g. "Ctrl+Shift+N"


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


# Keys a keyboard has without modifiers; a standard key may also name a dedicated "Redo" or
# "Undo" key that few keyboards carry, which only confuses the list.
_PLAIN_KEYS = re.compile(r"F\d{1,2}|Del|Delete|Esc|Escape|Return|Enter|Backspace|Ins|Home|End|PgUp|PgDown")


def _keys(sequences: list[QKeySequence]) -> str:
    texts = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty()]
    return ", ".join(t for t in texts if "+" in t or _PLAIN_KEYS.fullmatch(t))


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """Every shortcut reachable in `window`: its menus' actions, then described QShortcuts."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()

    def walk(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{group} ▸ {_plain(sub.title())}")
                continue
            keys = _keys(action.shortcuts())
            if keys and id(action) not in seen:
                seen.add(id(action))
                rows.append(ShortcutRow(group, _plain(action.text()), keys))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(menu.title()))
    for action in window.findChildren(QAction):
        keys = _keys(action.shortcuts())
        if keys and id(action) not in seen and action.whatsThis():
            seen.add(id(action))
            rows.append(ShortcutRow(_("Anywhere on the desk"), action.whatsThis(), keys))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.whatsThis() and not shortcut.key().isEmpty():
            rows.append(ShortcutRow(_("Anywhere on the desk"), shortcut.whatsThis(), _keys([shortcut.key()])))
    return rows


class ShortcutsDialog(QDialog):
    """The shortcuts, grouped by menu, in a list the keyboard can walk."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.setMinimumSize(640, 480)
        intro = QLabel(_("Alt with an underlined letter reaches a button or field; Tab and Shift+Tab walk the "
                         "controls; F10 opens the menus."))
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcuts")
        self.tree.setAccessibleName(_("Keyboard shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([pgettext("shortcuts column", "Action"), pgettext("shortcuts column", "Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.setWordWrap(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for row in shortcut_rows(window):
            group = groups.get(row.group)
            if group is None:
                group = groups[row.group] = QTreeWidgetItem(self.tree, [row.group])
                group.setFirstColumnSpanned(True)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setExpanded(True)
            QTreeWidgetItem(group, [row.what, row.keys])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        first = self.tree.topLevelItem(0)
        child = first.child(0) if first is not None else None
        if child is not None:
            self.tree.setCurrentItem(child)
        self.tree.setFocus()
