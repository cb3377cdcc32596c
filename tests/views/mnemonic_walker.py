"""Finds Alt-letter clashes: two visible controls of one window that answer the same Alt+letter.

Qt only cycles focus between controls that share a mnemonic, so a clash makes a documented
shortcut dead (or sends the typing into the wrong field). What counts, as Qt does it: button
texts, labels with a buddy, group-box titles, tab titles and the menu bar's titles, all within one
window; and, separately, the items of each menu.
"""

from __future__ import annotations

import re
from collections import defaultdict

from collections.abc import Callable

from PySide6.QtCore import QTimer

from mentorapp import i18n
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QDialog, QGroupBox, QLabel, QMenu, QMenuBar, QTabBar, QWidget,
)

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def plain(text: str) -> str:
    """A control's text as a lead reads it: no mnemonic, no trailing ellipsis."""
    text = text.replace("⟦", "").replace("⟧", "")  # the pseudo-language's brackets (text_walker)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def opens_dialog(text: str) -> bool:
    """A menu item or button whose text ends in an ellipsis opens a dialog, in every language."""
    return text.rstrip().rstrip("⟧").endswith("…")


def in_desk_language(names: tuple[str, ...]) -> set[str]:
    """`names` (plain English texts of controls) as the desk shows them in the language it speaks now."""
    wanted = set(names)
    shown = set(names)
    catalogue = getattr(i18n.translations(i18n.language()), "_catalog", {})
    for msgid, msgstr in catalogue.items():
        source = msgid[0] if isinstance(msgid, tuple) else msgid
        source = source.rpartition("\x04")[2]
        if isinstance(source, str) and plain(source) in wanted:
            shown.add(plain(msgstr))
    return shown


def window_clashes(window: QWidget) -> list[str]:
    """Every letter that two visible controls of `window` share, as 'letter: text | text'."""
    owners: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        letter = mnemonic(text)
        if letter:
            owners[letter].append(text)

    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton) and widget.isEnabled():
            add(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None and widget.buddy().isVisibleTo(window):
            add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index) and widget.isTabEnabled(index):
                    add(widget.tabText(index))
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible():
                    add(action.text())
    return [f"{letter}: {' | '.join(texts)}" for letter, texts in sorted(owners.items()) if len(texts) > 1]


def menu_clashes(menu: QMenu) -> list[str]:
    """Letters shared by two visible items of one menu (and of its submenus, each on its own)."""
    owners: dict[str, list[str]] = defaultdict(list)
    found: list[str] = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        letter = mnemonic(action.text())
        if letter:
            owners[letter].append(action.text())
        if action.menu() is not None:
            found += menu_clashes(action.menu())
    title = menu.title().replace("&", "")
    found += [f"{title} menu, {letter}: {' | '.join(texts)}" for letter, texts in sorted(owners.items())
              if len(texts) > 1]
    return found


def all_menu_actions(bar: QMenuBar) -> list[QAction]:
    actions: list[QAction] = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator():
                actions.append(action)

    for top in bar.actions():
        if top.menu() is not None:
            walk(top.menu())
    return actions


def read_opened_dialog(qtbot, trigger: Callable[[], object],
                       read: Callable[[QWidget], list[str]]) -> tuple[str, list[str]]:
    """Open the dialog `trigger` opens (modal or not), `read` it, close it: its title and what was read.

    ("", []) when `trigger` opened no dialog. Shared by the walkers over every dialog
    (Alt-letter clashes, clipped text).
    """
    seen: list[tuple[str, list[str]]] = []
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    tries = [0]

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            fresh = [w for w in QApplication.topLevelWidgets()
                     if w.isVisible() and id(w) not in before and isinstance(w, QDialog)]
            if not fresh:
                if not seen and tries[0] < 50:
                    tries[0] += 1
                    QTimer.singleShot(20, inspect)
                return
            dialog = fresh[0]
        QApplication.processEvents()
        seen.append((dialog.windowTitle(), read(dialog)))
        dialog.reject() if isinstance(dialog, QDialog) else dialog.close()

    QTimer.singleShot(0, inspect)
    trigger()
    qtbot.waitUntil(lambda: bool(seen) or tries[0] >= 50, timeout=3000)
    return seen[0] if seen else ("", [])
