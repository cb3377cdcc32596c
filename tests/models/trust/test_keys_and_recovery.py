"""Keys: the keyring key and its recovery key, passphrases, changing either, and never leaking one."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from mentorapp.models.trust import backups, keys
from mentorapp.models.errors import JournalMissingError, MentorAppError, StoreError
from mentorapp.models.trust import opening
from mentorapp.models.trust.keys import KeyKind, PromptRequest
from mentorapp.models.trust.opening import open_journal
from mentorapp.models.trust.recovery import RecoveryKeyError, format_recovery_key, parse_recovery_key
from mentorapp.models.services import Services
from mentorapp.models.storage.store import JournalDamagedError, JournalLockedError, Key, Store, WrongKeyError
from mentorapp.packets.recovery_sheet import RecoverySheet, build_recovery_sheet
from tests.conftest import MemoryKeyring

PASSPHRASE = "a long and memorable passphrase"


class ScriptedPrompt:
    """Answers a passphrase prompt from a list, recording what it was asked."""

    def __init__(self, *answers: str | Key | None) -> None:
        self.answers = list(answers)
        self.requests: list[PromptRequest] = []

    def __call__(self, request: PromptRequest) -> str | Key | None:
        self.requests.append(request)
        return self.answers.pop(0)


def keyring_journal(path: Path) -> Store:
    """A journal started the way the desk starts one: its random key goes into the keyring."""
    return open_journal(path, prompt=None)


def damage_first_page(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(40)
        handle.write(os.urandom(32))


# -- the recovery key ------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=32, max_size=32))
def test_a_recovery_key_reads_back_as_the_same_key(raw: bytes) -> None:
    key = Key(secret=raw.hex(), raw=True, source="keyring")
    text = format_recovery_key(key)
    groups = text.split("-")
    assert len(groups) == 14 and all(len(group) == 4 for group in groups)
    assert not set(text) & set("ILOU")
    assert parse_recovery_key(text).same_secret(key)
    # As a person might type it from paper: small letters, spaces, O for 0 and l for 1.
    sloppy = " ".join(groups).lower().replace("0", "o").replace("1", "l")
    assert parse_recovery_key(sloppy).same_secret(key)


def test_a_typing_mistake_in_a_recovery_key_is_named_as_such() -> None:
    text = format_recovery_key(Key(secret="3c" * 32, raw=True))
    wrong = ("Z" if text[7] != "Z" else "Y").join((text[:7], text[8:]))
    with pytest.raises(RecoveryKeyError, match="typing mistake"):
        parse_recovery_key(wrong)
    with pytest.raises(RecoveryKeyError, match="56 letters and digits"):
        parse_recovery_key(text[:-5])
    with pytest.raises(RecoveryKeyError, match="not 'U'"):
        parse_recovery_key(text[:-1] + "U")
    with pytest.raises(RecoveryKeyError, match="Type the recovery key"):
        parse_recovery_key("  -  ")


def test_a_passphrase_journal_has_no_recovery_key(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.db", Key(secret=PASSPHRASE)) as store:
        services = Services(store)
        assert services.keys.kind() is KeyKind.PASSPHRASE
        assert not services.keys.kit_needed()
        with pytest.raises(MentorAppError, match="passphrase is the only way in"):
            services.keys.recovery_key()


def test_a_new_keyring_journal_asks_for_a_recovery_sheet_until_one_is_made(tmp_path: Path) -> None:
    with keyring_journal(tmp_path / "j.db") as store:
        services = Services(store)
        assert services.keys.kind() is KeyKind.KEYRING
        assert services.keys.kit_needed()
        services.keys.mark_kit_made()
        assert not services.keys.kit_needed()
        services.interchange.export(tmp_path / "out.json")
    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert "recovery_kit" not in exported["journal_info"]  # nothing about the key leaves in an export


def test_the_recovery_key_opens_the_journal_when_the_keyring_lost_it(tmp_path: Path,
                                                                    memory_keyring: MemoryKeyring) -> None:
    path = tmp_path / "j.db"
    with keyring_journal(path) as store:
        Services(store).mentees.add(name="Priya")
        written_down = Services(store).keys.recovery_key()
    memory_keyring.secrets.clear()  # a new computer, or a reinstalled system
    with pytest.raises(StoreError, match="No key for"):
        open_journal(path, prompt=None, create=False)
    prompt = ScriptedPrompt(parse_recovery_key(written_down))
    with open_journal(path, prompt=prompt, create=False) as store:
        assert [m.name for m in Services(store).mentees.list()] == ["Priya"]
    assert keys.keyring_get(path) is not None  # back in the keyring: no prompt next time
    with open_journal(path, prompt=None, create=False) as store:
        assert store.key.source == "keyring"


def test_someone_elses_recovery_key_is_refused(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    path = tmp_path / "j.db"
    keyring_journal(path).close()
    memory_keyring.secrets.clear()
    stranger = parse_recovery_key(format_recovery_key(Key(secret="77" * 32, raw=True)))
    prompt = ScriptedPrompt(stranger, None)
    with pytest.raises(StoreError, match="No passphrase given"):
        open_journal(path, prompt=prompt, create=False)
    assert prompt.requests[1].retry_reason == "That recovery key does not open this journal."
    assert keys.keyring_get(path) is None


# -- passphrases and the keyring ------------------------------------------------------------------------
def test_without_a_keyring_a_new_journal_asks_for_a_passphrase(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "_keyring", lambda: None)
    prompt = ScriptedPrompt(PASSPHRASE)
    with open_journal(tmp_path / "j.db", prompt=prompt) as store:
        assert store.key.source == "prompt" and not store.key.raw
    assert prompt.requests[0].creating


def test_three_wrong_passphrases_close_the_door_with_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    Store.open(path, Key(secret=PASSPHRASE)).close()
    prompt = ScriptedPrompt("wrong", "", "still wrong")
    with pytest.raises(StoreError, match=r"Wrong passphrase for .* \(3 tries\)"):
        open_journal(path, prompt=prompt)
    assert [r.retry_reason for r in prompt.requests] == [
        "", "That passphrase does not open this journal.", "The passphrase cannot be empty."
    ]


def test_a_key_never_shows_in_messages_names_or_reprs(tmp_path: Path) -> None:
    secret = "Sup3r-secret passphrase"
    path = tmp_path / "p.db"
    with Store.open(path, Key(secret=secret)) as store:
        made = backups.make_backup(store, reason=backups.Reason.MANUAL)
        seen = [repr(store.key), str(store.key), made.path.name, repr(made)]
    for wrong in (Key(secret="x" + secret), Key(secret="ab" * 32, raw=True)):
        with pytest.raises(WrongKeyError) as caught:
            Store.open(path, wrong)
        seen += [str(caught.value), repr(caught.value)]
    damage_first_page(path)
    with pytest.raises(JournalDamagedError) as damaged:
        opening.open_with_key(path, Key(secret=secret))
    seen += [str(damaged.value), repr(damaged.value)]
    for text in seen:
        assert secret not in text and "ab" * 32 not in text


# -- damaged and missing journals -------------------------------------------------------------------------------
def test_a_damaged_journal_is_told_apart_from_a_wrong_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, Key(secret=PASSPHRASE)) as store:
        Services(store).mentees.add(name="Ana")
        good = backups.make_backup(store, reason=backups.Reason.DAILY)
    damage_first_page(path)
    wrong = ScriptedPrompt("wrong", None)
    with pytest.raises(StoreError, match="No passphrase given"):
        open_journal(path, prompt=wrong)
    assert wrong.requests[1].retry_reason == "That passphrase does not open this journal."
    with pytest.raises(JournalDamagedError, match="opens the backups but not the journal") as caught:
        open_journal(path, prompt=ScriptedPrompt(PASSPHRASE))
    assert caught.value.backup == good and caught.value.key.secret == PASSPHRASE


def test_a_missing_journal_with_backups_is_not_silently_started_afresh(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with keyring_journal(path) as store:
        Services(store).mentees.add(name="Ana")
        backups.make_backup(store, reason=backups.Reason.DAILY)
    path.unlink()
    with pytest.raises(JournalMissingError, match="is missing, but its backup folder holds 1 backup;"):
        open_journal(path, prompt=None)
    assert not path.exists()
    key = opening.find_key_for_backups(path, prompt=None)
    backups.restore_unopenable(path, backups.list_backups(path)[0].path, key=key)
    with open_journal(path, prompt=None, create=False) as store:
        assert [m.name for m in Services(store).mentees.list()] == ["Ana"]


def test_starting_over_is_possible_when_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with keyring_journal(path) as store:
        backups.make_backup(store, reason=backups.Reason.DAILY)
    path.write_bytes(b"")
    with pytest.raises(JournalMissingError, match="is empty"):
        open_journal(path, prompt=None)
    with open_journal(path, prompt=None, start_over=True) as store:
        assert Services(store).journal.is_empty()


# -- changing the key -------------------------------------------------------------------------------------------
def test_changing_the_passphrase_re_encrypts_the_journal_and_its_backups(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    new = "an even longer and more memorable passphrase"
    with Store.open(path, Key(secret=PASSPHRASE)) as store:
        services = Services(store)
        services.mentees.add(name="Ana")
        older = services.backups.back_up_now()
        change = services.keys.change_to_passphrase(new)
        services.mentees.add(name="Ben")  # the open journal goes on working
    assert change.kind is KeyKind.PASSPHRASE and change.backups_rekeyed == 2 and change.backups_left == 0
    with pytest.raises(WrongKeyError):
        Store.open(path, Key(secret=PASSPHRASE))
    with Store.open(path, Key(secret=new)) as store:
        assert [m.name for m in Services(store).mentees.list()] == ["Ana", "Ben"]
    for backup in (older.path, change.safety_backup):
        assert backups.backup_problem(backup, Key(secret=new)) is None
        problem = backups.backup_problem(backup, Key(secret=PASSPHRASE))
        assert problem is not None and problem.wrong_key and "does not open" in str(problem)


def test_the_same_passphrase_again_is_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.db", Key(secret=PASSPHRASE)) as store:
        with pytest.raises(MentorAppError, match="same as the current one"):
            Services(store).keys.change_to_passphrase(PASSPHRASE)


def test_moving_from_the_keyring_to_a_passphrase_and_back(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with keyring_journal(path) as store:
        services = Services(store)
        services.keys.mark_kit_made()
        services.keys.change_to_passphrase(PASSPHRASE)
        assert keys.keyring_get(path) is None
        assert services.keys.kind() is KeyKind.PASSPHRASE
    with open_journal(path, prompt=ScriptedPrompt(PASSPHRASE)) as store:
        services = Services(store)
        services.keys.change_to_keyring()
        assert services.keys.kit_needed()  # the old sheet does not open the new key
    with open_journal(path, prompt=None) as store:
        assert store.key.source == "keyring"


def test_a_key_change_interrupted_after_the_rewrite_finishes_on_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with keyring_journal(path) as store:
        Services(store).mentees.add(name="Ana")
        new = keys.new_keyring_key()
        # What change_key does before the process dies: the new key waits as "pending",
        # the journal is re-encrypted, and the keyring's main entry still holds the old key.
        keys.keyring_set(path, new.secret, pending=True)
        store.rekey(new)
    with open_journal(path, prompt=None) as store:
        assert [m.name for m in Services(store).mentees.list()] == ["Ana"]
    assert keys.keyring_get(path) == new.secret and keys.keyring_get(path, pending=True) is None


def test_a_key_change_interrupted_before_the_rewrite_keeps_the_old_key(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with keyring_journal(path) as store:
        old = store.key.secret
        keys.keyring_set(path, keys.new_keyring_key().secret, pending=True)
    with open_journal(path, prompt=None) as store:
        assert store.key.secret == old


# -- locking ---------------------------------------------------------------------------------------------------
def test_a_locked_store_forgets_its_key_until_unlocked(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.db", Key(secret=PASSPHRASE)) as store:
        services = Services(store)
        services.mentees.add(name="Ana")
        store.lock()
        assert store.locked
        with pytest.raises(JournalLockedError, match="locked"):
            services.mentees.list()
        with pytest.raises(WrongKeyError):
            store.unlock(Key(secret="guess"))
        assert store.locked
        store.unlock(Key(secret=PASSPHRASE))
        assert [m.name for m in services.mentees.list()] == ["Ana"]


def test_backups_use_the_date_of_the_day_they_were_made(tmp_path: Path) -> None:
    with keyring_journal(tmp_path / "j.db") as store:
        made = backups.make_backup(store, reason=backups.Reason.DAILY, now=dt.datetime(2026, 1, 2, 3, 4, 5))
    assert made.path.name == "j-20260102-030405-daily.backup"


def test_every_group_of_the_recovery_key_prints_on_one_line() -> None:
    # The widest letters there are: a group that wrapped could be mistyped from the sheet.
    key = "-".join(["WWWW", "MMMM", "WMWM", "MWMW"] * 3 + ["WWMM", "MMWW"])
    sheet = RecoverySheet(journal=Path("/home/lead/mentorapp.db"), recovery_key=key, sheet_id="3F2A-91C0",
                          made_on=dt.date(2026, 11, 29))
    text = PdfReader(io.BytesIO(build_recovery_sheet(sheet))).pages[0].extract_text()
    printed = text.split("RECOVERY KEY", 1)[1]
    for number, group in enumerate(key.split("-"), start=1):
        assert f"{number}\n{group}\n" in printed


def test_a_store_refuses_to_write_into_a_file_that_was_replaced_under_it(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, Key(secret=PASSPHRASE)) as store:
        services = Services(store)
        services.mentees.add(name="Ana")
        store.backup_to(tmp_path / "copy.db")
        store.checkpoint()  # as a key change does before it renames its copy into place
        os.replace(tmp_path / "copy.db", path)  # another process put a new file in the journal's place
        with pytest.raises(StoreError, match="was replaced by another MentorApp while this one had it open"):
            services.mentees.add(name="Ben")
    with Store.open(path, Key(secret=PASSPHRASE)) as store:
        assert [m.name for m in Services(store).mentees.list()] == ["Ana"]


def test_a_key_change_that_fails_its_check_leaves_the_journal_and_keyring_as_they_were(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mentorapp.models.storage import store as store_module
    from mentorapp.models.trust import key_change

    path = tmp_path / "j.db"
    with keyring_journal(path) as store:
        Services(store).mentees.add(name="Ana")
        old = keys.keyring_get(path)
        monkeypatch.setattr(store_module, "_copy_problem",
                            lambda *_a: "the re-encrypted copy does not hold the same rows")
        with pytest.raises(StoreError, match="was not changed: the re-encrypted copy does not hold the same rows"):
            Services(store).keys.change_to_keyring()
        assert [m.name for m in Services(store).mentees.list()] == ["Ana"]  # the desk goes on, old key
    assert keys.keyring_get(path) == old and keys.keyring_get(path, pending=True) is None
    assert not key_change.in_progress(path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")) == []
    for info in backups.list_backups(path):
        assert backups.backup_problem(info.path, Key.from_hex(old, source="test")) is None


def test_a_key_change_marker_that_cannot_be_read_is_undone_and_the_old_key_kept(tmp_path: Path) -> None:
    from mentorapp.models.trust import key_change

    path = tmp_path / "j.db"
    with keyring_journal(path) as store:
        Services(store).mentees.add(name="Ana")
        old = store.key.secret
    # A marker damaged on disk, a pending key, and a copy nobody claims: which side of the rename the change
    # was on cannot be known, so the copies go and no key is deleted (the pending one may be the journal's).
    key_change.marker_path(path).write_bytes(b"\x00{not json")
    keys.keyring_set(path, keys.new_keyring_key().secret, pending=True)
    (tmp_path / f".{path.name}.0123456789ab.partial").write_bytes(b"half a copy")
    told: list[str] = []
    with open_journal(path, prompt=None, told=told.append) as store:
        assert store.key.secret == old
        assert [m.name for m in Services(store).mentees.list()] == ["Ana"]
    (sentence,) = told
    assert "its record could not be read" in sentence and "no key was forgotten" in sentence
    assert keys.keyring_get(path) == old  # the journal's own entry, untouched
    assert not key_change.in_progress(path)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
