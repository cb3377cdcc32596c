"""Keeps the keyboard where the lead was when what held it goes away.

Qt moves the focus on by itself when the focused widget is hidden, disabled or
deleted (a tab switched, the welcome page replaced by the desk, a page rebuilt
while a dialog was up), and when a window becomes active again without a focus
widget it gives the focus to the first widget in the window: in the desk that is
the Views list, where the next arrow key switches the whole page. The keeper
watches that list: when it receives the focus not because the lead clicked it,
tabbed into it from a control still on screen or reached it by shortcut, the
focus goes back to the last control the lead was in, if it is still on screen,
or else into what the right-hand side shows (its list first).
"""

from __future__ import annotations

from collections.abc import Callable

import weakref

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QWidget

from mentorapp.views.widgets.focus import first_focus_in, usable

# Reasons that say the lead put the focus there on purpose.
_CHOSEN = {
    Qt.FocusReason.MouseFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
    Qt.FocusReason.MenuBarFocusReason,
    Qt.FocusReason.PopupFocusReason,
}


class FocusKeeper(QObject):
    """Sends focus that fell into `guarded` by accident back where it belongs."""

    def __init__(self, window: QWidget, *, guarded: QWidget, area: Callable[[], QWidget | None]) -> None:
        super().__init__(window)
        self._window = window
        self._guarded = guarded
        self._area = area
        # Weak references only: a page Qt has let go of (a replaced tab) must not live on
        # because the keeper remembers it, or it would die later in the middle of Qt's own focus move.
        self._last: weakref.ref[QWidget] | None = None
        self._pending = False
        self._return_to: weakref.ref[QWidget] | None = None
        guarded.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self._window):
            return
        if new is not None and new.window() is self._window:
            self._last = weakref.ref(new)  # the guarded list too: a lead who was there is let back in

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self._guarded and event.type() == QEvent.Type.FocusIn:
            reason = event.reason() if isinstance(event, QFocusEvent) else Qt.FocusReason.OtherFocusReason
            if not self._chosen(reason) and not self._pending:
                self._pending = True
                self._return_to = self._last
                # After Qt's own moves have settled (a stacked page may still give focus to its new page).
                QTimer.singleShot(0, self._put_back)
        return False

    def _chosen(self, reason: Qt.FocusReason) -> bool:
        if reason in _CHOSEN:
            return True
        if self._last is None:
            return True  # nothing held the keyboard in this window before
        last = self._last()  # still the control before: focusChanged comes after the FocusIn event
        if last is self._guarded:
            return True
        if last is None:
            return False  # it is gone
        if reason == Qt.FocusReason.ActiveWindowFocusReason:
            return False  # the window came back without its focus widget: it went away meanwhile
        # Tab from a control still on screen, or a deliberate setFocus while it stays: the lead's choice.
        return usable(last)

    def _put_back(self) -> None:
        self._pending = False
        if not shiboken6.isValid(self._guarded) or not self._guarded.hasFocus():
            return
        back = self._return_to() if self._return_to is not None else None
        self._return_to = None
        target = back if back is not self._guarded and usable(back) else None
        if target is None:
            area = self._area()
            target = first_focus_in(area) if area is not None else None
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
