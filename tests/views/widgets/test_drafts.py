"""Drafts: every box a lead types into survives a crash and a kill, and quitting with unsaved words asks.

Each box kind is driven with real keys in a real desk; the "kill" tears the window down
without a clean close, and a new desk on a new connection to the same journal file gets
the words back. One test kills a child process running the desk with SIGKILL.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import shiboken6
from desk_support import activate, open_desk, when_modal
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from mentorapp.models.readmodels import WatchCaseView
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from mentorapp.views.mentee.asks import AsksSection
from mentorapp.views.mentee.goals import GoalsSection
from mentorapp.views.mentee.recognition import RecognitionSection
from mentorapp.views.mentee.threads import ThreadsSection
from mentorapp.views.mentee.watchlist import WatchSection
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.widgets.drafts import COALESCE_MS, DraftKeeper
from tests.conftest import TEST_KEY

WORDS = "Words that must not be lost"
PAUSE_MS = COALESCE_MS + 40  # a human pause after the last keystroke (the one a kill may take)


def section(window: MainWindow, cls: type) -> QWidget:
    tabs = window.mentee_page.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        if isinstance(tabs.currentWidget(), cls):
            return tabs.currentWidget()
    raise AssertionError(f"no {cls.__name__} tab")


def mentee_with(services: Services, has: Callable[[int], object]) -> int:
    return next(m.id for m in services.mentees.list() if has(m.id))


def open_case(services: Services, mentee_id: int) -> WatchCaseView:
    return next(c for c in services.watchlist.for_mentee(mentee_id) if c.is_open)


def has_open_case(services: Services) -> Callable[[int], bool]:
    return lambda mentee_id: any(c.is_open for c in services.watchlist.for_mentee(mentee_id))


@dataclass(frozen=True)
class Box:
    """How a lead reaches one kind of box: opens it on `window` and returns the box."""

    name: str
    open: Callable[[MainWindow, Services], QLineEdit | QPlainTextEdit]


def _section_dialog(cls: type, act: Callable[[QWidget, Services, int], None], field: str,
                    pick: Callable[[Services], Callable[[int], object]]) -> Callable:
    def opener(window: MainWindow, services: Services) -> QLineEdit | QPlainTextEdit:
        mentee_id = mentee_with(services, pick(services))
        window.show_mentee(mentee_id)
        part = section(window, cls)
        act(part, services, mentee_id)
        dialog = part.open_dialog if isinstance(part, WatchSection) else part._open_dialog
        return getattr(dialog, field)
    return opener


def _composer(cls: type, pick: Callable[[Services], Callable[[int], object]]) -> Callable:
    def opener(window: MainWindow, services: Services) -> QLineEdit | QPlainTextEdit:
        window.show_mentee(mentee_with(services, pick(services)))
        return section(window, cls).composer.text
    return opener


def _starters(window: MainWindow, services: Services) -> QLineEdit:
    window.open_starters()
    return window._windows["starters"].new_text


def _quick_capture(window: MainWindow, services: Services) -> QPlainTextEdit:
    window.quick_capture()
    return window._quick_capture.text


def ANY(services: Services) -> Callable[[int], object]:  # noqa: N802 - read as a constant in the table below
    return lambda mentee_id: True


def THREADS(services: Services) -> Callable[[int], object]:  # noqa: N802 - read as a constant in the table below
    return services.threads.for_mentee


def GOALS(services: Services) -> Callable[[int], object]:  # noqa: N802 - read as a constant in the table below
    return services.goals.for_mentee


CASES = has_open_case

BOXES = [
    Box("reply", _composer(ThreadsSection, THREADS)),
    Box("progress note", _composer(GoalsSection, GOALS)),
    Box("new goal", _section_dialog(GoalsSection, lambda s, _sv, _m: s.new_goal(), "outcome", ANY)),
    Box("goal edit", _section_dialog(GoalsSection, lambda s, _sv, _m: s.edit_goal(), "latitude", GOALS)),
    Box("new thread", _section_dialog(ThreadsSection, lambda s, _sv, _m: s.new_thread(), "first", ANY)),
    Box("thread topic", _section_dialog(ThreadsSection, lambda s, _sv, _m: s.rename(), "topic", THREADS)),
    Box("ask", _section_dialog(AsksSection, lambda s, _sv, _m: s.add(), "what", ANY)),
    Box("recognition", _section_dialog(RecognitionSection, lambda s, _sv, _m: s.add(), "what_for", ANY)),
    Box("watchlist case", _section_dialog(WatchSection, lambda s, _sv, _m: s.edit_case(), "support_plan", CASES)),
    Box("chance", _section_dialog(
        WatchSection, lambda s, sv, m: s.watch_actions.add_chance(open_case(sv, m), mentee_name="them"),
        "expectation", CASES)),
    Box("close case", _section_dialog(
        WatchSection, lambda s, sv, m: s.watch_actions.close_case(open_case(sv, m), mentee_name="them"), "reason",
        CASES)),
    Box("conversation starter", _starters),
    Box("quick capture", _quick_capture),
]


def crash(window: MainWindow) -> None:
    """The window goes without any chance to save or ask (no closeEvent, no flush)."""
    for widget in QApplication.topLevelWidgets():
        if widget is window or widget.parent() is window or isinstance(widget, QDialog):
            widget.hide()
    window.hide()


@pytest.fixture
def reopen(qtbot, demo_services: Services, clock) -> Iterator[Callable[[], tuple[MainWindow, Services]]]:
    """A new desk on a new connection to the same journal file (what a restart gives)."""
    stores: list[Store] = []

    def make() -> tuple[MainWindow, Services]:
        store = Store.open(demo_services.store.path, TEST_KEY)
        stores.append(store)
        services = Services(store, clock=clock)
        return open_desk(qtbot, services), services

    yield make
    for store in stores:
        store.close()


@pytest.mark.parametrize("box", BOXES, ids=[b.name for b in BOXES])
def test_what_is_typed_in_every_box_survives_a_crash(qtbot, demo_desk: MainWindow, demo_services: Services,
                                                     reopen, box: Box) -> None:
    typed_into = box.open(demo_desk, demo_services)
    before = typed_into.text() if isinstance(typed_into, QLineEdit) else typed_into.toPlainText()
    typed_into.setFocus()
    qtbot.keyClick(typed_into, Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier if isinstance(typed_into, QLineEdit)
                   else Qt.KeyboardModifier.ControlModifier)  # add to what is there
    qtbot.keyClicks(typed_into, WORDS)
    qtbot.wait(PAUSE_MS)
    crash(demo_desk)

    window, services = reopen()
    assert services.journal.draft_names(), "the journal holds no draft"
    again = box.open(window, services)
    text = again.text() if isinstance(again, QLineEdit) else again.toPlainText()
    assert text == before + WORDS
    window.findChild(QWidget)  # the new desk is alive and answering


def _modal(qtbot, window: MainWindow, open_it: Callable[[], None], field: str,
           typed: str | None) -> str:
    """Open a modal dialog, type `typed` at the end of `field`, then let it vanish as in a crash; returns the field."""
    seen: list[str] = []

    def act(dialog: QWidget) -> None:
        box = getattr(dialog, field)
        seen.append(box.text() if isinstance(box, QLineEdit) else box.toPlainText())
        if typed is not None:
            box.setFocus()
            qtbot.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier if isinstance(box, QLineEdit)
                           else Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(box, typed)
            qtbot.wait(PAUSE_MS)
        QDialog.done(dialog, QDialog.DialogCode.Rejected)  # the dialog goes without asking or clearing

    when_modal(act)
    open_it()
    return seen[0]


def _edit_first_note(window: MainWindow, services: Services) -> Callable[[], None]:
    mentee_id = services.mentees.list()[0].id
    window.show_mentee(mentee_id)
    timeline = window.mentee_page.timeline
    timeline.list.setCurrentIndex(timeline.list.model().index(0, 0))
    return timeline.edit_current


@pytest.mark.parametrize(("what", "field"), [("mentee details", "role"), ("note correction", "text")])
def test_what_is_typed_in_a_modal_dialog_survives_a_crash(qtbot, demo_desk: MainWindow, demo_services: Services,
                                                          reopen, what: str, field: str) -> None:
    def opener(window: MainWindow, services: Services) -> Callable[[], None]:
        if what == "mentee details":
            window.show_mentee(services.mentees.list()[0].id)
            return window.edit_mentee
        return _edit_first_note(window, services)

    before = _modal(qtbot, demo_desk, opener(demo_desk, demo_services), field, WORDS)
    crash(demo_desk)
    window, services = reopen()
    assert _modal(qtbot, window, opener(window, services), field, None) == before + WORDS


def test_a_saved_reply_leaves_no_draft_and_a_reply_waits_for_its_own_thread(
        qtbot, demo_desk: MainWindow, demo_services: Services) -> None:
    box = _composer(ThreadsSection, THREADS)(demo_desk, demo_services)
    threads = section(demo_desk, ThreadsSection)
    thread_id = threads.current_thread.id
    box.setFocus()
    qtbot.keyClicks(box, "Thanks, that helped")
    qtbot.wait(PAUSE_MS)
    assert json.loads(demo_services.journal.draft(f"reply.thread.{thread_id}"))["text"] == "Thanks, that helped"
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert demo_services.journal.draft(f"reply.thread.{thread_id}") is None
    assert box.toPlainText() == ""
    assert demo_services.entries.for_thread(thread_id)[-1].text == "Thanks, that helped"


def test_each_keystroke_is_kept_at_typing_speed_and_focus_loss_writes_the_rest(
        qtbot, demo_services: Services) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    box = QPlainTextEdit(host)
    other = QLineEdit(host)
    keeper = DraftKeeper(demo_services.journal, "reply.thread.999", host)
    keeper.add_text("text", box)
    host.show()
    qtbot.waitExposed(host)
    activate(qtbot, host)
    box.setFocus()
    for number, char in enumerate("steady typing, then a crash"):
        qtbot.keyClick(box, char)
        kept = json.loads(demo_services.journal.draft("reply.thread.999") or '{"text": ""}')["text"]
        # A kill now, before any event is handled, loses at most the last keystroke or two.
        assert len(kept) >= number + 1 - 2, (number, kept)
        qtbot.wait(30)  # brisk typing: ~400 characters a minute
    qtbot.keyClick(box, "!")
    other.setFocus()  # leaving the box writes what is pending at once
    qtbot.waitUntil(lambda: not box.hasFocus())
    assert json.loads(demo_services.journal.draft("reply.thread.999"))["text"] == "steady typing, then a crash!"


def _answer_quit(qtbot, window: MainWindow, button_text: str) -> None:
    qtbot.waitUntil(lambda: window.quit_box is not None and window.quit_box.isVisible(), timeout=3000)
    box = window.quit_box
    assert "words you have not saved" in box.text()
    chosen = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
    chosen.setFocus()
    qtbot.keyClick(chosen, Qt.Key.Key_Space)


def test_quitting_with_unsaved_words_asks_and_keeps_them(qtbot, demo_desk: MainWindow,
                                                         demo_services: Services) -> None:
    box = _composer(GoalsSection, GOALS)(demo_desk, demo_services)
    goal_id = section(demo_desk, GoalsSection).goal.id
    box.setFocus()
    qtbot.keyClicks(box, "Shipped the first slice")
    qtbot.keyClick(box, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # at once: no pause
    _answer_quit(qtbot, demo_desk, "Cancel")
    assert demo_desk.isVisible() and box.toPlainText() == "Shipped the first slice"

    demo_desk.quit_action.trigger()
    _answer_quit(qtbot, demo_desk, "Keep drafts and quit")
    qtbot.waitUntil(lambda: not demo_desk.isVisible(), timeout=3000)
    draft = json.loads(demo_services.journal.draft(f"progress.goal.{goal_id}"))
    assert draft["text"] == "Shipped the first slice"


def test_discarding_at_quit_throws_the_words_away(qtbot, demo_desk: MainWindow, demo_services: Services) -> None:
    box = _starters(demo_desk, demo_services)
    box.setFocus()
    qtbot.keyClicks(box, "What would you change?")
    demo_desk.close()
    _answer_quit(qtbot, demo_desk, "Discard and quit")
    qtbot.waitUntil(lambda: not demo_desk.isVisible(), timeout=3000)
    assert demo_services.journal.draft_names() == []


def test_quitting_with_nothing_typed_asks_nothing(qtbot, demo_desk: MainWindow, demo_services: Services) -> None:
    _composer(ThreadsSection, THREADS)(demo_desk, demo_services)
    demo_desk.close()
    assert not demo_desk.isVisible() and demo_desk.quit_box is None


def test_locking_right_after_typing_keeps_every_word(qtbot, demo_desk: MainWindow, demo_services: Services) -> None:
    box = _composer(ThreadsSection, THREADS)(demo_desk, demo_services)
    thread_id = section(demo_desk, ThreadsSection).current_thread.id
    box.setFocus()
    qtbot.keyClicks(box, "Said before stepping away")
    # Under the lock the timeline's model still fetches rows and meets the locked journal
    # (issue 19.4, not this test's subject): those refusals are allowed here, nothing else.
    with qtbot.capture_exceptions() as raised:
        qtbot.keyClick(box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.wait(10)
    assert all(type(error).__name__ == "JournalLockedError" for _type, error, _tb in raised)
    assert demo_desk.auto_lock.is_locked
    with Store.open(demo_services.store.path, TEST_KEY) as store:  # what a crash under the lock leaves
        kept = Services(store).journal.draft(f"reply.thread.{thread_id}")
    assert json.loads(kept)["text"] == "Said before stepping away"


def test_start_up_says_drafts_are_waiting(qtbot, demo_services: Services, reopen) -> None:
    demo_services.journal.save_draft("quick_capture", json.dumps({"text": "half a note"}))
    demo_services.journal.save_draft("reply.thread.1", json.dumps({"text": "half a reply"}))
    window, _services = reopen()
    message = window.statusBar().currentMessage()
    assert message.startswith("2 unsaved drafts kept from last time: a new note (Ctrl+N), a reply.")
    assert "half a" not in message


def test_start_up_on_a_journal_without_drafts_says_nothing_of_them(qtbot, demo_desk: MainWindow) -> None:
    assert "draft" not in demo_desk.statusBar().currentMessage()


def test_a_restored_dialog_says_so_and_discarding_clears_the_draft(
        qtbot, demo_desk: MainWindow, demo_services: Services) -> None:
    opener = _section_dialog(AsksSection, lambda s, _sv, _m: s.add(), "what", ANY)
    box = opener(demo_desk, demo_services)
    box.setFocus()
    qtbot.keyClicks(box, "Budget for a course")
    qtbot.wait(PAUSE_MS)
    dialog = box.window()
    dialog.hide()  # a crash of the dialog alone
    box = opener(demo_desk, demo_services)
    dialog = box.window()
    assert box.text() == "Budget for a course"
    assert dialog.draft_notice.isVisible() and dialog.draft_notice.text().startswith("Restored what you had not saved")
    QTimer.singleShot(0, lambda: dialog.discard_box.button(QMessageBox.StandardButton.Discard).click())
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    # Closed (and perhaps already deleted by Qt, which the dialog asks for on close).
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=3000)
    assert not [name for name in demo_services.journal.draft_names() if name.startswith("ask.")]


_CHILD = textwrap.dedent("""
    import datetime, sys, time
    from mentorapp.app import build_main_window, make_application
    from mentorapp.models.clock import FixedClock
    from mentorapp.models.services import Services
    from mentorapp.models.storage.store import Key, Store
    from mentorapp.views.mentee.threads import ThreadsSection
    from PySide6.QtTest import QTest

    app = make_application()
    store = Store.open(sys.argv[1], Key(secret=sys.argv[2], raw=True, source="test"))
    services = Services(store, clock=FixedClock(datetime.datetime.fromisoformat(sys.argv[3])))
    window = build_main_window(services)
    window.show()
    QTest.qWaitForWindowExposed(window)
    mentee = next(m for m in services.mentees.list() if services.threads.for_mentee(m.id))
    window.show_mentee(mentee.id)
    tabs = window.mentee_page.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        if isinstance(tabs.currentWidget(), ThreadsSection):
            break
    section = tabs.currentWidget()
    box = section.composer.text
    box.setFocus()
    for char in sys.argv[4]:
        QTest.keyClick(box, char)
        QTest.qWait(30)
    print(section.current_thread.id, flush=True)
    time.sleep(60)  # no event is handled from here: the kill comes before any pending write
