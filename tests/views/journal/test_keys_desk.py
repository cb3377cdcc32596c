"""The desk's key pieces: changing the key, the recovery sheet, and the auto-lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QMessageBox, QPushButton, QTextEdit

from mentorapp.models.trust import keys
from mentorapp.models.trust.keys import KeyKind
from mentorapp.models.trust.opening import open_journal
from mentorapp.models.trust.recovery import format_recovery_key
from mentorapp.models.services import Services, Topic
from mentorapp.models.storage.store import JournalLockedError, Key, Store, WrongKeyError
from mentorapp.views.journal.auto_lock import AutoLock
from mentorapp.views.runtime.background import BackgroundRunner
from mentorapp.views.journal.change_key import ChangeKeyDialog
from mentorapp.views.journal.recovery_kit import offer_recovery_kit, show_recovery_kit
from tests.conftest import MemoryKeyring
from tests.views.journal.test_unlock_and_opening import when_modal

PASSPHRASE = "the current passphrase of the journal"


@pytest.fixture
def keyring_services(tmp_path: Path) -> Services:
    store = open_journal(tmp_path / "journal.db", prompt=None)
    yield Services(store)
    store.close()


@pytest.fixture
def passphrase_services(tmp_path: Path) -> Services:
    store = Store.open(tmp_path / "journal.db", Key(secret=PASSPHRASE))
    Services(store).mentees.add(name="Ana")
    yield Services(store)
    store.close()


# -- changing the key --------------------------------------------------------------------------------------
def test_changing_the_passphrase_needs_the_current_one(qtbot, passphrase_services: Services,
                                                       runner: BackgroundRunner) -> None:
    dialog = ChangeKeyDialog(passphrase_services, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current_passphrase, "a guess")
    qtbot.keyClicks(dialog.new_passphrase, "short")
    assert "can be guessed" in dialog.strength.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "That is not the journal's current passphrase."
    dialog.current_passphrase.clear()
    qtbot.keyClicks(dialog.current_passphrase, PASSPHRASE)
    dialog.new_passphrase.clear()
    qtbot.keyClicks(dialog.new_passphrase, "four brand new words")
    qtbot.keyClicks(dialog.repeat, "four brand new word")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "The two new passphrases differ."
    qtbot.keyClicks(dialog.repeat, "s")
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.summary().startswith("The journal is now locked with the new passphrase")
    store = passphrase_services.store
    assert [m.name for m in passphrase_services.mentees.list()] == ["Ana"]  # the desk goes on
    with pytest.raises(WrongKeyError):
        Store.open(store.path, Key(secret=PASSPHRASE))


def test_moving_to_a_keyring_key_offers_a_new_recovery_sheet(qtbot, passphrase_services: Services,
                                                             runner: BackgroundRunner) -> None:
    dialog = ChangeKeyDialog(passphrase_services, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current_passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.choose_keyring, Qt.MouseButton.LeftButton)
    assert not dialog.new_passphrase.isEnabled()
    with qtbot.waitSignal(dialog.recovery_kit_wanted, timeout=20_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert passphrase_services.keys.kind() is KeyKind.KEYRING
    assert keys.keyring_get(passphrase_services.store.path) == passphrase_services.store.key.secret


def test_without_a_keyring_the_key_can_only_be_a_passphrase(qtbot, passphrase_services: Services,
                                                            runner: BackgroundRunner,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "_keyring", lambda: None)
    dialog = ChangeKeyDialog(passphrase_services, runner)
    qtbot.addWidget(dialog)
    assert not dialog.choose_keyring.isEnabled()


# -- the recovery sheet ---------------------------------------------------------------------------------------
def test_the_recovery_sheet_is_offered_once_without_blocking(qtbot, keyring_services: Services,
                                                            tmp_path: Path) -> None:
    offer = offer_recovery_kit(keyring_services)
    assert offer is not None and offer.isVisible() and not offer.isModal()
    qtbot.addWidget(offer)
    assert offer.findChild(QPushButton, "close").text() == "&Later"
    target = tmp_path / "sheet.pdf"
    assert offer.save_to(target) == target
    assert target.stat().st_mode & 0o077 == 0
    text = PdfReader(target).pages[0].extract_text()
    assert format_recovery_key(keyring_services.store.key).split("-")[0] in text
    assert "Saved sheet" in offer.findChild(QLabel, "status").text()
    assert offer_recovery_kit(keyring_services) is None  # made: not offered again


def test_the_recovery_sheet_prints_from_memory(qtbot, keyring_services: Services, tmp_path: Path) -> None:
    from mentorapp.views.journal.recovery_kit import RecoveryKitDialog

    dialog = RecoveryKitDialog(keyring_services)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a printer that writes a file, for the test only
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 1
    assert not keyring_services.keys.kit_needed()


def test_a_passphrase_journal_explains_it_has_no_recovery_sheet(qtbot, passphrase_services: Services,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    assert offer_recovery_kit(passphrase_services) is None
    show_recovery_kit(passphrase_services)
    assert "the passphrase is the only way in" in told[0]


# -- auto-lock ------------------------------------------------------------------------------------------------
def desk_window(qtbot) -> tuple[QMainWindow, QTextEdit]:
    window = QMainWindow()
    notes = QTextEdit("Priya worries about the release")
    window.setCentralWidget(notes)
    window.menuBar().addMenu("&File").addAction("&Quit")
    window.resize(800, 500)
    qtbot.addWidget(window)
    window.show()
    return window, notes


def test_idle_minutes_lock_the_desk_and_put_the_key_away(qtbot, passphrase_services: Services) -> None:
    window, notes = desk_window(qtbot)
    lock = AutoLock(window, passphrase_services, minutes=1)
    lock._timer.setInterval(50)  # one idle minute, shortened for the test
    lock._timer.start()
    with qtbot.waitSignal(lock.locked, timeout=5000):
        pass
    screen = window.findChild(QLabel, "lock_message").parentWidget()
    assert screen.isVisible() and screen.geometry() == window.rect()
    assert not notes.isEnabled() and not window.menuBar().isEnabled()
    assert "after 1 idle minute" in window.findChild(QLabel, "lock_message").text()
    with pytest.raises(JournalLockedError):
        passphrase_services.mentees.list()

    def unlock(dialog) -> None:
        assert not dialog.switch.isVisible()  # a passphrase journal has no recovery key
        qtbot.keyClicks(dialog.passphrase, "wrong")
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        assert "2 tries left" in dialog.problem.text()
        dialog.passphrase.clear()
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    heard = []
    passphrase_services.changes.subscribe(heard.append)
    when_modal(qtbot, unlock)
    qtbot.mouseClick(window.findChild(QPushButton, "unlock"), Qt.MouseButton.LeftButton)
    assert not lock.is_locked and notes.isEnabled() and window.menuBar().isEnabled()
    assert [m.name for m in passphrase_services.mentees.list()] == ["Ana"]
    assert any(change.touches(Topic.JOURNAL) for change in heard)


def test_typing_keeps_the_desk_unlocked(qtbot, passphrase_services: Services) -> None:
    window, notes = desk_window(qtbot)
    lock = AutoLock(window, passphrase_services, minutes=1)
    lock._timer.setInterval(400)
    lock._timer.start()
    for _ in range(6):
        qtbot.keyClicks(notes, "x")  # activity restarts the idle clock
        lock._timer.setInterval(400)
        qtbot.wait(100)
    assert not lock.is_locked


def test_a_keyring_journal_unlocks_from_the_keyring_or_the_recovery_key(qtbot, keyring_services: Services,
                                                                        memory_keyring: MemoryKeyring) -> None:
    window, notes = desk_window(qtbot)
    lock = AutoLock(window, keyring_services, minutes=0)
    lock.lock_now()
    assert lock.unlock()  # the key is read from the keyring again, nothing to type
    sheet = format_recovery_key(keyring_services.store.key)
    lock.lock_now()
    memory_keyring.secrets.clear()

    def recover(dialog) -> None:
        assert dialog.using_recovery_key
        qtbot.keyClicks(dialog.recovery_key, sheet)
        qtbot.keyClick(dialog.recovery_key, Qt.Key.Key_Return)

    when_modal(qtbot, recover)
    assert lock.unlock()
    assert keys.keyring_get(keyring_services.store.path) is not None


def test_after_moving_to_a_keyring_key_the_desk_unlocks_from_the_keyring(
        qtbot, passphrase_services: Services, runner: BackgroundRunner) -> None:
    window, notes = desk_window(qtbot)
    lock = AutoLock(window, passphrase_services, minutes=0)
    dialog = ChangeKeyDialog(passphrase_services, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current_passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.choose_keyring, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    lock.lock_now()
    assert "keyring" in window.findChild(QLabel, "lock_message").text()
    assert lock.unlock()  # no passphrase to ask for any more: the keyring has the key
    assert notes.isEnabled() and [m.name for m in passphrase_services.mentees.list()] == ["Ana"]


def test_the_auto_lock_minutes_are_remembered(qtbot, passphrase_services: Services) -> None:
    window, _notes = desk_window(qtbot)
    lock = AutoLock(window, passphrase_services)
    assert lock.minutes == 0 and not lock._timer.isActive()  # off until chosen
    lock.set_minutes(15)
    # Kept in the journal: the command line reads the same choice, and another desk on it.
    assert passphrase_services.journal.preferences().auto_lock_minutes == 15
    assert AutoLock(window, passphrase_services).minutes == 15
    lock.set_minutes(0)


def test_dialogs_left_open_are_hidden_while_locked(qtbot, passphrase_services: Services) -> None:
    window, _notes = desk_window(qtbot)
    editor = QLineEdit("an unsaved note")
    qtbot.addWidget(editor)
    editor.show()
    lock = AutoLock(window, passphrase_services, minutes=0)
    lock.lock_now()
    assert not editor.isVisible()
    lock.services.store.unlock(Key(secret=PASSPHRASE))
    lock.unlock()
    assert editor.isVisible() and editor.text() == "an unsaved note"


def test_keeping_the_old_backups_names_them_when_the_key_has_changed(qtbot, passphrase_services: Services,
                                                                    runner: BackgroundRunner,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from mentorapp.views.runtime.journal_watcher import JournalWatcher

    older = passphrase_services.backups.back_up_now()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    # The desk watches its journal on a connection of its own: it lets go while the key changes.
    watcher = JournalWatcher(passphrase_services, interval_ms=50)
    watcher.start()
    dialog = ChangeKeyDialog(passphrase_services, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current_passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.new_passphrase, "four brand new words")
    qtbot.keyClicks(dialog.repeat, "four brand new words")
    assert dialog.rekey_backups.isChecked()  # re-encrypting them is the default
    dialog.rekey_backups.setFocus()
    qtbot.keyClick(dialog.rekey_backups, Qt.Key.Key_Space)
    assert not dialog.rekey_backups.isChecked()
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    (message,) = told
    assert "still open only with the old passphrase" in message and older.path.name in message
    assert dialog.change is not None and dialog.change.safety_backup.name in message
    assert backups_problem(older.path, PASSPHRASE) is None  # left as it was, under the old passphrase
    qtbot.waitUntil(lambda: watcher._connection is not None, timeout=5_000)  # watching again, under the new key
    watcher.stop()


def backups_problem(path: Path, passphrase: str) -> object:
    from mentorapp.models.trust import backups

    return backups.backup_problem(path, Key(secret=passphrase))


def test_the_desk_says_a_key_change_cut_short_was_finished(qtbot, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import subprocess
    import sys

    from mentorapp.views.journal.opening import open_journal_for_desk

    path = tmp_path / "journal.db"
    with Store.open(path, Key(secret=PASSPHRASE)) as store:
        Services(store).mentees.add(name="Ana")
    root = Path(__file__).resolve().parents[3]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env.update(PYTHONPATH=str(root), MENTORAPP_PASSPHRASE=PASSPHRASE,
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    killed = subprocess.run([sys.executable, "-m", "tests.support.rekey_dies", "after-rename", "--db", str(path),
                             "rekey"], input="four brand new words\n", capture_output=True, text=True, env=env,
                            cwd=root, timeout=300)
    assert killed.returncode == 137, killed.stderr
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    monkeypatch.setenv("MENTORAPP_PASSPHRASE", "four brand new words")
    store = open_journal_for_desk(path)
    assert store is not None
    try:
        assert [m.name for m in Services(store).mentees.list()] == ["Ana"]
    finally:
        store.close()
    (message,) = told
    assert "was cut short after it took effect and has been finished" in message
    assert "opens with its new key (a passphrase)" in message
