"""Which language MentorApp speaks, and dates and plurals as each language writes them."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest

from mentorapp import i18n


@pytest.fixture(autouse=True)
def _keep_process_language() -> Iterator[None]:
    before = i18n.speech()
    yield
    i18n.set_language(before)


def test_the_system_locale_is_read_in_posix_order() -> None:
    assert i18n.system_speech({"LANG": "de_AT.UTF-8"}) == i18n.Speech("de", "de_AT")
    assert i18n.system_speech({"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}).language == "fr"
    assert i18n.system_speech({"LC_ALL": "es_ES.UTF-8", "LANG": "de_DE.UTF-8"}).language == "es"
    # LANGUAGE lists preferences; a language MentorApp does not speak is passed over.
    assert i18n.system_speech({"LANG": "it_IT.UTF-8", "LANGUAGE": "it:fr:en"}).language == "fr"
    # LANGUAGE is ignored under the C locale, and an unknown system falls back to English.
    assert i18n.system_speech({"LANG": "C", "LANGUAGE": "de"}).language == "en"
    assert i18n.system_speech({"LANG": "ja_JP.UTF-8"}) == i18n.Speech("en", "en_GB")


def test_preferences_then_mentorapp_lang_then_language_override_the_system(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(i18n, "preference_file", lambda: tmp_path / "language")
    system = {"LANG": "de_DE.UTF-8"}
    assert i18n.choose(environ=system).language == "de"
    i18n.save_language("fr")
    assert i18n.choose(environ=system) == i18n.Speech("fr", "fr_FR")
    assert i18n.choose(environ={**system, "MENTORAPP_LANG": "es"}).language == "es"
    assert i18n.choose("en", environ={**system, "MENTORAPP_LANG": "es"}).language == "en"
    i18n.save_language(None)
    assert i18n.choose(environ=system).language == "de"


def test_a_bare_language_keeps_the_systems_territory_for_its_dates(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(i18n, "preference_file", lambda: tmp_path / "language")
    assert i18n.choose("en", environ={"LANG": "en_US.UTF-8"}).locale == "en_US"
    assert i18n.choose("en", environ={"LANG": "de_DE.UTF-8"}).locale == "en_GB"
    assert i18n.choose("de_CH", environ={"LANG": "de_DE.UTF-8"}).locale == "de_CH"


def test_a_language_mentorapp_does_not_speak_is_refused_when_asked_for_and_passed_over_from_the_environment(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(i18n, "preference_file", lambda: tmp_path / "language")
    with pytest.raises(ValueError):
        i18n.choose("klingon", environ={})
    assert i18n.choose(environ={"MENTORAPP_LANG": "xx", "LANG": "fr_FR.UTF-8"}).language == "fr"
    (tmp_path / "language").write_text("nonsense\n")
    assert i18n.saved_language() is None


def test_speaking_changes_this_threads_language_only() -> None:
    i18n.set_language(i18n.Speech("de", "de_DE"))
    seen = {}

    def other() -> None:
        seen["other"] = i18n.language()

    with i18n.speaking("es") as speech:
        assert speech.language == "es" and i18n.language() == "es"
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert seen["other"] == "de"
    assert i18n.language() == "de"


@pytest.mark.parametrize(
    ("tag", "short", "long_form", "week_starts"),
    [
        ("en_GB", "29 Nov 2026", "29 November 2026", 0),
        ("en_US", "Nov 29, 2026", "November 29, 2026", 6),
        ("de_DE", "29.11.2026", "29. November 2026", 0),
        ("fr_FR", "29 nov. 2026", "29 novembre 2026", 0),
        ("es_ES", "29 nov 2026", "29 de noviembre de 2026", 0),
    ],
)
def test_dates_and_the_first_day_of_the_week_follow_the_locale(tag, short, long_form, week_starts) -> None:
    with i18n.speaking(tag):
        assert i18n.day_text(dt.date(2026, 11, 29)) == short
        assert i18n.long_day_text(dt.date(2026, 11, 29)) == long_form
        assert i18n.first_weekday() == week_starts


def test_times_and_numbers_follow_the_locale() -> None:
    with i18n.speaking("en_US"):
        assert i18n.time_text(dt.time(15, 30)) == "3:30\u202fPM"
    with i18n.speaking("de_DE"):
        assert i18n.time_text(dt.time(15, 30)) == "15:30"
        assert i18n.number_text(1234.5) == "1.234,5"
        assert i18n.moment_text(dt.datetime(2026, 11, 29, 15, 30)) == "29.11.2026, 15:30"


def test_the_pseudo_language_brackets_every_marked_string_so_a_screen_walk_finds_unmarked_ones() -> None:
    with i18n.speaking(i18n.PSEUDO):
        assert i18n._("Save") == "⟦Save⟧"
        assert i18n.ngettext("{n} note", "{n} notes", 2) == "⟦{n} notes⟧"
