"""The desk as `mentorapp` starts it: one desk per journal, and writes from a terminal seen live."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from desk_support import activate
from mentorapp.app import open_desk
from mentorapp.views.mentee.timeline import EntryRole
from tests.conftest import TEST_PASSPHRASE
from tests.test_cli import run


def test_the_desk_refuses_a_second_window_and_shows_what_the_terminal_wrote(
    qtbot, passphrase_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORAPP_PASSPHRASE", TEST_PASSPHRASE)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *rest: told.append(text))
    _app, window, store = open_desk(passphrase_journal)
    assert window is not None and store is not None
    qtbot.addWidget(window)
    try:
        assert window.isVisible() and "Priya Raman" in window.mentee_names()
        _app, second, _store = open_desk(passphrase_journal)
        assert second is None
        assert told and "already open" in told[0]

        marco = window.services.mentees.find("Marco")
        window.show_mentee(marco.id)
        written = run("note", "Marco", "Jotted from a terminal while the desk was open", db=passphrase_journal)
        assert written.returncode == 0, written.stderr
        model = window.mentee_page.timeline.model
        qtbot.waitUntil(
            lambda: model.rowCount() > 0 and "terminal" in model.index(0).data(EntryRole).text, timeout=15_000
        )
    finally:
        window.close()
        window.context.runner.wait()
        store.close()


def test_lock_now_hides_the_journal_until_the_passphrase_is_given(
    qtbot, passphrase_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORAPP_PASSPHRASE", TEST_PASSPHRASE)
    _app, window, store = open_desk(passphrase_journal)
    assert window is not None and store is not None
    qtbot.addWidget(window)
    try:
        activate(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert store.locked
        message = window.findChild(QLabel, "lock_message")
        qtbot.waitUntil(lambda: message.isVisible())
        assert message.height() >= message.heightForWidth(message.width())  # every line of it, none cut off
        assert window.centralWidget() is None and not window.menuBar().isEnabled()  # the desk is out of the window
    finally:
        window.close()
        window.context.runner.wait()
        store.close()
