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
        qtbot, demo_services: Services, german_desk_language: i18n.Speech) -> None:
    # demo_services first: the session's demo journal is made once, in English, before German is spoken.
    window = open_desk(qtbot, demo_services)
    titles = [action.text() for action in window.menuBar().actions() if action.menu() is not None]
    assert titles == ["&Datei", "&Bearbeiten", "&Mentee", "&Ansicht", "&Hilfe"]
    assert window.packet_action.text() == "&Gesprächsmappe…"
    clashes = [clash for action in window.menuBar().actions() if action.menu() is not None
               for clash in menu_clashes(action.menu())]
    window.show_view(window.today_view)
    clashes += window_clashes(window)
    window.show_view(window.watchlist_view)
    clashes += window_clashes(window)
    assert window.watchlist_view.open_button.text() == "Fall &eröffnen…"
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


@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_quick_capture_and_the_packet_dialog_keep_one_alt_letter_per_control_in_every_language(
        qtbot, packet_context: DeskContext, demo_services: Services, language: str) -> None:
    from mentorapp.views.shell.quick_capture import QuickCaptureDialog

    priya = demo_services.mentees.find("Priya").id
    with i18n.speaking(language):
        capture = QuickCaptureDialog(packet_context, mentee_id=priya)
        packet = PacketDialog(packet_context, None, priya, today=DEMO_TODAY)
    for dialog in (capture, packet):
        qtbot.addWidget(dialog)
        dialog.show()
        assert not window_clashes(dialog), (language, dialog.windowTitle())
    assert capture.windowTitle() == {"de": "Neue Notiz", "fr": "Nouvelle note", "es": "Nueva nota"}[language]
    packet.done(0)


def test_the_crash_dialog_and_the_tray_speak_german(tmp_path: Path) -> None:
    from mentorapp.views.runtime.crash import crash_message
    from mentorapp.views.shell.tray import tooltip_text

    with i18n.speaking("de"):
        said = crash_message(tmp_path / "mentorapp.log")
        tooltip = tooltip_text(3)
    assert said.startswith("In MentorApp ist etwas schiefgegangen") and str(tmp_path / "mentorapp.log") in said
    assert tooltip == "MentorApp: 3 Check-ins fällig"


@pytest.mark.parametrize(("language", "title", "heading"), [
    ("de", "MentorApp-Leitfaden", "MentorApp auf einen Blick"),
    ("fr", "Guide de MentorApp", "MentorApp en bref"),
    ("es", "Guía de MentorApp", "MentorApp en pocas palabras"),
])
def test_the_guide_is_written_in_the_desks_language(qtbot, language: str, title: str, heading: str) -> None:
    from mentorapp.views.shell.guide import GuideWindow

    with i18n.speaking(language):
        guide = GuideWindow()
    qtbot.addWidget(guide)
    assert guide.windowTitle() == title
    assert guide.text.toPlainText().startswith(heading)
    assert "Ctrl+N" not in guide.text.toPlainText() or language != "de"  # German keyboards say Strg


_SHOW_MENUS = """
from pathlib import Path
from mentorapp.app import make_application, speak_language
from mentorapp.views.shell.frame import DeskFrame
from PySide6.QtCore import QLocale
app = make_application()
speak_language(app)
frame = DeskFrame(Path("team.db"))
print(QLocale().name(), "|".join(action.text() for action in frame.menuBar().actions()))
"""


@pytest.mark.parametrize(("system", "locale", "menus"), [
    ("de_AT.UTF-8", "de_AT", "&Datei|&Bearbeiten|&Mentee|&Ansicht|&Hilfe"),
    ("fr_FR.UTF-8", "fr_FR", "&Fichier|&Édition|&Mentoré·e|Afficha&ge|&Aide"),
    ("es_ES.UTF-8", "es_ES", "&Archivo|&Editar|&Mentee|&Ver|Ay&uda"),
    ("en_US.UTF-8", "en_US", "&File|&Edit|&Mentee|&View|&Help"),
])
def test_a_desk_started_under_a_system_locale_shows_its_menus_in_that_language(
        tmp_path: Path, system: str, locale: str, menus: str) -> None:
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "MENTORAPP_LANG"))}
    env.update(LANG=system, XDG_CONFIG_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    shown = subprocess.run([sys.executable, "-c", _SHOW_MENUS], capture_output=True, text=True, env=env,
                           cwd=Path(__file__).resolve().parents[3], timeout=120, check=True)
    assert shown.stdout.strip() == f"{locale} {menus}"


def test_the_command_lines_language_option_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import mentorapp.cli.language  # noqa: F401  # loaded, as when `mentorapp --language fr` started the desk

    app = make_application()
    before = QLocale()
    monkeypatch.setenv("MENTORAPP_LANG", "de_DE")
    monkeypatch.setattr(sys, "argv", ["mentorapp", "--language", "fr", "--db", "team.db"])
    try:
        assert speak_language(app) == i18n.Speech("fr", "fr_FR") and QLocale().name() == "fr_FR"
        monkeypatch.setattr(sys, "argv", ["mentorapp", "--language=system"])
        assert speak_language(app).language == "de"  # "system": back to MENTORAPP_LANG, Preferences, the system
    finally:
        monkeypatch.setenv("MENTORAPP_LANG", "en_GB")
        monkeypatch.setattr(sys, "argv", ["mentorapp"])
        speak_language(app)
        QLocale.setDefault(before)


def test_a_packet_in_another_language_reports_its_progress_in_the_desks() -> None:
    from mentorapp.views.shell.packet_dialog import desk_progress

    said: list[tuple[int, int, str]] = []

    class State:
        def set_progress(self, done: int, total: int, message: str = "") -> None:
            said.append((done, total, message))

    state = State()
    with i18n.speaking("fr"):
        desk_progress("es")(state)(1, 4, "Rédaction de Priya (2 sur 4)")  # type: ignore[arg-type]
    desk_progress("en")(state)(2, 4, "Priya Raman (3 of 4)")  # type: ignore[arg-type]
    assert said == [(1, 4, "Étape 2 sur 4"), (2, 4, "Priya Raman (3 of 4)")]
