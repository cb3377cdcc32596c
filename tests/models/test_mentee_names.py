"""A name is the same name however its accents were typed: composed (é) or as a letter plus a mark (é)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from tests.test_cli import run

COMPOSED = unicodedata.normalize("NFC", "Zoë Müller")
DECOMPOSED = unicodedata.normalize("NFD", "Zoë Müller")


def test_a_name_is_found_whichever_way_its_accents_were_typed(services: Services) -> None:
    zoe = services.mentees.add(name=DECOMPOSED)
    assert services.mentees.find(COMPOSED).id == zoe.id
    assert services.mentees.find("zoë").id == zoe.id
    assert services.mentees.find(unicodedata.normalize("NFD", "müller")).id == zoe.id


def test_the_same_name_typed_another_way_is_refused_as_a_duplicate(services: Services) -> None:
    services.mentees.add(name=DECOMPOSED)
    with pytest.raises(MentorAppError, match="There is already a mentee named"):
        services.mentees.add(name=COMPOSED)
    other = services.mentees.add(name="Ana")
    with pytest.raises(MentorAppError, match="There is already a mentee named"):
        services.mentees.edit(other.id, name=COMPOSED.upper())
    assert len(services.mentees.list()) == 2


def test_a_note_from_the_terminal_finds_a_name_pasted_with_combining_marks(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert run("mentee", "add", DECOMPOSED, db=db).returncode == 0
    note = run("note", COMPOSED[:3], "Paired on the parser", db=db)
    assert note.returncode == 0, note.stderr
