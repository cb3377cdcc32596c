"""Printing a review packet without freezing the desk, and as the vector document it is.

Where the system prints through CUPS (Linux, the BSDs), the packet's PDF itself goes
to the queue chosen in the print dialog, with the dialog's choices (copies, pages,
two-sided, colour, order) as `lp` options: a 9-page packet is sent as its ~90 KB PDF,
not as 9 MB of 300-dpi pictures. `lp` runs as a separate process (QProcess) and reads
the PDF from its standard input, so no copy of the notes is written to a temporary
file, and nothing of the journal is in its arguments or environment (the job's title is
a fixed phrase, the environment only what `lp` needs to find the print server).

"Print to PDF" in the dialog writes the packet's own PDF to the chosen file.

Elsewhere (Windows, macOS, no `lp`) the pages are drawn onto the printer as pictures,
at the printer's own resolution (capped), on a worker thread with progress and Cancel.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QProcess,
    QProcessEnvironment,
    QSize,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from mentorapp.i18n import N_, _, ngettext
from mentorapp.models.errors import MentorAppError
from mentorapp.packets.render import write_pdf_bytes
from mentorapp.views.runtime.background import BackgroundRunner, Task, TaskState, failure_message

MAX_RASTER_DPI = 300  # sharp on paper, without gigapixel pages for a 1200-dpi printer
# Never the mentee's name: job titles are visible to everyone on the server (shown as _(JOB_TITLE)).
JOB_TITLE = N_("MentorApp review packet")
_LP_ENVIRONMENT = ("PATH", "HOME", "TMPDIR", "CUPS_SERVER", "CUPS_USER", "CUPS_ENCRYPTION", "CUPS_DATADIR",
                   "CUPS_SERVERROOT", "IPP_PORT")
_JOB_ID = re.compile(r"request id is (\S+)")


class PrintProblem(MentorAppError):
    """The printer could not be reached or refused the job."""


def page_span(printer: QPrinter, page_count: int) -> tuple[int, int]:
    """The first and last page (1-based) the print dialog asked for."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        return max(1, printer.fromPage()), min(page_count, printer.toPage() or page_count)
    return 1, page_count


def lp_program() -> str | None:
    """The CUPS `lp` command, where printing goes through CUPS; None where it does not."""
    if sys.platform in ("win32", "darwin"):
        return None  # macOS has CUPS too, but its print dialog's queues are not always lp's
    return shutil.which("lp")


def lp_arguments(printer: QPrinter, page_count: int) -> list[str]:
    """`lp` options for the choices made in the print dialog; the document comes on standard input."""
    arguments = ["-d", printer.printerName(), "-t", _(JOB_TITLE)]
    copies = max(1, printer.copyCount())
    if copies > 1:
        arguments += ["-n", str(copies), "-o", f"collate={'true' if printer.collateCopies() else 'false'}"]
    first, last = page_span(printer, page_count)
    if (first, last) != (1, page_count):
        arguments += ["-o", f"page-ranges={first}-{last}"]
    sides = {
        QPrinter.DuplexMode.DuplexNone: "one-sided",
        QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
        QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
    }.get(printer.duplex())
    if sides is not None:
        arguments += ["-o", f"sides={sides}"]
    if printer.colorMode() == QPrinter.ColorMode.GrayScale:
        arguments += ["-o", "print-color-mode=monochrome"]
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        arguments += ["-o", "outputorder=reverse"]
    arguments += ["-o", "fit-to-page"]  # the packet is A4; a Letter queue scales it rather than cutting it
    return arguments


def lp_environment() -> QProcessEnvironment:
    """Only what `lp` needs to reach the print server, in a locale whose answer can be read."""
    environment = QProcessEnvironment()
    for name in _LP_ENVIRONMENT:
        value = os.environ.get(name)
        if value is not None:
            environment.insert(name, value)
    environment.insert("LC_ALL", "C")
    return environment


class _PrintSignals(QObject):
    """What every way of printing tells the dialog: progress, and one sentence at the end."""

    progress = Signal(int, int, str)  # done, total, message
    sent = Signal(str)  # what was sent where, for the status line
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()  # after any of the three


