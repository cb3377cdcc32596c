"""File → Export journal… and Import journal…: the JSON interchange file, from the desk.

Both run on the background helper with a progress dialog, so the desk stays
responsive on a large journal. An import is a big change that undo cannot take
back, so the journal is backed up first and the person is told where.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from mentorapp.models.services.interchange import ImportReport
from mentorapp.views.context import DeskContext
from mentorapp.views.runtime.background import Task, TaskState, failure_message

JSON_FILTER = "MentorApp journal export (*.json)"


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def _busy(parent: QWidget, text: str, task: Task) -> QProgressDialog:
    """A modal "working…" dialog that closes when the task finishes (it cannot be cancelled midway:
    the import is one transaction and the export one read)."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setWindowTitle("MentorApp")
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    task.finished.connect(progress.close)
    return progress


def export_journal(context: DeskContext, parent: QWidget, *, path: Path | None = None) -> Task | None:
    """Ask where (unless `path` is given), warn that the file is not encrypted, write it in the background."""
    if path is None:
        answer = QMessageBox.question(
            parent, "Export journal",
            "The export holds every note in plain, unencrypted text. Keep it somewhere as safe as the "
            "journal, and delete it when you are done. Export now?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        suggested = str(Path(_documents()) / f"mentorapp-journal-{context.today():%Y-%m-%d}.json")
        chosen, _filter = QFileDialog.getSaveFileName(parent, "Export journal", suggested, JSON_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
    services = context.services
    target = path

    def work(_state: TaskState) -> dict[str, int]:
        return services.interchange.export(target)

    task = context.runner.start(work)
    _busy(parent, f"Exporting the journal to {target.name}…", task)
    task.done.connect(lambda counts: _said(parent, f"Exported {counts['mentees']} mentees and "
                                                   f"{counts['entries']} entries to {target}."))
    task.failed.connect(lambda error: context.report(failure_message(error)))
    return task


def import_journal(context: DeskContext, parent: QWidget, *, path: Path | None = None,
                   merge: bool | None = None) -> Task | None:
    """Ask for the file (unless given), and whether to merge into a journal that has a team; back up, import."""
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(parent, "Import journal", _documents(), JSON_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
    services = context.services
    if merge is None:
        merge = not services.journal.is_empty()
        if merge:
            answer = QMessageBox.question(
                parent, "Import journal",
                f"This journal already has a team. Add the mentees of {path.name} beside them? "
                "The journal is backed up first.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
    source = path

    def work(_state: TaskState) -> tuple[ImportReport, Path]:
        backup = services.backups.back_up_before_import()
        return services.interchange.import_file(source, merge=merge), backup.path

    task = context.runner.start(work)
    _busy(parent, f"Importing {source.name}…", task)
    task.done.connect(lambda result: _said(
        parent, f"Imported {result[0].summary} from {source.name}. The journal as it was before is kept in "
                f"{result[1].name}, in the backups (File → Journal → Backups…)."))
    task.failed.connect(lambda error: context.report(failure_message(error)))
    return task


def _said(parent: QWidget, sentence: str) -> None:
    QMessageBox.information(parent, "MentorApp", sentence)
