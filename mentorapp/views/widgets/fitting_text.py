"""Text that fits the room it is given, at any window size and scale.

- `wrapped_document`: a paragraph painted by a delegate that wraps between words, and inside
  a word only when one is wider than the line (a pasted link, a 60-letter compound), instead
  of running past the card's edge.
- `NameChoice`: a radio button whose words name someone. A button cannot wrap, so the name
  is shortened (…) to the width the layout gives it, and the whole name is its tooltip;
  the words around it and its Alt-letter stay as they are.
- `cap_width` and `ask_text`: a dialog no wider than its screen (a 110-character name wraps
  inside it rather than widening it past the edge), and a one-line question whose sentence wraps.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from mentorapp.views.widgets.text_direction import isolate, paragraph_direction

NAME = "{name}"
_SHORTEST_NAME = "Maximilian"  # a name is never shortened below about this much of it


def wrapped_document(text: str, font: QFont, width: float) -> QTextDocument:
    """`text` laid out `width` wide, in the direction its writer used, long words broken."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    option.setTextDirection(paragraph_direction(text))
    document.setDefaultTextOption(option)
    document.setPlainText(text)
    document.setTextWidth(width)
    return document


def cap_width(dialog: QWidget, *, widest: int = 720) -> None:
    """No wider than `widest` nor than the screen it opens on (less a margin for its frame)."""
    anchor = dialog.parentWidget() or dialog
    screen = anchor.screen() or QApplication.primaryScreen()
    room = screen.availableGeometry().width() - 48
    dialog.setMaximumWidth(max(min(widest, room), dialog.minimumWidth()))


def ask_text(parent: QWidget | None, title: str, question: str) -> tuple[str, bool]:
    """QInputDialog.getText, with the question wrapped inside a dialog that fits the screen."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setLabelText(question)
    for label in dialog.findChildren(QLabel):
        label.setWordWrap(True)
    dialog.setMinimumWidth(min(440, (parent or dialog).width() or 440))
    cap_width(dialog, widest=560)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.textValue(), accepted


def _without_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class NameChoice(QRadioButton):
    """A radio button reading `words` (with NAME where the person's name goes), the name fitted to its width."""

    def __init__(self, words: str, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words = words
        self._name = name
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit(None)

    def set_name(self, name: str) -> None:
        self._name = name
        self._fit(None)
        self.updateGeometry()

    def full_text(self) -> str:
        return self._words.replace(NAME, isolate(self._name))

    def _hint(self, name: str) -> QSize:
        """What QRadioButton.sizeHint says for these words (indicator, spacing, margins), without showing them."""
        text = self._words.replace(NAME, isolate(name))
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = text
        style = self.style()
        size = style.itemTextRect(self.fontMetrics(), QRect(), Qt.TextFlag.TextShowMnemonic, False, text).size()
        return style.sizeFromContents(QStyle.ContentsType.CT_RadioButton, option, size, self)

    def sizeHint(self) -> QSize:  # Qt override
        return self._hint(self._name)

    def minimumSizeHint(self) -> QSize:  # noqa: N802  # a Qt override
        short = QFontMetrics(self.font()).elidedText(
            self._name, Qt.TextElideMode.ElideRight, QFontMetrics(self.font()).horizontalAdvance(_SHORTEST_NAME))
        return self._hint(short)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int | None) -> None:
        name = self._name
        if width is not None and self._hint(name).width() > width:
            metrics = QFontMetrics(self.font())
            chrome = self._hint("").width()
            room = width - chrome
            name = metrics.elidedText(name, Qt.TextElideMode.ElideRight, max(room, 0))
            while room > 0 and self._hint(name).width() > width:  # kerning, isolates: settle by measuring
                room -= 4
                name = metrics.elidedText(self._name, Qt.TextElideMode.ElideRight, max(room, 0))
        QRadioButton.setText(self, self._words.replace(NAME, isolate(name)))
        self.setToolTip(_without_mnemonic(self.full_text()) if name != self._name else "")
