"""Two journals through one folder: what one machine writes, the other holds, and both export the same file."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorapp.models.errors import MentorAppError, WrongKeyError
from mentorapp.models.trust.recovery import format_recovery_key
from tests.conftest import TEST_KEY
from tests.models.sync.replicas import exported, journals

RECOVERY_KEY = format_recovery_key(TEST_KEY)  # the first journal's key is in the keyring: the sheet's key joins


def test_a_joined_journal_holds_the_first_ones_team_and_exports_the_same_file(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    with journals(tmp_path, 2) as (laptop, desktop):
        ana = laptop.mentees.add(name="Ana", role="Designer")
        laptop.entries.add(mentee_id=ana.id, text="Ana asked for more room on the design review")
        laptop.sync.init(folder)
        desktop.sync.join(folder, RECOVERY_KEY)
        assert [m.name for m in desktop.mentees.list()] == ["Ana"]
        assert exported(laptop, tmp_path / "a.json") == exported(desktop, tmp_path / "b.json")
        # Both add and edit; after both have synced twice, both hold everything.
        ben = desktop.mentees.add(name="Ben")
        desktop.entries.add(mentee_id=ben.id, text="Ben shipped the importer")
        laptop.mentees.edit(ana.id, role="Lead designer")
        for _round in range(2):
            laptop.sync.sync_once()
            desktop.sync.sync_once()
        assert exported(laptop, tmp_path / "a.json") == exported(desktop, tmp_path / "b.json")
        assert {m.name for m in laptop.mentees.list()} == {"Ana", "Ben"}
        assert desktop.mentees.get(ana.id).role == "Lead designer"
        assert laptop.sync.sync_once().applied == 0  # nothing new


def test_joining_with_a_wrong_secret_or_into_a_full_journal_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    with journals(tmp_path, 2) as (laptop, desktop):
        laptop.mentees.add(name="Ana")
        laptop.sync.init(folder)
        with pytest.raises(WrongKeyError):
            desktop.sync.join(folder, "not the passphrase")
        desktop.mentees.add(name="Cleo")
        with pytest.raises(MentorAppError, match="Only an empty journal can join"):
            desktop.sync.join(folder, RECOVERY_KEY)
        with pytest.raises(MentorAppError, match="does not sync"):
            desktop.sync.sync_once()
