"""The unlock dialog: a journal's passphrase or its recovery key, tried in place, three tries at most.

One dialog for every moment a person must unlock a journal: when the desk opens
it, when it comes back from the auto-lock, when a restore needs the key of the
backups. It stays open between tries, says what went wrong, and counts down. After
wrong keys in a row (in this desk or any other process) it says how long to
wait and keeps its button off until then. For a new journal without a keyring
it asks for a passphrase twice instead.

    dialog = UnlockDialog(path, attempt=lambda key: opening.open_typed(path, key))
    if dialog.exec() == QDialog.DialogCode.Accepted:
        store = dialog.result_value
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _, ngettext, pgettext
from mentorapp.models.errors import MentorAppError, WrongKeyError
from mentorapp.models.trust import opening
from mentorapp.models.trust.opening import (
    RECOVERY_CHARACTERS,
    Key,
    RecoveryKeyError,
    TooManyGuessesError,
    parse_recovery_key,
)
from mentorapp.views.widgets.theme import ProblemText

TRIES = 3
SHORT_PASSPHRASE = 12


def wait_text(seconds: int) -> str:
    """"Try again in 5 s", "… in 2 min 10 s": the countdown shown while a wait after wrong keys runs."""
    minutes, rest = divmod(max(0, seconds), 60)
    if minutes:
        # Translators: a short countdown, "2 min 10 s".
        left = _("{minutes} min {seconds} s").format(minutes=minutes, seconds=rest)
    else:
        # Translators: a short countdown, "5 s".
        left = _("{seconds} s").format(seconds=rest)
    return _("Too many wrong tries in a row. Try again in {left}.").format(left=left)


class UnlockDialog(QDialog):
    """Asks for the passphrase (or the recovery key) and hands each try to `attempt` until one fits.

    `retry_in` says how many seconds a wait after wrong keys still has to run (the journal's
    count, shared with every other process, by default).
    """

    def __init__(
        self,
        path: Path,
        *,
        attempt: Callable[[Key], Any],
        creating: bool = False,
        allow_recovery_key: bool = True,
        intro: str | None = None,
        tries: int = TRIES,
        retry_in: Callable[[], int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._attempt = attempt
        self._retry_in = retry_in or (lambda: 0 if creating else opening.retry_in(self.path))
        self.creating = creating
        self.tries_left = tries
        self.result_value: Any = None
        self.error: MentorAppError | None = None  # a problem other than a wrong key (e.g. a damaged journal)
        self.gave_up = False
        self.setWindowTitle(_("Create journal") if creating else _("Unlock journal"))
        self.setMinimumWidth(500)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        name = html.escape(self.path.name)
        # Translators: a heading; {name} is the journal's file name.
        heading_text = _("Create {name}") if creating else _("Unlock {name}")
        heading = QLabel("<b>{}</b>".format(heading_text.format(name=name)))
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        self.intro = QLabel(intro or self._default_intro())
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        # Two pages shown one at a time (not a stacked widget, which keeps the taller page's height).
        self.passphrase_page = self._passphrase_page()
        self.recovery_page = self._recovery_page()
        self.recovery_page.hide()
        layout.addWidget(self.passphrase_page)
        layout.addWidget(self.recovery_page)

        self.problem = ProblemText()
        layout.addWidget(self.problem)

        self.switch = QPushButton(_("Use the recovery key instead"))
        self.switch.setObjectName("switch_to_recovery")
        self.switch.setCursor(Qt.CursorShape.PointingHandCursor)
        # A link in looks, a button in behaviour (keyboard focus, Space to press).
        self.switch.setStyleSheet(
            "QPushButton { border: none; padding: 0; text-align: left; color: palette(link); "
            "text-decoration: underline; }"
        )
        self.switch.clicked.connect(self.toggle_recovery)
        self.switch.setVisible(allow_recovery_key and not creating)
        layout.addWidget(self.switch, alignment=Qt.AlignmentFlag.AlignLeft)

        layout.addStretch()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(pgettext("button", "Create") if creating else pgettext("button", "Unlock"))
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.passphrase.setFocus()
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._count_down)
        self._count_down()  # wrong keys just before (another process, an earlier dialog) may still make it wait

    # -- pages -----------------------------------------------------------------------------------------
    def _default_intro(self) -> str:
        if self.creating:
            return _("Choose a passphrase for the new journal. Nobody, including you, can read the journal "
                     "without it, and it cannot be recovered: four or more words you will remember work well.")
        return _("Type the journal's passphrase.")

    def _passphrase_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setAccessibleName(_("Passphrase"))
        form.addRow(_("&Passphrase:"), self.passphrase)
        self.repeat: QLineEdit | None = None
        if self.creating:
            self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
            self.repeat.setObjectName("repeat")
            self.repeat.setAccessibleName(_("Repeat passphrase"))
            form.addRow(_("&Repeat:"), self.repeat)
        return page

    def _recovery_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.recovery_key = QLineEdit()
        self.recovery_key.setObjectName("recovery_key")
        self.recovery_key.setAccessibleName(_("Recovery key"))
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-…")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), QFont().pointSizeF()) + 1)
        self.recovery_key.setFont(mono)
        self.recovery_key.textChanged.connect(self._count_characters)
        layout.addWidget(self.recovery_key)
        self.recovery_count = QLabel()
        self.recovery_count.setObjectName("recovery_count")
        self.recovery_count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.recovery_count)
        self._count_characters("")
        return page

    def _count_characters(self, text: str) -> None:
        typed = len("".join(text.split()).replace("-", ""))
        self.recovery_count.setText(
            _("{typed} of {total} letters and digits").format(typed=typed, total=RECOVERY_CHARACTERS))

    @property
    def using_recovery_key(self) -> bool:
        return not self.recovery_page.isHidden()

    def toggle_recovery(self) -> None:
        recovering = not self.using_recovery_key
        self.passphrase_page.setVisible(not recovering)
        self.recovery_page.setVisible(recovering)
        self.switch.setText(_("Use the passphrase instead") if recovering else _("Use the recovery key instead"))
        self.intro.setText(
            _("Type the recovery key from the journal's recovery sheet: 14 groups of 4 letters and digits. "
              "Capitals and dashes make no difference.")
            if recovering else self._default_intro()
        )
        self.problem.hide()
        (self.recovery_key if recovering else self.passphrase).setFocus()
        self.adjustSize()

    # -- trying ----------------------------------------------------------------------------------------
    def _key(self) -> Key | None:
        if self.using_recovery_key:
            try:
                return parse_recovery_key(self.recovery_key.text())
            except RecoveryKeyError as exc:
                self.show_problem(str(exc))  # a typing mistake does not cost a try
                return None
        text = self.passphrase.text()
        if not text:
            self.show_problem(_("The passphrase cannot be empty."))
            return None
        if self.repeat is not None and self.repeat.text() != text:
            self.show_problem(_("The two passphrases differ."))
            return None
        return Key(secret=text, source="prompt")

    @property
    def waiting(self) -> bool:
        """Whether a wait after wrong keys is running (the button is off meanwhile)."""
        return self._wait_timer.isActive()

    def _count_down(self) -> None:
        wait = self._retry_in()
        if wait > 0:
            self.ok_button.setEnabled(False)
            self.show_problem(wait_text(wait))
            if not self._wait_timer.isActive():
                self._wait_timer.start()
            return
        if self._wait_timer.isActive():
            self._wait_timer.stop()
            self.ok_button.setEnabled(True)
            self.problem.show_note(_("You can try again now."))
            field = self.recovery_key if self.using_recovery_key else self.passphrase
            field.setFocus()

    def try_unlock(self) -> None:
        if self.waiting:
            return
        key = self._key()
        if key is None:
            return
        self.show_problem(_("Checking…"), busy=True)
        self.buttons.setEnabled(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()  # paint "Checking…" before the key derivation holds the thread
        try:
            self.result_value = self._attempt(key)
        except WrongKeyError:
            self._wrong(key)
            return
        except TooManyGuessesError:
            self._count_down()  # costs no try; the button stays off when the buttons come back on below
            return
        except MentorAppError as exc:
            self.error = exc
            self.reject()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
            self.buttons.setEnabled(True)
        self.problem.hide()
        self.accept()

    def _wrong(self, key: Key) -> None:
        self.tries_left -= 1
        if self.tries_left <= 0:
            self.gave_up = True
            self.reject()
            return
        if key.source == "recovery key":
            sentence = ngettext("That recovery key does not open this journal ({n} try left).",
                                "That recovery key does not open this journal ({n} tries left).", self.tries_left)
        else:
            sentence = ngettext("That passphrase does not open this journal ({n} try left).",
                                "That passphrase does not open this journal ({n} tries left).", self.tries_left)
        self.show_problem(sentence.format(n=self.tries_left))
        field = self.recovery_key if self.using_recovery_key else self.passphrase
        field.selectAll()
        field.setFocus()
        self._count_down()  # the next try may have to wait

    def show_problem(self, text: str, *, busy: bool = False) -> None:
        if busy:
            self.problem.show_note(text)
        else:
            self.problem.show_problem(text)
