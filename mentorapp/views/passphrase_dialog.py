"""Asks for a journal's passphrase when neither the environment nor the keyring has its key."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mentorapp.models.keys import PromptRequest


class PassphraseDialog(QDialog):
    """One hidden field to unlock; two (typed twice) to create a journal."""

    def __init__(self, request: PromptRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Create journal" if request.creating else "Unlock journal")
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        if request.creating:
            intro = (
                f"Choose a passphrase for the new journal <b>{request.path.name}</b>. "
                "Nobody, including you, can read the journal without it."
            )
        else:
            intro = f"Type the passphrase of <b>{request.path.name}</b>."
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.problem = QLabel(request.retry_reason)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(request.retry_reason))
        layout.addWidget(self.problem)

        form = QFormLayout()
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        form.addRow("&Passphrase:", self.passphrase)
        self.repeat: QLineEdit | None = None
        if request.creating:
            self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
            self.repeat.setAccessibleName("Repeat passphrase")
            form.addRow("&Repeat:", self.repeat)
        layout.addLayout(form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_if_consistent)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _accept_if_consistent(self) -> None:
        if self.repeat is not None and self.repeat.text() != self.passphrase.text():
            self.problem.setText("The two passphrases differ.")
            self.problem.setVisible(True)
            return
        if not self.passphrase.text():
            self.problem.setText("The passphrase cannot be empty.")
            self.problem.setVisible(True)
            return
        self.accept()


def ask_passphrase(request: PromptRequest) -> str | None:
    dialog = PassphraseDialog(request)
    return dialog.passphrase.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
