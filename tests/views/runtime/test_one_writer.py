"""One desk per journal, and the desk seeing what the command line wrote meanwhile."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from mentorapp.models.trust.desk_lock import desk_holding
from mentorapp.models.services import Services, Topic
from mentorapp.models.storage.store import Key, Store
from mentorapp.views.runtime.journal_watcher import JournalWatcher
from mentorapp.views.runtime.single_instance import bring_to_front, claim_journal
from tests.conftest import TEST_KEY, TEST_PASSPHRASE
from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[3]

SECOND_DESK = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from mentorapp.views.runtime.single_instance import claim_journal
    app = QApplication([])
    claim = claim_journal(Path(sys.argv[1]))
    print("acquired" if claim.acquired else "refused", claim.first_desk_raised, claim.refusal, flush=True)
    if claim.acquired and sys.argv[2:] == ["hold"]:
        sys.stdin.readline()
""")


def desk_process(journal: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SECOND_DESK, str(journal), *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )


def test_a_second_desk_on_the_same_journal_is_refused_and_raises_the_first(qtbot, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    first = claim_journal(journal)
    try:
        assert first.acquired
        with qtbot.waitSignal(first.raise_requested, timeout=20_000):
            second = desk_process(journal)
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=20_000)
        out = second.stdout.read()
        assert out.startswith("refused True journal.db is already open in MentorApp; that window has been")
        other = claim_journal(tmp_path / "other.db")  # another journal opens alongside
        assert other.acquired
        other.release()
    finally:
        first.release()
    assert claim_journal(journal).acquired  # free again once the first desk let go


def test_the_lock_of_a_killed_desk_does_not_keep_the_journal_closed(qtbot, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    holder = desk_process(journal, "hold")
    assert holder.stdout.readline().startswith("acquired")
    assert desk_holding(journal) == holder.pid  # the command line reads Qt's lock file too
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert desk_holding(journal) is None
    claim = claim_journal(journal)
    assert claim.acquired
    claim.release()


def test_bring_to_front_restores_a_minimised_window(qtbot) -> None:
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    bring_to_front(window)
    assert window.isVisible() and not window.isMinimized()


def test_the_desk_shows_a_note_written_by_the_command_line(qtbot, passphrase_journal: Path) -> None:
    with Store.open(passphrase_journal, Key(secret=TEST_PASSPHRASE)) as store:
        services = Services(store)
        heard: list[object] = []
        services.changes.subscribe(heard.append)
        watcher = JournalWatcher(services, interval_ms=50)
        watcher.start()
        result = run("note", "Marco", "Written from a terminal while the desk is open", db=passphrase_journal)
        assert result.returncode == 0, result.stderr
        with qtbot.waitSignal(watcher.foreign_write, timeout=10_000):
            pass
        watcher.stop()
        assert any(change.touches(Topic.ENTRIES) for change in heard)
        assert services.search.query("terminal")


def test_the_desk_does_not_mistake_its_own_writes_for_foreign_ones(qtbot, services: Services,
                                                                  journal_path: Path) -> None:
    watcher = JournalWatcher(services, interval_ms=60_000)
    watcher.start()
    ana = services.mentees.add(name="Ana")
    services.entries.add(mentee_id=ana.id, text="from the desk itself")
    assert not watcher.check_now()
    with Store.open(journal_path, TEST_KEY) as other:  # another writer, as another process would be
        Services(other).entries.add(mentee_id=ana.id, text="from elsewhere")
    assert watcher.check_now()
    assert not watcher.check_now()  # announced once
    services.store.lock()
    assert not watcher.check_now()  # locked: no connection, no look
    services.store.unlock(TEST_KEY)
    watcher.check_now()
    with Store.open(journal_path, TEST_KEY) as other:
        Services(other).entries.add(mentee_id=ana.id, text="after the unlock")
    assert watcher.check_now()
    watcher.stop()
