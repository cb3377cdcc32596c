"""A joining machine takes the sync key from the folder with the journal's passphrase or recovery key."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorapp.models.errors import MentorAppError, WrongKeyError
from mentorapp.models.storage.store import Key
from mentorapp.models.sync.keywrap import fetch, key_file, publish
from mentorapp.models.sync.sealed import new_sync_key

PASSPHRASE = "correct horse battery staple"


def test_the_same_passphrase_takes_the_key_out_and_the_file_holds_neither(tmp_path: Path) -> None:
    sync_key = new_sync_key()
    path = publish(tmp_path, sync_key, PASSPHRASE, raw=False)
    data = path.read_bytes()
    assert sync_key not in data and PASSPHRASE.encode() not in data
    assert fetch(tmp_path, PASSPHRASE, raw=False) == sync_key
    # Published again (a key change), the salt is new, the key the same.
    assert publish(tmp_path, sync_key, PASSPHRASE, raw=False).read_bytes() != data
    assert fetch(tmp_path, PASSPHRASE, raw=False) == sync_key


def test_a_wrong_passphrase_is_refused_in_one_sentence(tmp_path: Path) -> None:
    publish(tmp_path, new_sync_key(), PASSPHRASE, raw=False)
    with pytest.raises(WrongKeyError, match="does not open this sync folder"):
        fetch(tmp_path, "correct horse battery stapler", raw=False)


def test_a_keyring_journal_joins_with_the_raw_key_its_recovery_key_spells(tmp_path: Path) -> None:
    key = Key.from_hex("ab" * 32, source="recovery")
    sync_key = new_sync_key()
    publish(tmp_path, sync_key, key.secret, raw=True)
    assert fetch(tmp_path, key.secret, raw=True) == sync_key
    with pytest.raises(WrongKeyError):  # the same text typed as a passphrase is another key
        fetch(tmp_path, key.secret, raw=False)


def test_a_folder_without_a_key_or_with_a_damaged_one_is_named(tmp_path: Path) -> None:
    with pytest.raises(MentorAppError, match="not a MentorApp sync folder yet"):
        fetch(tmp_path, PASSPHRASE, raw=False)
    publish(tmp_path, new_sync_key(), PASSPHRASE, raw=False)
    key_file(tmp_path).write_bytes(key_file(tmp_path).read_bytes()[:-3])
    with pytest.raises(MentorAppError, match="damaged"):
        fetch(tmp_path, PASSPHRASE, raw=False)


def test_a_french_desk_is_told_in_french_that_a_folder_is_not_a_sync_folder_yet(tmp_path: Path) -> None:
    from mentorapp import i18n

    with i18n.speaking("fr"), pytest.raises(MentorAppError) as refused:
        fetch(tmp_path, PASSPHRASE, raw=False)
    assert "n'est pas encore un dossier de synchronisation MentorApp" in str(refused.value)
    assert "`mentorapp sync init`" in str(refused.value) and "mentorapp-sync/sync.key" in str(refused.value)
