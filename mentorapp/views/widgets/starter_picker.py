"""A button that offers the conversation-starter library and inserts the chosen one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolButton, QWidget

from mentorapp.i18n import _
from mentorapp.models.services import Services


class StarterPicker(QToolButton):
    """“Starters ▾”: lists the starters when opened; choosing one inserts it at the cursor."""

    inserted = Signal(str)  # the starter's text, once it is in the editor

    def __init__(self, services: Services, editor: QPlainTextEdit | QTextEdit,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.editor = editor
        # Translators: a short button that offers the conversation starters.
        self.setText(_("Starters"))
        self.setToolTip(_("Open with a question: insert a conversation starter"))
        self.setAccessibleName(_("Conversation starters"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.menu_.aboutToShow.connect(self._fill)
        self.setMenu(self.menu_)

    def _fill(self) -> None:
        self.menu_.clear()
        starters = self.services.starters.list()
        if not starters:
            self.menu_.addAction(_("No starters yet")).setEnabled(False)
        for starter in starters:
            action = self.menu_.addAction(_elide(starter.text))
            action.setToolTip(starter.text)
            action.triggered.connect(lambda _checked=False, text=starter.text: self.insert(text))

    def insert(self, text: str) -> None:
        cursor = self.editor.textCursor()
        before = self.editor.toPlainText()[: cursor.position()]
        if before and not before.endswith((" ", "\n")):
            text = " " + text
        cursor.insertText(text)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()
        self.inserted.emit(text.strip())


def _elide(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
