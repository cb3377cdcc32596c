"""Three machines, random work on each, change files carried in any order: all end with the same journal.

Each machine has a folder of its own; a "carry" copies some of another machine's change files
into it (in any order, again, or with gaps), as a sync engine might. After everyone has carried
everything and synced until nothing is new, every export is byte-identical, every machine lists
the same conflicts, and no text a machine acknowledged is missing — unless the lead replaced it
by editing it, or erased it.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from mentorapp.models.entities import Entry, Mentee
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.sync.keywrap import key_file
from mentorapp.models.sync.sealed import SYNC_FOLDER
from mentorapp.models.trust.recovery import format_recovery_key
from tests.conftest import TEST_KEY
from tests.models.sync.replicas import exported, journals, texts

MACHINES = 3
ACTIONS = ("add_mentee", "add_note", "edit_note", "edit_note", "edit_role", "trash_note", "restore_note",
           "trash_mentee", "restore_mentee", "hold", "release", "erase", "delete_note", "carry", "carry",
           "sync", "sync")

step = st.tuples(st.sampled_from(ACTIONS), st.integers(0, MACHINES - 1), st.integers(0, MACHINES - 1),
                 st.integers(0, 2**16))


@dataclass
class Ledger:
    """What the lead was told was saved, and what they replaced or erased on purpose."""

    said: dict[str, int] = field(default_factory=dict)  # text -> its mentee's id
    notes: dict[str, int] = field(default_factory=dict)  # text -> its note's id
    replaced: set[str] = field(default_factory=set)
    erased_people: set[int] = field(default_factory=set)
    erased_notes: set[int] = field(default_factory=set)
    counter: int = 0

    def new_text(self, what: str) -> str:
        self.counter += 1
        return f"{what} {self.counter}"

    def missing(self, found: set[str]) -> list[str]:
        return sorted(t for t, person in self.said.items()
                      if t not in found and t not in self.replaced and person not in self.erased_people
                      and self.notes.get(t) not in self.erased_notes)


def _people(services: Services) -> list[Mentee]:
    with services.store.read() as session:
        rows = list(session.scalars(select(Mentee).order_by(Mentee.id)))
        session.expunge_all()
    return rows


def _notes(services: Services) -> list[Entry]:
    with services.store.read() as session:
        rows = list(session.scalars(select(Entry).order_by(Entry.id)))
        session.expunge_all()
    return rows


def _carry(source: Path, target: Path, pick: int) -> None:
    """Copy some change files of `source`'s folder into `target`'s (the bits of `pick` choose which)."""
    files = sorted((source / SYNC_FOLDER).glob("*/*.change"))
    for number, path in enumerate(files):
        if pick >> (number % 16) & 1 or pick % 7 == 0:
            destination = target / SYNC_FOLDER / path.parent.name / path.name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


def _do(action: str, machine: Services, other: int, pick: int, ledger: Ledger, folders: list[Path],
        here: int) -> None:
    people = [p for p in _people(machine)]
    live_people = [p for p in people if p.deleted_at is None]
    notes = [n for n in _notes(machine) if n.mentee_id in {p.id for p in live_people}]
    live_notes = [n for n in notes if n.deleted_at is None]

    def chosen(rows: list) -> object | None:  # type: ignore[type-arg]
        return rows[pick % len(rows)] if rows else None

    if action == "add_mentee":
        name = ledger.new_text("Person")
        made = machine.mentees.add(name=name, role=ledger.new_text("role"))
        ledger.said[made.role] = made.id
    elif action == "add_note" and (person := chosen(live_people)) is not None:
        text = ledger.new_text("note")
        made_note = machine.entries.add(mentee_id=person.id, text=text)  # type: ignore[attr-defined]
        ledger.said[text], ledger.notes[text] = made_note.mentee_id, made_note.id
    elif action == "edit_note" and (note := chosen(live_notes)) is not None:
        text = ledger.new_text("edit")
        machine.entries.edit(note.id, text=text)  # type: ignore[attr-defined]
        ledger.replaced.add(note.text)  # type: ignore[attr-defined]
        ledger.said[text], ledger.notes[text] = note.mentee_id, note.id  # type: ignore[attr-defined]
    elif action == "edit_role" and (person := chosen(live_people)) is not None:
        role = ledger.new_text("role")
        machine.mentees.edit(person.id, role=role)  # type: ignore[attr-defined]
        ledger.replaced.add(person.role)  # type: ignore[attr-defined]
        ledger.said[role] = person.id  # type: ignore[attr-defined]
    elif action == "trash_note" and (note := chosen(live_notes)) is not None:
        machine.entries.trash(note.id)  # type: ignore[attr-defined]
    elif action == "restore_note" and (note := chosen([n for n in notes if n.deleted_at is not None])):
        machine.entries.restore(note.id)  # type: ignore[attr-defined]
    elif action == "trash_mentee" and (person := chosen(live_people)) is not None:
        machine.mentees.trash(person.id)  # type: ignore[attr-defined]
    elif action == "restore_mentee" and (person := chosen([p for p in people if p.deleted_at is not None])):
        machine.mentees.restore(person.id)  # type: ignore[attr-defined]
    elif action == "hold" and (person := chosen(live_people)) is not None:
        machine.mentees.hold(person.id, reason="access request")  # type: ignore[attr-defined]
    elif action == "release" and (person := chosen([p for p in people if p.held_on is not None])):
        machine.mentees.release(person.id)  # type: ignore[attr-defined]
    elif action == "erase" and pick % 3 == 0 and (person := chosen(people)) is not None:
        machine.erasure.erase(person.id)  # type: ignore[attr-defined]
        ledger.erased_people.add(person.id)  # type: ignore[attr-defined]
    elif action == "delete_note" and (note := chosen([n for n in notes if n.deleted_at is not None])):
        machine.erasure.delete_for_good("entry", note.id)  # type: ignore[attr-defined]
        ledger.erased_notes.add(note.id)  # type: ignore[attr-defined]
    elif action == "carry" and other != here:
        _carry(folders[other], folders[here], pick)
    elif action == "sync":
        machine.sync.sync_once()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=5, max_size=40))
def test_every_machine_ends_with_the_same_journal_and_no_acknowledged_text_is_lost(
        steps: list[tuple[str, int, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        folders = [root / f"folder-{n}" for n in range(MACHINES)]
        for folder in folders:
            folder.mkdir()
        with journals(root, MACHINES) as machines:
            ledger = Ledger()
            first = machines[0].mentees.add(name="Ana", role="designer")
            ledger.said["designer"] = first.id
            machines[0].sync.init(folders[0])
            for n in range(1, MACHINES):
                (folders[n] / SYNC_FOLDER).mkdir()
                shutil.copyfile(key_file(folders[0]), key_file(folders[n]))
                machines[n].sync.join(folders[n], format_recovery_key(TEST_KEY))
            for action, here, other, pick in steps:
                try:
                    _do(action, machines[here], other, pick, ledger, folders, here)
                except MentorAppError:
                    pass  # refused as the lead would be told (a hold, a name taken): nothing was saved
            for _round in range(4):  # everyone carries everything, and syncs, until nothing is new
                for machine_number, machine in enumerate(machines):
                    for other in range(MACHINES):
                        if other != machine_number:
                            _carry(folders[other], folders[machine_number], 2**16 - 1)
                    machine.sync.sync_once()
            files = [exported(m, root / f"export-{n}.json") for n, m in enumerate(machines)]
            assert files[1] == files[0] and files[2] == files[0]
            listed = [sorted((c.identity, c.other) for c in m.sync.conflicts()) for m in machines]
            assert listed[1] == listed[0] and listed[2] == listed[0]
            for machine in machines:
                report = machine.sync.sync_once()
                assert (report.pushed, report.applied, report.refused, report.kept_aside) == (0, 0, (), ())
            found = texts(machines[0], root / "texts.json") | {c.other for c in machines[0].sync.conflicts()}
            assert ledger.missing(found) == []
