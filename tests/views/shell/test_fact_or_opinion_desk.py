"""Writing a concern or a watchlist entry in the desk: mark it as an impression, and a quiet line about
special-category words that never blocks saving."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mentorapp.models.services import Services
from mentorapp.models.vocabulary import EntryKind
from mentorapp.views.mentee.watchlist import CaseDialog
from tests.views.shell.test_quick_capture import newest_note, page_of, press_ctrl_n

CTRL = Qt.KeyboardModifier.ControlModifier
SHOTS = os.environ.get("MENTORAPP_SHOTS")


def test_a_concern_can_be_an_impression_and_sensitive_words_get_one_quiet_line(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    assert not dialog.opinion.isVisible()  # only concerns can be opinions
    dialog.kind.set_value(EntryKind.CONCERN)
    assert dialog.opinion.isVisible() and not dialog.sensitive.isVisible()
    qtbot.keyClicks(dialog.text, "Seems distracted; said he was off sick and his wife is pregnant.")
    assert dialog.sensitive.isVisible()
    assert "health, pregnancy and family" in dialog.sensitive.text()
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "sensitive-hint.png"))
    qtbot.keyClick(dialog.text, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # My impression
    qtbot.waitUntil(dialog.opinion.isChecked)  # a mnemonic clicks its box after a short animation
    assert QApplication.activeModalWidget() is dialog  # a line in the dialog, never a popup over it
    with qtbot.waitSignal(dialog.entry_saved):
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)  # never blocking
    note = newest_note(demo_services, "Marco Rossi")
    assert note.kind is EntryKind.CONCERN and note.opinion


def test_the_case_dialog_checks_its_words_and_keeps_the_opinion(qtbot, demo_services: Services) -> None:
    saved: dict[str, object] = {}
    dialog = CaseDialog(None, mentee_name="Marco Rossi", today=dt.date(2026, 11, 29), save=saved.update)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.sensitive.isVisible()
    qtbot.keyClicks(dialog.concern, "Reviews are late since he joined the Gewerkschaft")
    assert dialog.sensitive.isVisible() and "union membership" in dialog.sensitive.text()
    dialog.opinion.setChecked(True)
    dialog._submit()
    assert saved["opinion"] is True and "Gewerkschaft" in str(saved["concern"])
