"""Undo through services, and long work off the GUI thread with progress and cancel."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtGui import QUndoStack

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.views.runtime.background import BackgroundRunner, TaskState
from mentorapp.views.undo import DeskCommand


def test_created_note_is_undone_into_the_trash_and_redone_with_the_same_id(services: Services) -> None:
    stack = QUndoStack()
    ana = services.mentees.add(name="Ana")
    stack.push(DeskCommand(services.entries.undoable("Add note", lambda: services.entries.add(
        mentee_id=ana.id, text="first"))))
    entry = stack.command(0).command.result
    assert services.entries.count(ana.id) == 1
    stack.undo()
    assert services.entries.count(ana.id) == 0
    stack.redo()
    assert services.entries.get(entry.id).text == "first"


def test_a_refused_action_is_not_pushed(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    with pytest.raises(MentorAppError):
        services.entries.undoable("Add note", lambda: services.entries.add(mentee_id=ana.id, text=" "))


def test_undo_that_no_longer_applies_is_reported_not_raised(services: Services) -> None:
    stack = QUndoStack()
    reports: list[str] = []
    ana = services.mentees.add(name="Ana")
    stack.push(DeskCommand(services.entries.undoable("Add note", lambda: services.entries.add(
        mentee_id=ana.id, text="x")), report=reports.append))
    services.mentees.trash(ana.id)  # changed elsewhere meanwhile
    stack.undo()
    assert reports and "Cannot undo “Add note ‘x’ for Ana”" in reports[0]


def test_background_task_reports_progress_and_result(qtbot) -> None:
    runner = BackgroundRunner()
    steps: list[tuple[int, int]] = []
    gui_thread = threading.get_ident()

    def work(state: TaskState) -> int:
        assert threading.get_ident() != gui_thread
        for i in range(3):
            state.set_progress(i + 1, 3, f"step {i + 1}")
        return 42

    task = runner.start(work)
    task.progress.connect(lambda done, total, _m: steps.append((done, total)))
    with qtbot.waitSignal(task.done, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    qtbot.waitUntil(lambda: len(steps) == 3)
    assert steps == [(1, 3), (2, 3), (3, 3)]


def test_background_task_can_be_cancelled(qtbot) -> None:
    runner = BackgroundRunner()
    started = threading.Event()

    def work(state: TaskState) -> None:
        started.set()
        while True:
            state.check()
            time.sleep(0.01)

    task = runner.start(work)
    started.wait(5)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    assert not task.running


def test_background_task_user_error_arrives_as_one_sentence(qtbot) -> None:
    runner = BackgroundRunner()

    def work(_state: TaskState) -> None:
        raise MentorAppError("The folder is read-only.")

    task = runner.start(work)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    assert [str(error) for error in blocker.args] == ["The folder is read-only."]


def test_a_closed_desk_does_not_break_later_writes(services: Services) -> None:
    from shiboken6 import delete

    from mentorapp.views.runtime.change_adapter import QtChanges

    bridge = QtChanges(services.changes)
    delete(bridge)  # the window that owned it was destroyed
    services.mentees.add(name="Ana")  # announces a change: must not raise
    assert [m.name for m in services.mentees.list()] == ["Ana"]


def test_finished_tasks_do_not_pile_up(qtbot) -> None:
    import gc
    import weakref

    runner = BackgroundRunner()
    finished = []
    for n in range(20):
        task = runner.start(lambda _state, n=n: n)
        with qtbot.waitSignal(task.finished, timeout=5000):
            pass
        finished.append(weakref.ref(task))
    del task
    assert runner.active() == 0

    def all_let_go() -> bool:
        gc.collect()
        return all(ref() is None for ref in finished)

    qtbot.waitUntil(all_let_go, timeout=2000)


class _Released:
    """Something a task captured, as a dialog would be; says on which thread it was let go."""

    def __init__(self, threads: list[bool]) -> None:
        self.threads = threads

    def __del__(self) -> None:
        self.threads.append(threading.current_thread() is threading.main_thread())


def test_what_a_task_captured_is_let_go_on_the_gui_thread_however_slow_the_worker(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from mentorapp.views.runtime import background

    deliver = background._emit

    def slow_to_let_go(signal, *args: object) -> None:
        deliver(signal, *args)
        time.sleep(0.05)  # a busy machine: the GUI is done with the task before its worker returns

    monkeypatch.setattr(background, "_emit", slow_to_let_go)
    runner = BackgroundRunner()
    on_gui_thread: list[bool] = []
    for _ in range(3):
        captured = _Released(on_gui_thread)
        task = runner.start(lambda _state, dialog=captured: dialog.threads)
        with qtbot.waitSignal(task.done, timeout=5000):
            pass
        del task, captured  # the dialog closed: only the worker still holds what it captured
    qtbot.waitUntil(lambda: len(on_gui_thread) == 3, timeout=5000)
    # Let go on a pool thread, a dialog would be deleted there, under the GUI's feet.
    assert on_gui_thread == [True, True, True]
    assert runner.active() == 0
