"""Help ▸ MentorApp guide (F1): a short offline guide to the method and the main tasks.

The text ships in resources/guide/guide.html, so it is there without a network and
reads the same in every installation; guide.<language>.html holds it in German, French and Spanish.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from mentorapp import i18n
from mentorapp.i18n import _
from mentorapp.resources import resource, resources_dir


def guide_html(language: str | None = None) -> str:
    """The guide in `language` (the desk's by default): guide.<language>.html, else the English guide.html."""
    spoken = language or i18n.language()
    translated = resources_dir() / "guide" / f"guide.{spoken}.html"
    if spoken != i18n.SOURCE and translated.is_file():
        return translated.read_text(encoding="utf-8")
    return resource("guide", "guide.html").read_text(encoding="utf-8")


class GuideWindow(QDialog):
    """The guide in a window of its own, beside the desk (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("MentorApp guide"))
        self.setObjectName("guide")
        self.resize(620, 560)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("guide_text")
        self.text.setAccessibleName(_("MentorApp guide"))
        self.text.setOpenLinks(False)
        self.text.setHtml(guide_html())
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.text.setFocus()
