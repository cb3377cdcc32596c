"""File → Review packet… in the desk: preview, presets, save, print, and team builds in the background."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog
from pypdf import PdfReader

from mentorapp.models.services import Services
from mentorapp.views.runtime.background import BackgroundRunner
from mentorapp.views.context import DeskContext
from mentorapp.views.shell.packet_dialog import PacketDialog, open_packet_dialog
from mentorapp.views.runtime.change_adapter import QtChanges
from tests.conftest import DEMO_TODAY
from tests.packets.conftest import pdf_text

BUILD_TIMEOUT = 60_000


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


def _dialog(qtbot, desk: Desk, mentee_id: int | None) -> PacketDialog:
    dialog = PacketDialog(desk.context, None, mentee_id, today=DEMO_TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _wait_preview(qtbot, dialog: PacketDialog) -> int:
    with qtbot.waitSignal(dialog.preview_ready, timeout=BUILD_TIMEOUT) as blocker:
        pass
    return blocker.args[0]


def test_preview_shows_the_pages_of_the_chosen_mentee(qtbot, desk: Desk, demo_services: Services) -> None:
    priya = demo_services.mentees.find("Priya")
    dialog = _dialog(qtbot, desk, priya.id)
    pages = _wait_preview(qtbot, dialog)
    assert pages == dialog.document.pageCount() > 3
    assert dialog.preview_stack.currentWidget() is dialog.view
    assert dialog.status.text() == f"{pages} pages"
    assert dialog.mentee_combo.currentText() == "Priya Raman"
    assert dialog.print_button.isEnabled()
    assert "Priya Raman" in dialog.document.getAllText(0).text()


def test_previews_live_in_memory_and_leave_no_plaintext_in_any_temp_folder(
        qtbot, desk: Desk, demo_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "system-temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))  # where QTemporaryDir and tempfile would write
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    journal_folder = sorted(demo_services.store.path.parent.iterdir())
    dialog = _dialog(qtbot, desk, None)  # the whole team: the biggest preview
    team_pages = _wait_preview(qtbot, dialog)
    dialog.mentee_combo.setCurrentIndex(dialog.mentee_combo.findText("Priya Raman"))
    priya_pages = _wait_preview(qtbot, dialog)
    assert team_pages > priya_pages > 3
    assert "Priya Raman" in dialog.document.getAllText(0).text()
    assert list(temp.rglob("*")) == []  # no preview-N.pdf, no folder, not even for a moment left over
    assert sorted(demo_services.store.path.parent.iterdir()) == journal_folder
    dialog.close()
    assert dialog.document.pageCount() == 0


def test_presets_set_the_period_and_changing_a_date_makes_it_custom(qtbot, desk: Desk, demo_services: Services) -> None:
    dialog = _dialog(qtbot, desk, demo_services.mentees.find("Marco").id)
    _wait_preview(qtbot, dialog)
    dialog.preset_combo.setFocus()
    while dialog.preset_combo.currentData() != "last_3":
        qtbot.keyClick(dialog.preset_combo, Qt.Key.Key_Up)
    assert dialog.period() == (dt.date(2026, 8, 30), DEMO_TODAY)
    qtbot.keyClick(dialog.preset_combo, Qt.Key.Key_End)
    assert dialog.preset_combo.currentText() == "Custom"
    while dialog.preset_combo.currentData() != "this_year":
        qtbot.keyClick(dialog.preset_combo, Qt.Key.Key_Up)
    assert dialog.period() == (dt.date(2026, 1, 1), DEMO_TODAY)
    qtbot.keyClick(dialog.from_edit.line, Qt.Key.Key_Up)  # one more day at the start
    assert dialog.period()[0] == dt.date(2026, 1, 2)
    assert dialog.preset_combo.currentText() == "Custom"
    pages = _wait_preview(qtbot, dialog)
    assert "2 Jan 2026 – 29 Nov 2026" in dialog.document.getAllText(0).text()
    assert pages >= 2


def test_a_period_that_ends_before_it_starts_is_explained(qtbot, desk: Desk, demo_services: Services) -> None:
    dialog = _dialog(qtbot, desk, demo_services.mentees.find("Marco").id)
    _wait_preview(qtbot, dialog)
    dialog.to_edit.set_day(dt.date(2025, 1, 1))
    assert dialog.problem.isVisible()
    assert "after it ends" in dialog.problem.text()
    assert not dialog.save_button.isEnabled()
    assert not dialog.print_button.isEnabled()
    assert dialog.preview_stack.currentWidget() is dialog.message


def test_save_as_writes_the_packet_where_the_lead_chose(qtbot, desk: Desk, demo_services: Services,
                                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _dialog(qtbot, desk, demo_services.mentees.find("Priya").id)
    _wait_preview(qtbot, dialog)
    target = tmp_path / "priya"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF files (*.pdf)"))
    with qtbot.waitSignal(dialog.saved, timeout=BUILD_TIMEOUT) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [written] = blocker.args[0]
    assert written == tmp_path / "priya.pdf"
    assert "Priya Raman" in pdf_text(written)
    assert dialog.status.text() == "Saved priya.pdf."


def test_ctrl_p_prints_every_previewed_page(qtbot, desk: Desk, demo_services: Services, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _dialog(qtbot, desk, demo_services.mentees.find("Priya").id)
    pages = _wait_preview(qtbot, dialog)
    printed = tmp_path / "printed.pdf"

    def accept(print_dialog: QPrintDialog) -> int:
        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(PdfReader(str(printed)).pages) == pages


def test_team_build_runs_in_the_background_with_progress_and_cancel(qtbot, services: Services,
                                                                     tmp_path: Path) -> None:
    services.demo.generate(mentees=24, entries=4800, seed=3, today=DEMO_TODAY)
    desk = Desk(services)
    dialog = _dialog(qtbot, desk, None)
    assert dialog.mentee_combo.currentText() == "The whole team"
    assert dialog.team_options.isVisible()
    # The preview of the whole team starts on its own; the dialog answers while it runs.
    qtbot.waitUntil(lambda: dialog.progress.isVisible() and dialog.progress.maximum() > 0, timeout=BUILD_TIMEOUT)
    assert dialog.cancel_button.isVisible()
    qtbot.mouseClick(dialog.combined, Qt.MouseButton.LeftButton)  # the form still reacts
    assert dialog.combined.isChecked()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.progress.isVisible(), timeout=BUILD_TIMEOUT)
    assert dialog.status.text() == "Preview cancelled."
    assert "Preview cancelled" in dialog.message.text()

    # Saving one PDF per person, cancelled half-way, leaves the folder empty.
    dialog.per_person.setChecked(True)
    folder = tmp_path / "team"
    folder.mkdir()
    dialog.save_to(folder)
    qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=BUILD_TIMEOUT)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text() == "Cancelled; nothing was saved.", timeout=BUILD_TIMEOUT)
    assert list(folder.iterdir()) == []
    dialog.close()
    desk.runner.wait()


def test_open_packet_dialog_preselects_the_mentee(qtbot, desk: Desk, demo_services: Services) -> None:
    marco = demo_services.mentees.find("Marco")
    dialog = open_packet_dialog(desk.context, None, marco.id)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.mentee_combo.currentText() == "Marco Rossi"
    assert not dialog.team_options.isVisible()
    _wait_preview(qtbot, dialog)


def test_save_as_into_the_journal_or_its_backup_folder_is_one_sentence_and_changes_nothing(
        qtbot, desk: Desk, demo_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    journal = demo_services.store.path
    backup = demo_services.backups.back_up_now().path
    before = (journal.read_bytes(), backup.read_bytes())
    dialog = _dialog(qtbot, desk, demo_services.mentees.find("Priya").id)
    _wait_preview(qtbot, dialog)
    for chosen in (backup.parent / "priya.pdf", journal):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, c=chosen, **kwargs: (str(c), ""))
        desk.reports.clear()
        if chosen == journal:
            dialog.save_to(journal)  # a journal whose name needs no .pdf added
        else:
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(desk.reports), timeout=BUILD_TIMEOUT)
        [said] = desk.reports
        assert "\n" not in said and ("backup folder" in said or "the journal itself" in said)
    assert (journal.read_bytes(), backup.read_bytes()) == before
    assert list(backup.parent.glob("*.pdf")) == []
