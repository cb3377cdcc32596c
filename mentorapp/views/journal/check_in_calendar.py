"""File → Export check-in calendar… and Import check-in calendar…: the rhythm in the lead's own calendar.

The export holds one recurring event per active person, named for them, with no note
text; the import reads the lead's own calendar file and sets each person's next 1:1.
Both are small and quick, so they run at once; a refusal is said in one dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from mentorapp.i18n import N_, _, ngettext
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services.calendar import CalendarImport
from mentorapp.views.context import DeskContext
from mentorapp.views.widgets.date_fields import day_text

# Translators: a file dialog filter; keep the pattern in brackets.
ICS_FILTER = N_("iCalendar file (*.ics)")


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def export_check_in_calendar(context: DeskContext, parent: QWidget, *, path: Path | None = None) -> int | None:
    """Ask where (unless `path` is given) and write the calendar; the number of people in it, or None."""
    if path is None:
        suggested = str(Path(_documents()) / "mentorapp-check-ins.ics")
        chosen, _filter = QFileDialog.getSaveFileName(parent, _("Export check-in calendar"), suggested,
                                                      _(ICS_FILTER))
        if not chosen:
            return None
        path = Path(chosen)
    try:
        count = context.services.calendar.export(path)
    except MentorAppError as exc:
        context.report(str(exc))
        return None
    QMessageBox.information(
        parent, "MentorApp",
        ngettext("Wrote {n} recurring check-in event to {path}. Import the file into Outlook, Google Calendar, "
                 "Thunderbird or Apple Calendar; it holds names and the rhythm, never notes.",
                 "Wrote {n} recurring check-in events to {path}. Import the file into Outlook, Google Calendar, "
                 "Thunderbird or Apple Calendar; it holds names and the rhythm, never notes.", count).format(
            n=count, path=path))
    return count


def import_check_in_calendar(context: DeskContext, parent: QWidget, *,
                             path: Path | None = None) -> CalendarImport | None:
    """Ask for the lead's own calendar export (unless given) and set each person's next meeting from it."""
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(parent, _("Import your calendar"), _documents(), _(ICS_FILTER))
        if not chosen:
            return None
        path = Path(chosen)
    try:
        report = context.services.calendar.import_file(path)
    except MentorAppError as exc:
        context.report(str(exc))
        return None
    # Translators: one person's next 1:1 found in the lead's calendar: "Priya Raman: 29 Nov 2026".
    lines = [report.summary] + [_("{name}: {day}").format(name=name, day=day_text(day))
                                for name, day in report.matched]
    QMessageBox.information(parent, "MentorApp", "\n".join(lines))
    return report
