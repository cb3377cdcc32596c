"""What the log keeps of a session at the terminal and the desk: the events, never names, notes or keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desk_support import activate, when_modal
from mentorapp import logs
from mentorapp.app import open_desk
from mentorapp.views.runtime import crash
from mentorapp.views.runtime.crash import CrashReporter
from tests.test_cli import run

# Put together at run time: a traceback shows lines of code, and these must not be in any of them.
NAME = "".join(["Zyxwvut", " Marker"])
NOTE = "".join(["Quokkaparasol", " spoke about the Xylophone reorg"])
DESK_NOTE = "".join(["Vermicelli", " deadline worries"])
PASSPHRASE = "".join(["plover", " sesquipedalian lantern"])
NEW_PASSPHRASE = "".join(["ptarmigan", " obsidian ladder"])
EXPORT_NAME = "".join(["Zyxwvut", " notes.json"])
WRONG_GUESS = "".join(["jabberwock", " guess"])
STRANGER = "".join(["Qwertzuiop", " Nobody"])
MARKERS = ("Zyxwvut", "Quokkaparasol", "Xylophone", "Vermicelli", "plover", "sesquipedalian", "jabberwock",
           "Qwertzuiop", "ptarmigan", "obsidian")

CTRL = Qt.KeyboardModifier.ControlModifier


def log_text(folder: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.iterdir()))


def crash_dialogs() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "crashDialog" and w.isVisible()]


@pytest.mark.qt_no_exception_capture  # the desk's own hook is what is being tried
def test_a_session_leaves_its_events_in_the_log_and_nothing_it_holds(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "log"
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(folder))
    to_log = {logs.LOG_DIR_ENV: str(folder)}
    db = tmp_path / "team.db"

    # At the terminal: a new journal, a mentee, a note, a search, a backup, a restore, an export,
    # a new passphrase, and three refusals.
    added = run("mentee", "add", NAME, "--role", "Backend", db=db, passphrase=PASSPHRASE, extra_env=to_log)
    assert added.returncode == 0
    assert run("note", NAME, NOTE, db=db, passphrase=PASSPHRASE, extra_env=to_log).returncode == 0
    assert NAME in run("search", "Xylophone", db=db, passphrase=PASSPHRASE, extra_env=to_log).stdout
    assert run("backup", db=db, passphrase=PASSPHRASE, extra_env=to_log).returncode == 0
    refused = run("note", STRANGER, NOTE, db=db, passphrase=PASSPHRASE, extra_env=to_log)
    assert refused.returncode == 2 and "Qwertzuiop" in refused.stderr  # told on the terminal, not in the log
    assert run("search", "reorg", db=db, passphrase=WRONG_GUESS, extra_env=to_log).returncode == 2
    assert run("mentee", "add", db=db, passphrase=PASSPHRASE, extra_env=to_log).returncode == 2
    assert run("restore", "--latest", db=db, passphrase=PASSPHRASE, extra_env=to_log).returncode == 0
    assert run("export", str(tmp_path / EXPORT_NAME), db=db, passphrase=PASSPHRASE, extra_env=to_log).returncode == 0
    rekeyed = run("rekey", db=db, passphrase=PASSPHRASE, extra_env=to_log, stdin=NEW_PASSPHRASE + "\n")
    assert rekeyed.returncode == 0, rekeyed.stderr

    # At the desk: a note from quick capture, lock and unlock, and a bug nobody caught.
    monkeypatch.setenv("MENTORAPP_PASSPHRASE", NEW_PASSPHRASE)
    monkeypatch.setattr(crash, "open_log_folder", lambda where: opened.append(where) or True)
    opened: list[Path] = []
    _app, window, store = open_desk(db)
    assert window is not None and store is not None
    qtbot.addWidget(window)
    try:
        activate(qtbot, window)
        window.show_mentee(window.services.mentees.find("Zyxwvut").id)
        qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
        capture = window._quick_capture
        qtbot.waitExposed(capture)
        activate(qtbot, capture)
        qtbot.keyClicks(capture.text, DESK_NOTE)
        with qtbot.waitSignal(capture.entry_saved):
            qtbot.keyClick(capture.text, Qt.Key.Key_Return, CTRL)

        activate(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_L, CTRL | Qt.KeyboardModifier.ShiftModifier)
        assert store.locked

        def type_passphrases(dialog) -> None:
            qtbot.keyClicks(dialog.passphrase, WRONG_GUESS)
            qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
            dialog.passphrase.clear()
            qtbot.keyClicks(dialog.passphrase, NEW_PASSPHRASE)
            qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

        when_modal(type_passphrases)
        window.findChild(QPushButton, "unlock").click()
        assert not store.locked

        def bug() -> None:
            raise RuntimeError(f"a bug while showing {NAME}: {DESK_NOTE}")

        for _ in range(3):
            QTimer.singleShot(0, bug)
        qtbot.waitUntil(lambda: len(crash_dialogs()) == 1)
        qtbot.wait(100)  # the second and third are in by now, and still one dialog
        assert app_reporter().count == 3 and len(crash_dialogs()) == 1
        dialog = crash_dialogs()[0]
        assert str(logs.log_file()) in dialog.text() and "journal is safe" in dialog.text()
        dialog.findChild(QPushButton, "openLogFolder").click()
        assert opened == [folder]
        dialog.done(0)
    finally:
        app_reporter().uninstall()
        window.close()
        window.context.runner.wait()
        store.close()
        logs.shutdown_logging()

    text = log_text(folder)
    found = [marker for marker in MARKERS if marker.lower() in text.lower()]
    assert found == []
    events = (
        "Created team.db (key from environment)", "Command note started", "Backup (daily) of team.db made",
        "Backup (manual) of team.db made", "Refused: mentorapp.models.errors.NotFoundError",
        "Refused: mentorapp.models.errors.WrongKeyError", "Refused: mentorapp.cli.opening.UsageError",
        "Restored team.db from team-", "Exported team.db in plain text to a file",
        "Key of team.db changed to a passphrase", "Desk opened team.db (key from environment)",
        "Locked team.db (by hand)", "Unlocked team.db", "Uncaught RuntimeError",
    )
    for event in events:
        assert event in text, event
    assert text.count("Uncaught RuntimeError") == 3


def app_reporter() -> CrashReporter:
    return QApplication.instance().findChild(CrashReporter)
