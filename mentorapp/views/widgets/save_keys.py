"""Ctrl+Enter saves, in every dialog where the lead types: the same key as quick capture and replies.

A multi-line text box takes Return for a new line, so the dialog's default button never sees
Ctrl+Return pressed inside it; a filter on the dialog and every control in it catches the key
before the control does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


def is_save_key(event: QKeyEvent) -> bool:
    """Ctrl+Return or Ctrl+Enter: Qt names the main key and the keypad key differently."""
    return (
        event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    )


class SaveOnCtrlEnter(QObject):
    """Calls `save` when Ctrl+Enter is pressed anywhere in `dialog` (controls added later included)."""

    def __init__(self, dialog: QWidget, save: Callable[[], object]) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._save = save
        self._watched: set[int] = set()
        dialog.installEventFilter(self)
        self._watch_children()

    def _watch_children(self) -> None:
        for child in self._dialog.findChildren(QWidget):
            if id(child) not in self._watched:
                self._watched.add(id(child))
                child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.ChildAdded) and watched is self._dialog:
            self._watch_children()
        elif kind == QEvent.Type.KeyPress and is_save_key(cast(QKeyEvent, event)):
            if isinstance(watched, QWidget) and watched.window() is self._dialog:
                self._save()
                return True
        return False
