"""Full-text search over everything the journal holds, ranked, with marked snippets."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorapp.models.services import Services
from mentorapp.models.services.search import make_snippet, match_expression
from mentorapp.models.readmodels import MenteeView


@pytest.fixture
def team(services: Services) -> MenteeView:
    ana = services.mentees.add(name="Ana Costa", role="Kubernetes wrangler", thanks_preference="Fika")
    services.entries.add(mentee_id=ana.id, text="Talked about the observability roadmap",
                         at=dt.datetime(2026, 3, 4, 10))
    services.threads.open(mentee_id=ana.id, topic="Pagerduty fatigue")
    services.goals.add(mentee_id=ana.id, outcome="Own incidents", success_criteria="Runbooks complete",
                       latitude="Chooses the alerting thresholds")
    services.recognitions.add(mentee_id=ana.id, what_for="Heroic migration weekend")
    services.asks.add(mentee_id=ana.id, what="Conference ticket", details="SREcon budget")
    case = services.watchlist.open_case(mentee_id=ana.id, concern="Deadlines slipping",
                                        toxicity_concern="Sarcasm in retros")
    services.watchlist.add_chance(case.id, expectation="Estimate with a peer", support="Pairing sessions")
    return ana


@pytest.mark.parametrize(
    ("word", "label"),
    [
        ("observability", "Feedback"),
        ("pagerduty", "Thread"),
        ("thresholds", "Goal"),
        ("heroic", "Recognition"),
        ("srecon", "Ask"),
        ("sarcasm", "Watchlist"),
        ("pairing", "Chance"),
        ("kubernetes", "Mentee"),
        ("fika", "Mentee"),
    ],
)
def test_every_kind_of_text_is_found(services: Services, team, word: str, label: str) -> None:
    hits = services.search.query(word)
    assert [(h.label, h.mentee_name) for h in hits] == [(label, "Ana Costa")]


def test_hit_carries_date_and_marks_the_match(services: Services, team) -> None:
    hit = services.search.query("roadmap")[0]
    assert hit.at == dt.date(2026, 3, 4)
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "roadmap"


def test_search_matches_word_starts_and_ignores_accents(services: Services, team) -> None:
    services.entries.add(mentee_id=team.id, text="Café chat about résumé")
    assert [h.label for h in services.search.query("observ")] == ["Feedback"]
    assert len(services.search.query("resume")) == 1
    assert services.search.query("observ", prefix=False) == []


def test_ranking_puts_the_closest_match_first(services: Services, team) -> None:
    services.entries.add(mentee_id=team.id, text="budget budget budget, the budget again")
    services.entries.add(mentee_id=team.id, text="One long note that mentions the budget once among many other words")
    hits = services.search.query("budget")
    assert hits[0].snippet.startswith("budget budget")


@pytest.mark.parametrize("typed", ['"', "AND", "a OR", "NEAR(", "*", "col:x", "-", "((", "'"])
def test_search_syntax_typed_by_a_lead_never_errors(services: Services, team, typed: str) -> None:
    assert isinstance(services.search.query(typed), list)


def test_edits_and_trash_keep_the_index_in_step(services: Services, team) -> None:
    note = services.entries.add(mentee_id=team.id, text="zebra crossing")
    services.entries.edit(note.id, text="giraffe crossing")
    assert services.search.query("zebra") == [] and len(services.search.query("giraffe")) == 1
    services.entries.trash(note.id)
    assert services.search.query("giraffe") == []
    services.entries.restore(note.id)
    assert len(services.search.query("giraffe")) == 1


def test_match_expression_quotes_every_word() -> None:
    assert match_expression('say "hi" AND b') == '"say" * "hi" * "AND" * "b"'
    assert match_expression("   ") is None


def test_snippet_is_one_line_around_the_first_match_with_spans() -> None:
    body = "Intro words here.\n\nThen   many more words before the Café meeting and after it, on and on until the end"
    snippet, spans = make_snippet(body, ["cafe"], prefix=True, width=6)
    assert "\n" not in snippet and snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[a:b] for a, b in spans] == ["Café"]
    whole, spans = make_snippet("Short note about releases", ["release"], prefix=True)
    assert whole == "Short note about releases" and [whole[a:b] for a, b in spans] == ["releases"]
    assert make_snippet("Short note about releases", ["release"], prefix=False)[1] == ()


def test_common_words_rank_the_newest_matches(services: Services, monkeypatch) -> None:
    from mentorapp.models.services import search

    monkeypatch.setattr(search, "CANDIDATES", 20)
    ana = services.mentees.add(name="Ana")
    old = services.entries.add(mentee_id=ana.id, text="budget budget budget budget")
    for i in range(search.CANDIDATES):
        services.entries.add(mentee_id=ana.id, text=f"budget note {i}")
    hits = services.search.query("budget", limit=search.CANDIDATES + 5)
    assert len(hits) == search.CANDIDATES
    assert old.id not in [h.doc_id for h in hits]  # beyond the newest CANDIDATES matches


def test_a_hit_names_the_mentee_as_they_are_now_called(services: Services, team) -> None:
    assert services.search.query("observability")[0].mentee_name == "Ana Costa"
    services.mentees.edit(team.id, name="Ana Costa-Lima")
    assert services.search.query("observability")[0].mentee_name == "Ana Costa-Lima"