""")


def test_a_reply_survives_sigkill_of_the_desk_process(demo_services: Services, tmp_path: Path) -> None:
    journal = tmp_path / "child.db"
    demo_services.store.checkpoint()
    journal.write_bytes(demo_services.store.path.read_bytes())
    script = tmp_path / "child.py"
    script.write_text(_CHILD)
    words = "typed right up to the kill"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen([sys.executable, str(script), str(journal), TEST_KEY.secret,
                              "2026-11-29T15:30:00", words], stdout=subprocess.PIPE, env=env, text=True)
    try:
        started = time.monotonic()
        line = child.stdout.readline()  # blocks until the last keystroke is in
        assert line.strip().isdigit(), "the child desk did not get as far as typing"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        assert time.monotonic() - started < 15
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    with Store.open(journal, TEST_KEY) as store:
        kept = Services(store).journal.draft(f"reply.thread.{int(line)}")
    assert kept is not None
    text = json.loads(kept)["text"]
    assert words.startswith(text) and len(text) >= len(words) - 2


def test_a_restored_choice_of_person_follows_the_person_not_the_position(qtbot, demo_services: Services) -> None:
    from mentorapp.views.widgets.record_dialog import RecordDialog, text_box

    def dialog(people: list[tuple[str, int]]) -> tuple[RecordDialog, QComboBox, QPlainTextEdit]:
        made = RecordDialog("Open watchlist case", submit=lambda: None)
        qtbot.addWidget(made)
        who = QComboBox()
        for name, ident in people:
            who.addItem(name, ident)
        concern = text_box(accessible_name="Concern")
        made.form.addRow("Who:", who)
        made.form.addRow("Concern:", concern)
        made.watch(who, concern)
        made.keep_drafts(demo_services.journal, "case.new")
        made.show()
        return made, who, concern

    first, who, concern = dialog([("Ana", 1), ("Ben", 2), ("Cleo", 3)])
    who.setCurrentIndex(1)
    concern.setFocus()
    qtbot.keyClicks(concern, "Missed two reviews")
    qtbot.wait(PAUSE_MS)
    first.hide()
    _second, who, concern = dialog([("Aaron", 4), ("Ana", 1), ("Cleo", 3), ("Ben", 2)])  # a new mentee sorts first
    assert concern.toPlainText() == "Missed two reviews"
    assert who.currentText() == "Ben"
