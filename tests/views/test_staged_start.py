"""The desk's start in stages: the frame painted first, then the data; dialogs over the frame; failures told."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QPushButton, QWidget

from desk_support import when_modal
from mentorapp import app as app_module
from mentorapp.app import EXIT_CANNOT_OPEN, DeskStart, start_desk
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Key, Store
from mentorapp.models.trust import backups
from mentorapp.models.trust.opening import open_journal
from mentorapp.views.journal import recovery_kit
from mentorapp.views.journal.damaged import DamagedJournalDialog
from mentorapp.views.journal.recovery_kit import RecoveryKitDialog
from mentorapp.views.journal.unlock import UnlockDialog
from mentorapp.views.shell.frame import DeskFrame

PASSPHRASE = "four words for the journal"


@pytest.fixture(autouse=True)
def _desk_locale_restored() -> Iterator[None]:
    """A start sets QLocale's default to the lead's locale (en_GB here); later tests keep the one they had."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


def keyring_journal(path: Path) -> Path:
    """A journal whose key is in the (test's) keyring and that has never made its recovery sheet."""
    with open_journal(path, prompt=None) as store:
        services = Services(store)
        services.mentees.add(name="Priya")
        services.mentees.add(name="Marco")
        backups.make_backup(store, reason=backups.Reason.DAILY)
    return path


def finish(qtbot, start: DeskStart) -> None:
    qtbot.waitUntil(lambda: start.done, timeout=20_000)
    if start.window is not None:
        qtbot.addWidget(start.window)


def close(start: DeskStart) -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, RecoveryKitDialog):
            widget.close()
    if start.window is not None:
        start.window.close()
        start.window.context.runner.wait()
    if start.store is not None:
        start.store.close()


def visible_frames() -> list[DeskFrame]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, DeskFrame) and w.isVisible()]


def test_the_frame_is_painted_first_with_a_placeholder_then_the_desk_shows_the_team_and_today(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recovery_kit, "offer_recovery_kit", lambda *a, **k: None)
    start = start_desk(keyring_journal(tmp_path / "team.db"))
    frame = start.frame
    assert frame is not None
    frame_size = frame.size()
    try:
        # Before the event loop had a turn: the frame is up, with its menus and a placeholder, no data yet.
        assert frame is not None and frame.isVisible()
        assert start.window is None and not start.done
        assert frame.windowTitle() == "MentorApp — team.db"
        assert frame.findChild(QLabel, "placeholder_status").text() == "Opening team.db…"
        assert frame.quit_action.isEnabled() and frame.menuBar().actions()[0].text() == "&File"
        finish(qtbot, start)
        window = start.window
        assert window is not None and window.isVisible() and start.exit_code == 0
        assert window.mentee_names() == ["Marco", "Priya"]
        assert window.today_view.heading.text().startswith("Today, ")
        assert visible_frames() == []  # the desk took the frame's place
        assert window.size() == frame_size
    finally:
        close(start)


def test_quit_in_the_frame_while_the_stack_loads_ends_the_start_without_opening(
        qtbot, tmp_path: Path) -> None:
    start = start_desk(keyring_journal(tmp_path / "team.db"))
    assert start.frame is not None
    start.frame.quit_action.trigger()  # the lead changed their mind before the desk was there
    qtbot.waitUntil(lambda: start.done, timeout=5_000)
    qtbot.wait(200)  # the loading thread reports after the frame has gone: nothing opens
    assert start.window is None and start.store is None and visible_frames() == []


def test_the_passphrase_prompt_opens_over_the_painted_frame(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, Key(secret=PASSPHRASE)) as store:
        Services(store).mentees.add(name="Priya")
    seen: list[tuple[bool, bool]] = []

    def unlock(dialog: QWidget) -> None:
        frame = dialog.parentWidget()
        seen.append((isinstance(dialog, UnlockDialog), isinstance(frame, DeskFrame) and frame.isVisible()))
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    when_modal(unlock)
    start = start_desk(path)
    try:
        finish(qtbot, start)
        assert seen == [(True, True)]
        assert start.window is not None and start.window.mentee_names() == ["Priya"]
    finally:
        close(start)


