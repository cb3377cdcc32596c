"""The date field in the lead's language: the forms follow QLocale's default (which the desk sets per
language), and its hints and problems are in the language the desk speaks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale

from mentorapp import i18n
from mentorapp.app import make_application
from mentorapp.views.widgets.date_fields import (
    DateField,
    DateTypoError,
    ago_text,
    day_text,
    due_text,
    long_day_text,
    long_format,
    parse_day,
    short_format,
)

TYPED = dt.date(2024, 10, 21)


@pytest.fixture
def locale_of() -> Iterator[object]:
    make_application()
    before = QLocale()

    def set_default(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield set_default
    QLocale.setDefault(before)


@pytest.mark.parametrize(("name", "short", "long"), [
    ("de_DE", "21.10.2024", "Montag, 21. Oktober 2024"),
    ("fr_FR", "21/10/2024", "lundi 21 octobre 2024"),
    ("es_ES", "21/10/2024", "lunes, 21 de octubre de 2024"),
])
def test_the_short_and_long_forms_follow_the_default_locale(locale_of, name: str, short: str, long: str) -> None:
    locale_of(name)
    assert "yyyy" in short_format() and "MMMM" in long_format()
    assert day_text(TYPED) == short and long_day_text(TYPED) == long
    assert parse_day(short) == TYPED  # what the field writes, it reads back


def test_a_date_field_explains_a_typo_in_german(qtbot, locale_of) -> None:
    locale_of("de_DE")
    with i18n.speaking("de"):
        field = DateField(None, accessible_name="Startdatum")
        qtbot.addWidget(field)
        qtbot.keyClicks(field.line, "irgendwann")
        field.line.editingFinished.emit()  # as when the lead moves on
        said = "Startdatum: „irgendwann“ ist kein Datum; geben Sie ein Datum als 2024-10-21 oder 21.10.2024 ein."
        assert field.problem.text() == said
        with pytest.raises(DateTypoError) as refused:
            field.day()
        assert str(refused.value) == said
        assert field.button.toolTip() == "Kalender (Alt+Unten)"
        today = dt.date(2026, 11, 29)
        assert ago_text(dt.date(2026, 11, 17), today=today) == "vor 12 Tagen"
        assert due_text(dt.date(2026, 11, 26), today=today) == "seit 3 Tagen überfällig"
