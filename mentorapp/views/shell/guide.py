"""Help ▸ MentorApp guide (F1): a short offline guide to the method and the main tasks.

The text ships in resources/guide/guide.html, so it is there without a network and
reads the same in every installation.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from mentorapp.resources import resource


def guide_html() -> str:
    return resource("guide", "guide.html").read_text(encoding="utf-8")


class GuideWindow(QDialog):
    """The guide in a window of its own, beside the desk (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("MentorApp guide")
        self.setObjectName("guide")
        self.resize(620, 560)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("guide_text")
        self.text.setAccessibleName("MentorApp guide")
        self.text.setOpenLinks(False)
        self.text.setHtml(guide_html())
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.text.setFocus()
