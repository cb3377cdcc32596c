"""Speech bubbles in a thread: each shows its whole header, however short the message."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

import mentorapp.views.widgets.conversation_view as conversation_view
from mentorapp.models.vocabulary import Direction, Setting, Side
from mentorapp.views.mentee.threads import ThreadsSection
from tests.views.mentee.sections.conftest import TODAY, today

AT = dt.datetime.combine(TODAY - dt.timedelta(days=3), dt.time(10, 0))


class RecordingMetrics(QFontMetrics):
    """QFontMetrics that remembers every line it had to shorten with an ellipsis."""

    shortened: list[str] = []

    def elidedText(self, text: str, mode: Qt.TextElideMode, width: int, flags: int = 0) -> str:  # Qt override
        shown = super().elidedText(text, mode, width, flags)
        if shown != text:
            RecordingMetrics.shortened.append(text)
        return shown


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    RecordingMetrics.shortened = []
    monkeypatch.setattr(conversation_view, "QFontMetrics", RecordingMetrics)
    return RecordingMetrics.shortened


def test_short_messages_show_when_and_where_in_full(qtbot, desk, shown, ana, services, recording) -> None:
    thread = services.threads.open(mentee_id=ana.id, topic="Standups", opened_by=Side.MENTEE,
                                   first_text="ok", setting=Setting.COFFEE, at=AT)
    services.threads.reply(thread.id, text="fine", direction=Direction.TO_MENTEE, setting=Setting.COFFEE, at=AT)
    services.threads.reply(thread.id, text="x", direction=Direction.FROM_MENTEE, setting=Setting.WALK, at=AT)
    section = shown(ThreadsSection(desk, today=today))
    section.set_mentee(ana.id)
    section.conversation.viewport().grab()  # paints every bubble

    assert section.conversation_model.rowCount() == 3
    assert recording == []
