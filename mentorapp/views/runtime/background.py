"""The one helper for long work (team packets, imports, backups): progress, cancel, results by signal.

The task runs on a pool thread and receives a TaskState to report progress and
check for cancellation; it never touches a widget. Services open their own
session on the worker's thread. The caller only handles done, failed and
cancelled, which arrive on the GUI thread. `failed` carries the exception the
task raised, as it was raised (its type and attributes, without its traceback),
so a caller tells failures apart by type; `failure_message` is the sentence
for the person.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, SignalInstance

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError, describe_exception

log = logging.getLogger(__name__)


def failure_message(error: BaseException) -> str:
    """What to tell the person about a task's failure: a MentorAppError's own sentence, else that it is a bug."""
    if isinstance(error, MentorAppError):
        return str(error)
    return _("Something went wrong: {kind}: {error}").format(kind=type(error).__name__, error=error)


class Cancelled(Exception):
    """Raised inside a task (by TaskState.check) when the person pressed Cancel."""


class TaskState:
    """Handed to the task: report progress, and ask whether to stop."""

    def __init__(self, signals: _TaskSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def set_progress(self, done: int, total: int, message: str = "") -> None:
        self._signals.progress.emit(done, total, message)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here if cancelled (raises Cancelled, which the runner reports as cancelled)."""
        if self._cancel.is_set():
            raise Cancelled


class _TaskSignals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Task(QObject):
    """A running task as the GUI sees it: connect to its signals, call cancel()."""

    progress = Signal(int, int, str)  # done, total, message
    done = Signal(object)  # the task's return value
    failed = Signal(object)  # the exception the task raised (see failure_message for the person)
    cancelled = Signal()
    finished = Signal()  # after any of done, failed or cancelled

    def __init__(self, work: Callable[[TaskState], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.exited = threading.Event()  # set by the worker once it holds nothing of this task
        self._signals = _TaskSignals()
        self.state = TaskState(self._signals)
        self.running = True
        self._signals.progress.connect(self.progress)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)

    def cancel(self) -> None:
        self.state.cancel()

    def _on_done(self, value: Any) -> None:
        self.running = False
        self.done.emit(value)
        self.finished.emit()

    def _on_failed(self, error: Exception) -> None:
        self.running = False
        self.failed.emit(error)
        self.finished.emit()

    def _on_cancelled(self) -> None:
        self.running = False
        self.cancelled.emit()
        self.finished.emit()


class _Runnable(QRunnable):
    """The task's worker. It lets go of everything it was given before saying it has exited.

    Whatever the work captured (often a dialog, through a lambda) must never be
    released on the pool thread: if that were the last reference, Qt would delete
    a widget outside the GUI thread while the GUI thread may be painting or closing
    it. So the Task keeps its own references to the work, the state and the
    signals, and the runner lets the Task go only after `exited` is set, which
    happens once the worker holds nothing but this empty shell.
    """

    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task_parts = (task.work, task.state, task._signals, task.exited)  # noqa: SLF001 - its own worker

    def run(self) -> None:
        work, state, signals, exited = self._task_parts
        del self._task_parts
        try:
            _deliver(work, state, signals)
        finally:
            del work, state, signals  # while the Task still holds them: never the last reference
            exited.set()


def _deliver(work: Callable[[TaskState], Any], state: TaskState, signals: _TaskSignals) -> None:
    try:
        result = work(state)
    except Cancelled:
        _emit(signals.cancelled)
    except MentorAppError as exc:
        log.info("Background work refused: %s", describe_exception(exc))
        _emit(signals.failed, _without_frames(exc))
    except Exception as exc:  # a bug: report it rather than kill the worker
        log.error("Background work failed: %s", describe_exception(exc), exc_info=True)
        _emit(signals.failed, _without_frames(exc))
    else:
        if state.cancelled:
            _emit(signals.cancelled)
        else:
            _emit(signals.done, result)


def _without_frames(error: Exception) -> Exception:
    """The exception, and those it was raised from, let go of the worker's frames (logged by now).

    A traceback holds every frame's variables; handed to the GUI thread, the last of
    them could otherwise be released here, on the pool thread (see _Runnable).
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
    return error


def _emit(signal: SignalInstance, *args: object) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:
        pass  # the desk closed while the work ran: nobody is left to tell


class BackgroundRunner(QObject):
    """Starts tasks on a private thread pool and keeps them alive until their worker has let go."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: set[Task] = set()
        # A finished task is held until its worker has exited (see _Runnable), and at
        # least until control is back in the event loop: dropping the last reference
        # inside the task's own signal would delete it mid-delivery.
        self._finished: list[Task] = []
        self._let_go = QTimer(self)
        self._let_go.setInterval(10)  # a worker is on its way out once it has emitted: soon
        self._let_go.timeout.connect(self._release_exited)

    def start(self, work: Callable[[TaskState], Any]) -> Task:
        # Held here until it finishes, then by whoever still holds it; not a child of the
        # runner, or every packet preview and hourly backup check would stay alive with it.
        task = Task(work)
        self._tasks.add(task)
        task.finished.connect(self._task_finished)
        self._pool.start(_Runnable(task))
        return task

    def _task_finished(self) -> None:
        task = cast(Task, self.sender())  # only Tasks are connected here
        self._tasks.discard(task)
        self._finished.append(task)
        self._let_go.start()

    def _release_exited(self) -> None:
        self._finished = [task for task in self._finished if not task.exited.is_set()]
        if not self._finished:
            self._let_go.stop()

    def active(self) -> int:
        return len(self._tasks)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every task has finished (used when closing and in tests)."""
        return self._pool.waitForDone(msecs)
