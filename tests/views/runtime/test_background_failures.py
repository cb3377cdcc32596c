"""A task's failure reaches the GUI thread as the exception it raised, so callers tell failures apart by type."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from mentorapp import logs
from mentorapp.models.errors import JournalDamagedError, MentorAppError, NotFoundError
from mentorapp.models.services import Services
from mentorapp.views.runtime.background import BackgroundRunner, TaskState, failure_message
from mentorapp.views.runtime.daily_backup import DailyBackup


def failure_of(qtbot, runner: BackgroundRunner, work) -> Exception:
    task = runner.start(work)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    assert not task.running
    return blocker.args[0]


def test_a_user_error_arrives_as_its_own_type_with_its_sentence(qtbot, runner: BackgroundRunner) -> None:
    def work(_state: TaskState) -> None:
        raise NotFoundError("No mentee matches 'Ana'.")

    error = failure_of(qtbot, runner, work)
    assert type(error) is NotFoundError and isinstance(error, MentorAppError)
    assert failure_message(error) == "No mentee matches 'Ana'."


def test_a_failure_keeps_what_it_carries_but_not_the_workers_frames(qtbot, tmp_path: Path,
                                                                     runner: BackgroundRunner) -> None:
    def work(_state: TaskState) -> None:
        try:
            raise OSError(28, "No space left on device")
        except OSError:
            raise JournalDamagedError("The journal is damaged.", path=tmp_path / "j.db", backup="newest") from None

    error = failure_of(qtbot, runner, work)
    assert isinstance(error, JournalDamagedError)
    assert (error.path, error.backup) == (tmp_path / "j.db", "newest")
    assert error.__traceback__ is None and error.__context__.__traceback__ is None


def test_a_bug_arrives_as_itself_and_its_traceback_is_in_the_log(qtbot, tmp_path: Path, runner: BackgroundRunner,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "log"))
    logs.configure_logging()
    try:
        def build_the_packet(_state: TaskState) -> None:
            {}["mentee"]

        error = failure_of(qtbot, runner, build_the_packet)
    finally:
        logs.shutdown_logging()
    assert type(error) is KeyError
    assert failure_message(error) == "Something went wrong: KeyError: 'mentee'"
    text = (tmp_path / "log" / "mentorapp.log").read_text(encoding="utf-8")
    assert "Background work failed: KeyError" in text and "in build_the_packet" in text


def test_the_daily_backup_tells_a_damaged_journal_by_its_type(qtbot, services: Services, runner: BackgroundRunner,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    worker_threads: list[threading.Thread] = []

    def damaged() -> None:
        worker_threads.append(threading.current_thread())
        raise JournalDamagedError("The journal j.db is damaged.", path=services.store.path)

    monkeypatch.setattr(services.backups, "back_up_if_due", damaged)
    daily = DailyBackup(services, runner)
    reports: list[str] = []
    daily.failed.connect(reports.append)
    with qtbot.waitSignal(daily.failed, timeout=5000):
        daily.run_now()
    assert worker_threads and worker_threads[0] is not threading.main_thread()
    assert reports == ["The journal j.db is damaged. No good backup of it was found."]


def test_any_other_daily_backup_failure_is_said_as_such(qtbot, services: Services, runner: BackgroundRunner,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def full() -> None:
        raise MentorAppError("The disk is full.")

    monkeypatch.setattr(services.backups, "back_up_if_due", full)
    daily = DailyBackup(services, runner)
    with qtbot.waitSignal(daily.failed, timeout=5000) as said:
        daily.run_now()
    assert said.args == ["Today's backup could not be made: The disk is full."]
