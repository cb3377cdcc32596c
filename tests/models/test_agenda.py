"""The next 1:1: talking points that carry over, suggestions that never repeat a point, templates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from mentorapp.models.clock import FixedClock
from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import MenteeView
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from mentorapp.models.vocabulary import AgendaSource, AgendaStatus, AskStatus, Direction, EntryKind, Setting, Side
from tests.conftest import TEST_KEY


@pytest.fixture
def ana(services: Services) -> MenteeView:
    return services.mentees.add(name="Ana Costa", cadence_days=14)


def _meet(services: Services, clock: FixedClock, mentee: MenteeView, *, days: int) -> None:
    """Move the clock on `days` and hold a 1:1 (a two-way note in a 1:1 setting)."""
    clock.advance(dt.timedelta(days=days))
    services.entries.add(mentee_id=mentee.id, text="We talked", setting=Setting.ONE_ON_ONE)


def test_a_point_records_who_raised_it_and_is_listed_open(services: Services, ana: MenteeView) -> None:
    mine = services.agenda.add(mentee_id=ana.id, text="The on-call rota")
    theirs = services.agenda.add(mentee_id=ana.id, text="Conference budget", raised_by=Side.MENTEE)
    listed = services.agenda.points(ana.id)
    assert [(p.text, p.raised_by) for p in listed] == [("The on-call rota", Side.LEAD),
                                                        ("Conference budget", Side.MENTEE)]
    assert {mine.id, theirs.id} == {p.id for p in listed}


def test_a_blank_point_is_refused_and_nothing_is_written(services: Services, ana: MenteeView) -> None:
    with pytest.raises(MentorAppError):
        services.agenda.add(mentee_id=ana.id, text="   ")
    assert services.agenda.points(ana.id) == []


def test_points_not_discussed_carry_over_across_several_meetings(services: Services, clock: FixedClock,
                                                                   ana: MenteeView) -> None:
    kept = services.agenda.add(mentee_id=ana.id, text="Pairing with the new hire")
    talked = services.agenda.add(mentee_id=ana.id, text="Release retro")
    assert services.agenda.get(kept.id).carried == 0
    clock.advance(dt.timedelta(days=14))
    services.agenda.discuss(talked.id, note="Agreed to run it on Friday")  # the first meeting
    clock.advance(dt.timedelta(days=1))
    [left] = services.agenda.points(ana.id)
    assert (left.id, left.carried, left.noticeable) == (kept.id, 1, False)
    _meet(services, clock, ana, days=13)
    _meet(services, clock, ana, days=14)
    clock.advance(dt.timedelta(days=1))
    [left] = services.agenda.points(ana.id)
    assert (left.carried, left.noticeable) == (3, True)
    # A private note is no meeting, nor is a 1:1 before the point was added.
    clock.advance(dt.timedelta(days=3))
    services.entries.add(mentee_id=ana.id, text="Thinking about it", direction=Direction.PRIVATE)
    clock.advance(dt.timedelta(days=1))
    assert services.agenda.get(kept.id).carried == 3
    fresh = services.agenda.add(mentee_id=ana.id, text="Something new")
    assert services.agenda.get(fresh.id).carried == 0


def test_discussing_a_point_puts_it_in_the_timeline_with_the_line_said(services: Services,
                                                                        ana: MenteeView) -> None:
    point = services.agenda.add(mentee_id=ana.id, text="Conference budget", raised_by=Side.MENTEE)
    done = services.agenda.discuss(point.id, note="Approved up to 800 €")
    assert (done.status, done.note, done.closed_on) == (AgendaStatus.DISCUSSED, "Approved up to 800 €",
                                                         services.clock.today())
    entry = services.entries.page(ana.id)[0]
    assert entry.id == done.entry_id
    assert entry.text == "Conference budget\nApproved up to 800 €"
    assert (entry.direction, entry.setting) == (Direction.FROM_MENTEE, Setting.ONE_ON_ONE)
    assert services.agenda.points(ana.id) == []
    with pytest.raises(MentorAppError, match="already discussed"):
        services.agenda.discuss(point.id)


def test_a_concern_point_marks_the_concern_raised(services: Services, ana: MenteeView) -> None:
    concern = services.entries.add(mentee_id=ana.id, text="Code reviews are curt", kind=EntryKind.CONCERN,
                                   direction=Direction.PRIVATE)
    [suggested] = [s for s in services.agenda.suggestions(ana.id) if s.source is AgendaSource.CONCERN]
    assert suggested.key == f"concern:{concern.id}"
    point = services.agenda.accept(mentee_id=ana.id, key=suggested.key)
    services.agenda.discuss(point.id, note="They had not noticed; will soften the tone")
    assert services.entries.get(concern.id).discussed_on == services.clock.today()
    assert not [s for s in services.agenda.suggestions(ana.id) if s.source is AgendaSource.CONCERN]


def test_dropping_a_point_takes_it_off_the_list_and_undo_brings_it_back(services: Services,
                                                                          ana: MenteeView) -> None:
    point = services.agenda.add(mentee_id=ana.id, text="Desk move")
    command = services.agenda.undoable("Drop talking point", lambda: services.agenda.drop(point.id))
    assert command is not None and "Desk move" in command.text and "Ana Costa" in command.text
    assert services.agenda.points(ana.id) == []
    command.undo()
    assert [p.text for p in services.agenda.points(ana.id)] == ["Desk move"]


def test_undoing_a_discussion_takes_back_the_entry_and_the_concern_mark(services: Services,
                                                                          ana: MenteeView) -> None:
    concern = services.entries.add(mentee_id=ana.id, text="Late to stand-ups", kind=EntryKind.CONCERN,
                                   direction=Direction.PRIVATE)
    point = services.agenda.accept(mentee_id=ana.id, key=f"concern:{concern.id}")
    command = services.agenda.undoable("Discuss talking point", lambda: services.agenda.discuss(point.id))
    assert command is not None
    command.undo()
    assert services.entries.get(concern.id).discussed_on is None
    assert [p.id for p in services.agenda.points(ana.id)] == [point.id]
    assert [e.id for e in services.entries.page(ana.id)] == [concern.id]


def test_suggestions_come_from_goals_asks_threads_and_the_library(services: Services, clock: FixedClock,
                                                                   ana: MenteeView) -> None:
    today = clock.today()
    services.goals.add(mentee_id=ana.id, outcome="Lead a design review", check_in_on=today)
    services.goals.add(mentee_id=ana.id, outcome="Later goal", check_in_on=today + dt.timedelta(days=60))
    services.asks.add(mentee_id=ana.id, what="A second monitor", status=AskStatus.GRANTED,
                      raised_on=today - dt.timedelta(days=5), resolved_on=today - dt.timedelta(days=1))
    services.threads.open(mentee_id=ana.id, topic="Meeting load", opened_by=Side.MENTEE,
                          first_text="I have too many meetings")
    sources = [(s.source, s.text) for s in services.agenda.suggestions(ana.id)]
    assert (AgendaSource.GOAL, "Check in on the goal: Lead a design review") in sources
    assert not any("Later goal" in text for _s, text in sources)
    assert (AgendaSource.ASK, "Report back on the ask: A second monitor (granted)") in sources
    assert (AgendaSource.THREAD, "Answer them on: Meeting load") in sources
    assert [s for s, _t in sources].count(AgendaSource.QUESTION) == 1


def test_suggestions_never_duplicate_an_accepted_point(services: Services, clock: FixedClock,
                                                        ana: MenteeView) -> None:
    services.entries.add(mentee_id=ana.id, text="Misses deadlines", kind=EntryKind.CONCERN,
                         direction=Direction.PRIVATE)
    services.goals.add(mentee_id=ana.id, outcome="Ship the importer", check_in_on=clock.today())
    for _round in range(3):
        for suggestion in services.agenda.suggestions(ana.id):
            if suggestion.source is not AgendaSource.QUESTION:
                services.agenda.accept(mentee_id=ana.id, key=suggestion.key)
        open_texts = [p.text for p in services.agenda.points(ana.id)]
        offered = [s.text for s in services.agenda.suggestions(ana.id)]
        assert len(open_texts) == len(set(open_texts)) == 2
        assert not set(open_texts) & set(offered)
        clock.advance(dt.timedelta(days=1))
    question = next(s for s in services.agenda.suggestions(ana.id) if s.source is AgendaSource.QUESTION)
    services.agenda.accept(mentee_id=ana.id, key=question.key)
    assert question.text not in [s.text for s in services.agenda.suggestions(ana.id)]
    with pytest.raises(MentorAppError, match="no longer offered"):
        services.agenda.accept(mentee_id=ana.id, key=question.key)  # twice: still one point
    assert [p.text for p in services.agenda.points(ana.id)].count(question.text) == 1


def test_a_point_typed_by_hand_hides_the_same_suggestion(services: Services, ana: MenteeView) -> None:
    question = next(s for s in services.agenda.suggestions(ana.id) if s.source is AgendaSource.QUESTION)
    services.agenda.add(mentee_id=ana.id, text=question.text.upper())
    assert question.key not in [s.key for s in services.agenda.suggestions(ana.id)]


def test_a_dismissed_suggestion_is_not_offered_again(services: Services, ana: MenteeView) -> None:
    services.entries.add(mentee_id=ana.id, text="Curt in reviews", kind=EntryKind.CONCERN,
                         direction=Direction.PRIVATE)
    key = next(s.key for s in services.agenda.suggestions(ana.id) if s.source is AgendaSource.CONCERN)
    services.agenda.dismiss(mentee_id=ana.id, key=key)
    assert key not in [s.key for s in services.agenda.suggestions(ana.id)]
    assert services.agenda.points(ana.id) == []


def test_a_goal_discussed_comes_back_when_its_next_check_in_is_due(services: Services, clock: FixedClock,
                                                                     ana: MenteeView) -> None:
    goal = services.goals.add(mentee_id=ana.id, outcome="Mentor an intern", check_in_on=clock.today())
    point = services.agenda.accept(mentee_id=ana.id, key=f"goal:{goal.id}")
    services.agenda.discuss(point.id)
    assert f"goal:{goal.id}" not in [s.key for s in services.agenda.suggestions(ana.id)]
    services.goals.edit(goal.id, check_in_on=clock.today() + dt.timedelta(days=30))
    clock.advance(dt.timedelta(days=30))
    assert f"goal:{goal.id}" in [s.key for s in services.agenda.suggestions(ana.id)]


def test_a_template_adds_its_prompts_in_one_step_without_repeating_open_ones(services: Services,
                                                                             ana: MenteeView) -> None:
    names = [t.name for t in services.agenda.templates()]
    assert names == ["First 1:1", "Regular 1:1", "Career conversation", "Quarterly look back"]
    career = services.agenda.find_template("career")
    assert all(p.endswith("?") for p in career.prompts)  # questions, not a checklist
    made = services.agenda.apply_template(mentee_id=ana.id, template_id=career.id)
    assert [p.text for p in made] == list(career.prompts)
    assert services.agenda.apply_template(mentee_id=ana.id, template_id=career.id) == []
    assert all(p.source is AgendaSource.TEMPLATE for p in services.agenda.points(ana.id))


def test_a_template_can_be_edited_and_a_new_one_added(services: Services) -> None:
    regular = services.agenda.find_template("Regular 1:1")
    changed = services.agenda.save_template(template_id=regular.id, name="Regular 1:1",
                                            prompts=["How are you, really?", "", "  What is next?  "])
    assert changed.prompts == ("How are you, really?", "What is next?")
    added = services.agenda.save_template(name="Hand-over", prompts=["What should the next owner know?"])
    assert services.agenda.templates()[-1] == added
    with pytest.raises(MentorAppError, match="already a template"):
        services.agenda.save_template(name="hand-over", prompts=["x?"])
    with pytest.raises(MentorAppError, match="at least one prompt"):
        services.agenda.save_template(name="Empty", prompts=["  "])


def test_agenda_round_trips_export_import_export_byte_identically(services: Services, clock: FixedClock,
                                                                   ana: MenteeView, journal_path: Path,
                                                                   tmp_path: Path) -> None:
    concern = services.entries.add(mentee_id=ana.id, text="Quiet in planning", kind=EntryKind.CONCERN,
                                   direction=Direction.PRIVATE)
    point = services.agenda.accept(mentee_id=ana.id, key=f"concern:{concern.id}")
    services.agenda.discuss(point.id, note="Will speak up — إن شاء الله")
    services.agenda.add(mentee_id=ana.id, text="Open point", raised_by=Side.MENTEE)
    services.agenda.set_next_meeting(ana.id, clock.today() + dt.timedelta(days=9))
    services.agenda.save_template(name="Hand-over", prompts=["What should the next owner know?"])
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    services.interchange.export(first)
    copy = tmp_path / "copy.db"
    with Store.open(copy, TEST_KEY) as store:
        other = Services(store, clock=clock)
        other.interchange.import_file(first)
        other.interchange.export(second)
        assert [p.text for p in other.agenda.points(ana.id)] == ["Open point"]
    assert first.read_bytes() == second.read_bytes()
    document = json.loads(first.read_text(encoding="utf-8"))
    assert document["version"] == 2 and len(document["agenda_points"]) == 2
    assert document["mentees"][0]["next_meeting_on"] == (clock.today() + dt.timedelta(days=9)).isoformat()


def test_a_version_1_export_still_imports_with_an_empty_agenda(services: Services, ana: MenteeView,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "v2.json"
    services.interchange.export(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["version"] = 1
    del document["agenda_points"], document["agenda_templates"]
    for mentee in document["mentees"]:
        del mentee["next_meeting_on"]
    old = tmp_path / "v1.json"
    old.write_text(json.dumps(document), encoding="utf-8")
    with Store.open(tmp_path / "fresh.db", TEST_KEY) as store:
        fresh = Services(store, clock=services.clock)
        fresh.interchange.import_file(old)
        assert fresh.mentees.get(ana.id).next_meeting_on is None
        assert fresh.agenda.points(ana.id) == []


def test_a_point_pointing_at_another_mentees_concern_is_refused(services: Services, ana: MenteeView,
                                                                  tmp_path: Path) -> None:
    bo = services.mentees.add(name="Bo Lund")
    concern = services.entries.add(mentee_id=bo.id, text="Late", kind=EntryKind.CONCERN,
                                   direction=Direction.PRIVATE)
    services.agenda.add(mentee_id=ana.id, text="Hers")
    path = tmp_path / "x.json"
    services.interchange.export(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["agenda_points"][0]["concern_id"] = concern.id
    path.write_text(json.dumps(document), encoding="utf-8")
    with Store.open(tmp_path / "fresh.db", TEST_KEY) as store:
        with pytest.raises(MentorAppError, match=r"agenda_points\[0\]\.concern_id belongs to another mentee"):
            Services(store, clock=services.clock).interchange.import_file(path)
