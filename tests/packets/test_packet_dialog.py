"""File → Review packet… in the desk: preview, presets, save, print, and team builds in the background."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog
from pypdf import PdfReader

from mentorapp.models.services import Services
from mentorapp.views.runtime.background import BackgroundRunner
from mentorapp.views.context import DeskContext
from mentorapp.views.shell.packet_dialog import NOTHING_TO_WRITE, PacketDialog, open_packet_dialog
from mentorapp.views.runtime.change_adapter import QtChanges
from tests.conftest import DEMO_TODAY
from tests.packets.conftest import pdf_text
from tests.views.mnemonic_walker import mnemonic, window_clashes

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
    assert dialog.preview_stack.currentWidget() is dialog.preview_page
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


def test_the_preview_zooms_and_pages_from_the_keyboard(qtbot, desk: Desk, demo_services: Services) -> None:
    dialog = _dialog(qtbot, desk, demo_services.mentees.find("Priya").id)
    pages = _wait_preview(qtbot, dialog)
    assert dialog.page_spin.value() == 1 and dialog.page_count_label.text() == f"of {pages}"
    assert dialog.fit_button.isChecked()
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_PageDown)
    assert dialog.page_spin.value() == 2 and dialog.current_page() == 1
    qtbot.keyClick(dialog.view, Qt.Key.Key_End)
    assert dialog.page_spin.value() == pages
    assert not dialog.next_button.isEnabled() and not dialog.last_button.isEnabled()
    qtbot.keyClick(dialog.view, Qt.Key.Key_PageUp)
    assert dialog.page_spin.value() == pages - 1
    qtbot.keyClick(dialog.view, Qt.Key.Key_Home)
    assert dialog.page_spin.value() == 1 and not dialog.previous_button.isEnabled()

    # Alt+G types a page number.
    qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert dialog.page_spin.hasFocus()
    dialog.page_spin.selectAll()
    qtbot.keyClicks(dialog.page_spin, "3")
    qtbot.keyClick(dialog.page_spin, Qt.Key.Key_Return)
    assert dialog.current_page() == 2

    fitted = dialog._shown_zoom()
    qtbot.keyClick(dialog, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomFactor() == pytest.approx(fitted * 1.25, rel=0.01)
    assert dialog.zoom_label.text() == f"{round(fitted * 125)}%"
    assert dialog.current_page() == 2, "zooming kept the page the lead was reading"
    assert not dialog.fit_button.isChecked()
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomFactor() == pytest.approx(fitted / 1.25, rel=0.01)
    qtbot.keyClick(dialog, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert dialog.fit_button.isChecked()
    assert dialog.zoom_label.text() == f"{round(fitted * 100)}%"


def test_after_saving_the_pdf_and_its_folder_open_with_one_key(qtbot, desk: Desk, demo_services: Services,
                                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog = _dialog(qtbot, desk, demo_services.mentees.find("Priya").id)
    _wait_preview(qtbot, dialog)
    assert not dialog.open_button.isVisible() and not dialog.folder_button.isVisible()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "priya.pdf"), ""))
    with qtbot.waitSignal(dialog.saved, timeout=BUILD_TIMEOUT):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert dialog.open_button.isVisible() and dialog.folder_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(opened) == 1)  # a mnemonic clicks the button a moment later
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(opened) == 2)
    assert opened == [str(tmp_path / "priya.pdf"), str(tmp_path)]


def test_save_as_and_print_have_their_own_alt_letters(qtbot, desk: Desk, demo_services: Services) -> None:
    dialog = _dialog(qtbot, desk, demo_services.mentees.find("Priya").id)
    _wait_preview(qtbot, dialog)
    dialog.open_button.show()
    dialog.folder_button.show()
    assert mnemonic(dialog.save_button.text()) == "s" and mnemonic(dialog.print_button.text()) == "i"
    assert window_clashes(dialog) == []


def test_an_empty_journal_says_there_is_nothing_to_save_before_asking_where(
        qtbot, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: asked.append("folder") or "")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append("file") or ("", ""))
    desk = Desk(services)
    dialog = _dialog(qtbot, desk, None)
    assert not dialog.save_button.isEnabled()
    assert "no one in the journal yet" in dialog.save_button.toolTip()
    assert dialog.message.text() == NOTHING_TO_WRITE  # the preview says it, not a blank page
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == []
    assert dialog.status.text() == NOTHING_TO_WRITE
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert dialog.status.text() == NOTHING_TO_WRITE
    dialog.close()
    desk.runner.wait()
