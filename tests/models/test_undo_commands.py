"""Undo kept beside the write: services record every column of what they change."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorapp.models.entities.goal import Goal
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.services.commands import columns, record

DAY = dt.date(2024, 10, 21)


def _row(services: Services, model: type, ident: int) -> dict:
    with services.store.read() as session:
        return columns(session.get(model, ident))


def test_undo_of_an_edit_restores_every_column_and_redo_every_new_value(services: Services) -> None:
    ana = services.mentees.add(name="Ana Lima", started_on=DAY)
    goal = services.goals.add(mentee_id=ana.id, outcome="Lead a design review", success_criteria="Ran one",
                              latitude="Any team", check_in_on=DAY, set_on=DAY)
    before = _row(services, Goal, goal.id)
    command = services.goals.undoable("Edit goal", lambda: services.goals.edit(
        goal.id, outcome="Lead two design reviews", success_criteria="Ran two", latitude="",
        check_in_on=None, status="achieved", set_on=DAY + dt.timedelta(days=1)))
    assert command is not None
    after = _row(services, Goal, goal.id)
    assert {k for k in before if before[k] != after[k]} >= {"outcome", "success_criteria", "latitude",
                                                              "check_in_on", "status", "set_on"}
    command.undo()
    assert _row(services, Goal, goal.id) == before  # every column, whatever the entity holds
    command.redo()
    assert _row(services, Goal, goal.id) == after


def test_the_command_names_the_record_and_the_person(services: Services) -> None:
    ana = services.mentees.add(name="Ana Lima", started_on=DAY)
    goal = services.goals.add(mentee_id=ana.id, outcome="Lead a design review", set_on=DAY)
    command = services.goals.undoable("Edit goal", lambda: services.goals.edit(goal.id, latitude="Any"))
    assert command is not None
    assert command.text == "Edit goal ‘Lead a design review’ for Ana Lima"
    assert (command.kind, command.record_id, command.mentee_id) == ("goal", goal.id, ana.id)


def test_an_unchanged_save_gives_nothing_to_undo_and_writes_nothing(services: Services) -> None:
    ana = services.mentees.add(name="Ana Lima", started_on=DAY)
    goal = services.goals.add(mentee_id=ana.id, outcome="Lead a design review", set_on=DAY)
    before = _row(services, Goal, goal.id)
    assert services.goals.undoable("Edit goal", lambda: services.goals.edit(
        goal.id, outcome=" Lead a design review ", success_criteria="", latitude="")) is None
    assert _row(services, Goal, goal.id) == before  # not even updated_at moved


def test_undo_of_an_add_moves_it_to_the_trash_and_redo_brings_back_the_same_record(services: Services) -> None:
    ana = services.mentees.add(name="Ana Lima", started_on=DAY)
    command = services.entries.undoable("Add note", lambda: services.entries.add(mentee_id=ana.id, text="first"))
    assert command is not None and command.kind == "entry"
    command.undo()
    assert services.entries.count(ana.id) == 0
    assert [e.id for e in services.entries.trash_list()] == [command.result.id]
    command.redo()
    assert services.entries.get(command.result.id).text == "first"


def test_undo_of_a_record_changed_elsewhere_meanwhile_is_refused(services: Services) -> None:
    ana = services.mentees.add(name="Ana Lima", started_on=DAY)
    goal = services.goals.add(mentee_id=ana.id, outcome="Lead a design review", set_on=DAY)
    command = services.goals.undoable("Edit goal", lambda: services.goals.edit(goal.id, latitude="Any"))
    services.goals.edit(goal.id, outcome="Changed from the command line")
    with pytest.raises(MentorAppError):
        command.undo()
    assert services.goals.get(goal.id).outcome == "Changed from the command line"


def test_a_step_touching_several_rows_is_undone_whole(services: Services) -> None:
    ana = services.mentees.add(name="Ana Lima", started_on=DAY)
    command = services.threads.undoable("Open thread", lambda: services.threads.open(
        mentee_id=ana.id, topic="How we handle on-call", first_text="Shall we talk?"))
    assert command is not None and command.kind == "thread"
    assert command.text == "Open thread ‘How we handle on-call’ for Ana Lima"
    command.undo()
    assert services.threads.for_mentee(ana.id) == [] and services.entries.count(ana.id) == 0
    command.redo()
    assert services.entries.count(ana.id) == 1


def test_loading_the_demo_team_is_undone_in_one_step(services: Services) -> None:
    command = services.demo.generate_undoable(today=DAY)
    assert command is not None and command.text == "Load the demo team"
    assert len(services.mentees.list()) >= 8
    command.undo()
    assert services.mentees.list(include_archived=True) == []
    command.redo()
    assert len(services.mentees.list()) >= 8
    with services.store.read() as session:
        assert session.query(Mentee).count() == len(services.mentees.list(include_archived=True))


def test_a_column_set_without_being_read_first_is_still_restored(services: Services) -> None:
    ana = services.mentees.add(name="Ana Lima", started_on=DAY)
    goal = services.goals.add(mentee_id=ana.id, outcome="Lead a design review", set_on=DAY)
    before = _row(services, Goal, goal.id)

    def rename_blind() -> None:
        with services.store.write() as session:
            row = session.get(Goal, goal.id)
            session.expire(row, ["outcome"])  # as after a bulk refresh: the old value was never loaded
            row.outcome = "Renamed without reading"

    command = record(services.store, services.changes,
                     "Rename goal", rename_blind)
    assert command is not None
    command.undo()
    assert _row(services, Goal, goal.id) == before
