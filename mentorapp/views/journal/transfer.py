"""File → Export journal… and Import journal…: the JSON interchange file, from the desk.

Both run on the background helper with a progress dialog, so the desk stays
responsive on a large journal. An import is a big change that undo cannot take
back, so the journal is backed up first and the person is told where.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from mentorapp.i18n import N_, _, ngettext
from mentorapp.models.services.interchange import ImportReport, load_export
from mentorapp.views.context import DeskContext
from mentorapp.views.runtime.background import Task, TaskState, failure_message

# Translators: a file dialog filter; keep the pattern in brackets.
JSON_FILTER = N_("MentorApp journal export (*.json)")


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
            parent, _("Export journal"),
            _("The export holds every note in plain, unencrypted text. Keep it somewhere as safe as the "
              "journal, and delete it when you are done. Export now?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        suggested = str(Path(_documents()) / f"mentorapp-journal-{context.today():%Y-%m-%d}.json")
        chosen, _filter = QFileDialog.getSaveFileName(parent, _("Export journal"), suggested, _(JSON_FILTER))
        if not chosen:
            return None
        path = Path(chosen)
    services = context.services
    target = path

    def work(_state: TaskState) -> dict[str, int]:
        return services.interchange.export(target)

    task = context.runner.start(work)
    _busy(parent, _("Exporting the journal to {file}…").format(file=target.name), task)
    task.done.connect(lambda counts: _said(parent, _exported(counts, target)))
    task.failed.connect(lambda error: context.report(failure_message(error)))
    return task


def import_journal(context: DeskContext, parent: QWidget, *, path: Path | None = None,
                   merge: bool | None = None) -> Task | None:
    """Ask for the file (unless given), and whether to merge into a journal that has a team; back up, import."""
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(parent, _("Import journal"), _documents(), _(JSON_FILTER))
        if not chosen:
            return None
        path = Path(chosen)
    services = context.services
    if merge is None:
        merge = not services.journal.is_empty()
        if merge:
            answer = QMessageBox.question(
                parent, _("Import journal"),
                _("This journal already has a team. Add the mentees of {file} beside them? "
                  "The journal is backed up first.").format(file=path.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
    source = path

    def work(_state: TaskState) -> tuple[ImportReport, Path]:
        # The file is checked whole before the journal is backed up or touched.
        rows = load_export(source, now=context.now())
        backup = services.backups.back_up_before_import()
        return services.interchange.import_document(rows, merge=merge, source=source), backup.path

    task = context.runner.start(work)
    _busy(parent, _("Importing {file}…").format(file=source.name), task)
    task.done.connect(lambda result: _said(
        parent, _("Imported {what} from {file}. The journal as it was before is kept in "
                  "{backup}, in the backups (File → Journal → Backups…).").format(
            what=result[0].summary, file=source.name, backup=result[1].name)))
    task.failed.connect(lambda error: context.report(failure_message(error)))
    return task


def _exported(counts: dict[str, int], target: Path) -> str:
    mentees, entries = counts["mentees"], counts["entries"]
    # Translators: the start of "Exported 5 mentees and 120 entries to …"; {entries} is filled in after.
    said = ngettext("Exported {mentees} mentee and {entries} to {path}.",
                    "Exported {mentees} mentees and {entries} to {path}.", mentees)
    return said.format(mentees=mentees, path=target,
                       entries=ngettext("{n} entry", "{n} entries", entries).format(n=entries))


def _said(parent: QWidget, sentence: str) -> None:
    QMessageBox.information(parent, "MentorApp", sentence)
