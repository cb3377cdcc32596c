"""Preferences: the language the desk speaks, saved outside the journal for the next start."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorapp import i18n
from mentorapp.models.services import Services
from mentorapp.views.journal.preferences import PreferencesDialog


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """i18n.preference_file() follows XDG_CONFIG_HOME (platformdirs): a folder of this test's own."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert i18n.preference_file().is_relative_to(tmp_path)
    return tmp_path


def test_choosing_deutsch_saves_de_and_says_it_takes_over_at_the_next_start(qtbot, services: Services,
                                                                            config: Path) -> None:
    dialog = PreferencesDialog(services)
    qtbot.addWidget(dialog)
    words = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert words[0].startswith("System language (") and words[1:] == ["English", "Deutsch", "Français", "Español"]
    assert dialog.language.value() is None and dialog.language_note.isHidden()
    dialog.language.set_value("de")
    assert not dialog.language_note.isHidden()
    assert dialog.language_note.text() == "The desk will speak Deutsch from its next start."
    dialog.accept()
    assert i18n.preference_file().read_text(encoding="utf-8").strip() == "de"
    assert i18n.saved_language() == "de"

    again = PreferencesDialog(services)
    qtbot.addWidget(again)
    assert again.language.value() == "de" and again.language_note.isHidden()
    again.language.set_value(None)
    assert again.language_note.text() == "The desk will follow the system's language from its next start."
    again.accept()
    assert not i18n.preference_file().exists() and i18n.saved_language() is None


def test_preferences_speak_german(qtbot, services: Services, config: Path) -> None:
    with i18n.speaking("de"):
        dialog = PreferencesDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Einstellungen"
    assert dialog.language.itemText(0).startswith("Systemsprache (")
    assert dialog.reminders.text() == "An &Fälliges erinnern um"
    assert [box.text() for box in dialog.reminder_days.values()] == ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
    assert dialog.reminder_days[3].accessibleName() == "Donnerstag"