class LpJob(_PrintSignals):
    """The packet's PDF handed to a CUPS queue by `lp`, which runs in the background."""

    def __init__(self, pdf: bytes, printer: QPrinter, page_count: int, program: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queue = printer.printerName()
        self.job_id = ""
        self._cancelled = False
        self._ended = False
        self._pdf = pdf
        self.process = QProcess(self)
        self.process.setProgram(program)
        self.process.setArguments(lp_arguments(printer, page_count))
        self.process.setProcessEnvironment(lp_environment())
        self.process.started.connect(self._write_document)
        self.process.finished.connect(self._on_finished)
        self.process.errorOccurred.connect(self._on_error)

    def start(self) -> None:
        self.progress.emit(0, 0, _("Sending to {printer}…").format(printer=self.queue))
        self.process.start()

    def _write_document(self) -> None:
        self.process.write(QByteArray(self._pdf))
        self.process.closeWriteChannel()
        self._pdf = b""

    def cancel(self) -> None:
        if not self._ended and self.process.state() != QProcess.ProcessState.NotRunning:
            self._cancelled = True
            self.process.kill()

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._end(failed=_("The print command could not be started, so nothing was printed on {printer}.").format(
                printer=self.queue))

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if self._cancelled:
            self._end(cancelled=True)
            return
        answer = bytes(self.process.readAllStandardOutput().data()).decode("utf-8", "replace")
        found = _JOB_ID.search(answer)
        if status == QProcess.ExitStatus.NormalExit and code == 0:
            self.job_id = found.group(1) if found else ""
            said = (_("Sent to {printer} as job {job}.") if self.job_id else _("Sent to {printer}."))
            self._end(sent=said.format(printer=self.queue, job=self.job_id))
            return
        problem = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        reason = problem.splitlines()[-1].removeprefix("lp: ").strip() if problem else _("it did not say why")
        self._end(failed=_("{printer} did not take the packet ({reason}); nothing was printed.").format(
            printer=self.queue, reason=reason))

    def _end(self, *, sent: str = "", failed: str = "", cancelled: bool = False) -> None:
        if self._ended:
            return
        self._ended = True
        self._pdf = b""
        if sent:
            self.sent.emit(sent)
        elif failed:
            self.failed.emit(failed)
        elif cancelled:
            self.cancelled.emit()
        self.finished.emit()


class RasterJob(_PrintSignals):
    """The fallback: each page drawn as a picture onto the printer, on a worker thread."""

    def __init__(self, pdf: bytes, printer: QPrinter, page_count: int, runner: BackgroundRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pdf, self._printer, self._count, self._runner = pdf, printer, page_count, runner
        self._task: Task | None = None
        self.target = (printer.outputFileName() if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
                       else printer.printerName()) or _("the printer")

    def start(self) -> None:
        pdf, printer, count = self._pdf, self._printer, self._count

        def work(state: TaskState) -> int:
            return draw_pages(pdf, printer, count, state)

        task = self._runner.start(work)
        self._task = task
        task.progress.connect(self.progress)
        task.done.connect(self._on_done)
        task.failed.connect(lambda error: self._finish(self.failed, failure_message(error)))
        task.cancelled.connect(lambda: self._finish(self.cancelled))

    def _on_done(self, printed: object) -> None:
        name = Path(self.target).name if self._printer.outputFormat() == QPrinter.OutputFormat.PdfFormat \
            else self.target
        count = int(cast(int, printed))
        self._finish(self.sent, ngettext("Sent {count} page to {printer}.", "Sent {count} pages to {printer}.",
                                         count).format(count=count, printer=name))

    def _finish(self, signal: SignalInstance, *args: object) -> None:
        self._pdf = b""
        signal.emit(*args)
        self.finished.emit()

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()


def draw_pages(pdf: bytes, printer: QPrinter, page_count: int, state: TaskState) -> int:
    """Draw the chosen pages of `pdf` onto `printer` as pictures; returns how many were printed.

    Runs on a worker thread: QPainter may paint on a QPrinter there, and the PDF is
    opened in a document of the worker's own.
    """
    first, last = page_span(printer, page_count)
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise PrintProblem(_("The packet could not be opened for printing."))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintProblem(_("The printer could not be started, so nothing was printed."))
    printed = 0
    resolution = max(72, min(printer.resolution(), MAX_RASTER_DPI))
    total = last - first + 1
    try:
        for number in range(first - 1, last):
            if state.cancelled:
                printer.abort()
                break
            state.set_progress(printed, total,
                               _("Printing page {number} of {count}").format(number=printed + 1, count=total))
            if printed:
                printer.newPage()
            page = document.pagePointSize(number)
            size = QSize(round(page.width() / 72 * resolution), round(page.height() / 72 * resolution))
            image = document.render(number, size)
            target = painter.viewport()
            scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
            painter.setWindow(target)
            printed += 1
    finally:
        painter.end()
        document.close()
        buffer.close()
    state.check()
    return printed


class PdfFileJob(_PrintSignals):
    """"Print to PDF" of the whole packet: the packet's own PDF, written where the dialog said."""

    def __init__(self, pdf: bytes, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pdf, self.path = pdf, path

    def start(self) -> None:
        try:
            write_pdf_bytes(self._pdf, self.path)
        except MentorAppError as exc:
            self.failed.emit(str(exc))
        else:
            self.sent.emit(_("Printed to {file}.").format(file=self.path.name))
        self._pdf = b""
        self.finished.emit()

    def cancel(self) -> None:
        """Writing a file is over before Cancel could be pressed."""


PrintJob = LpJob | RasterJob | PdfFileJob


def make_print_job(pdf: bytes, printer: QPrinter, page_count: int, *, runner: BackgroundRunner,
                   parent: QObject | None = None) -> PrintJob:
    """A job that sends `pdf` to the printer set up in the print dialog, the best way this platform allows.

    Connect to its signals, then call start().
    """
    program = lp_program()
    native = printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    if native and program is not None and printer.printerName():
        job: PrintJob = LpJob(pdf, printer, page_count, program, parent)
    elif not native and printer.outputFileName() and page_span(printer, page_count) == (1, page_count):
        job = PdfFileJob(pdf, Path(printer.outputFileName()), parent)
    else:
        job = RasterJob(pdf, printer, page_count, runner, parent)
    return job
