"""The desk's backups: the daily one in the background, the Backups window, restoring from it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from mentorapp.models.trust import backups
from mentorapp.models.trust.backups import BackupPolicy, Reason
from mentorapp.models.services import Services, Topic
from mentorapp.models.storage import store as store_module
from mentorapp.models.storage.store import Key, Store
from mentorapp.views.runtime.background import BackgroundRunner
from mentorapp.views.journal.backups import BackupListModel, when_text
from mentorapp.views.journal.backups import BackupsDialog
from mentorapp.views.runtime.daily_backup import DailyBackup
from mentorapp.views.runtime.change_adapter import QtChanges
from mentorapp.views.undo import DeskCommand
from tests.conftest import TEST_KEY


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *args: object,
                 **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_daily_backup_runs_in_the_background_once_a_day(qtbot, services: Services,
                                                             runner: BackgroundRunner) -> None:
    daily = DailyBackup(services, runner)
    with qtbot.waitSignal(daily.backed_up, timeout=10_000) as made:
        daily.start()
    assert made.args[0].reason is Reason.DAILY
    task = daily.run_now()
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    daily.stop()
    assert len(services.backups.list()) == 1


def test_a_damaged_journal_is_reported_once_with_the_way_out(qtbot, journal_path: Path, runner: BackgroundRunner,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # A journal too large for the check at open: the day's backup is where its damage is found.
    monkeypatch.setattr(store_module, "OPEN_CHECK_BYTES", 0)
    with Store.open(journal_path, TEST_KEY) as store:
        services = Services(store)
        ana = services.mentees.add(name="Ana")
        for n in range(300):
            services.entries.add(mentee_id=ana.id, text=f"note {n} " + "words " * 40)
        backups.make_backup(store, reason=Reason.DAILY, now=dt.datetime.now() - dt.timedelta(days=1))
    with journal_path.open("r+b") as handle:
        handle.seek(4096 * 20 + 100)
        handle.write(os.urandom(64))
    with Store.open(journal_path, TEST_KEY) as store:
        daily = DailyBackup(Services(store), runner)
        reports: list[str] = []
        daily.failed.connect(reports.append)
        for _ in range(2):
            task = daily.run_now()
            with qtbot.waitSignal(task.finished, timeout=10_000):
                pass
        assert len(reports) == 1
        assert "is damaged" in reports[0] and "Backups can restore the newest good one, from" in reports[0]


def test_the_backup_list_model_passes_the_model_tester(qtmodeltester, services: Services) -> None:
    for days in (0, 1, 8):
        backups.make_backup(services.store, reason=Reason.DAILY, now=services.clock.now() - dt.timedelta(days=days))
    model = BackupListModel(today=services.clock.today)
    model.reload(services.backups.list())
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.data(model.index(0, 0)).startswith("Today, ")
    assert model.data(model.index(1, 0)).startswith("Yesterday, ")
    assert when_text(dt.datetime(2026, 11, 20, 9, 5), today=dt.date(2026, 11, 29)) == "20 Nov 2026, 09:05"


def test_back_up_now_from_the_window(qtbot, services: Services, runner: BackgroundRunner) -> None:
    dialog = BackupsDialog(services, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert dialog.table.isVisible() and dialog.status.text().startswith("Backed up at ")
    assert dialog.restore_button.isEnabled()


def test_restoring_from_the_window_backs_up_first_and_refreshes_the_desk(
    qtbot, services: Services, runner: BackgroundRunner, answer_yes: list[str]
) -> None:
    services.mentees.add(name="In the backup")
    services.backups.back_up_now()
    undo = QUndoStack()
    undo.push(DeskCommand(services.mentees.undoable("Add mentee",
                                                    lambda: services.mentees.add(name="After the backup"))))
    changes = QtChanges(services.changes)
    dialog = BackupsDialog(services, runner, undo_stack=undo)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(changes.changed, timeout=10_000,
                          check_params_cb=lambda change: change.touches(Topic.MENTEES)):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert "The journal as it is now is backed up first" in answer_yes[0]
    assert [m.name for m in services.mentees.list()] == ["In the backup"]
    assert undo.count() == 0  # its steps belonged to the replaced journal
    assert "kept as a backup" in dialog.status.text()
    assert [b.reason for b in services.backups.list()][0] is Reason.BEFORE_RESTORE


def test_restoring_a_file_made_under_an_earlier_key_asks_for_that_key(
    qtbot, services: Services, runner: BackgroundRunner, answer_yes: list[str], tmp_path: Path
) -> None:
    earlier = "the passphrase of last spring"
    source = tmp_path / "spring.backup"
    with Store.open(source, Key(secret=earlier)) as old:
        Services(old).mentees.add(name="From the spring")
    dialog = BackupsDialog(services, runner)
    qtbot.addWidget(dialog)
    dialog.show()

    from tests.views.journal.test_unlock_and_opening import when_modal

    def type_it(unlock) -> None:
        qtbot.keyClicks(unlock.passphrase, earlier)
        qtbot.keyClick(unlock.passphrase, Qt.Key.Key_Return)

    when_modal(qtbot, type_it)
    task = dialog.restore_file(source)
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert [m.name for m in services.mentees.list()] == ["From the spring"]


def test_keeping_fewer_backups_asks_before_deleting(qtbot, services: Services, runner: BackgroundRunner,
                                                    answer_yes: list[str]) -> None:
    for days in range(5):
        backups.make_backup(services.store, reason=Reason.DAILY, now=services.clock.now() - dt.timedelta(days=days))
    dialog = BackupsDialog(services, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.apply_keep.isEnabled()
    dialog.keep_daily.selectAll()
    qtbot.keyClicks(dialog.keep_daily, "2")
    dialog.keep_weekly.selectAll()
    qtbot.keyClicks(dialog.keep_weekly, "0")
    assert dialog.apply_keep.isEnabled()
    qtbot.mouseClick(dialog.apply_keep, Qt.MouseButton.LeftButton)
    assert answer_yes == ["Keeping fewer backups deletes the 3 oldest now. Go ahead?"]
    assert services.backups.policy() == BackupPolicy(2, 0)
    assert dialog.model.rowCount() == 2
