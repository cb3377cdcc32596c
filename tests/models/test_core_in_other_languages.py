"""The core's words as a German, French or Spanish lead reads them: labels, and refusals as whole sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorapp import i18n
from mentorapp.models.errors import MentorAppError
from mentorapp.models.validation import choice, parse_date, past_day, required_text
from mentorapp.models.vocabulary import AskStatus, EntryKind, GoalStatus, ThreadStatus

TODAY = dt.date(2026, 11, 29)


def test_labels_follow_the_language_and_tell_genders_apart() -> None:
    assert EntryKind.CONCERN.label == "Concern"
    with i18n.speaking("de"):
        assert EntryKind.CONCERN.label == "Bedenken"
        assert GoalStatus.ACHIEVED.label == "Erreicht"
    with i18n.speaking("fr"):
        assert ThreadStatus.OPEN.label == "Ouvert"
        assert AskStatus.OPEN.label == "Ouverte"
    with i18n.speaking("es"):
        assert AskStatus.GRANTED.label == "Concedida"
    assert EntryKind.CONCERN.label == "Concern"


def test_a_lead_may_type_a_value_an_english_label_or_a_translated_one() -> None:
    with i18n.speaking("de"):
        assert EntryKind.parse("Bedenken") is EntryKind.CONCERN
        assert EntryKind.parse("concern") is EntryKind.CONCERN
        assert choice(GoalStatus, "erreicht", what="goal status") is GoalStatus.ACHIEVED
        assert parse_date("gestern", today=TODAY) == TODAY - dt.timedelta(days=1)
        assert parse_date("yesterday", today=TODAY) == TODAY - dt.timedelta(days=1)


def test_refusals_are_whole_sentences_in_german() -> None:
    with i18n.speaking("de"), pytest.raises(MentorAppError) as empty:
        required_text("  ", what="note")
    assert str(empty.value) == "Die Notiz darf nicht leer sein."
    with i18n.speaking("de"), pytest.raises(MentorAppError) as ahead:
        past_day(dt.date(2027, 1, 5), today=TODAY, what="start date")
    assert str(ahead.value) == "Das Anfangsdatum darf nicht nach heute liegen (2027-01-05); heute ist 2026-11-29."
    with i18n.speaking("fr"), pytest.raises(MentorAppError) as unknown:
        choice(EntryKind, "gossip", what="kind")
    assert str(unknown.value).startswith("Le type ne peut pas être 'gossip'\u202f; valeurs possibles\u202f: progress")
    with i18n.speaking("es"), pytest.raises(MentorAppError) as typed:
        parse_date("mañana", what="end date", today=TODAY)
    assert str(typed.value) == "La fecha de fin 'mañana' no es una fecha válida; escríbela como AAAA-MM-DD."


def test_a_journal_that_cannot_be_opened_is_refused_in_the_leads_language(tmp_path) -> None:
    from mentorapp.models.storage.store import check_verdict, describe_unopenable

    with i18n.speaking("de"):
        assert describe_unopenable(tmp_path) == f"{tmp_path} ist ein Ordner, keine Journaldatei."
    with i18n.speaking("fr"):
        said = check_verdict([("Page 3: btreeInitPage() returns error code 11",), ("row 2 missing",), ("x",)])
    assert said == ("La vérification de SQLite signale\u202f: Page 3: btreeInitPage() returns error code 11, "
                    "et 2 autres problèmes")


def test_a_backup_is_described_with_the_locales_own_day_and_words() -> None:
    from pathlib import Path

    from mentorapp.models.trust.backups import BackupInfo, Reason, describe_backup

    made = BackupInfo(path=Path("j-20261129-100000-daily.mentorapp-backup"), made_at=dt.datetime(2026, 11, 29, 10, 0),
                      reason=Reason.DAILY, size=1)
    now = dt.datetime(2026, 11, 29, 13, 5)
    assert describe_backup(made, now=now) == "Sunday 29 November 2026 at 10:00 (3 hours ago, daily)"
    with i18n.speaking("de"):
        assert describe_backup(made, now=now) == "Sonntag, 29. November 2026 um 10:00 (vor 3 Stunden, täglich)"
    with i18n.speaking("es"):
        assert describe_backup(made, now=now) == "domingo, 29 de noviembre de 2026, a las 10:00 (hace 3 horas, diaria)"


def test_a_month_is_labelled_in_the_leads_language() -> None:
    from mentorapp.models.insights import MonthCount

    assert MonthCount(2026, 3, 4).label == "Mar 2026"
    with i18n.speaking("fr"):
        assert MonthCount(2026, 3, 4).label == "mars 2026"


@pytest.mark.parametrize(("language", "opening"), [
    ("de", "Ich bin auf ein paar Schwierigkeiten gestoßen und möchte Ihre Sicht hören. Was halten Sie von …?"),
    ("fr", "J'ai rencontré quelques difficultés et j'aimerais avoir votre avis. Que pensez-vous de …\u202f?"),
    ("es", "Me he encontrado con algunas dificultades y quiero conocer tu punto de vista. ¿Qué opinas de…?"),
])
def test_a_new_journal_offers_its_conversation_starters_in_the_language_it_was_made_in(
        tmp_path, language: str, opening: str) -> None:
    from mentorapp.models.clock import FixedClock
    from mentorapp.models.services import Services
    from mentorapp.models.storage.store import Key, Store

    key = Key(secret="5a" * 32, raw=True, source="test")
    clock = FixedClock(dt.datetime(2026, 11, 29))
    with i18n.speaking(language), Store.open(tmp_path / "new.db", key) as store:
        spoken = [starter.text for starter in Services(store, clock=clock).starters.list()]
    with Store.open(tmp_path / "english.db", key) as store:
        english = [starter.text for starter in Services(store, clock=clock).starters.list()]
    assert spoken[0] == opening  # the method's opening question, first
    assert len(spoken) == len(english) == 7
    assert not set(spoken) & set(english)
    assert english[0].startswith("I've encountered some challenges")
