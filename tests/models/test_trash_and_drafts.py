"""The trash across every kind of record, and drafts kept inside the encrypted journal."""

from __future__ import annotations

import pytest

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Key, Store


def test_trash_lists_every_kind_newest_first_and_restores_each(services: Services) -> None:
    ana = services.mentees.add(name="Ana Costa")
    note = services.entries.add(mentee_id=ana.id, text="Shipped the parser")
    goal = services.goals.add(mentee_id=ana.id, outcome="Own the release")
    thanks = services.recognitions.add(mentee_id=ana.id, what_for="the demo")
    ask = services.asks.add(mentee_id=ana.id, what="A second monitor")
    case = services.watchlist.open_case(mentee_id=ana.id, concern="Missed deadlines")
    chance = services.watchlist.add_chance(case.id, expectation="Ship on Friday")
    starter = services.starters.add("What surprised you?")
    services.entries.trash(note.id)
    services.goals.trash(goal.id)
    services.recognitions.trash(thanks.id)
    services.asks.trash(ask.id)
    services.watchlist.trash_chance(chance.id)
    services.starters.trash(starter.id)

    items = services.trash.items()
    assert {(i.kind, i.id) for i in items} == {
        ("entry", note.id), ("goal", goal.id), ("recognition", thanks.id), ("ask", ask.id),
        ("chance", chance.id), ("starter", starter.id),
    }
    assert [i.deleted_at for i in items] == sorted((i.deleted_at for i in items), reverse=True)
    assert next(i for i in items if i.kind == "entry").text == "Feedback: Shipped the parser"
    assert next(i for i in items if i.kind == "goal").mentee_name == "Ana Costa"

    for item in items:
        services.trash.restore(item.kind, item.id)
    assert services.trash.items() == []
    assert services.entries.get(note.id).text == "Shipped the parser"
    assert [s.text for s in services.starters.list()][-1] == "What surprised you?"


def test_a_trashed_mentee_is_listed_alone_and_brings_everything_back(services: Services) -> None:
    ana = services.mentees.add(name="Ana Costa", role="Designer")
    services.entries.add(mentee_id=ana.id, text="first")
    services.mentees.trash(ana.id)
    items = services.trash.items()
    assert [(i.kind, i.mentee_name, i.text) for i in items] == [("mentee", "Ana Costa", "Designer")]
    services.trash.restore("mentee", ana.id)
    assert services.entries.count(ana.id) == 1


def test_a_trashed_threads_replies_come_back_with_it_not_alone(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    thread = services.threads.open(mentee_id=ana.id, topic="Release", first_text="Opening words")
    services.threads.trash(thread.id)
    assert [(i.kind, i.text) for i in services.trash.items()] == [("thread", "Release")]


def test_restoring_what_is_not_in_the_trash_is_one_sentence(services: Services) -> None:
    with pytest.raises(MentorAppError, match="no entry #99 in the trash"):
        services.trash.restore("entry", 99)
    with pytest.raises(MentorAppError, match="cannot be restored"):
        services.trash.restore("planet", 1)


def test_a_draft_survives_reopening_the_journal_and_is_cleared_once_saved(tmp_path) -> None:
    key = Key(secret="7e" * 32, raw=True, source="test")
    with Store.open(tmp_path / "draft.db", key) as store:
        Services(store).journal.save_draft("quick_capture", '{"text": "half a thought"}')
    with Store.open(tmp_path / "draft.db", key) as reopened:
        journal = Services(reopened).journal
        assert journal.draft("quick_capture") == '{"text": "half a thought"}'
        journal.clear_draft("quick_capture")
        assert journal.draft("quick_capture") is None


def test_saving_a_draft_announces_no_change(services: Services) -> None:
    heard = []
    services.changes.subscribe(heard.append)
    services.journal.save_draft("quick_capture", "x")
    assert heard == []
