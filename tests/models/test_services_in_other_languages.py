"""The services speak the lead's language: refusals, import summaries and undo steps in German, French, Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorapp import i18n
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services


def test_an_import_into_a_journal_with_its_team_is_refused_in_german(demo_services: Services,
                                                                      tmp_path: Path) -> None:
    export = tmp_path / "team.json"
    demo_services.interchange.export(export)
    with i18n.speaking("de"), pytest.raises(MentorAppError) as refused:
        demo_services.interchange.import_file(export)
    assert str(refused.value).startswith("Dieses Journal enthält bereits alle 10 Mentees aus team.json")


def test_a_file_that_is_not_an_export_is_refused_in_french_with_french_typography(services: Services,
                                                                                   tmp_path: Path) -> None:
    wrong = tmp_path / "notes.json"
    wrong.write_text('{"format": "something else"}', encoding="utf-8")
    with i18n.speaking("fr"), pytest.raises(MentorAppError) as refused:
        services.interchange.import_file(wrong)
    assert str(refused.value) == f"{wrong} n'est pas un export de journal MentorApp."


def test_an_undo_step_names_the_record_in_spanish(services: Services) -> None:
    with i18n.speaking("es"):
        command = services.mentees.undoable("Añadir mentee", lambda: services.mentees.add(name="Ana Lima"))
    assert command is not None and command.text.startswith("Añadir mentee: ")


def test_the_hint_about_special_categories_names_them_in_german_and_cites_the_dsgvo() -> None:
    from mentorapp.models.services.sensitive import sensitive_hint

    with i18n.speaking("de"):
        hint = sensitive_hint("Her migraines and the divorce are hard on her")
    assert hint == ("Erwähnt Gesundheit und Familie: Besondere Kategorien personenbezogener Daten (DSGVO Art. 9) "
                    "gehören selten in ein Arbeitsjournal.")


def test_the_check_in_calendar_is_named_in_the_leads_language(services: Services, tmp_path: Path) -> None:
    services.mentees.add(name="Ana Lima")
    target = tmp_path / "check-ins.ics"
    with i18n.speaking("es"):
        services.calendar.export(target)
    text = target.read_text(encoding="utf-8")
    assert "X-WR-CALNAME:Seguimientos de MentorApp" in text and "SUMMARY:1:1 con Ana Lima" in text


def test_nothing_due_is_said_in_french() -> None:
    from mentorapp.models.services.due import DueReport

    report = DueReport(check_ins_due=(), check_ins_overdue=("Ana",), watchlist_reviews=(), goals=(),
                       retention_notices=())
    with i18n.speaking("fr"):
        assert report.lines(names=True) == ["Points d'étape en retard\u202f: 1 (Ana)"]


def test_a_change_refused_by_a_hold_says_so_in_german(services: Services) -> None:
    from mentorapp.models.errors import HeldError

    ana = services.mentees.add(name="Ana Lima")
    services.mentees.hold(ana.id, reason="Auskunftsersuchen")
    with i18n.speaking("de"), pytest.raises(HeldError) as refused:
        services.mentees.edit(ana.id, name="Ana Lima-Sousa")
    assert "gilt eine Sperre" in str(refused.value) and "bis die Sperre aufgehoben ist" in str(refused.value)


def test_a_refusal_to_hold_twice_gives_the_day_as_french_writes_it(services: Services) -> None:
    ana = services.mentees.add(name="Ana Lima")
    services.mentees.hold(ana.id, reason="Litige")
    day = services.mentees.get(ana.id).held_on
    assert day is not None
    with i18n.speaking("fr"), pytest.raises(MentorAppError) as refused:
        written = i18n.day_text(day)  # "29 nov. 2026", never 2026-11-29
        services.mentees.hold(ana.id, reason="Litige")
    assert str(refused.value).endswith(f"fait déjà l'objet d'un gel depuis le {written}.") and "-" not in written
