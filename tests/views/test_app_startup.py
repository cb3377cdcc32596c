"""The desk as `mentorapp` starts it: one desk per journal, and writes from a terminal seen live."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from desk_support import activate
from mentorapp.app import open_desk
from mentorapp.views.mentee.timeline import EntryRole
from tests.conftest import TEST_PASSPHRASE
from tests.test_cli import run


@pytest.fixture(autouse=True)
def _desk_locale_restored() -> Iterator[None]:
    """A start sets QLocale's default to the lead's locale (en_GB here); later tests keep the one they had."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


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


def test_the_desk_erases_at_opening_whoever_the_retention_policy_has_announced_for_14_days(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from mentorapp.models.clock import FixedClock
    from mentorapp.models.services import Services
    from mentorapp.models.storage.store import Store
    from tests.conftest import TEST_KEY

    path = tmp_path / "journal.db"
    with Store.open(path, TEST_KEY) as opened:
        s = Services(opened, clock=FixedClock(dt.datetime(2021, 3, 1, 10, 0)))
        left = s.mentees.add(name="Ana Left")
        held = s.mentees.add(name="Björn Held")
        for person in (left, held):
            s.mentees.set_archived(person.id, True)
        s.mentees.hold(held.id, reason="Dispute")
        s.retention.set_months(6)
        s.retention.mark_noticed(s.retention.schedule())  # as if Today had said so, long ago
    monkeypatch.setenv("MENTORAPP_PASSPHRASE", f"x'{TEST_KEY.secret}'")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *rest: told.append(text))
    _app, window, store = open_desk(path)
    assert window is not None and store is not None
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(told))
        assert "Erased Ana Left for good" in told[0] and "Björn" not in told[0]
        names = {m.name for m in window.services.mentees.list(include_archived=True)}
        assert names == {"Björn Held"}  # held: kept
    finally:
        window.close()
        window.context.runner.wait()
        store.close()
