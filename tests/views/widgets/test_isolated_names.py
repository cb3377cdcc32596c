"""Right-to-left names inside the desk's own sentences, and notes typed in a right-to-left script.

"محمد عبد الرحمن is not on the watchlist" must stay an English sentence with an Arabic
name in it (not "is not on the watchlist محمد…"), and a note typed in Arabic sits at the
right edge of its box while it is typed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QWidget

from desk_support import open_desk
from mentorapp.models.services import Services
from mentorapp.models.vocabulary import FSI, PDI
from mentorapp.views.mentee.watchlist import WatchSection
from mentorapp.views.shell.quick_capture import QuickCaptureDialog
from mentorapp.views.widgets.section_parts import paragraph
from mentorapp.views.widgets.text_direction import LRM, follow_text_direction, isolate, sentence

ARABIC_NAME = "محمد عبد الرحمن"
ARABIC_NOTE = "تحدثنا عن خطة الربع القادم"


def ink(image: QImage) -> tuple[int, int]:
    """Leftmost and rightmost columns holding text."""
    background = QColor(image.pixel(image.width() - 2, image.height() - 2)).lightness()
    columns = [x for x in range(image.width())
               if any(abs(QColor(image.pixel(x, y)).lightness() - background) > 80 for y in range(image.height()))]
    assert columns, "nothing is drawn"
    return columns[0], columns[-1]


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` key by key, as a keyboard in that script would (QTest only knows ASCII keys)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _label_ink(qtbot, label: QLabel) -> tuple[int, int]:
    qtbot.addWidget(label)
    label.setFixedSize(900, 40)
    label.show()
    qtbot.waitExposed(label)
    return ink(label.grab().toImage())


def test_an_english_sentence_that_starts_with_an_arabic_name_stays_left_to_right(qtbot) -> None:
    said = sentence(f"{isolate(ARABIC_NAME)} is not on the watchlist")
    assert said == f"{LRM}{FSI}{ARABIC_NAME}{PDI} is not on the watchlist"
    for label in (paragraph(said), QLabel(said)):  # selectable and plain labels alike
        left, right = _label_ink(qtbot, label)
        assert left < 20 and right < 450, (type(label), left, right)
    # Without the isolate the whole line turns around and moves to the right edge.
    left, right = _label_ink(qtbot, paragraph(f"{ARABIC_NAME} is not on the watchlist"))
    assert right > 850


def test_a_plain_left_to_right_name_is_left_as_it_is() -> None:
    assert sentence(f"{isolate('Priya Raman')} is not on the watchlist") == "Priya Raman is not on the watchlist"


def test_the_watchlist_tab_names_an_arabic_mentee_inside_its_sentence(qtbot, services: Services) -> None:
    mentee = services.mentees.add(name=ARABIC_NAME, role="Engineer")
    window = open_desk(qtbot, services)
    window.show_mentee(mentee.id)
    section = next(s for s in window.mentee_page.sections if isinstance(s, WatchSection))
    section.set_mentee(mentee.id)
    assert section.empty.title.text() == f"{LRM}{FSI}{ARABIC_NAME}{PDI} is not on the watchlist"


def test_a_note_typed_in_arabic_sits_at_the_right_edge_while_it_is_typed(qtbot, services: Services) -> None:
    services.mentees.add(name=ARABIC_NAME, role="Engineer")
    window = open_desk(qtbot, services)
    dialog = QuickCaptureDialog(window.context)
    qtbot.addWidget(dialog)
    dialog.resize(700, 400)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.text
    box.setFocus()
    type_text(box, ARABIC_NOTE)
    qtbot.wait(20)
    width = box.viewport().width()
    left, right = ink(box.viewport().grab().toImage())
    assert left > width / 2 and right > width - 30, (left, right, width)
    box.selectAll()
    qtbot.keyClicks(box, "We talked about next quarter")
    qtbot.wait(20)
    left, right = ink(box.viewport().grab().toImage())
    assert left < 30 and right < width / 2, (left, right, width)
    box.clear()  # nothing left to keep: closing asks no question


def test_every_kind_of_text_box_follows_the_typing_direction(qtbot) -> None:
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    follow_text_direction(box)
    box.setPlainText(f"\n  {ARABIC_NOTE}\nand an English line")  # the first paragraph with letters decides
    qtbot.wait(10)
    alignment = box.document().defaultTextOption().alignment()
    assert alignment & Qt.AlignmentFlag.AlignRight
    box.setPlainText("English first\n" + ARABIC_NOTE)
    qtbot.wait(10)
    assert box.document().defaultTextOption().alignment() & Qt.AlignmentFlag.AlignLeft
