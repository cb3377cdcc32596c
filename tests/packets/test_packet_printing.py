"""Printing a packet: the vector PDF goes to a real CUPS queue in the background; the raster path is the fallback.

The CUPS test needs cupsd with a cups-pdf queue named MentorAppPDF (`.ci/run` installs
Debian's cups and printer-driver-cups-pdf, starts cupsd and adds the queue). Outside CI
it is skipped, with the reason, on a machine without them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtPrintSupport import QPrinter
from pypdf import PdfReader

from mentorapp.models.services import Services
from mentorapp.views.context import DeskContext
from mentorapp.views.runtime.background import BackgroundRunner
from mentorapp.views.runtime.change_adapter import QtChanges
from mentorapp.views.shell import printing
from mentorapp.views.shell.packet_dialog import PacketDialog
from tests.conftest import DEMO_TODAY

QUEUE = "MentorAppPDF"
BUILD_TIMEOUT = 60_000
SPOOL = Path("/var/spool/cups")


class Desk:
    def __init__(self, services: Services) -> None:
        self.reports: list[str] = []
        self.runner = BackgroundRunner()
        self.context = DeskContext(services, QtChanges(services.changes), QUndoStack(), self.runner,
                                   report=self.reports.append)


@pytest.fixture
def desk(demo_services: Services) -> Iterator[Desk]:
    made = Desk(demo_services)
    yield made
    made.runner.wait()


def _queue_problem() -> str | None:
    for program in ("lp", "lpstat"):
        if shutil.which(program) is None:
            return f"`{program}` is not installed (Debian: apt-get install cups cups-client printer-driver-cups-pdf)"
    answer = subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, text=True, check=False)
    if answer.returncode != 0:
        return f"no CUPS queue {QUEUE} (cupsd not running, or .ci/run's queue not added): {answer.stderr.strip()}"
    return None


@pytest.fixture
def cups_queue() -> str:
    problem = _queue_problem()
    if problem is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must print to a real CUPS queue, but {problem}")
        pytest.skip(problem)
    return QUEUE


def _preview(qtbot, desk: Desk, mentee_id: int) -> PacketDialog:
    dialog = PacketDialog(desk.context, None, mentee_id, today=DEMO_TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.preview_ready, timeout=BUILD_TIMEOUT):
        pass
    return dialog


def _completed(job_id: str, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = subprocess.run(["lpstat", "-W", "completed", "-o", QUEUE], capture_output=True, text=True,
                              check=False).stdout
        if re.search(rf"^{re.escape(job_id)}\s", done, re.MULTILINE):
            return True
        time.sleep(0.2)
    return False


def _job_kilobytes(job_id: str) -> int:
    listed = subprocess.run(["lpstat", "-W", "all", "-o", QUEUE], capture_output=True, text=True, check=False).stdout
    found = re.search(rf"^{re.escape(job_id)}\s+\S+\s+(\d+)", listed, re.MULTILINE)
    assert found, listed
    return int(found.group(1)) // 1024


def test_printing_hands_the_vector_pdf_to_the_cups_queue_and_the_window_keeps_working(
        qtbot, desk: Desk, demo_services: Services, cups_queue: str, tmp_path: Path) -> None:
    dialog = _preview(qtbot, desk, demo_services.mentees.find("Priya").id)
    preview = bytes(dialog._preview.data().data())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(cups_queue)
    printer.setCopyCount(2)
    printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    with qtbot.waitSignal(dialog.print_sent, timeout=30_000) as sent:
        job = dialog.print_to(printer)
        assert job is not None
        assert dialog.progress.isVisible() and dialog.cancel_button.isVisible()
        assert not dialog.print_button.isEnabled()
    qtbot.waitUntil(lambda: dialog._print_job is None)
    timer.stop()
    assert ticks, "the event loop did not run while the job was being sent"
    gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:])]
    assert max(gaps, default=0.0) < 1.0, "the window stopped answering while printing"

    sentence = sent.args[0]
    found = re.fullmatch(rf"Sent to {cups_queue} as job ({cups_queue}-(\d+))\.", sentence)
    assert found, sentence
    assert dialog.status.text() == sentence
    job_id, number = found.group(1), int(found.group(2))
    # Nothing of the journal on the command line: a fixed title, the PDF on standard input.
    arguments = job.process.arguments()
    assert not any("Priya" in argument or "Raman" in argument for argument in arguments)
    assert ["-n", "2"] == arguments[arguments.index("-n"):arguments.index("-n") + 2]
    if printer.duplex() == QPrinter.DuplexMode.DuplexLongSide:  # cups-pdf may offer no duplex
        assert "sides=two-sided-long-edge" in arguments
    assert set(job.process.processEnvironment().keys()) <= {*printing._LP_ENVIRONMENT, "LC_ALL"}

    assert _completed(job_id), f"{job_id} did not complete"
    # The queue got the packet's own PDF (tens of KB), not 300-dpi pictures of it (megabytes).
    assert _job_kilobytes(job_id) <= max(200, len(preview) // 1024 + 8)
    spooled = SPOOL / f"d{number:05d}-001"
    if os.access(spooled, os.R_OK):
        data = spooled.read_bytes()
        assert data == preview
        copy = tmp_path / "spooled.pdf"
        copy.write_bytes(data)
        text = subprocess.run(["pdftotext", str(copy), "-"], capture_output=True, text=True, check=True).stdout
        assert "Priya Raman" in text


def test_a_queue_that_refuses_the_job_is_one_sentence(qtbot, desk: Desk, demo_services: Services,
                                                      cups_queue: str, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _preview(qtbot, desk, demo_services.mentees.find("Priya").id)
    printer = QPrinter()
    printer.setPrinterName(cups_queue)
    # The queue disappears between the print dialog and the job (removed, or its server gone).
    monkeypatch.setattr(printing, "lp_arguments", lambda *args: ["-d", "NoSuchQueueHere", "-t", printing.JOB_TITLE])
    with qtbot.waitSignal(dialog.print_ended, timeout=30_000):
        dialog.print_to(printer)
    assert desk.reports, "the lead was not told"
    assert desk.reports[-1].startswith(f"{cups_queue} did not take the packet (")
    assert desk.reports[-1].endswith("; nothing was printed.")
    assert "\n" not in desk.reports[-1]
    assert dialog.print_button.isEnabled()


def test_the_print_dialogs_choices_become_lp_options(qtbot) -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # keeps every choice, whatever is installed
    printer.setPrinterName("Office")
    printer.setCopyCount(3)
    printer.setCollateCopies(True)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 4)
    printer.setDuplex(QPrinter.DuplexMode.DuplexShortSide)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    arguments = printing.lp_arguments(printer, 9)
    options = [arguments[i + 1] for i, flag in enumerate(arguments) if flag == "-o"]
    assert arguments[:4] == ["-d", printer.printerName(), "-t", "MentorApp review packet"]
    assert arguments[arguments.index("-n") + 1] == "3"
    assert "page-ranges=2-4" in options and "collate=true" in options
    assert "print-color-mode=monochrome" in options and "outputorder=reverse" in options
    if printer.duplex() == QPrinter.DuplexMode.DuplexShortSide:
        assert "sides=two-sided-short-edge" in options


def test_without_cups_the_pages_are_drawn_in_the_background_at_the_printers_resolution(
        qtbot, desk: Desk, demo_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "lp_program", lambda: None)
    dialog = _preview(qtbot, desk, demo_services.mentees.find("Priya").id)
    out = tmp_path / "pages.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # 96 dpi: the pictures follow the printer
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    progress: list[tuple[int, int, str]] = []
    with qtbot.waitSignal(dialog.print_sent, timeout=BUILD_TIMEOUT) as sent:
        job = dialog.print_to(printer)
        assert isinstance(job, printing.RasterJob)
        job.progress.connect(lambda *args: progress.append(args))
    assert sent.args[0] == "Sent 2 pages to pages.pdf."
    assert len(PdfReader(str(out)).pages) == 2
    assert progress and progress[-1][1] == 2 and progress[-1][2] == "Printing page 2 of 2"
    # 96-dpi pictures of two A4 pages are small; 300-dpi ones would be several times larger.
    assert out.stat().st_size < 1_500_000


def test_cancel_stops_a_raster_print(qtbot, desk: Desk, demo_services: Services, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "lp_program", lambda: None)
    dialog = _preview(qtbot, desk, demo_services.mentees.find("Priya").id)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, dialog.document.pageCount() - 1)
    with qtbot.waitSignal(dialog.print_ended, timeout=BUILD_TIMEOUT):
        dialog.print_to(printer)
        dialog.cancel_button.click()
    assert dialog.status.text() == "Printing cancelled; nothing more was sent."
    assert not dialog.cancel_button.isVisible()
    assert dialog.print_button.isEnabled()
