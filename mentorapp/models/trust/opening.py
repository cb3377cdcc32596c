"""The one way a journal is opened and unlocked: by the command line, at the desk's start and after auto-lock.

In order: a key change cut short settled (finished or undone, no key needed) and what
killed processes left cleared; the key (the environment's passphrase, the OS keyring's
key or a pending key left by an interrupted key change, else what a person types: a
passphrase or the recovery key); the store opened with it; an older schema backed up and then upgraded;
a damaged journal told apart from a wrong key by trying the key on its backups; a
journal that vanished while its backups remain never started afresh silently.

Headless and typed: failures are WrongKeyError, JournalDamagedError (carrying the newest
good backup and the proven key), JournalMissingError and StoreError, each one sentence.
Callers keep only their way of asking (a terminal prompt, the unlock dialog) and of
showing a refusal.

The desk reaches trust through this module and through Services only, so it also
names what a person types (`Key`, the recovery key) and what the desk lock is called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from mentorapp.i18n import _, ngettext
from mentorapp.models.errors import (
    JournalDamagedError,
    JournalIncompleteError,
    JournalMissingError,
    StoreError,
    WrongKeyError,
)
from mentorapp.models.storage.atomic import describe_os_error, make_private_folder
from mentorapp.models.storage.store import Key, Store
from mentorapp.models.trust import backups, file_lock, guesses, key_change, keys
from mentorapp.models.trust.backups import (
    BackupInfo,
    RestoreReport,
    backup_folder,
    describe_backup,
    what_a_restore_loses,
)
from mentorapp.models.trust.file_lock import HeldLock
from mentorapp.models.trust.guesses import TooManyGuessesError
from mentorapp.models.trust import desk_channel  # the desk's socket protocol, for views/runtime/single_instance
from mentorapp.models.trust.desk_lock import claim_desk, desk_holding, desk_lock_path, desk_server_name, runtime_folder
from mentorapp.models.trust.keys import ENV_PASSPHRASE, PROMPT_TRIES, Prompt, PromptRequest, keyring_available
from mentorapp.models.trust.recovery import CHARACTERS as RECOVERY_CHARACTERS
from mentorapp.models.trust.recovery import RecoveryKeyError, parse_recovery_key
from mentorapp.models.vocabulary import isolate

__all__ = [
    "ENV_PASSPHRASE", "PROMPT_TRIES", "RECOVERY_CHARACTERS", "BackupInfo", "Key", "Prompt", "PromptRequest",
    "RecoveryKeyError", "RestoreReport", "TooManyGuessesError", "backup_folder", "backups_of", "claim_desk",
    "describe_backup", "desk_channel", "desk_holding", "desk_lock_path", "desk_server_name", "discard_new_journal",
    "find_key_for_backups", "guessed", "is_new_journal", "keyring_available", "open_journal", "open_store",
    "open_typed", "open_with_key", "open_with_recovery_key", "open_without_asking", "parse_recovery_key",
    "prove_key_on_backups", "restore_in_place", "retry_in", "runtime_folder", "settle_before_opening",
    "tell_waiting", "unlock", "unlock_from_keyring", "what_a_restore_loses",
]

T = TypeVar("T")

RECOVERY_SOURCE = "recovery key"  # the source of a Key read from a recovery sheet


# -- the store, its schema and its backup -------------------------------------------------------------
def open_store(path: Path | str, key: Key, *, create: bool = True) -> Store:
    """Open the store with `key`; a journal at an older schema is backed up, then upgraded.

    The backup comes first so the journal as it was can always be put back; when it
    cannot be made, nothing is upgraded and the store is closed again.
    """
    store = Store.open(path, key, create=create)
    try:
        if store.upgrade_due:
            with _upgrading(store.path):
                store.reread_revision()  # another process may have upgraded it while this one waited
                if store.upgrade_due:
                    backups.make_backup(store, reason=backups.Reason.BEFORE_UPGRADE)
                    store.upgrade()
    except BaseException:
        store.close()
        raise
    return store


# -- one upgrade at a time ---------------------------------------------------------------------------------
UPGRADE_LOCK_NAME = ".upgrade.lock"  # in the backup folder, where the copy before the upgrade goes
UPGRADE_WAIT_SECONDS = 600.0  # the longest upgrade of a large journal on a slow disk, and some

_waiting_notices: list[Callable[[str], None]] = []


def tell_waiting(notice: Callable[[str], None]) -> None:
    """Have `notice` told, in one line, when opening waits for another process (the command line's stderr)."""
    _waiting_notices.append(notice)


@contextmanager
def _upgrading(path: Path) -> Iterator[None]:
    """Hold the journal's upgrade lock: other openers wait (saying so) instead of failing as busy."""
    folder = backup_folder(path)
    lock = folder / UPGRADE_LOCK_NAME
    try:
        make_private_folder(folder)
        held = file_lock.try_acquire(lock)
        minutes = int(UPGRADE_WAIT_SECONDS // 60)
        if held is None:
            for notice in _waiting_notices:
                notice(ngettext("Another MentorApp is upgrading {name}; waiting for it to finish "
                                "(at most {n} minute)…",
                                "Another MentorApp is upgrading {name}; waiting for it to finish "
                                "(at most {n} minutes)…", minutes).format(name=isolate(path.name), n=minutes))
            held = file_lock.acquire(
                lock, timeout=UPGRADE_WAIT_SECONDS,
                busy_message=ngettext("Another MentorApp has been upgrading {path} for over {n} minute; "
                                      "try again later.",
                                      "Another MentorApp has been upgrading {path} for over {n} minutes; "
                                      "try again later.", minutes).format(path=path, n=minutes))
    except OSError as exc:
        raise StoreError(_("Cannot write a backup in {folder}: {reason}.").format(
            folder=folder, reason=describe_os_error(exc))) from None
    try:
        yield
    finally:
        held.release()


def is_new_journal(path: Path) -> bool:
    """True when opening `path` would start a journal (no file, or an empty one)."""
    return not path.exists() or path.stat().st_size == 0


# -- a person's (or a script's) guess at the key ---------------------------------------------------------
def guessed(path: Path, try_key: Callable[[], T]) -> T:
    """Run `try_key` as one counted guess at `path`'s key (see `guesses`); a new journal is no guess.

    Raises TooManyGuessesError, without trying anything, while a wait after wrong keys is due.
    """
    if is_new_journal(path):
        return try_key()
    with guesses.GuessLimiter(path).attempt():
        return try_key()


def retry_in(path: Path) -> int:
    """Seconds until a key may be tried on `path` again (0: now), after wrong ones in a row."""
    return guesses.GuessLimiter(path).retry_in()
# -- a key change cut short, and what killed processes left --------------------------------------------------
Told = Callable[[str], None]  # how a caller tells the person one sentence (stderr, a message box)


def settle_before_opening(path: Path, *, told: Told | None = None) -> None:
    """Finish or undo a key change a killed process left half-done, then clear what killed processes left.

    Comes before any key is tried: settling needs none, and afterwards the journal and its
    backups are under one key again. `told` hears the one sentence that says which key opens it.
    """
    settled = key_change.settle(path)
    if settled is not None and told is not None:
        told(settled.sentence(path))
    backups.clean_leftovers(path)


# -- damage or a wrong key ----------------------------------------------------------------------------------
def key_opens_backups(path: Path, key: Key) -> bool:
    """Whether `key` opens one of the two newest backups under the journal's own key (each try costs one key
    derivation). Backups a key change left under an earlier key prove nothing about the journal's key."""
    earlier = set(key_change.earlier_key_backups(path))
    own = [info for info in backups.list_backups(path) if info.path.name not in earlier]
    for info in own[:2]:
        problem = backups.backup_problem(info.path, key)
        if problem is None or not problem.wrong_key:
            return True
    return False


def damage_report(path: Path, key: Key | None, message: str) -> JournalDamagedError:
    """A JournalDamagedError carrying the newest good backup for `key` (found by checking each)."""
    backup = backups.newest_good_backup(path, key) if key is not None else None
    return JournalDamagedError(message, path=path, key=key, backup=backup)


def open_with_key(path: Path, key: Key, *, create: bool = True) -> Store:
    """Open with `key`, telling a damaged journal apart from a wrong key by trying the key on its backups.

    SQLCipher says "file is not a database" both for a wrong key and for a damaged
    first page; when the key opens the journal's own backups, the journal is damaged.
    """
    try:
        return open_store(path, key, create=create)
    except JournalIncompleteError as exc:  # the key fits: the way out names the newest good backup too
        raise JournalIncompleteError(str(exc), path=path, missing=exc.missing, key=key,
                                     backup=backups.newest_good_backup(path, key)) from None
    except JournalDamagedError as exc:
        raise damage_report(path, key, str(exc)) from None
    except WrongKeyError:
        if key_opens_backups(path, key):
            raise damage_report(
                path, key,
                _("The journal {path} is damaged: its key opens the backups but not the journal itself.").format(
                    path=path)
            ) from None
        raise


def _refuse_to_start_over(path: Path) -> None:
    """A journal that vanished (or was emptied) while its backups remain is not started afresh silently."""
    found = backups.list_backups(path)
    if not found:
        return
    if path.exists():
        said = ngettext("The journal {path} is empty, but its backup folder holds {n} backup; the newest is from "
                        "{when}.",
                        "The journal {path} is empty, but its backup folder holds {n} backups; the newest is from "
                        "{when}.", len(found))
    else:
        said = ngettext("The journal {path} is missing, but its backup folder holds {n} backup; the newest is from "
                        "{when}.",
                        "The journal {path} is missing, but its backup folder holds {n} backups; the newest is from "
                        "{when}.", len(found))
    raise JournalMissingError(
        said.format(path=path, n=len(found), when=describe_backup(found[0])),
        path=path,
        backup=found[0],
    )


# -- creating a journal is one claimed step -------------------------------------------------------------------
CREATE_LOCK_SUFFIX = ".create-lock"
CLAIM_TIMEOUT_SECONDS = 120.0


def create_lock_path(path: Path) -> Path:
    """The lock file beside a journal that its creator holds while making the file and its key."""
    return path.with_name(f"{path.name}{CREATE_LOCK_SUFFIX}")


@contextmanager
def _claimed(path: Path) -> Iterator[HeldLock | None]:
    """Hold the journal's creation lock: exclusively while it is new, shared while it is opened.

    Whoever creates a journal holds the lock exclusively until the file, its schema and its key
    (in the keyring) are all in place; an opener waits for that, so it never meets a file
    without its schema or a journal whose key is not stored yet. Yields the exclusive lock
    (None when shared, or when the folder takes no lock file: then nothing can be created there).
    """
    lock = create_lock_path(path)
    busy = _("Another MentorApp is still creating the journal {path}; try again in a moment.").format(path=path)
    while True:
        new = is_new_journal(path)
        try:
            held = file_lock.acquire(lock, exclusive=new, timeout=CLAIM_TIMEOUT_SECONDS, busy_message=busy)
        except OSError:
            if new and path.parent.is_dir():
                raise StoreError(_("Cannot create the journal {path}: its folder cannot be written.").format(
                    path=path)) from None
            yield None  # a folder that takes no lock file (read-only): nothing is created there
            return
        if not new and is_new_journal(path):
            held.release()  # emptied or removed meanwhile: it is new again, so claim it exclusively
            continue
        try:
            yield held if new else None
        finally:
            held.release()
        return


def _created_nothing(path: Path, claim: HeldLock | None) -> None:
    """After a creation that left no journal: the lock file goes too, so nothing is left beside it."""
    if claim is not None and not path.exists():
        claim.remove()


def discard_new_journal(store: Store) -> bool:
    """Close and remove a journal this process has just created, when nothing was ever put in it.

    For a command whose whole purpose failed (an import refused half-way): a new empty journal
    left behind would look like a journal to the next command. Its key stays in the keyring
    (a key is never deleted while a journal might need it). False when it holds mentees now.
    """
    if store.count_rows("mentee") > 0:
        return False
    store.close()
    with _claimed(store.path) as claim:
        if claim is not None or is_new_journal(store.path):
            return False  # emptied or removed meanwhile: nothing of ours to take away
        for suffix in ("", "-wal", "-shm"):
            Path(f"{store.path}{suffix}").unlink(missing_ok=True)
    create_lock_path(store.path).unlink(missing_ok=True)
    return True


def _open_claimed(path: Path, key: Key, *, create: bool = True) -> Store:
    """Open with `key` under the creation claim: a new journal is made with it, else `key` must fit."""
    with _claimed(path) as claim:
        try:
            return open_with_key(path, key, create=create)
        except BaseException:
            _created_nothing(path, claim)
            raise


# -- finding the key ------------------------------------------------------------------------------------------
def open_without_asking(path: Path | str, *, create: bool = True, start_over: bool = False,
                        told: Told | None = None) -> Store | None:
    """Open the journal with the environment's passphrase or the keyring's key (creating one for a
    new journal when a keyring is available); None when only a person can unlock it.

    Raises StoreError with one clear sentence when the journal cannot be opened:
    JournalDamagedError when its file is damaged (carrying the newest good backup),
    JournalMissingError when it is gone but backups of it remain (unless `start_over`).
    A key change cut short is settled first (`settle_before_opening`, telling `told`).
    """
    path = Path(path).expanduser()
    settle_before_opening(path, told=told)
    if is_new_journal(path):
        if not start_over:
            _refuse_to_start_over(path)
        if not create:
            raise StoreError(_("There is no journal at {path} yet; add a mentee or run 'mentorapp demo' first.").format(
                path=path))
    with _claimed(path) as claim:
        try:
            if claim is not None and is_new_journal(path):
                opened = _create(path, start_over=start_over)
            elif (key := keys.env_key()) is not None:
                env_key = key
                opened = guessed(path, lambda: open_with_key(path, env_key))
            else:
                opened = _open_from_keyring(path)
        except BaseException:
            _created_nothing(path, claim)
            raise
        if opened is None:
            _created_nothing(path, claim)
        return opened


def _create(path: Path, *, start_over: bool) -> Store | None:
    """Make a new journal and its key, holding the creation claim; None when only a person can give a key.

    The key is in the keyring (stored, read back) before the file exists, so no journal is
    ever on disk without its key; a key already there for this journal (its creator died
    before making the file, or the file was removed) is used, never replaced by another.
    """
    if not start_over:
        _refuse_to_start_over(path)  # checked again under the claim
    key = keys.env_key()
    if key is not None:
        return open_with_key(path, key)
    key = keys.keyring_key(path)
    if key is None:
        if keys.keyring_get(path) is not None or not keys.keyring_available():
            return None  # an entry that is not a key is the person's to sort out; never overwritten
        key = keys.new_keyring_key()
        if not keys.keyring_set(path, key.secret):  # stored and read back, or no journal at all
            return None
    store = open_with_key(path, key)
    if not key.same_secret(keys.keyring_key(path)):
        store.close()
        raise StoreError(
            _("The keyring did not keep the key of the new journal {path}; set {variable} or try again.").format(
                path=path, variable=ENV_PASSPHRASE)
        )
    return store


def _open_from_keyring(path: Path) -> Store | None:
    """Open with the keyring's key, or with a pending key left by an interrupted key change.

    A key that does not fit stays where it is: it may still belong to a journal on disk.
    """
    for pending in (False, True):
        key = keys.keyring_key(path, pending=pending)
        if key is None:
            continue
        try:
            store = open_with_key(path, key)
        except WrongKeyError:
            # The keyring's key does not fit (a passphrase journal, or one replaced): ask the person.
            continue
        if pending:
            # The journal was re-encrypted before the process died: finish the key change.
            keys.keyring_set(path, key.secret)
            keys.keyring_forget(path, pending=True)
        return store
    return None


def open_journal(path: Path | str, *, prompt: Prompt | None, create: bool = True,
                 start_over: bool = False, told: Told | None = None) -> Store:
    """Open (or, with `create`, start) the journal at `path`, finding its key in the documented order.

    Raises StoreError with one clear sentence when the journal cannot be opened
    (see `open_without_asking`, which also tells `told` of a key change it settled);
    asks `prompt` at most three times.
    """
    path = Path(path).expanduser()
    creating = is_new_journal(path)
    opened = open_without_asking(path, create=create, start_over=start_over, told=told)
    if opened is not None:
        return opened
    if prompt is None:
        raise StoreError(
            _("No key for {path} (none in this computer's keyring): set {variable} to its passphrase, "
              "or put its key back from the recovery sheet with 'mentorapp unlock --recovery-key'.").format(
                path=path, variable=ENV_PASSPHRASE)
        )
    if not creating:
        guesses.GuessLimiter(path).refuse_while_waiting()  # say so before anyone types

    def attempt(key: Key, recovery: bool) -> Store:
        try:
            if creating:
                return _open_claimed(path, key)
            return guessed(path, lambda: open_with_recovery_key(path, key) if recovery else _open_claimed(path, key))
        except WrongKeyError:
            raise _TryAgain(_("That recovery key does not open this journal.") if recovery
                            else _("That passphrase does not open this journal.")) from None

    return _ask_for_key(prompt, path, creating=creating, attempt=attempt,
                        none_given=_("No passphrase given; the journal stays closed."),
                        exhausted=ngettext("Wrong passphrase for {path} ({n} try); the journal stays closed.",
                                           "Wrong passphrase for {path} ({n} tries); the journal stays closed.",
                                           PROMPT_TRIES).format(path=path, n=PROMPT_TRIES))


class _TryAgain(Exception):
    """The key given did not do; `args[0]` is the sentence to show with the next prompt."""


def _ask_for_key(prompt: Prompt, path: Path, *, creating: bool, attempt: Callable[[Key, bool], T],
                 none_given: str, exhausted: str) -> T:
    """Ask `prompt` for a passphrase (or a recovery key) up to PROMPT_TRIES times until `attempt` takes it.

    `attempt` is given the key and whether it is a recovery key (the prompt returned a Key)
    rather than a typed passphrase; it raises _TryAgain with the reason to ask again.
    """
    reason = ""
    for number in range(1, PROMPT_TRIES + 1):
        typed = prompt(PromptRequest(path=path, creating=creating, attempt=number, retry_reason=reason))
        if typed is None:
            raise StoreError(none_given)
        if not isinstance(typed, Key) and not typed:
            reason = _("The passphrase cannot be empty.")
            continue
        try:
            if isinstance(typed, Key):
                return attempt(typed, True)
            return attempt(Key(secret=typed, source="prompt"), False)
        except _TryAgain as again:
            reason = str(again)
    raise StoreError(exhausted)


def open_with_recovery_key(path: Path, key: Key, *, create: bool = False) -> Store:
    """Open the journal with a key read from its recovery sheet, and put it back into the keyring.

    Raises WrongKeyError when it does not fit. When this computer has no secure
    keyring the journal still opens; `keys.keyring_has_key` then tells the caller.
    """
    settle_before_opening(path)
    store = _open_claimed(path, key, create=create)
    _keep_recovered(path, key)
    return store


def open_typed(path: Path, key: Key) -> Store:
    """Open with what a person typed into a dialog: a recovery key also goes back into the keyring."""
    if key.source == RECOVERY_SOURCE:
        return guessed(path, lambda: open_with_recovery_key(path, key, create=False))
    return guessed(path, lambda: _open_claimed(path, key))


def _keep_recovered(path: Path, key: Key) -> None:
    keys.keyring_set(path, key.secret)
    keys.keyring_forget(path, pending=True)


# -- unlocking an open journal again (after auto-lock) ---------------------------------------------------------
def unlock_from_keyring(store: Store) -> bool:
    """Unlock a locked store with the keyring's key; False when the keyring no longer has one that fits."""
    key = keys.keyring_key(store.path)
    if key is None:
        return False
    try:
        store.unlock(key)
    except WrongKeyError:
        return False
    return True


def unlock(store: Store, key: Key) -> None:
    """Unlock a locked store with what a person typed; raises WrongKeyError (and stays locked) if it does not fit.

    A recovery key that fits goes back into the keyring, as when opening. Each try is a counted guess.
    """
    guessed(store.path, lambda: store.unlock(key))
    if key.source == RECOVERY_SOURCE:
        keys.keyring_set(store.path, key.secret)


# -- a journal that will not open: its backups ------------------------------------------------------------------
def backups_of(path: Path) -> list[BackupInfo]:
    """The backups of a journal that is not open, newest first."""
    return backups.list_backups(path)


def prove_key_on_backups(path: Path, source: Path, key: Key) -> Key:
    """`key` when it opens the backup `source` or the journal's newest backups; else WrongKeyError."""
    def prove() -> Key:
        if backups.backup_problem(source, key) is not None and not key_opens_backups(path, key):
            raise WrongKeyError(_("That does not open the backups."))
        return key

    return guessed(path, prove)


def restore_in_place(path: Path, source: Path, key: Key) -> RestoreReport:
    """Put the backup `source` in the place of a journal that cannot be opened (the damaged file kept aside).

    Raises StoreError with one sentence when `source` is not a good backup for `key`.
    """
    problem = backups.backup_problem(source, key)
    if problem is not None:
        # Translators: {problem} is a whole sentence saying what is wrong with the backup.
        raise StoreError(_("{problem} Choose another backup.").format(problem=problem))
    return backups.restore_unopenable(path, source, key=key)


def find_key_for_backups(path: Path, *, prompt: Prompt | None) -> Key:
    """The key of a journal that cannot be opened itself, proven on its newest backup.

    Same order as opening: environment, keyring (and a pending key), then the prompt.
    """
    settle_before_opening(path)
    if not backups.list_backups(path):
        raise StoreError(_("There are no backups of {path} to restore.").format(path=path))
    candidates = [keys.env_key(), keys.keyring_key(path), keys.keyring_key(path, pending=True)]
    for key in candidates:
        if key is not None and key_opens_backups(path, key):
            return key
    if prompt is None:
        raise StoreError(
            _("No key opens the backups of {path}: set {variable} to its passphrase, or put its key back "
              "from the recovery sheet with 'mentorapp unlock --recovery-key'.").format(
                path=path, variable=ENV_PASSPHRASE)
        )

    def attempt(key: Key, _recovery: bool) -> Key:
        def prove() -> None:
            if not key_opens_backups(path, key):
                raise WrongKeyError(_("That does not open the backups of this journal."))

        try:
            guessed(path, prove)
        except WrongKeyError:
            raise _TryAgain(_("That does not open the backups of this journal.")) from None
        if key.raw:
            keys.keyring_set(path, key.secret)
        return key

    return _ask_for_key(
        prompt, path, creating=False, attempt=attempt, none_given=_("No passphrase given; nothing was restored."),
        exhausted=ngettext("Wrong passphrase for the backups of {path} ({n} try); nothing was restored.",
                           "Wrong passphrase for the backups of {path} ({n} tries); nothing was restored.",
                           PROMPT_TRIES).format(path=path, n=PROMPT_TRIES))
