"""The Backups window: the journal's backups (when, why, how big), backing up now, restoring one, how many to keep."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
)
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentorapp.models.errors import MentorAppError, WrongKeyError
from mentorapp.models.services import Services
from mentorapp.models.services.backups import (
    MAX_KEEP_DAILY,
    MAX_KEEP_WEEKLY,
    BackupInfo,
    BackupPolicy,
    RestoreReport,
)
from mentorapp.models.services.keys import Key
from mentorapp.views.journal.unlock import UnlockDialog
from mentorapp.views.runtime.background import BackgroundRunner, Task, TaskState, failure_message
from mentorapp.views.runtime.file_manager import show_folder
from mentorapp.views.widgets.date_fields import moment_text, time_text

BackupRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Made", "Why", "Size")


def when_text(made_at: dt.datetime, *, today: dt.date) -> str:
    """"Today, 10:30", "Yesterday, 18:02", else the short form with the time: "27 Nov 2026, 09:00"."""
    clock = time_text(made_at)
    if made_at.date() == today:
        return f"Today, {clock}"
    if made_at.date() == today - dt.timedelta(days=1):
        return f"Yesterday, {clock}"
    return moment_text(made_at)


class BackupListModel(QAbstractTableModel):
    """Rows of BackupInfo read models; `reload` swaps in a fresh list inside a reset."""

    # What the auto-lock empties and gives back (views/journal/lock_vault.py): every field holding journal text.
    ROW_FIELDS: ClassVar[tuple[str, ...]] = ("_rows",)

    def __init__(self, parent: QObject | None = None, *, today: Callable[[], dt.date]) -> None:
        super().__init__(parent)
        self.today = today
        self._rows: list[BackupInfo] = []

    def reload(self, rows: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return when_text(info.made_at, today=self.today())
            if column == 1:
                return info.reason.label
            if column == 2:
                return QLocale().formattedDataSize(info.size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == BackupRole:
            return info
        return None

    def backup_at(self, row: int) -> BackupInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None


class BackupsDialog(QDialog):
    """Lists the backups of the open journal and acts on them."""

    def __init__(self, services: Services, runner: BackgroundRunner, *, undo_stack: QUndoStack | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.undo_stack = undo_stack
        self.task: Task | None = None
        self.setWindowTitle("Backups")
        self.setMinimumSize(620, 460)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        folder = services.backups.folder()
        intro = QLabel(
            f"MentorApp backs up <b>{html.escape(services.store.path.name)}</b> each day it is used, into "
            f"<a href='{QUrl.fromLocalFile(str(folder)).toString()}'>{html.escape(folder.name)}</a> beside it. "
            "Every backup is encrypted with the journal's key."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.linkActivated.connect(lambda _link: show_folder(folder))  # not Qt's own opening: it passes the env on
        layout.addWidget(intro)

        self.model = BackupListModel(self, today=services.clock.today)
        self.table = QTableView()
        self.table.setObjectName("backups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.empty = QLabel("No backups yet. The first one is made today, or now with “Back up now”.")
        self.empty.setObjectName("empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.list_pages = QStackedWidget()
        self.list_pages.addWidget(self.table)
        self.list_pages.addWidget(self.empty)
        layout.addWidget(self.list_pages, 1)

        actions = QHBoxLayout()
        self.back_up_button = QPushButton("&Back up now")
        self.back_up_button.setObjectName("back_up_now")
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton("Restore from &file…")
        self.restore_file_button.setObjectName("restore_file")
        self.restore_file_button.clicked.connect(self.restore_from_file)
        open_folder = QPushButton("Show f&older")
        open_folder.clicked.connect(lambda: show_folder(folder))
        for button in (self.back_up_button, self.restore_button, self.restore_file_button):
            actions.addWidget(button)
        actions.addStretch()
        actions.addWidget(open_folder)
        layout.addLayout(actions)

        layout.addWidget(self._keep_box())

        status_row = QHBoxLayout()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        status_row.addWidget(self.busy)
        status_row.addWidget(self.status, 1)
        layout.addLayout(status_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    def _keep_box(self) -> QGroupBox:
        box = QGroupBox("How many to keep")
        row = QHBoxLayout(box)
        policy = self.services.backups.policy()
        self.keep_daily = QSpinBox(minimum=1, maximum=MAX_KEEP_DAILY, value=policy.keep_daily)
        self.keep_daily.setObjectName("keep_daily")
        self.keep_daily.setAccessibleName("Daily backups to keep")
        self.keep_weekly = QSpinBox(minimum=0, maximum=MAX_KEEP_WEEKLY, value=policy.keep_weekly)
        self.keep_weekly.setObjectName("keep_weekly")
        self.keep_weekly.setAccessibleName("Weekly backups to keep")
        self.apply_keep = QPushButton("&Apply")
        self.apply_keep.setObjectName("apply_keep")
        self.apply_keep.setEnabled(False)
        self.apply_keep.clicked.connect(self.apply_policy)
        for spin in (self.keep_daily, self.keep_weekly):
            spin.valueChanged.connect(self._policy_edited)
        row.addWidget(QLabel("The newest backup of each of the last"))
        row.addWidget(self.keep_daily)
        row.addWidget(QLabel("days and"))
        row.addWidget(self.keep_weekly)
        row.addWidget(QLabel("weeks."))
        row.addStretch()
        row.addWidget(self.apply_keep)
        return box

    # -- the list ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        rows = self.services.backups.list()
        self.model.reload(rows)
        self.list_pages.setCurrentWidget(self.table if rows else self.empty)
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        idle = self.task is None
        self.back_up_button.setEnabled(idle)
        self.restore_file_button.setEnabled(idle)
        self.restore_button.setEnabled(idle and self.selected() is not None)

    # -- backing up ------------------------------------------------------------------------------------------
    def back_up_now(self) -> Task | None:
        task = self._run(lambda _state: self.services.backups.back_up_now(), "Backing up…")
        if task is not None:
            task.done.connect(lambda info: self._finished(f"Backed up at {info.made_at:%H:%M}."))
        return task

    # -- restoring --------------------------------------------------------------------------------------------
    def restore_selected(self) -> Task | None:
        info = self.selected()
        if info is None or self.task is not None:
            return None
        made = when_text(info.made_at, today=self.services.clock.today()).lower()
        return self._confirm_and_restore(info.path, f"the backup from {made}", None)

    def restore_from_file(self) -> Task | None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Restore from a backup file", str(Path.home()), "MentorApp backups (*.backup);;All files (*)"
        )
        if not name:
            return None
        return self.restore_file(Path(name))

    def restore_file(self, path: Path) -> Task | None:
        """Restore a backup file chosen by the person (asks for its key if it was made under another)."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            problem = self.services.backups.problem_with(path)
        finally:
            QGuiApplication.restoreOverrideCursor()
        source_key = None
        if problem is not None and problem.wrong_key:
            source_key = self._ask_backup_key(path)
            if source_key is None:
                return None
        elif problem is not None:
            QMessageBox.warning(self, "Backups", str(problem))
            return None
        return self._confirm_and_restore(path, path.name, source_key)

    def _ask_backup_key(self, path: Path) -> Key | None:
        def attempt(key: Key) -> Key:
            if self.services.backups.problem_with(path, key=key) is not None:
                raise WrongKeyError("That does not open the backup.")
            return key

        dialog = UnlockDialog(
            path, attempt=attempt, parent=self,
            intro=f"{path.name} was made under an earlier key. Type the passphrase (or recovery key) it was made "
                  "with; the restored journal keeps today's key.",
        )
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _confirm_and_restore(self, source: Path, described: str, source_key: Key | None) -> Task | None:
        answer = QMessageBox.question(
            self, "Restore",
            f"Replace the journal with {described}?\n\nThe journal as it is now is backed up first, "
            "so this can be undone by restoring that backup.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.restore(source, source_key=source_key, described=described)

    def restore(self, source: Path, *, source_key: Key | None = None, described: str = "") -> Task | None:
        """Restore without asking (the confirmation is the caller's)."""
        task = self._run(lambda _state: self.services.backups.restore(source, source_key=source_key), "Restoring…")
        if task is not None:
            task.done.connect(lambda report: self._restored(report, described or source.name))
        return task

    def _restored(self, report: RestoreReport, described: str) -> None:
        if self.undo_stack is not None:
            self.undo_stack.clear()  # its steps belong to the journal that was replaced
        kept = ("the journal as it was is kept as a backup (“Before a restore”)."
                if report.safety_backup is not None
                else f"the damaged journal is kept as {report.damaged_copy.name if report.damaged_copy else '—'}.")
        self._finished(f"Restored {described}; {kept}")

    # -- rotation ---------------------------------------------------------------------------------------------
    def _policy_edited(self) -> None:
        current = self.services.backups.policy()
        self.apply_keep.setEnabled(
            (self.keep_daily.value(), self.keep_weekly.value()) != (current.keep_daily, current.keep_weekly)
        )

    def apply_policy(self) -> bool:
        policy = BackupPolicy(keep_daily=self.keep_daily.value(), keep_weekly=self.keep_weekly.value())
        going = len(self.services.backups.rotated_away(policy, today=self.services.clock.today()))
        if going > 0:
            answer = QMessageBox.question(
                self, "Backups",
                f"Keeping fewer backups deletes the {going} oldest now. Go ahead?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            removed = self.services.backups.set_policy(policy)
        except MentorAppError as exc:
            QMessageBox.warning(self, "Backups", str(exc))
            return False
        self.apply_keep.setEnabled(False)
        self.reload()
        self.status.setText(f"Keeping {policy.keep_daily} daily and {policy.keep_weekly} weekly backups"
                            + (f"; {len(removed)} removed." if removed else "."))
        return True

    # -- running work ------------------------------------------------------------------------------------------
    def _run(self, work: Callable[[TaskState], object], message: str) -> Task | None:
        if self.task is not None:
            return None
        self.task = self.runner.start(work)
        self.busy.show()
        self.status.setText(message)
        self._update_buttons()
        self.task.failed.connect(self._failed)
        self.task.finished.connect(self._task_over)
        return self.task

    def _finished(self, message: str) -> None:
        self.reload()
        self.status.setText(message)

    def _failed(self, error: Exception) -> None:
        self.status.setText("")
        QMessageBox.warning(self, "Backups", failure_message(error))

    def _task_over(self) -> None:
        self.task = None
        self.busy.hide()
        self._update_buttons()

    def reject(self) -> None:  # Qt override: do not close while a restore runs
        if self.task is not None:
            return
        super().reject()
