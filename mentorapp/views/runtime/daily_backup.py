"""The desk's daily backup: made in the background when the journal opens, and once a day while it runs.

The backup itself is the core's (`services.backups.back_up_if_due`): at most one
per calendar day, rotated. A failure is reported once a day as one sentence; a
damaged journal is reported with the way out (the Backups window restores the
newest good backup).

In the main window:

    daily = DailyBackup(services, context.runner, parent=self)
    daily.failed.connect(context.report)
    daily.start()
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QTimer, Signal

from mentorapp.i18n import _
from mentorapp.models.errors import JournalDamagedError
from mentorapp.models.services import Services
from mentorapp.models.services.backups import BackupInfo, describe_backup, what_a_restore_loses
from mentorapp.views.runtime.background import BackgroundRunner, Task, failure_message

CHECK_EVERY_MS = 60 * 60 * 1000  # hourly: the first check after midnight makes the day's backup


class DailyBackup(QObject):
    """Runs the day's backup off the GUI thread and says when it could not."""

    backed_up = Signal(object)  # the BackupInfo made
    failed = Signal(str)  # one sentence for the person

    def __init__(self, services: Services, runner: BackgroundRunner, *, interval_ms: int = CHECK_EVERY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self._task: Task | None = None
        self._reported: set[tuple[dt.date, str]] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.run_now)

    def start(self) -> None:
        self.run_now()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def run_now(self) -> Task | None:
        """Start the check in the background (nothing happens while one runs or the desk is locked)."""
        if self._task is not None or self.services.store.locked:
            return None
        task = self.runner.start(self._work)
        self._task = task
        task.done.connect(self._on_done)
        task.failed.connect(self._on_failed)
        task.finished.connect(self._on_finished)
        return task

    def _work(self, _state: object) -> BackupInfo | None:
        return self.services.backups.back_up_if_due()

    def _on_done(self, result: BackupInfo | None) -> None:
        if result is not None:
            self.backed_up.emit(result)

    def _on_failed(self, error: Exception) -> None:
        if isinstance(error, JournalDamagedError):  # it carries the newest good backup: the way out
            way_out = (
                _("Backups can restore the newest good one, from {backup}. {loses}").format(
                    backup=describe_backup(error.backup),
                    loses=what_a_restore_loses(error.path, error.backup, error.key))
                if error.backup is not None else _("No good backup of it was found.")
            )
            # Translators: what is wrong with the journal (a sentence without its full stop), then the way out
            self._report(_("{problem}. {way_out}").format(problem=str(error).rstrip("."), way_out=way_out))
        else:
            self._report(_("Today's backup could not be made: {reason}").format(reason=failure_message(error)))

    def _report(self, message: str) -> None:
        key = (self.services.clock.today(), message)
        if key not in self._reported:  # once a day is enough to be heard
            self._reported.add(key)
            self.failed.emit(message)

    def _on_finished(self) -> None:
        self._task = None
