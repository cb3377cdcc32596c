"""Change the journal's key: a new passphrase, or a new random key kept in this computer's keyring.

Asks for the current passphrase first (someone at an unlocked desk must not be
able to lock its owner out), runs the change in the background (a backup, the
re-encryption, the backups re-encrypted too unless the lead unticks that; then a
message names the backups the old key still opens) and, for a keyring key, says that a
new recovery sheet is needed: `recovery_kit_wanted` is emitted for the caller.

From the main window (File ▸ Change key…):

    dialog = ChangeKeyDialog(context.services, context.runner, parent=self)
    dialog.recovery_kit_wanted.connect(lambda: show_recovery_kit(context.services, parent=self))
    dialog.exec()
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _, ngettext
from mentorapp.models.services import Services
from mentorapp.models.services.keys import KeyChange, KeyKind
from mentorapp.views.journal.unlock import SHORT_PASSPHRASE
from mentorapp.views.runtime.background import BackgroundRunner, Task, TaskState, failure_message
from mentorapp.views.widgets.theme import ProblemText


class ChangeKeyDialog(QDialog):
    """Chooses the new key and changes it, keeping the keyring and the backups in step."""

    recovery_kit_wanted = Signal()  # the new key lives in the keyring: earlier recovery sheets no longer fit
    key_changed = Signal(object)  # the KeyChange

    def __init__(self, services: Services, runner: BackgroundRunner, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.task: Task | None = None
        self.change: KeyChange | None = None
        self.current = services.keys.kind()
        self.setWindowTitle(_("Change key"))
        self.setMinimumWidth(520)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        if self.current is KeyKind.PASSPHRASE:
            now = _("The journal is locked with a passphrase.")
        else:
            now = _("The journal's key is a random key kept in this computer's keyring "
                    "(recovery sheet {sheet}).").format(sheet=services.keys.sheet_id())
        current = QLabel(now)
        current.setWordWrap(True)
        layout.addWidget(current)

        self.current_passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.current_passphrase.setObjectName("current_passphrase")
        self.current_passphrase.setAccessibleName(_("Current passphrase"))
        if self.current is KeyKind.PASSPHRASE:
            form = QFormLayout()
            form.addRow(_("&Current passphrase:"), self.current_passphrase)
            layout.addLayout(form)

        layout.addWidget(QLabel("<b>{}</b>".format(_("Lock it from now on with"))))
        self.choose_passphrase = QRadioButton(_("A &new passphrase"))
        self.choose_passphrase.setObjectName("choose_passphrase")
        self.choose_keyring = QRadioButton(_("A new random &key kept in this computer's keyring"))
        self.choose_keyring.setObjectName("choose_keyring")
        group = QButtonGroup(self)
        group.addButton(self.choose_passphrase)
        group.addButton(self.choose_keyring)
        layout.addWidget(self.choose_passphrase)

        self.passphrase_fields = QWidget()
        fields = QFormLayout(self.passphrase_fields)
        fields.setContentsMargins(24, 0, 0, 0)
        self.new_passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.new_passphrase.setObjectName("new_passphrase")
        self.new_passphrase.setAccessibleName(_("New passphrase"))
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat.setObjectName("repeat")
        self.repeat.setAccessibleName(_("Repeat the new passphrase"))
        fields.addRow(_("New &passphrase:"), self.new_passphrase)
        fields.addRow(_("&Repeat:"), self.repeat)
        self.strength = QLabel()
        self.strength.setObjectName("strength")
        self.strength.setWordWrap(True)
        fields.addRow("", self.strength)
        self.new_passphrase.textChanged.connect(self._rate)
        layout.addWidget(self.passphrase_fields)

        layout.addWidget(self.choose_keyring)
        keyring_note = QLabel(_("Nothing to remember; MentorApp then offers a new recovery sheet to print, "
                                "the only way in if this computer's keyring is lost."))
        keyring_note.setWordWrap(True)
        keyring_note.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(keyring_note)
        if not self.services.keys.keyring_available():
            self.choose_keyring.setEnabled(False)
            keyring_note.setText(_("This computer has no secure keyring, so the key must be a passphrase."))

        self.rekey_backups = QCheckBox(_("Re-encrypt the &backups with the new key too"))
        self.rekey_backups.setObjectName("rekey_backups")
        self.rekey_backups.setChecked(True)
        layout.addWidget(self.rekey_backups)
        explanation = QLabel(_("Unticked, they keep opening with the old key (each is named afterwards)."))
        explanation.setWordWrap(True)
        explanation.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(explanation)

        self.problem = ProblemText()
        layout.addWidget(self.problem)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        layout.addWidget(self.busy)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Change key"))
        self.ok_button.setObjectName("change")
        self.buttons.accepted.connect(self.change_key)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.choose_passphrase.toggled.connect(self.passphrase_fields.setEnabled)
        self.choose_passphrase.setChecked(True)
        self._rate("")
        (self.current_passphrase if self.current is KeyKind.PASSPHRASE else self.new_passphrase).setFocus()

    def _rate(self, text: str) -> None:
        words = len(text.split())
        if not text:
            self.strength.setText(_("Four or more words, or {n}+ characters, are hard to guess.").format(
                n=SHORT_PASSPHRASE))
        elif len(text) < SHORT_PASSPHRASE and words < 4:
            self.strength.setText(_("Short: a passphrase this short can be guessed. Add a few words."))
        else:
            self.strength.setText(_("Good length."))

    def _problem(self, text: str) -> None:
        self.problem.show_problem(text)

    def change_key(self) -> Task | None:
        if self.task is not None:
            return None
        if self.current is KeyKind.PASSPHRASE and not self.services.keys.check_passphrase(
            self.current_passphrase.text()
        ):
            self._problem(_("That is not the journal's current passphrase."))
            self.current_passphrase.selectAll()
            self.current_passphrase.setFocus()
            return None
        rekey_backups = self.rekey_backups.isChecked()
        if self.choose_passphrase.isChecked():
            new = self.new_passphrase.text()
            if not new:
                self._problem(_("Type the new passphrase."))
                return None
            if self.repeat.text() != new:
                self._problem(_("The two new passphrases differ."))
                return None

            def work(_state: TaskState) -> KeyChange:
                return self.services.keys.change_to_passphrase(new, rekey_backups=rekey_backups)
        else:

            def work(_state: TaskState) -> KeyChange:
                return self.services.keys.change_to_keyring(rekey_backups=rekey_backups)
        self.problem.hide()
        self.busy.show()
        self.buttons.setEnabled(False)
        self.task = self.runner.start(work)
        self.task.done.connect(self._changed)
        self.task.failed.connect(self._failed)
        self.task.finished.connect(self._over)
        return self.task

    def _changed(self, change: KeyChange) -> None:
        self.change = change
        older = self.older_backups()
        if older:
            QMessageBox.information(self, _("Key changed"), f"{self.summary()}\n\n{older}")
        self.key_changed.emit(change)
        if change.kind is KeyKind.KEYRING:
            self.recovery_kit_wanted.emit()
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._problem(_("The key was not changed: {reason}").format(reason=failure_message(error)))

    def _over(self) -> None:
        self.task = None
        self.busy.hide()
        self.buttons.setEnabled(True)

    def reject(self) -> None:  # Qt override: not while the journal is being re-encrypted
        if self.task is None:
            super().reject()

    def older_backups(self) -> str:
        """The backups that still open only with an older key, named ("" when there are none)."""
        if self.change is None:
            return ""
        lines = []
        if self.change.kept_old:
            count = len(self.change.kept_old)
            if self.change.old_kind is KeyKind.PASSPHRASE:
                said = ngettext("As you asked, {n} backup still opens only with the old passphrase:",
                                "As you asked, {n} backups still open only with the old passphrase:", count)
            else:
                said = ngettext("As you asked, {n} backup still opens only with the old key "
                                "(on the earlier recovery sheet):",
                                "As you asked, {n} backups still open only with the old key "
                                "(on the earlier recovery sheet):", count)
            lines.append(said.format(n=count))
            lines += [f"  • {path.name}" for path in self.change.kept_old]
        if self.change.left:
            count = len(self.change.left)
            lines.append(ngettext("{n} backup did not open with the old key either "
                                  "(made under an earlier one, or damaged) and was left as it was:",
                                  "{n} backups did not open with the old key either "
                                  "(made under an earlier one, or damaged) and were left as they were:",
                                  count).format(n=count))
            lines += [f"  • {path.name}" for path in self.change.left]
        return "\n".join(lines)

    def summary(self) -> str:
        """What happened, in one sentence (for the caller's status line)."""
        if self.change is None:
            return ""
        rekeyed = self.change.backups_rekeyed
        if self.change.kind is KeyKind.PASSPHRASE:
            if rekeyed:
                return ngettext("The journal is now locked with the new passphrase; {n} backup re-encrypted too.",
                                "The journal is now locked with the new passphrase; {n} backups re-encrypted too.",
                                rekeyed).format(n=rekeyed)
            return _("The journal is now locked with the new passphrase.")
        if rekeyed:
            return ngettext("The journal is now locked with a new key in this computer's keyring; "
                            "{n} backup re-encrypted too.",
                            "The journal is now locked with a new key in this computer's keyring; "
                            "{n} backups re-encrypted too.", rekeyed).format(n=rekeyed)
        return _("The journal is now locked with a new key in this computer's keyring.")

