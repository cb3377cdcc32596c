"""Mentees and entries: what a lead writes, and how the journal finds it again."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorapp.models.errors import MentorAppError, NotFoundError
from mentorapp.models.services import Change, Services, Topic
from mentorapp.models.vocabulary import Direction, EntryKind, Setting


def test_mentee_added_with_details_is_listed_by_name(services: Services) -> None:
    services.mentees.add(name="  Marco   Rossi ", role="Frontend", cadence_days=7, started_on=dt.date(2024, 3, 1))
    services.mentees.add(name="Ana Costa")
    listed = services.mentees.list()
    assert [m.name for m in listed] == ["Ana Costa", "Marco Rossi"]
    marco = listed[1]
    assert (marco.role, marco.cadence_days, marco.started_on) == ("Frontend", 7, dt.date(2024, 3, 1))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "   "}, "name cannot be empty"),
        ({"name": "Ana", "cadence_days": 0}, "cadence"),
        ({"name": "Ana", "cadence_days": 1000}, "cadence"),
        ({"name": "Ana", "started_on": dt.date(1200, 1, 1)}, "between 1900 and 2100"),
    ],
)
def test_bad_mentee_details_are_refused_and_nothing_is_added(services: Services, kwargs, message) -> None:
    with pytest.raises(MentorAppError, match=message):
        services.mentees.add(**kwargs)
    assert services.mentees.list() == []


def test_two_mentees_cannot_share_a_name_in_any_case(services: Services) -> None:
    services.mentees.add(name="Олег Петров")
    with pytest.raises(MentorAppError, match="already a mentee"):
        services.mentees.add(name="олег петров")


def test_find_by_exact_name_unique_prefix_or_word(services: Services) -> None:
    services.mentees.add(name="Marco Rossi")
    services.mentees.add(name="Marcus Lee")
    services.mentees.add(name="Priya Raman")
    assert services.mentees.find("PRIYA").name == "Priya Raman"
    assert services.mentees.find("marco").name == "Marco Rossi"
    assert services.mentees.find("rossi").name == "Marco Rossi"
    with pytest.raises(MentorAppError, match="several mentees"):
        services.mentees.find("mar")
    with pytest.raises(NotFoundError, match="No mentee matches"):
        services.mentees.find("zed")


def test_edit_and_archive_a_mentee(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    services.mentees.edit(ana.id, role="Designer", cadence_days=21, thanks_preference="Coffee")
    services.mentees.set_archived(ana.id, True)
    assert services.mentees.list() == []
    archived = services.mentees.list(include_archived=True)[0]
    assert (archived.role, archived.cadence_days, archived.thanks_preference, archived.archived) == (
        "Designer", 21, "Coffee", True,
    )


def test_entry_defaults_to_feedback_to_the_mentee_or_a_private_thought(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    said = services.entries.add(mentee_id=ana.id, text="Nice demo")
    noted = services.entries.add(mentee_id=ana.id, text="Ready for more?", direction=Direction.PRIVATE)
    assert (said.kind, said.direction, said.setting) == (EntryKind.FEEDBACK, Direction.TO_MENTEE, Setting.ONE_ON_ONE)
    assert (noted.kind, noted.direction) == (EntryKind.THOUGHT, Direction.PRIVATE)


def test_a_concern_said_to_the_mentee_is_discussed_a_private_one_is_not(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    at = dt.datetime(2026, 5, 4, 10, 30)
    shared = services.entries.add(mentee_id=ana.id, text="Late twice", kind="concern", at=at)
    private = services.entries.add(mentee_id=ana.id, text="Seems tired", kind="concern", direction="private", at=at)
    assert shared.discussed_on == dt.date(2026, 5, 4)
    assert private.discussed_on is None
    assert [e.id for e in services.entries.undiscussed_concerns(ana.id)] == [private.id]
    services.entries.mark_discussed(private.id, on=dt.date(2026, 5, 6))
    assert services.entries.undiscussed_concerns(ana.id) == []


def test_turning_a_private_concern_into_a_shared_one_marks_it_discussed(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    concern = services.entries.add(mentee_id=ana.id, text="Quiet in stand-ups", kind="concern", direction="private")
    edited = services.entries.edit(concern.id, direction=Direction.FROM_MENTEE)
    assert edited.discussed_on == concern.at.date()


def test_bad_entries_are_refused_with_one_sentence(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    with pytest.raises(MentorAppError, match="note cannot be empty"):
        services.entries.add(mentee_id=ana.id, text=" \n ")
    with pytest.raises(MentorAppError, match="Unknown kind"):
        services.entries.add(mentee_id=ana.id, text="x", kind="gossip")
    with pytest.raises(NotFoundError):
        services.entries.add(mentee_id=999, text="x")
    with pytest.raises(MentorAppError, match="between 1900 and 2100"):
        services.entries.add(mentee_id=ana.id, text="x", at=dt.datetime(2999, 1, 1))
    assert services.entries.count(ana.id) == 0


def test_text_keeps_every_character_but_unstorable_surrogates(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    text = "a < b & <b>x</b>\x00\u202e\u05e9\u05dc\u05d5\u05dd 🙂 \udcff"
    entry = services.entries.add(mentee_id=ana.id, text=text)
    assert services.entries.get(entry.id).text == text.replace("\udcff", "\ufffd")


def test_timeline_pages_newest_first_and_filters(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    start = dt.datetime(2026, 1, 1, 9, 0)
    for i in range(25):
        services.entries.add(
            mentee_id=ana.id,
            text=f"note {i}",
            kind="progress" if i % 2 else "concern",
            direction="from_mentee" if i % 3 == 0 else "to_mentee",
            at=start + dt.timedelta(hours=i // 2),  # pairs share a timestamp
        )
    first = services.entries.page(ana.id, limit=10)
    rest = services.entries.page(ana.id, after=(first[-1].at, first[-1].id), limit=100)
    everything = first + rest
    assert len(everything) == 25 and len({e.id for e in everything}) == 25
    assert [(e.at, e.id) for e in everything] == sorted(((e.at, e.id) for e in everything), reverse=True)
    progress = services.entries.page(ana.id, kinds={EntryKind.PROGRESS})
    assert progress and all(e.kind is EntryKind.PROGRESS for e in progress)
    assert services.entries.count(ana.id, directions={Direction.FROM_MENTEE}) == 9


def test_in_period_includes_both_ends_whole_days(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    for when in ("2026-02-28 23:59", "2026-03-01 00:00", "2026-03-31 23:59", "2026-04-01 00:00"):
        services.entries.add(mentee_id=ana.id, text=when, at=dt.datetime.fromisoformat(when))
    inside = services.entries.in_period(ana.id, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert [e.text for e in inside] == ["2026-03-01 00:00", "2026-03-31 23:59"]


def test_trash_hides_an_entry_and_restore_brings_it_back(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    entry = services.entries.add(mentee_id=ana.id, text="Oops, wrong person")
    services.entries.trash(entry.id)
    assert services.entries.count(ana.id) == 0
    assert [e.id for e in services.entries.trash_list()] == [entry.id]
    with pytest.raises(NotFoundError):
        services.entries.get(entry.id)
    services.entries.restore(entry.id)
    assert services.entries.get(entry.id).text == "Oops, wrong person"


def test_trashing_a_mentee_hides_them_and_restoring_brings_back_everything(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    services.entries.add(mentee_id=ana.id, text="kept safe")
    services.mentees.trash(ana.id)
    assert services.mentees.list() == [] and services.search.query("safe") == []
    services.mentees.restore(ana.id)
    assert services.entries.count(ana.id) == 1 and len(services.search.query("safe")) == 1


def test_writes_announce_what_changed_and_for_whom(services: Services) -> None:
    seen: list[Change] = []
    services.changes.subscribe(seen.append)
    ana = services.mentees.add(name="Ana")
    services.entries.add(mentee_id=ana.id, text="hello")
    assert seen[0].topics == frozenset({Topic.MENTEES}) and seen[0].mentee_id == ana.id
    assert Topic.ENTRIES in seen[1].topics and seen[1].mentee_id == ana.id
    with pytest.raises(MentorAppError):
        services.entries.add(mentee_id=ana.id, text="")
    assert len(seen) == 2  # a refused write announces nothing


def test_one_roster_row_matches_the_same_mentees_row_in_the_roster(demo_services: Services) -> None:
    for row in demo_services.mentees.roster():
        assert demo_services.mentees.roster_row(row.mentee.id) == row
    with pytest.raises(NotFoundError):
        demo_services.mentees.roster_row(9999)


def test_undiscussed_concerns_are_summed_up_per_mentee_with_the_oldest(services: Services) -> None:
    ana, bo = services.mentees.add(name="Ana"), services.mentees.add(name="Bo")
    for day, who in ((3, ana), (1, ana), (2, bo), (4, ana)):
        services.entries.add(mentee_id=who.id, text=f"worry {day}", kind="concern", direction="private",
                             at=dt.datetime(2026, 5, day, 9))
    services.entries.add(mentee_id=bo.id, text="raised", kind="concern", at=dt.datetime(2026, 5, 1, 9))
    summary = [(s.mentee_id, s.count, s.oldest.text) for s in services.entries.undiscussed_by_mentee()]
    assert summary == [(ana.id, 3, "worry 1"), (bo.id, 1, "worry 2")]


def test_the_roster_is_read_again_after_any_change(services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    assert services.mentees.roster()[0].entry_count == 0
    services.entries.add(mentee_id=ana.id, text="a note")
    assert services.mentees.roster()[0].entry_count == 1
