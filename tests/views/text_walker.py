"""Finds text on a window that was never marked for translation.

The walk runs the desk in the pseudo-language (``qps``): every marked string comes back as
⟦…⟧, so a word a lead can see outside the brackets was written in English and never marked.
What is read, as a lead (or a screen reader) meets it: labels, buttons, group titles, tabs,
placeholders, tooltips, accessible names and descriptions, window titles, combo-box items,
table and list headers and the rows of lists, menus. What is not the app's own text is set
aside first: the journal's data (names, roles, what the lead wrote, passed in `data`), dates
and numbers, key names, and Qt's own standard buttons (Qt's translations speak for those).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

_MARKED = re.compile(r"⟦[^⟦⟧]*⟧")
_TAGS = re.compile(r"<[^>]+>")
# Left after the marked text and the data are gone, a word of two letters or more is English
# nobody marked; key names, units and the app's name are not words to translate.
_WORD = re.compile(r"[^\W\d_]{2,}")
_NOT_WORDS = {"MentorApp", "Ctrl", "Shift", "Alt", "Meta", "Esc", "Enter", "Return", "Tab", "Del", "PgUp",
              "PgDown", "Home", "End", "Space", "Backspace", "Ins", "Up", "Down", "Left", "Right", "PDF", "JSON",
              "CSV", "ICS", "iCalendar", "KiB", "MiB", "GiB", "OK", "px", "UTC", "ISO", "AM", "PM", "Menu", "Dpi"}
_GLOB = re.compile(r"\*\.\w+")  # a file dialog's filter: "(*.pdf)"
_ROWS = 25  # the first rows of a list are enough to tell its sentences from its data


def unmarked(text: str, data: Iterable[str]) -> str | None:
    """The words of `text` that were never marked, or None when all of it was (or is data)."""
    if not text:
        return None
    rest = html.unescape(_TAGS.sub(" ", text)) if "<" in text else text
    while True:  # a marked sentence may hold a marked word: take the innermost first
        shorter = _MARKED.sub(" ", rest)
        if shorter == rest:
            break
        rest = shorter
    # A marked sentence split around a control (a spin box in its middle): its ends are on two labels.
    if "⟦" in rest:
        rest = rest[:rest.index("⟦")]
    if "⟧" in rest:
        rest = rest[rest.rindex("⟧") + 1:]
    rest = _GLOB.sub(" ", rest)
    for item in sorted(data, key=len, reverse=True):
        if item and item in rest:
            rest = rest.replace(item, " ")
    words = [word for word in _WORD.findall(rest.replace("&", "")) if word not in _NOT_WORDS]
    return " ".join(words) or None


def texts(window: QWidget) -> list[tuple[str, str]]:
    """Every (where, text) a lead can read on `window` as it is now."""
    found: list[tuple[str, str]] = [("window title", window.windowTitle())]

    def add(kind: str, widget: QWidget, text: str | None) -> None:
        if text:
            found.append((f"{kind} {widget.objectName() or type(widget).__name__}", text))

    if isinstance(window, QFileDialog):
        return []  # Qt's own dialog, in Qt's own translations
    # The labels of a sentence split around a control: one holds its opening bracket, one its closing one.
    split_parents = {id(label.parentWidget()) for label in window.findChildren(QLabel)
                     if label.text().count("⟦") != label.text().count("⟧")}
    for widget in [window, *window.findChildren(QWidget)]:
        if widget is not window and (not widget.isVisibleTo(window) or widget.window() is not window):
            continue
        if isinstance(widget, QLabel) and id(widget.parentWidget()) in split_parents:
            continue
        add("tooltip of", widget, widget.toolTip())
        add("accessible name of", widget, widget.accessibleName())
        add("accessible description of", widget, widget.accessibleDescription())
        if isinstance(widget, QAbstractButton):
            box = widget.parent()
            standard = isinstance(box, QDialogButtonBox) and box.standardButton(widget) != \
                QDialogButtonBox.StandardButton.NoButton
            if not standard:
                add("button", widget, widget.text())
        elif isinstance(widget, QLabel):
            add("label", widget, widget.text())
        elif isinstance(widget, QGroupBox):
            add("group", widget, widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add("tab", widget, widget.tabText(index))
                add("tab tooltip", widget, widget.tabToolTip(index))
        elif isinstance(widget, QLineEdit):
            add("placeholder of", widget, widget.placeholderText())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            add("placeholder of", widget, widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add("choice of", widget, widget.itemText(index))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root = widget.rootIndex()
            try:
                columns = model.columnCount(root)
            except TypeError:  # a list model keeps its one column to itself
                columns = 1
            for column in range(columns):
                add("column header of", widget,
                    model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
            for row in range(min(model.rowCount(root), _ROWS)):
                for column in range(columns):
                    index = model.index(row, column, root)
                    add("row of", widget, model.data(index, Qt.ItemDataRole.DisplayRole))
                    add("row tooltip of", widget, model.data(index, Qt.ItemDataRole.ToolTipRole))
        for action in widget.actions():
            add("action of", widget, action.text())
    return [(where, text) for where, text in found if isinstance(text, str)]


def menu_texts(menu: QMenu) -> list[tuple[str, str]]:
    found = [("menu", menu.title())]
    for action in menu.actions():
        if action.isSeparator():
            continue
        found.append((f"{menu.title()} menu item", action.text()))
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            found.append((f"{menu.title()} menu item tooltip", action.toolTip()))
        if action.statusTip():
            found.append((f"{menu.title()} menu item status tip", action.statusTip()))
        if action.menu() is not None:
            found += menu_texts(action.menu())
    return found


def window_unmarked(window: QWidget, data: Iterable[str]) -> list[str]:
    known = list(data)
    problems = []
    for where, text in texts(window):
        words = unmarked(text, known)
        if words:
            problems.append(f"{where}: {words!r} in {text[:90]!r}")
    return problems


def actions_unmarked(actions: Iterable[QAction], data: Iterable[str]) -> list[str]:
    known = list(data)
    return [f"action: {words!r} in {action.text()!r}" for action in actions
            if (words := unmarked(action.text(), known))]
