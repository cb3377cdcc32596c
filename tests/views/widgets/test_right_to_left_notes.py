"""Notes written in Hebrew or Arabic read right to left on the timeline, as their writer wrote them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor

from desk_support import DEMO_TODAY, open_desk
from mentorapp.models.services import Services
from mentorapp.models.vocabulary import Direction

AT = dt.datetime.combine(DEMO_TODAY - dt.timedelta(days=2), dt.time(9, 30))


def body_ink(image, rect) -> tuple[int, int]:  # a QImage and a row's QRect
    """Leftmost and rightmost columns with text in the lower half of a timeline card (the note itself)."""
    background = QColor(image.pixel(rect.left() + 2, rect.bottom() - 3)).lightness()
    rows = range(rect.top() + rect.height() // 2, rect.bottom() - 2)
    columns = [x for x in range(rect.left(), rect.right())
               if any(abs(QColor(image.pixel(x, y)).lightness() - background) > 80 for y in rows)]
    assert columns, "the card shows no text"
    return columns[0], columns[-1]


def test_a_hebrew_note_reads_from_the_right_and_an_english_one_from_the_left(qtbot, services: Services) -> None:
    mentee = services.mentees.add(name="Noa Levi", role="QA engineer")
    services.entries.add(mentee_id=mentee.id, text="Said the release went well.", direction=Direction.FROM_MENTEE,
                         at=AT)
    services.entries.add(mentee_id=mentee.id, text="היא אמרה שהשחרור עבר טוב (3 פעמים).",
                         direction=Direction.FROM_MENTEE, at=AT + dt.timedelta(hours=1))
    window = open_desk(qtbot, services)
    window.show_mentee(mentee.id)
    timeline = window.mentee_page.timeline
    qtbot.waitUntil(lambda: timeline.model.rowCount() == 2)
    image = timeline.list.viewport().grab().toImage()
    width = timeline.list.viewport().width()

    hebrew_left, hebrew_right = body_ink(image, timeline.list.visualRect(timeline.model.index(0)))
    english_left, english_right = body_ink(image, timeline.list.visualRect(timeline.model.index(1)))
    assert english_left < 30 and english_right < width / 2
    assert hebrew_left > width / 2 and hebrew_right > width - 30
