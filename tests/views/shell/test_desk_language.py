"""The desk in the lead's language: started under MENTORAPP_LANG=de_DE its menus, dates and Qt's own
buttons are German; a packet written from it is in the language its dialog names."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QUndoStack

from desk_support import open_desk
from mentorapp import i18n
from mentorapp.app import make_application, speak_language
from mentorapp.models.services import Services
from mentorapp.views.context import DeskContext
from mentorapp.views.runtime.background import BackgroundRunner
from mentorapp.views.runtime.change_adapter import QtChanges
from mentorapp.views.shell import packet_dialog
from mentorapp.views.shell.frame import DeskFrame
from mentorapp.views.shell.packet_dialog import PacketDialog
from mnemonic_walker import menu_clashes, window_clashes
from tests.conftest import DEMO_TODAY

BUILD_TIMEOUT = 60_000


@pytest.fixture
def german_desk_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[i18n.Speech]:
    """The desk's language wiring as a start under MENTORAPP_LANG=de_DE does it; English again afterwards."""
    app = make_application()
    before = QLocale()
    monkeypatch.setenv("MENTORAPP_LANG", "de_DE")
    try:
        yield speak_language(app)
    finally:
        monkeypatch.setenv("MENTORAPP_LANG", "en_GB")
        speak_language(app)
        QLocale.setDefault(before)


def test_a_desk_started_under_a_german_locale_speaks_german_with_german_dates_and_qt_buttons(
        german_desk_language: i18n.Speech, tmp_path: Path) -> None:
    assert german_desk_language == i18n.Speech("de", "de_DE") and i18n.language() == "de"
    assert QLocale().name() == "de_DE"
    assert QLocale().firstDayOfWeek() == Qt.DayOfWeek.Monday  # the calendar's week starts on Monday
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"  # Qt's own buttons
    frame = DeskFrame(tmp_path / "team.db")
    try:
        assert [a.text() for a in frame.menuBar().actions()] == [
            "&Datei", "&Bearbeiten", "&Mentee", "&Ansicht", "&Hilfe"]
        assert frame.findChild(type(frame.status), "placeholder_status").text() == "team.db wird geöffnet…"
    finally:
        frame.deleteLater()


def test_the_german_desk_has_german_menus_with_one_alt_letter_each(
        qtbot, german_desk_language: i18n.Speech, demo_services: Services) -> None:
    window = open_desk(qtbot, demo_services)
    titles = [action.text() for action in window.menuBar().actions() if action.menu() is not None]
    assert titles == ["&Datei", "&Bearbeiten", "&Mentee", "&Ansicht", "&Hilfe"]
    assert window.packet_action.text() == "&Gesprächsmappe…"
    clashes = [clash for action in window.menuBar().actions() if action.menu() is not None
               for clash in menu_clashes(action.menu())]
    window.show_view(window.today_view)
    clashes += window_clashes(window)
    assert not clashes


def test_after_a_german_start_english_comes_back(german_desk_language: i18n.Speech) -> None:
    app = make_application()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORAPP_LANG", "en_GB")
        speak_language(app)
        assert i18n.language() == "en" and QLocale().name() == "en_GB"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


# -- the packet dialog's language ---------------------------------------------------------------------------
@pytest.fixture
def packet_context(demo_services: Services) -> Iterator[DeskContext]:
    runner = BackgroundRunner()
    yield DeskContext(demo_services, QtChanges(demo_services.changes), QUndoStack(), runner, report=print)
    runner.wait()


def _dialog(qtbot, context: DeskContext, mentee_id: int) -> PacketDialog:
    dialog = PacketDialog(context, None, mentee_id, today=DEMO_TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_packet_is_written_in_the_language_its_dialog_names_on_the_thread_that_renders_it(
        qtbot, packet_context: DeskContext, demo_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    spoken: list[str] = []
    real = packet_dialog.packet_pdf

    def recording(*args: object, **kwargs: object) -> bytes:
        spoken.append(i18n.language())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(packet_dialog, "packet_pdf", recording)
    dialog = _dialog(qtbot, packet_context, demo_services.mentees.find("Priya").id)
    assert dialog.language_combo.currentText() == "English"  # the desk's language by default
    assert [dialog.language_combo.itemText(i) for i in range(dialog.language_combo.count())] == [
        "English", "Deutsch", "Français", "Español"]
    qtbot.waitSignal(dialog.preview_ready, timeout=BUILD_TIMEOUT).wait()
    with qtbot.waitSignal(dialog.preview_ready, timeout=BUILD_TIMEOUT):
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("de"))
    assert spoken[-1] == "de"
    assert i18n.language() == "en"  # the desk itself still speaks English


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_a_german_packet_saved_from_an_english_desk_has_german_headings(
        qtbot, packet_context: DeskContext, demo_services: Services, tmp_path: Path) -> None:
    heading = i18n.translations("de").gettext("Goals")
    if heading == "Goals":
        pytest.skip("the packets' catalogue has no German yet")
    dialog = _dialog(qtbot, packet_context, demo_services.mentees.find("Priya").id)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("de"))
    target = tmp_path / "priya.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=BUILD_TIMEOUT):
        dialog.save_to(target)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert heading in text and "Priya Raman" in text


def test_today_speaks_in_whole_german_sentences(demo_services: Services) -> None:
    from mentorapp.views.shell.today import build_today

    with i18n.speaking("de"):
        groups = build_today(demo_services, today=DEMO_TODAY, recognition_gap_days=60)
    titles = [group.title for group in groups]
    assert "Fällige Check-ins" in titles and "Seit über 60 Tagen nicht anerkannt" in titles
    checks = next(group for group in groups if group.title == "Fällige Check-ins")
    assert checks.items[0].detail.startswith(("Check-in überfällig: ", "Check-in fällig: "))
    assert "alle 14 Tage" in " ".join(item.detail for item in checks.items)
