"""Unlocking in the desk: three tries, the recovery key, and a damaged or missing journal at start."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QPushButton

from mentorapp.models.trust import backups, keys
from mentorapp.models.trust.opening import open_journal
from mentorapp.models.trust.recovery import format_recovery_key
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Key, Store, WrongKeyError
from mentorapp.views.journal.damaged import DamagedJournalDialog
from mentorapp.views.journal.opening import open_journal_for_desk
from mentorapp.views.journal.unlock import UnlockDialog
from tests.conftest import MemoryKeyring

PASSPHRASE = "four words for the journal"


def when_modal(qtbot, act: Callable[[QDialog], None]) -> None:
    """Act on the next modal dialog as soon as it is shown (exec() blocks the test otherwise)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        act(dialog)

    QTimer.singleShot(0, poll)


def press(dialog: QDialog, name: str) -> None:
    dialog.findChild(QPushButton, name).click()


def passphrase_journal(path: Path) -> Path:
    with Store.open(path, Key(secret=PASSPHRASE)) as store:
        Services(store).mentees.add(name="Priya")
        backups.make_backup(store, reason=backups.Reason.DAILY)
    return path


def test_the_unlock_dialog_counts_down_three_tries(qtbot, tmp_path: Path) -> None:
    tried: list[str] = []

    def attempt(key: Key) -> None:
        tried.append(key.secret)
        raise WrongKeyError("no")

    dialog = UnlockDialog(tmp_path / "j.db", attempt=attempt)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "The passphrase cannot be empty."
    for typed, left in (("first", "2 tries left"), ("second", "1 try left")):
        dialog.passphrase.clear()
        qtbot.keyClicks(dialog.passphrase, typed)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        assert left in dialog.problem.text() and dialog.isVisible()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, "third")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.gave_up and tried == ["first", "second", "third"]


def test_a_typo_in_the_recovery_key_costs_no_try(qtbot, tmp_path: Path) -> None:
    real = Key(secret="1f" * 32, raw=True)
    dialog = UnlockDialog(tmp_path / "j.db", attempt=lambda key: key)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.switch, Qt.MouseButton.LeftButton)
    assert dialog.using_recovery_key and dialog.recovery_key.isVisible()
    text = format_recovery_key(real)
    qtbot.keyClicks(dialog.recovery_key, text[:-1] + ("0" if text[-1] != "0" else "1"))
    assert dialog.recovery_count.text() == "56 of 56 letters and digits"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "typing mistake" in dialog.problem.text() and dialog.tries_left == 3
    dialog.recovery_key.clear()
    qtbot.keyClicks(dialog.recovery_key, text.lower().replace("-", " "))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result_value.same_secret(real)


def test_a_new_journal_without_a_keyring_asks_for_the_passphrase_twice(qtbot, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "_keyring", lambda: None)
    path = tmp_path / "new.db"

    def create(dialog: QDialog) -> None:
        assert dialog.windowTitle() == "Create journal" and not dialog.switch.isVisible()
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClicks(dialog.repeat, PASSPHRASE + " typo")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.problem.text() == "The two passphrases differ."
        dialog.repeat.clear()
        qtbot.keyClicks(dialog.repeat, PASSPHRASE)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, create)
    store = open_journal_for_desk(path)
    assert store is not None
    with store:
        assert store.key.secret == PASSPHRASE


def test_the_desk_opens_a_passphrase_journal_after_a_wrong_try(qtbot, tmp_path: Path) -> None:
    path = passphrase_journal(tmp_path / "p.db")

    def unlock(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.passphrase, "not it")
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        assert "2 tries left" in dialog.problem.text()
        dialog.passphrase.clear()
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    when_modal(qtbot, unlock)
    store = open_journal_for_desk(path)
    assert store is not None
    with store:
        assert [m.name for m in Services(store).mentees.list()] == ["Priya"]


def test_the_desk_takes_the_recovery_key_and_puts_it_back_in_the_keyring(qtbot, tmp_path: Path,
                                                                         memory_keyring: MemoryKeyring) -> None:
    path = tmp_path / "j.db"
    with open_journal(path, prompt=None) as store:
        sheet = format_recovery_key(store.key)
    memory_keyring.secrets.clear()

    def recover(dialog: QDialog) -> None:
        qtbot.mouseClick(dialog.switch, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.recovery_key, sheet)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, recover)
    store = open_journal_for_desk(path)
    assert store is not None
    store.close()
    assert keys.keyring_get(path) is not None
    assert open_journal_for_desk(path) is not None  # next time without a word


def test_three_wrong_passphrases_keep_the_desk_closed_and_say_so(qtbot, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = passphrase_journal(tmp_path / "p.db")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: told.append(text))

    def guess(dialog: QDialog) -> None:
        for attempt in ("one", "two", "three"):
            dialog.passphrase.clear()
            qtbot.keyClicks(dialog.passphrase, attempt)
            qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    when_modal(qtbot, guess)
    assert open_journal_for_desk(path) is None
    assert told and "3 tries did not open p.db" in told[0]


def test_a_damaged_journal_at_start_is_restored_from_its_newest_good_backup(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with open_journal(path, prompt=None) as store:
        Services(store).mentees.add(name="Priya")
        good = backups.make_backup(store, reason=backups.Reason.DAILY)
    with path.open("r+b") as handle:
        handle.seek(40)
        handle.write(os.urandom(32))
    damaged = path.read_bytes()

    def restore(dialog: QDialog) -> None:
        assert isinstance(dialog, DamagedJournalDialog)
        assert "is damaged" in dialog.findChild(QLabel, "explanation").text()
        assert "newest good backup" in dialog.offer.text()
        press(dialog, "restore")

    when_modal(qtbot, restore)
    store = open_journal_for_desk(path)
    assert store is not None
    with store:
        assert [m.name for m in Services(store).mentees.list()] == ["Priya"]
    kept = next(tmp_path.glob("j.db.damaged-*"))
    assert kept.read_bytes() == damaged
    assert good.path.exists()


def test_a_missing_journal_can_be_started_afresh_on_purpose(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with open_journal(path, prompt=None) as store:
        backups.make_backup(store, reason=backups.Reason.DAILY)
    path.unlink()
    when_modal(qtbot, lambda dialog: press(dialog, "start_over"))
    store = open_journal_for_desk(path)
    assert store is not None
    with store:
        assert Services(store).journal.is_empty()


def test_quitting_at_the_damaged_journal_dialog_changes_nothing(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with open_journal(path, prompt=None) as store:
        backups.make_backup(store, reason=backups.Reason.DAILY)
    path.write_bytes(b"")
    when_modal(qtbot, lambda dialog: press(dialog, "quit"))
    assert open_journal_for_desk(path) is None
    assert path.read_bytes() == b"" and len(backups.list_backups(path)) == 1
