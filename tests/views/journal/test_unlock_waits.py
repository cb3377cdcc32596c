"""After wrong passphrases in a row the desk's unlock dialog says how long to wait and keeps its button off."""

from __future__ import annotations

import calendar
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QPushButton, QTextEdit

from mentorapp.models.services import Services
from mentorapp.models.storage.store import Key, Store
from mentorapp.models.clock import SYSTEM_CLOCK
from mentorapp.models.trust.guesses import FIRST_WAIT_SECONDS, FREE_TRIES, count_path, wait_after
from mentorapp.views.journal.auto_lock import AutoLock
from tests.views.journal.test_unlock_and_opening import when_modal

PASSPHRASE = "a passphrase worth waiting for"


def wait_out(journal: Path) -> None:
    """The clock moves past the wait: the last counted try began long enough ago."""
    path = count_path(journal)
    failures, _last = (int(part) for part in path.read_text().split())
    now = calendar.timegm(SYSTEM_CLOCK.utcnow().timetuple())
    path.write_text(f"{failures} {now - wait_after(failures)}\n")


def test_the_lock_screen_makes_a_guesser_wait_and_then_lets_the_lead_in(qtbot, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "journal.db", Key(secret=PASSPHRASE))
    services = Services(store)
    services.mentees.add(name="Ana")
    window = QMainWindow()
    window.setCentralWidget(QTextEdit())
    qtbot.addWidget(window)
    window.show()
    lock = AutoLock(window, services, minutes=0)
    lock.lock_now()
    seen: dict[str, object] = {}

    def guess_three_times(dialog) -> None:
        for number in range(FREE_TRIES):
            dialog.passphrase.clear()
            qtbot.keyClicks(dialog.passphrase, f"guess {number}")
            qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        seen["gave up"] = dialog.gave_up

    when_modal(qtbot, guess_three_times)
    assert not lock.unlock()
    assert seen["gave up"]

    def wait_then_unlock(dialog) -> None:
        said = re.fullmatch(r"Too many wrong tries in a row\. Try again in (\d+) s\.", dialog.problem.text())
        seen["said"] = dialog.problem.text()
        seen["waiting"] = dialog.waiting and not dialog.ok_button.isEnabled()
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)  # the right one, but not tried while waiting
        seen["still locked"] = services.keys.locked and dialog.isVisible()
        seen["seconds"] = int(said.group(1)) if said else None
        wait_out(store.path)
        qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=3000)
        seen["after"] = dialog.problem.text()
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    when_modal(qtbot, wait_then_unlock)
    assert window.findChild(QPushButton, "unlock").isVisible()
    assert lock.unlock(), seen
    assert seen["waiting"] and seen["still locked"], seen
    assert seen["seconds"] is not None and 0 < seen["seconds"] <= FIRST_WAIT_SECONDS, seen["said"]
    assert seen["after"] == "You can try again now."
    assert [m.name for m in services.mentees.list()] == ["Ana"]
    assert not count_path(store.path).exists()  # the right passphrase cleared the count
    store.close()
