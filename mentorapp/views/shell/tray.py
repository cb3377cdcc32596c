"""The tray icon, where the platform has one: New note, Today, Lock, Quit, and how many check-ins are due.

The tooltip (and the badge on docks that show one) holds a count only, never a name or a note:
both can be read over the lead's shoulder. With "keep running" chosen in Preferences, closing
the window hides it and the desk stays in the tray, so capture and reminders keep working;
Quit in the tray menu ends it. Without a tray, closing the window quits as ever (nothing
would be left to bring it back).

Notifications go through the tray icon; on a desktop without a tray, through the freedesktop
notification service on the session bus. Nothing leaves the machine.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from mentorapp.i18n import _, ngettext
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Change, Topic
from mentorapp.views.runtime.single_instance import bring_to_front
from mentorapp.views.shell.notifications import notify_over_session_bus

if TYPE_CHECKING:
    from mentorapp.views.shell.capture_requests import CaptureRequests
    from mentorapp.views.shell.main_window import MainWindow

log = logging.getLogger(__name__)

REFRESH_DELAY_MS = 400  # a burst of changes (an import) counts once
NOTIFICATION_MS = 15_000


def tooltip_text(check_ins: int | None) -> str:
    """The tray's tooltip: a count, never a name (None: the journal is locked)."""
    if check_ins is None:
        return _("MentorApp (locked)")
    if check_ins == 0:
        return _("MentorApp: no check-ins due")
    return ngettext("MentorApp: {count} check-in due", "MentorApp: {count} check-ins due", check_ins).format(
        count=check_ins)


class DeskTray(QObject):
    """The tray icon and its menu, and "keep running" when the window closes."""

    def __init__(self, window: MainWindow, requests: CaptureRequests, *, available: bool | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.requests = requests
        self.available = QSystemTrayIcon.isSystemTrayAvailable() if available is None else available
        self.icon = QSystemTrayIcon(QIcon("icons:mentorapp.svg"), self)
        # Not a child of the window: locking disables the window's actions, and Lock must say so itself.
        self.menu = QMenu()
        self.new_note_action = self._add(_("New note…"), lambda: self.requests.capture(""))
        self.today_action = self._add(_("Today"), self.show_today)
        self.lock_action = self._add(_("Lock"), self.window.auto_lock.lock_now)
        self.menu.addSeparator()
        self.quit_action = self._add(_("Quit MentorApp"), self.quit)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.keep_running = False
        self.quitting = False
        self.check_ins: int | None = None
        self._refresh_soon = QTimer(self)
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(REFRESH_DELAY_MS)
        self._refresh_soon.timeout.connect(self.refresh)
        window.context.changes.changed.connect(self._on_change)
        window.auto_lock.locked.connect(self.refresh)
        window.auto_lock.unlocked.connect(self.refresh)
        window.installEventFilter(self)
        self.destroyed.connect(self.menu.deleteLater)
        self.apply_preferences()
        self.refresh()
        if self.available:
            self.icon.show()

    def _add(self, text: str, slot: object) -> QAction:
        action = QAction(text, self.menu)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    # -- actions -------------------------------------------------------------------------------------------------
    def show_today(self) -> None:
        bring_to_front(self.window)
        if not self.window.auto_lock.is_locked:
            self.window.show_view(self.window.today_view)

    def quit(self) -> None:
        """End the desk (after the usual question about unsaved words, if any)."""
        self.quitting = True
        if self.window.isVisible():
            self.window.close()  # may ask first; the close event below finishes the quit
        else:
            self._closed()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            bring_to_front(self.window)

    # -- keeping the desk running --------------------------------------------------------------------------------
    def apply_preferences(self) -> None:
        try:
            wanted = self.window.services.journal.preferences().keep_running
        except MentorAppError:
            return  # locked: the choice made before stays
        self.keep_running = wanted and self.available
        app = cast(QApplication, QApplication.instance())
        app.setQuitOnLastWindowClosed(not self.keep_running)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.window and event.type() == QEvent.Type.Close:
            if self.keep_running and not self.quitting:
                event.ignore()
                self.window.save_layout()
                self.window.hide()
                return True
            if self.quitting:
                QTimer.singleShot(0, self, self._closed)  # after the window has handled it (it may ask first)
        return False

    def _closed(self) -> None:
        if self.window.isVisible():
            self.quitting = False  # the lead chose to go on writing
            return
        self.icon.hide()
        QApplication.quit()

    # -- what the icon says --------------------------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if Topic.JOURNAL in change.topics:
            self.apply_preferences()
        self._refresh_soon.start()

    def refresh(self) -> None:
        """Count the check-ins due, for the tooltip and the badge."""
        locked = self.window.auto_lock.is_locked
        self.lock_action.setEnabled(not locked)
        self.check_ins = None
        if not locked:
            try:
                self.check_ins = self.window.services.due.report().check_ins
            except MentorAppError:
                self.check_ins = None
        self.icon.setToolTip(tooltip_text(self.check_ins))
        cast(QGuiApplication, QGuiApplication.instance()).setBadgeNumber(self.check_ins or 0)  # docks that show one

    def notify(self, title: str, text: str) -> None:
        """Show a desktop notification: through the tray, else the freedesktop service."""
        if self.available and self.icon.isVisible():
            self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, NOTIFICATION_MS)
            return
        if not notify_over_session_bus(title, text, expire_ms=NOTIFICATION_MS):
            log.info("Notification not shown: no tray and no notification service")
