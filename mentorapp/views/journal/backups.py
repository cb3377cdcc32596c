"""The Backups window: the journal's backups (when, why, how big), backing up now, restoring one, how many to keep."""

from __future__ import annotations

import datetime as dt
import html
import re
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

from mentorapp.i18n import N_, _, ngettext
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
# Translators: the Backups window's column headers: when a backup was made, why, how big it is.
COLUMNS = (N_("Made"), N_("Why"), N_("Size"))


def when_text(made_at: dt.datetime, *, today: dt.date, in_sentence: bool = False) -> str:
    """"Today, 10:30", "Yesterday, 18:02", else the short form with the time: "27 Nov 2026, 09:00".

    `in_sentence` gives the form that stands inside a sentence ("today, 10:30").
    """
    clock = time_text(made_at)
    if made_at.date() == today:
        return (_("today, {time}") if in_sentence else _("Today, {time}")).format(time=clock)
    if made_at.date() == today - dt.timedelta(days=1):
        return (_("yesterday, {time}") if in_sentence else _("Yesterday, {time}")).format(time=clock)
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
            return _(COLUMNS[section])
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
        self.setWindowTitle(_("Backups"))
        self.setMinimumSize(620, 460)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        folder = services.backups.folder()
        intro = QLabel(
            _("MentorApp backs up {journal} each day it is used, into {folder} beside it. "
              "Every backup is encrypted with the journal's key.").format(
                journal=f"<b>{html.escape(services.store.path.name)}</b>",
                folder=f"<a href='{QUrl.fromLocalFile(str(folder)).toString()}'>{html.escape(folder.name)}</a>")
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
        self.empty = QLabel(_("No backups yet. The first one is made today, or now with “Back up now”."))
        self.empty.setObjectName("empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.list_pages = QStackedWidget()
        self.list_pages.addWidget(self.table)
        self.list_pages.addWidget(self.empty)
        layout.addWidget(self.list_pages, 1)

        actions = QHBoxLayout()
        self.back_up_button = QPushButton(_("&Back up now"))
        self.back_up_button.setObjectName("back_up_now")
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(_("&Restore…"))
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(_("Restore from &file…"))
        self.restore_file_button.setObjectName("restore_file")
        self.restore_file_button.clicked.connect(self.restore_from_file)
        open_folder = QPushButton(_("Show f&older"))
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
        # The keep sentence is as long as the language makes it: never squeeze its words (an explicit
        # minimum size would otherwise win over the layout's).
        self.setMinimumWidth(max(620, layout.minimumSize().width()))

    def _keep_box(self) -> QGroupBox:
        box = QGroupBox(_("How many to keep"))
        row = QHBoxLayout(box)
        policy = self.services.backups.policy()
        self.keep_daily = QSpinBox(minimum=1, maximum=MAX_KEEP_DAILY, value=policy.keep_daily)
        self.keep_daily.setObjectName("keep_daily")
        self.keep_daily.setAccessibleName(_("Daily backups to keep"))
        self.keep_weekly = QSpinBox(minimum=0, maximum=MAX_KEEP_WEEKLY, value=policy.keep_weekly)
        self.keep_weekly.setObjectName("keep_weekly")
        self.keep_weekly.setAccessibleName(_("Weekly backups to keep"))
        self.apply_keep = QPushButton(_("&Apply"))
        self.apply_keep.setObjectName("apply_keep")
        self.apply_keep.setEnabled(False)
        self.apply_keep.clicked.connect(self.apply_policy)
        for spin in (self.keep_daily, self.keep_weekly):
            spin.valueChanged.connect(self._policy_edited)
        # One sentence around the two spin boxes, in the order the language puts them.
        # Translators: {days} and {weeks} are spin boxes holding numbers; keep both.
        sentence = _("The newest backup of each of the last {days} days and {weeks} weeks.")
        spins = {"{days}": self.keep_daily, "{weeks}": self.keep_weekly}
        for part in re.split(r"(\{days\}|\{weeks\})", sentence):
            if part in spins:
                row.addWidget(spins[part])
            elif part.strip():
                row.addWidget(QLabel(part.strip()))
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
        task = self._run(lambda _state: self.services.backups.back_up_now(), _("Backing up…"))
        if task is not None:
            task.done.connect(lambda info: self._finished(
                _("Backed up at {time}.").format(time=time_text(info.made_at))))
        return task

    # -- restoring --------------------------------------------------------------------------------------------
    def restore_selected(self) -> Task | None:
        info = self.selected()
        if info is None or self.task is not None:
            return None
        made = when_text(info.made_at, today=self.services.clock.today(), in_sentence=True)
        return self._confirm_and_restore(info.path, _("the backup from {when}").format(when=made), None)

    def restore_from_file(self) -> Task | None:
        name, _chosen_filter = QFileDialog.getOpenFileName(
            self, _("Restore from a backup file"), str(Path.home()),
            # Translators: file dialog filters; keep the patterns in brackets and the ;; between filters.
            _("MentorApp backups (*.backup);;All files (*)"),
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
            QMessageBox.warning(self, _("Backups"), str(problem))
            return None
        return self._confirm_and_restore(path, path.name, source_key)

    def _ask_backup_key(self, path: Path) -> Key | None:
        def attempt(key: Key) -> Key:
            if self.services.backups.problem_with(path, key=key) is not None:
                raise WrongKeyError(_("That does not open the backup."))
            return key

        dialog = UnlockDialog(
            path, attempt=attempt, parent=self,
            intro=_("{name} was made under an earlier key. Type the passphrase (or recovery key) it was made "
                    "with; the restored journal keeps today's key.").format(name=path.name),
        )
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _confirm_and_restore(self, source: Path, described: str, source_key: Key | None) -> Task | None:
        answer = QMessageBox.question(
            self, _("Restore"),
            _("Replace the journal with {what}?\n\nThe journal as it is now is backed up first, "
              "so this can be undone by restoring that backup.").format(what=described),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.restore(source, source_key=source_key, described=described)

    def restore(self, source: Path, *, source_key: Key | None = None, described: str = "") -> Task | None:
        """Restore without asking (the confirmation is the caller's)."""
        task = self._run(lambda _state: self.services.backups.restore(source, source_key=source_key), _("Restoring…"))
        if task is not None:
            task.done.connect(lambda report: self._restored(report, described or source.name))
        return task

    def _restored(self, report: RestoreReport, described: str) -> None:
        if self.undo_stack is not None:
            self.undo_stack.clear()  # its steps belong to the journal that was replaced
        if report.safety_backup is not None:
            said = _("Restored {what}; the journal as it was is kept as a backup (“Before a restore”).")
        else:
            said = _("Restored {what}; the damaged journal is kept as {name}.")
        self._finished(said.format(what=described, name=report.damaged_copy.name if report.damaged_copy else "—"))

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
                self, _("Backups"),
                ngettext("Keeping fewer backups deletes the oldest one now. Go ahead?",
                         "Keeping fewer backups deletes the {n} oldest now. Go ahead?", going).format(n=going),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            removed = self.services.backups.set_policy(policy)
        except MentorAppError as exc:
            QMessageBox.warning(self, _("Backups"), str(exc))
            return False
        self.apply_keep.setEnabled(False)
        self.reload()
        if removed:
            said = ngettext("Keeping {daily} daily and {weekly} weekly backups; {n} removed.",
                            "Keeping {daily} daily and {weekly} weekly backups; {n} removed.", len(removed))
        else:
            said = _("Keeping {daily} daily and {weekly} weekly backups.")
        self.status.setText(said.format(daily=policy.keep_daily, weekly=policy.keep_weekly, n=len(removed)))
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
        QMessageBox.warning(self, _("Backups"), failure_message(error))

    def _task_over(self) -> None:
        self.task = None
        self.busy.hide()
        self._update_buttons()

    def reject(self) -> None:  # Qt override: do not close while a restore runs
        if self.task is not None:
            return
        super().reject()
