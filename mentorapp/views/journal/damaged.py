"""When the journal cannot be read at start: say so plainly, and offer its newest good backup.

Restoring moves the damaged file (with its -wal and -shm) aside under a dated
name; nothing is deleted or overwritten. For a journal that is missing while its
backups remain, starting an empty journal is offered too.
"""

from __future__ import annotations

import html
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _, ngettext
from mentorapp.models.errors import JournalDamagedError, JournalMissingError, MentorAppError
from mentorapp.models.trust import opening
from mentorapp.models.trust.opening import BackupInfo, Key, RestoreReport, describe_backup
from mentorapp.views.journal.unlock import UnlockDialog


class Choice(Enum):
    RESTORED = "restored"
    START_OVER = "start over"
    QUIT = "quit"


class DamagedJournalDialog(QDialog):
    """Explains what is wrong with the journal and restores a backup in its place if asked."""

    def __init__(self, error: JournalDamagedError, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.path = Path(error.path)
        self.key: Key | None = error.key
        self.backup: BackupInfo | None = error.backup if isinstance(error.backup, BackupInfo) else None
        self.choice = Choice.QUIT
        self.report: RestoreReport | None = None
        missing = isinstance(error, JournalMissingError)
        self.setWindowTitle("MentorApp")
        self.setMinimumWidth(580)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        if missing:
            title = _("The journal is empty") if self.path.exists() else _("The journal is missing")
        else:
            title = _("MentorApp cannot read this journal")
        heading = QLabel(f"<h3>{title}</h3>")
        layout.addWidget(heading)
        if missing:
            count = len(opening.backups_of(self.path))
            if self.path.exists():
                said = ngettext("The journal {path} is empty, but its backup folder still holds {n} backup of it.",
                                "The journal {path} is empty, but its backup folder still holds {n} backups of it.",
                                count)
            else:
                said = ngettext("The journal {path} is not there any more, but its backup folder still holds "
                                "{n} backup of it.",
                                "The journal {path} is not there any more, but its backup folder still holds "
                                "{n} backups of it.", count)
            said = said.format(path=self.path, n=count)
        else:
            said = str(error)
        explanation = QLabel(said)
        explanation.setTextFormat(Qt.TextFormat.PlainText)
        explanation.setWordWrap(True)
        explanation.setObjectName("explanation")
        layout.addWidget(explanation)

        self.offer = QLabel()
        self.offer.setObjectName("offer")
        self.offer.setWordWrap(True)
        self.offer.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.offer)

        self.buttons = QDialogButtonBox()
        self.restore_button = QPushButton(_("&Restore this backup"))
        self.restore_button.setObjectName("restore")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_offered)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.choose_button = QPushButton(_("&Choose another…"))
        self.choose_button.setObjectName("choose")
        self.choose_button.clicked.connect(self.choose_backup)
        self.buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        if missing:
            fresh = QPushButton(_("Start &empty journal"))
            fresh.setObjectName("start_over")
            fresh.clicked.connect(self._start_over)
            self.buttons.addButton(fresh, QDialogButtonBox.ButtonRole.ActionRole)
        quit_button = self.buttons.addButton(_("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("quit")
        quit_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_offer()

    def _show_offer(self) -> None:
        aside = f"{self.path.name}.damaged-…"
        kept = ("" if isinstance(self.error, JournalMissingError)
                else " " + _("The damaged file is kept beside it as {name}; nothing is deleted.").format(
                    name=f"<i>{html.escape(aside)}</i>"))
        if self.backup is not None:
            self.offer.setText(
                _("The newest good backup is from {when}. Restoring puts it in the journal's place.").format(
                    when=f"<b>{html.escape(describe_backup(self.backup))}</b>")
                + f" {html.escape(opening.what_a_restore_loses(self.path, self.backup, self.error.key))}{kept}"
            )
        else:
            folder = opening.backup_folder(self.path)
            self.offer.setText(
                _("No backup in {folder} could be checked yet. Choose a backup file to put in the journal's "
                  "place.").format(folder=f"<i>{html.escape(str(folder))}</i>") + kept
            )
        self.restore_button.setVisible(self.backup is not None)

    def _start_over(self) -> None:
        self.choice = Choice.START_OVER
        self.accept()

    def choose_backup(self) -> None:
        folder = opening.backup_folder(self.path)
        name, _chosen_filter = QFileDialog.getOpenFileName(
            self, _("Choose a backup"), str(folder if folder.is_dir() else self.path.parent),
            # Translators: file dialog filters; keep the patterns in brackets and the ;; between filters.
            _("MentorApp backups (*.backup);;All files (*)"),
        )
        if name:
            self.restore(Path(name))

    def restore_offered(self) -> None:
        if self.backup is not None:
            self.restore(self.backup.path)

    def restore(self, source: Path) -> None:
        key = self.key or self._ask_key(source)
        if key is None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.report = opening.restore_in_place(self.path, source, key)
        except MentorAppError as exc:
            QMessageBox.warning(self, "MentorApp", str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.choice = Choice.RESTORED
        self.accept()

    def _ask_key(self, source: Path) -> Key | None:
        """The journal's key was not known (a passphrase): ask for it and prove it on the backup."""

        dialog = UnlockDialog(
            self.path, attempt=lambda key: opening.prove_key_on_backups(self.path, source, key), parent=self,
            intro=_("Type the passphrase of this journal (or its recovery key): it opens the backups too."),
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.key = dialog.result_value
            return self.key
        return None


def offer_restore(error: JournalDamagedError, *, parent: QWidget | None = None) -> Choice:
    """Show the dialog; returns what the person chose (RESTORED means the journal can be opened again)."""
    dialog = DamagedJournalDialog(error, parent=parent)
    dialog.exec()
    return dialog.choice
