"""Auto-lock: after some idle minutes the desk hides every note and puts the journal's key away.

Locked, the main window shows only a lock screen; its menus, shortcuts and other
windows are out of reach, and the store has closed its connections and dropped
the key (SQLite's own copy is wiped on close). Nothing of the journal stays where
another program could read it through the accessibility tree or an item model:
`LockVault` takes the desk's content out of the window, detaches the models and
empties the texts, after the drafts are written, and puts it all back on unlock. Unlocking asks for what the key
is: the passphrase for a passphrase journal; for a keyring journal the key is
read from the keyring again, which the operating system may itself guard, and
if it is not there any more the recovery key is asked for. Off by default; the
minutes are a preference kept in the journal (`JournalService.preferences`).

In the main window:

    self.auto_lock = AutoLock(self, context.services, runner=context.runner)
    # File ▸ Lock now (Ctrl+L):   self.auto_lock.lock_now
    # Preferences ▸ Auto-lock…:    ask_auto_lock_minutes(self.auto_lock, parent=self)
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _, ngettext
from mentorapp.models.services import Services, Topic
from mentorapp.models.services.keys import KeyKind
from mentorapp.views.journal.lock_vault import LockVault
from mentorapp.views.journal.unlock import UnlockDialog
from mentorapp.views.runtime.background import BackgroundRunner
from mentorapp.views.widgets.drafts import live_keepers
from mentorapp.views.widgets.theme import ProblemText

log = logging.getLogger(__name__)

MAX_MINUTES = 24 * 60
RETRY_WHILE_BUSY_MS = 15_000
_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride,
}


class LockScreen(QWidget):
    """Covers the whole main window while the desk is locked."""

    unlock_requested = Signal()

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("lock_screen")
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.addStretch()
        title = QLabel("<h2>{}</h2>".format(_("MentorApp is locked")))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.message = QLabel()
        self.message.setObjectName("lock_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setFixedWidth(460)  # a fixed width lets the wrapped text take its full height
        layout.addWidget(self.message, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.problem = ProblemText(object_name="lock_problem")
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem.setFixedWidth(460)
        layout.addWidget(self.problem, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.button = QPushButton(_("&Unlock…"))
        self.button.setObjectName("unlock")
        self.button.setDefault(True)
        self.button.clicked.connect(self.unlock_requested)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        window = self.parentWidget()
        if window is not None and watched is window and event.type() == QEvent.Type.Resize:
            self.setGeometry(window.rect())
        return False

    @staticmethod
    def say(label: QLabel, text: str) -> None:
        """Set a wrapped line of the lock screen, tall enough for all of it."""
        label.setText(text)
        label.setMinimumHeight(label.heightForWidth(label.width()))

    def cover(self) -> None:
        window = self.parentWidget()
        if window is not None:
            self.setGeometry(window.rect())
        self.show()
        self.raise_()
        self.button.setFocus()


class AutoLock(QObject):
    """Locks the desk after `minutes` without input (0: never), and unlocks it when the key is given."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow, services: Services, *, runner: BackgroundRunner | None = None,
                 minutes: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.services = services
        self.runner = runner
        self._kind: KeyKind = KeyKind.PASSPHRASE
        self._key_source = ""
        self._note_key()
        self._screen = LockScreen(window)
        self._screen.hide()
        self._screen.unlock_requested.connect(self.unlock)
        self._vault = LockVault(window, spare=self._screen)
        self._disabled: list[QAction | QWidget] = []
        self._hidden: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._idle)
        self._minutes = _as_minutes(
            minutes if minutes is not None else services.journal.preferences().auto_lock_minutes
        )
        app = QApplication.instance()
        assert app is not None, "the desk runs inside a QApplication"
        app.installEventFilter(self)
        self._restart()

    # -- the preference ----------------------------------------------------------------------------------
    @property
    def minutes(self) -> int:
        return self._minutes

    def set_minutes(self, minutes: int) -> None:
        """Lock after this many idle minutes from now on (0: never); kept in the journal's preferences."""
        self._minutes = max(0, min(MAX_MINUTES, int(minutes)))
        self.services.journal.set_preferences(auto_lock_minutes=self._minutes)
        self._restart()

    def _note_key(self) -> None:
        # Read again at each lock: the key may have been changed in the desk since it opened
        # (a passphrase journal moved to the keyring, or back), and unlocking must ask for that key.
        self._kind = self.services.keys.kind()
        self._key_source = self.services.keys.source()

    # -- idle time ---------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() in _ACTIVITY and not self.is_locked:
            self._restart()
        return False

    def _restart(self) -> None:
        if self._minutes > 0 and not self.is_locked:
            self._timer.start(self._minutes * 60_000)
        else:
            self._timer.stop()

    def _idle(self) -> None:
        if self.runner is not None and self.runner.active():
            self._timer.start(RETRY_WHILE_BUSY_MS)  # never pull the key from under a running backup
            return
        self.lock_now(idle=True)

    # -- locking -------------------------------------------------------------------------------------------------
    @property
    def is_locked(self) -> bool:
        return self._screen.isVisible() or self.services.keys.locked

    def lock_now(self, *, idle: bool = False) -> None:
        """Lock at once (the idle timer calls this too)."""
        if self.is_locked:
            return
        self._timer.stop()
        self._note_key()
        focus = QApplication.focusWidget()
        for keeper in live_keepers(self.services.journal, shown=False):
            keeper.flush()  # the words typed just before are in the journal before its key is put away
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible():
                self._hidden.append(widget)  # a dialog left open: hidden now, shown again on unlock
                widget.hide()
        for item in [*self.window.findChildren(QAction), self.window.menuBar(), self.window.centralWidget(),
                     *self.window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)]:
            if item is None or item is self._screen or not item.isEnabled():
                continue
            item.setEnabled(False)
            self._disabled.append(item)
        name = self.services.store.path.name
        if idle:
            locked = ngettext("{name} is locked after {n} idle minute: its notes are hidden and its key is put away.",
                              "{name} is locked after {n} idle minutes: its notes are hidden and its key is put "
                              "away.", self._minutes).format(name=name, n=self._minutes)
        else:
            locked = _("{name} is locked: its notes are hidden and its key is put away.").format(name=name)
        how = (_("Unlocking needs its passphrase.") if self._kind is KeyKind.PASSPHRASE
               else _("Unlocking reads its key from this computer's keyring again."))
        self._screen.say(self._screen.message, f"{locked} {how}")
        self._screen.problem.hide()
        self._screen.cover()
        self._vault.close(self._hidden, focus=focus)  # no text, row or name left where the accessibility tree can reach
        self.services.keys.lock()
        log.info("Locked %s (%s)", self.services.store.path.name, "idle" if idle else "by hand")
        self.locked.emit()

    # -- unlocking ----------------------------------------------------------------------------------------------
    def unlock(self) -> bool:
        """Ask for (or fetch) the key; True when the desk is open again."""
        if not self.services.keys.locked:
            self._reopen()
            return True
        if self._kind is KeyKind.KEYRING and self.services.keys.unlock_from_keyring():
            self._reopen()
            return True
        dialog = UnlockDialog(self.services.store.path, attempt=self.services.keys.unlock, parent=self.window,
                              allow_recovery_key=self._kind is KeyKind.KEYRING or self._key_source == "keyring")
        if self._kind is KeyKind.KEYRING:
            dialog.toggle_recovery()  # the keyring no longer has the key: only the sheet can help
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reopen()
            return True
        if dialog.gave_up:
            problem = self._screen.problem
            problem.show_problem(_("That did not open the journal three times. Try again when you are sure."))
            self._screen.say(problem, problem.text())  # tall enough for all of it
        return False

    def _reopen(self) -> None:
        self._screen.hide()
        self._vault.open()
        for item in self._disabled:
            item.setEnabled(True)
        self._disabled.clear()
        for widget in self._hidden:
            widget.show()
        self._hidden.clear()
        self._vault.restore_focus()
        # Other programs may have written while the desk looked away.
        self.services.changes.publish(Topic.JOURNAL)
        self._restart()
        log.info("Unlocked %s", self.services.store.path.name)
        self.unlocked.emit()


def _as_minutes(value: Any) -> int:  # a stored setting: a number, a numeric string, or junk
    try:
        return max(0, min(MAX_MINUTES, int(value)))
    except (TypeError, ValueError):
        return 0


def ask_auto_lock_minutes(auto_lock: AutoLock, *, parent: QWidget | None = None) -> bool:
    """The preference as one question; True when it changed."""
    minutes, ok = QInputDialog.getInt(
        parent, _("Auto-lock"), _("Lock the desk after this many idle minutes (0 = never):"),
        auto_lock.minutes, 0, MAX_MINUTES, 1,
    )
    if ok and minutes != auto_lock.minutes:
        auto_lock.set_minutes(minutes)
        return True
    return False
