"""The demo team: believable, complete, deterministic, and never poured over real notes."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.vocabulary import Direction, EntryKind
from tests.conftest import DEMO_TODAY


def _all_entries(services: Services) -> list:
    return [e for m in services.mentees.list() for e in services.entries.page(m.id, limit=100_000)]


def test_default_demo_is_a_whole_believable_team(demo_services: Services) -> None:
    mentees = demo_services.mentees.list()
    assert 8 <= len(mentees) <= 12
    scripts = {"Latin": False, "Cyrillic": False, "Greek": False}
    for m in mentees:
        scripts["Cyrillic"] |= any("\u0400" <= c <= "\u04ff" for c in m.name)
        scripts["Greek"] |= any("\u0370" <= c <= "\u03ff" for c in m.name)
        scripts["Latin"] |= m.name.isascii()
    assert all(scripts.values())
    entries = _all_entries(demo_services)
    assert {e.kind for e in entries} == set(EntryKind)
    assert {e.direction for e in entries} == set(Direction)
    assert min(e.at.date() for e in entries) <= DEMO_TODAY - dt.timedelta(days=300)
    for m in mentees:
        assert demo_services.threads.for_mentee(m.id)
        goals = demo_services.goals.for_mentee(m.id)
        assert goals and all(g.latitude for g in goals)
        assert demo_services.recognitions.for_mentee(m.id)
        assert demo_services.asks.for_mentee(m.id)
    cases = demo_services.watchlist.open_cases()
    assert len(cases) == 1 and len(cases[0].chances) == 3
    threads = [t for m in mentees for t in demo_services.threads.for_mentee(m.id)]
    assert any(t.is_upward for t in threads) and any(not t.is_upward for t in threads)
    assert demo_services.journal.lead_name()


def test_same_seed_same_team_and_sizes_are_exact(services: Services, journal_path, tmp_path, clock) -> None:
    size = services.demo.generate(mentees=30, entries=3000, seed=11, today=DEMO_TODAY)
    assert (size.mentees, size.entries) == (30, 3000)
    counts = services.journal.counts()
    assert (counts.mentees, counts.entries) == (30, 3000)
    first = tmp_path / "a.json"
    services.interchange.export(first)
    from mentorapp.models.storage.store import Store
    from tests.conftest import TEST_KEY

    other = tmp_path / "other.db"
    with Store.open(other, TEST_KEY) as store:
        again = Services(store, clock=clock)  # the same moment: nothing is dated after it
        again.demo.generate(mentees=30, entries=3000, seed=11, today=DEMO_TODAY)
        second = tmp_path / "b.json"
        again.interchange.export(second)

    def without_stamps(path) -> str:  # creation times differ between runs; the data must not
        import json

        document = json.loads(path.read_text(encoding="utf-8"))
        for section in document.values():
            if isinstance(section, list):
                for row in section:
                    row.pop("created_at", None)
                    row.pop("updated_at", None)
        return json.dumps(document)

    assert without_stamps(first) == without_stamps(second)


def test_demo_refuses_a_journal_with_mentees(services: Services) -> None:
    services.mentees.add(name="Real Person")
    with pytest.raises(MentorAppError, match="empty journal"):
        services.demo.generate()
    assert [m.name for m in services.mentees.list()] == ["Real Person"]


def test_a_demo_made_in_german_speaks_german_and_is_the_same_team(services: Services, tmp_path, clock) -> None:
    """A German desk's demo team writes its notes, threads, goals, asks and watchlist case in German."""
    from mentorapp import i18n
    from mentorapp.models.storage.store import Store
    from tests.conftest import TEST_KEY

    services.demo.generate(seed=7, today=DEMO_TODAY)
    english = {m.name: m for m in services.mentees.list()}
    with Store.open(tmp_path / "german.db", TEST_KEY) as store:
        german = Services(store, clock=clock)
        with i18n.speaking("de"):
            german.demo.generate(seed=7, today=DEMO_TODAY)
        mentees = german.mentees.list()
        # The same seed gives the same people, whatever the language.
        assert {m.name for m in mentees} == set(english)
        priya = next(m for m in mentees if m.name == "Priya Raman")
        assert priya.role == "Backend-Entwicklung"
        assert english["Priya Raman"].role == "Backend engineer"
        entries = _all_entries(german)
        assert len(entries) == len(_all_entries(services))
        texts = [e.text for e in entries]
        assert sum("Thema" in text for text in texts) > len(texts) // 3
        assert not any(" the " in text or "{topic}" in text for text in texts)
        assert any(text.startswith("Ich bin beim Thema ") and "Was meinen Sie?" in text for text in texts)
        goals = [g for m in mentees for g in german.goals.for_mentee(m.id)]
        assert all(" the " not in g.outcome + g.success_criteria + g.latitude for g in goals)
        assert any("Spielraum" in g.latitude or "darf" in g.latitude for g in goals)
        threads = [t for m in mentees for t in german.threads.for_mentee(m.id)]
        assert any(t.topic.startswith("Feedback zum Thema ") for t in threads)
        case = german.watchlist.open_cases()[0]
        assert case.concern.startswith("Zusagen zur Sprint-Arbeit")
        assert case.chances[0].expectation.startswith("Die zwei vereinbarten Sprint-Tickets")
