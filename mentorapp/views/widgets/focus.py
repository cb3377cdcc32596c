"""Where the keyboard may go: a control still on screen, the first list of an area."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget


def usable(widget: QWidget | None) -> bool:
    """True when the widget still exists, is on screen and takes input."""
    return widget is not None and shiboken6.isValid(widget) and widget.isVisible() and widget.isEnabled()


def first_focus_in(area: QWidget) -> QWidget | None:
    """Where the keyboard goes in `area`: its topmost list or table, else its topmost control.

    Found among the area's own children (not by walking the window's focus chain, which
    would wrap every internal widget Qt made, scroll buttons and popups included).
    """
    def takes_keys(widget: QWidget) -> bool:
        return usable(widget) and widget.focusProxy() is None and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)

    def place(widget: QWidget) -> tuple[int, int]:
        point = widget.mapTo(area, QPoint(0, 0))
        return point.y(), point.x()

    lists = [w for w in area.findChildren(QAbstractItemView) if takes_keys(w)]
    if lists:
        return min(lists, key=place)
    controls = [w for w in area.findChildren(QWidget) if takes_keys(w)]
    return min(controls, key=place) if controls else None
