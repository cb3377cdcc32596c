"""The mentee page's header shows a name exactly as it was typed: any length, any script, never as markup."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desk_support import when_modal
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.widgets.text_direction import FSI, LRM, PDI, RLM

LONG_NAME = "Maximiliana " + "Alexandra-Wilhelmina " * 12 + "von Hohenzollern-Sigmaringen"


def shown_text(label: QLabel) -> str:
    """What the label puts on screen, as a reader would copy it (invisible direction marks aside)."""
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    ):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return "".join(c for c in text if c not in (LRM, RLM, FSI, PDI))


def shows_it_all(label: QLabel) -> bool:
    """True when every line of the label's text fits inside it."""
    if label.wordWrap():  # no line wider than the label, and room for every line
        return (label.minimumSizeHint().width() <= label.contentsRect().width()
                and label.heightForWidth(label.width()) <= label.height())
    return QFontMetrics(label.font()).horizontalAdvance(label.text()) <= label.contentsRect().width()


def inked_columns(widget: QWidget) -> tuple[int, int]:
    """The leftmost and rightmost pixel columns where the widget drew text."""
    image = widget.grab().toImage()
    background = QColor(image.pixel(0, 0))
    columns = [
        x for x in range(image.width())
        if any(abs(QColor(image.pixel(x, y)).lightness() - background.lightness()) > 60 for y in range(image.height()))
    ]
    assert columns, "the label drew nothing"
    return columns[0], columns[-1]


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type any text, a key press per character, as a keyboard layout for that script would send it."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                                                     character))


def add_mentee(qtbot, desk: MainWindow, *, name: str, role: str, thanks: str = "") -> None:
    def fill(dialog: QWidget) -> None:
        type_text(qtbot, dialog.name, name)
        type_text(qtbot, dialog.role, role)
        type_text(qtbot, dialog.thanks, thanks)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(fill)
    qtbot.keyClick(desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_a_name_that_looks_like_markup_is_shown_as_typed(qtbot, demo_desk: MainWindow) -> None:
    add_mentee(qtbot, demo_desk, name="<b>Ana</b> & <i>Co</i>", role="<u>Staff</u> engineer",
               thanks="a <s>quiet</s> note")
    header = demo_desk.mentee_page.header
    assert shown_text(header.name) == "<b>Ana</b> & <i>Co</i>"
    assert shown_text(header.details).startswith("<u>Staff</u> engineer · check in every 14 days")
    assert shown_text(header.details).endswith("likes to be thanked with: a <s>quiet</s> note")


def test_a_very_long_name_wraps_in_the_header_and_never_widens_the_window(qtbot, demo_desk: MainWindow) -> None:
    width = demo_desk.width()
    add_mentee(qtbot, demo_desk, name=LONG_NAME, role="Principal engineer " * 10,
               thanks="the kudos bot, ticket " + "7f3a9c" * 25)  # one token that cannot wrap
    header = demo_desk.mentee_page.header
    qtbot.waitUntil(lambda: shown_text(header.name) == LONG_NAME)
    assert demo_desk.minimumSizeHint().width() <= width
    assert demo_desk.width() == width
    assert header.name.geometry().right() < header.edit_button.geometry().left()
    qtbot.waitUntil(lambda: shows_it_all(header.name) and shows_it_all(header.details))
    assert not header.name.geometry().intersects(header.details.geometry())


def test_a_right_to_left_name_starts_where_the_rest_of_the_header_starts(qtbot, demo_desk: MainWindow) -> None:
    add_mentee(qtbot, demo_desk, name="مريم الحسيني", role="مهندسة برمجيات", thanks="شكر أمام الفريق")
    header = demo_desk.mentee_page.header
    assert shown_text(header.name) == "مريم الحسيني"
    assert shown_text(header.details).startswith("مهندسة برمجيات · check in every 14 days")
    for label in (header.name, header.details):
        left, right = inked_columns(label)
        assert left < 12, f"{shown_text(label)!r} is pushed to the right"
        assert right < label.width() - 12 or label is header.details
