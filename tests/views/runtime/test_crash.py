"""An error nobody caught, on any thread: logged, and told once in a calm dialog that names the log."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtWidgets import QPushButton

from mentorapp import logs
from mentorapp.views.runtime import crash
from mentorapp.views.runtime.crash import CrashReporter


@pytest.fixture
def reporter() -> Iterator[CrashReporter]:
    before = sys.excepthook, threading.excepthook
    reporter = CrashReporter()
    reporter.install()
    assert (reporter._previous_hook, reporter._previous_thread_hook) == before
    # Those hooks (pytest's) would fail these tests for the errors they raise on purpose.
    reporter._previous_hook = lambda *_exc_info: None
    reporter._previous_thread_hook = lambda _args: None
    yield reporter
    reporter.uninstall()
    sys.excepthook, threading.excepthook = before
    if reporter.dialog is not None:
        reporter.dialog.done(0)
    logs.shutdown_logging()


def raised(error: RuntimeError) -> tuple[type[RuntimeError], RuntimeError, TracebackType | None]:
    try:
        raise error
    except RuntimeError as exc:
        return type(exc), exc, exc.__traceback__


def test_an_error_on_another_thread_is_told_on_the_gui_thread(qtbot, tmp_path: Path, reporter: CrashReporter,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "log"))
    logs.configure_logging()
    worker = threading.Thread(target=lambda: 1 / 0, name="worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "Something went wrong" in reporter.dialog.text()
    assert str(tmp_path / "log" / "mentorapp.log") in reporter.dialog.text()
    reporter.dialog.done(0)
    qtbot.waitUntil(lambda: reporter.dialog is None)
    text = (tmp_path / "log" / "mentorapp.log").read_text(encoding="utf-8")
    assert "worker] mentorapp.views.runtime.crash: Uncaught ZeroDivisionError" in text


def test_once_the_dialog_is_closed_the_next_error_is_told_again(qtbot, reporter: CrashReporter) -> None:
    reporter.handle(*raised(RuntimeError("first")))
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    first = reporter.dialog
    reporter.handle(*raised(RuntimeError("second")))
    qtbot.wait(50)
    assert reporter.dialog is first
    first.done(0)
    qtbot.waitUntil(lambda: reporter.dialog is None)
    reporter.handle(*raised(RuntimeError("third")))
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.count == 3


def test_without_a_log_the_dialog_says_so_and_offers_no_folder(qtbot, reporter: CrashReporter) -> None:
    logs.shutdown_logging()
    reporter.handle(*raised(RuntimeError("no log")))
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert "No log could be written" in reporter.dialog.text()
    assert "journal is safe" in reporter.dialog.text()
    assert reporter.dialog.findChild(QPushButton, "openLogFolder") is None


def test_a_dialog_that_cannot_be_made_does_not_loop_through_the_hook(qtbot, reporter: CrashReporter,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_path: object) -> str:
        raise RuntimeError("the dialog's own bug")

    monkeypatch.setattr(crash, "crash_message", broken)
    reporter.handle(*raised(RuntimeError("the first bug")))
    qtbot.wait(100)
    reporter.handle(*raised(RuntimeError("a later bug")))
    qtbot.wait(100)
    assert reporter.dialog is None and reporter.count == 2


def test_the_hooks_that_were_there_are_put_back() -> None:
    before = sys.excepthook, threading.excepthook
    reporter = CrashReporter()
    reporter.install()
    reporter.install()  # twice changes nothing
    assert sys.excepthook == reporter.handle
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
