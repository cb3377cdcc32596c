"""A mentee has at most one open watchlist case, however the cases come back from the trash."""

from __future__ import annotations

import pytest

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.vocabulary import CaseOutcome


def test_an_open_case_cannot_come_back_from_the_trash_beside_another_open_case(services: Services) -> None:
    ana = services.mentees.add(name="Ana Costa")
    first = services.watchlist.open_case(mentee_id=ana.id, concern="Missed deadlines")
    services.watchlist.trash_case(first.id)
    second = services.watchlist.open_case(mentee_id=ana.id, concern="Late code reviews")

    with pytest.raises(MentorAppError, match="already has another open watchlist case"):
        services.trash.restore("watch_case", first.id)
    assert [c.concern for c in services.watchlist.for_mentee(ana.id)] == ["Late code reviews"]
    assert ("watch_case", first.id) in {(i.kind, i.id) for i in services.trash.items()}

    services.watchlist.close_case(second.id, outcome=CaseOutcome.IMPROVED, reason="Back on track")
    services.trash.restore("watch_case", first.id)
    assert [(c.concern, c.is_open) for c in services.watchlist.for_mentee(ana.id)] == [
        ("Missed deadlines", True), ("Late code reviews", False)]


def test_a_closed_case_comes_back_from_the_trash_whatever_is_open(services: Services) -> None:
    ana = services.mentees.add(name="Ana Costa")
    old = services.watchlist.open_case(mentee_id=ana.id, concern="Missed deadlines")
    services.watchlist.close_case(old.id, outcome=CaseOutcome.IMPROVED, reason="Back on track")
    services.watchlist.trash_case(old.id)
    services.watchlist.open_case(mentee_id=ana.id, concern="Late code reviews")
    services.trash.restore("watch_case", old.id)
    assert len(services.watchlist.for_mentee(ana.id)) == 2