def test_the_damaged_journal_dialog_opens_over_the_frame_and_quitting_it_opens_nothing(
        qtbot, tmp_path: Path) -> None:
    path = keyring_journal(tmp_path / "j.db")
    with path.open("r+b") as handle:
        handle.seek(40)
        handle.write(os.urandom(32))
    seen: list[bool] = []

    def quit_at_damage(dialog: QWidget) -> None:
        assert isinstance(dialog, DamagedJournalDialog)
        frame = dialog.parentWidget()
        seen.append(isinstance(frame, DeskFrame) and frame.isVisible())
        dialog.findChild(QPushButton, "quit").click()

    when_modal(quit_at_damage)
    start = start_desk(path)
    finish(qtbot, start)
    assert seen == [True]
    assert start.exit_code == EXIT_CANNOT_OPEN and start.window is None and visible_frames() == []


def _told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[QWidget | None, str]]:
    told: list[tuple[QWidget | None, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, _title, text, *a: told.append((parent, text)))
    return told


@pytest.mark.parametrize("breaks", ["the import thread", "building the desk"])
def test_a_failure_while_loading_is_a_dialog_over_the_frame_never_a_dead_window(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, breaks: str) -> None:
    told = _told(monkeypatch)
    if breaks == "the import thread":
        monkeypatch.setattr(app_module, "STACK_MODULES", (*app_module.STACK_MODULES, "mentorapp.not_installed"))
    else:
        def broken(_services: Services) -> None:
            raise RuntimeError("a bug while building the desk")

        monkeypatch.setattr(app_module, "build_main_window", broken)
    start = start_desk(keyring_journal(tmp_path / "j.db"))
    frame = start.frame
    finish(qtbot, start)
    assert len(told) == 1
    parent, text = told[0]
    assert parent is frame  # over the painted frame, not a window of its own
    assert text == "MentorApp could not finish starting; the log has the details. Your journal was not changed."
    assert start.exit_code == EXIT_CANNOT_OPEN and start.window is None and visible_frames() == []
    assert start.store is None  # the journal was closed again


def test_the_recovery_sheet_is_offered_only_once_the_team_and_today_are_on_screen(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_offer: Callable[..., object] = recovery_kit.offer_recovery_kit
    at_offer: list[tuple[bool, list[str], str, bool]] = []
    started: list[DeskStart] = []

    def offer(services: Services, *, parent: QWidget | None = None) -> object:
        window = started[0].window
        assert window is not None and parent is window
        at_offer.append((window.isVisible(), window.mentee_names(), window.today_view.heading.text(),
                         bool(visible_frames())))
        return real_offer(services, parent=parent)

    monkeypatch.setattr(recovery_kit, "offer_recovery_kit", offer)
    start = start_desk(keyring_journal(tmp_path / "fresh.db"))
    started.append(start)
    try:
        finish(qtbot, start)
        qtbot.waitUntil(lambda: any(isinstance(w, RecoveryKitDialog) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()), timeout=5_000)
        assert len(at_offer) == 1
        visible, names, heading, frame_left = at_offer[0]
        assert visible and names == ["Marco", "Priya"] and heading.startswith("Today, ") and not frame_left
    finally:
        close(start)


def test_what_waits_for_the_loaded_desk_is_called_once_with_it(qtbot, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recovery_kit, "offer_recovery_kit", lambda *a, **k: None)
    start = start_desk(keyring_journal(tmp_path / "team.db"))
    loaded: list[list[str]] = []
    start.when_loaded.append(lambda s: loaded.append(s.window.mentee_names() if s.window else []))
    try:
        finish(qtbot, start)
        assert loaded == [["Marco", "Priya"]]
    finally:
        close(start)


def test_a_closed_unlock_dialog_leaves_no_window_behind(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    Store.open(path, Key(secret=PASSPHRASE)).close()
    when_modal(lambda dialog: dialog.reject() if isinstance(dialog, QDialog) else None)
    start = start_desk(path)
    finish(qtbot, start)
    assert start.exit_code == EXIT_CANNOT_OPEN and start.window is None and visible_frames() == []
