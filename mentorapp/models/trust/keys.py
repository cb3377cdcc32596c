"""Where a journal's key comes from: the environment, the OS keyring, or the person.

Order: `MENTORAPP_PASSPHRASE` when set (scripts, CI); else a random 256-bit key
created on first use and kept in the OS keyring (service `mentorapp`); else a
prompt, which takes the passphrase or the journal's recovery key. There is never
a plaintext fallback: keyring backends that store secrets in plain files are
refused, and the key is never written anywhere by the app.

Changing the key keeps the keyring consistent even if the process dies half-way:
the new key waits in a second keyring entry ("pending") until the journal has
been re-encrypted, and opening tries that entry when the first one does not fit.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from mentorapp.models.errors import MentorAppError, StoreError
from mentorapp.models.storage.store import JournalDamagedError, Key, Store, WrongKeyError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

ENV_PASSPHRASE = "MENTORAPP_PASSPHRASE"
KEYRING_SERVICE = "mentorapp"
PROMPT_TRIES = 3


@dataclass(frozen=True)
class PromptRequest:
    """What a passphrase prompt should ask."""

    path: Path
    creating: bool  # a new journal: ask twice and explain it cannot be recovered
    attempt: int  # 1-based
    retry_reason: str = ""


class JournalMissingError(JournalDamagedError):
    """The journal is gone (or empty) but its backup folder still holds backups of it."""


# Returns the passphrase typed, a Key read from a recovery key, or None when the person cancels.
Prompt = Callable[[PromptRequest], "str | Key | None"]


def keyring_account(path: Path, *, pending: bool = False) -> str:
    account = f"journal:{Path(path).expanduser().resolve()}"
    return f"{account}#pending" if pending else account


def _keyring() -> KeyringBackend | None:
    """The OS keyring backend if one that encrypts is available, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # a broken keyring install means "no keyring"
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    backends = getattr(backend, "backends", None) or [backend]
    usable = []
    for item in backends:
        module = type(item).__module__
        if module.startswith("keyrings.alt") or isinstance(item, fail.Keyring) or module.endswith(".null"):
            continue
        usable.append(item)
    return backend if usable and len(usable) == len(backends) else None


def keyring_available() -> bool:
    return _keyring() is not None


def keyring_get(path: Path, *, pending: bool = False) -> str | None:
    backend = _keyring()
    if backend is None:
        return None
    try:
        return backend.get_password(KEYRING_SERVICE, keyring_account(path, pending=pending))
    except Exception:  # a locked or vanished keyring is "no key there"
        return None


def keyring_set(path: Path, secret: str, *, pending: bool = False) -> bool:
    """Keep a journal key in the OS keyring; False if no secure keyring takes it."""
    backend = _keyring()
    if backend is None:
        return False
    try:
        backend.set_password(KEYRING_SERVICE, keyring_account(path, pending=pending), secret)
    except Exception:
        return False
    return keyring_get(path, pending=pending) == secret


def keyring_forget(path: Path, *, pending: bool = False) -> None:
    backend = _keyring()
    if backend is None:
        return
    try:
        backend.delete_password(KEYRING_SERVICE, keyring_account(path, pending=pending))
    except Exception:  # nothing to forget
        pass


def keyring_key(path: Path, *, pending: bool = False) -> Key | None:
    """The journal's raw key from the keyring, or None (also for an entry that is not a key)."""
    stored = keyring_get(path, pending=pending)
    if stored is None:
        return None
    try:
        return Key.from_hex(stored, source="keyring")
    except WrongKeyError:
        return None


def env_key() -> Key | None:
    value = os.environ.get(ENV_PASSPHRASE)
    if value is None:
        return None
    if not value:
        raise StoreError(f"{ENV_PASSPHRASE} is set but empty; unset it or give the passphrase.")
    return Key(secret=value, source="environment")


# -- opening -------------------------------------------------------------------------------------------
def key_opens_backups(path: Path, key: Key) -> bool:
    """Whether `key` opens one of the two newest backups (each try costs one key derivation)."""
    from mentorapp.models.trust.backups import backup_problem, list_backups

    for info in list_backups(path)[:2]:
        problem = backup_problem(info.path, key)
        if problem is None or "does not open" not in problem:
            return True
    return False


def damage_report(path: Path, key: Key | None, message: str) -> JournalDamagedError:
    """A JournalDamagedError carrying the newest good backup for `key` (found by checking each)."""
    from mentorapp.models.trust.backups import newest_good_backup

    backup = newest_good_backup(path, key) if key is not None else None
    return JournalDamagedError(message, path=path, key=key, backup=backup)


def open_with_key(path: Path, key: Key, *, create: bool = True) -> Store:
    """Store.open, telling a damaged journal apart from a wrong key by trying the key on its backups.

    SQLCipher says "file is not a database" both for a wrong key and for a damaged
    first page; when the key opens the journal's own backups, the journal is damaged.
    """
    try:
        return Store.open(path, key, create=create)
    except JournalDamagedError as exc:
        raise damage_report(path, key, str(exc)) from None
    except WrongKeyError:
        if key_opens_backups(path, key):
            raise damage_report(
                path, key, f"The journal {path} is damaged: its key opens the backups but not the journal itself."
            ) from None
        raise


def _refuse_to_start_over(path: Path) -> None:
    """A journal that vanished (or was emptied) while its backups remain is not started afresh silently."""
    from mentorapp.models.trust.backups import describe_backup, list_backups

    backups = list_backups(path)
    if not backups:
        return
    state = "is empty" if path.exists() else "is missing"
    raise JournalMissingError(
        f"The journal {path} {state}, but its backup folder holds {len(backups)} "
        f"backup{'s' if len(backups) != 1 else ''}; the newest is from {describe_backup(backups[0])}.",
        path=path,
        backup=backups[0],
    )


def open_without_asking(path: Path | str, *, create: bool = True, start_over: bool = False) -> Store | None:
    """Open the journal with the environment's passphrase or the keyring's key (creating one for a
    new journal when a keyring is available); None when only a person can unlock it.

    Raises StoreError with one clear sentence when the journal cannot be opened:
    JournalDamagedError when its file is damaged (carrying the newest good backup),
    JournalMissingError when it is gone but backups of it remain (unless `start_over`).
    """
    path = Path(path).expanduser()
    creating = is_new_journal(path)
    if creating and not start_over:
        _refuse_to_start_over(path)
    if creating and not create:
        raise StoreError(f"There is no journal at {path} yet; add a mentee or run 'mentorapp demo' first.")

    key = env_key()
    if key is not None:
        return open_with_key(path, key)

    opened = _open_from_keyring(path)
    if opened is not None:
        return opened
    if creating and keyring_key(path) is None and keyring_available():
        secret = secrets.token_hex(32)
        if keyring_set(path, secret):
            try:
                return Store.open(path, Key.from_hex(secret, source="keyring"))
            except BaseException:
                keyring_forget(path)
                raise
    return None


def is_new_journal(path: Path) -> bool:
    """True when opening `path` would start a journal (no file, or an empty one)."""
    return not path.exists() or path.stat().st_size == 0


def open_journal(path: Path | str, *, prompt: Prompt | None, create: bool = True,
                 start_over: bool = False) -> Store:
    """Open (or, with `create`, start) the journal at `path`, finding its key in the documented order.

    Raises StoreError with one clear sentence when the journal cannot be opened
    (see `open_without_asking`); asks `prompt` at most three times.
    """
    path = Path(path).expanduser()
    creating = is_new_journal(path)
    opened = open_without_asking(path, create=create, start_over=start_over)
    if opened is not None:
        return opened
    if prompt is None:
        raise StoreError(
            f"No key for {path}: set {ENV_PASSPHRASE}, or open it where you can type the passphrase."
        )
    reason = ""
    for attempt in range(1, PROMPT_TRIES + 1):
        typed = prompt(PromptRequest(path=path, creating=creating, attempt=attempt, retry_reason=reason))
        if typed is None:
            raise StoreError("No passphrase given; the journal stays closed.")
        if isinstance(typed, Key):
            try:
                return open_with_recovery_key(path, typed)
            except WrongKeyError:
                reason = "That recovery key does not open this journal."
            continue
        if not typed:
            reason = "The passphrase cannot be empty."
            continue
        try:
            return open_with_key(path, Key(secret=typed, source="prompt"))
        except WrongKeyError:
            reason = "That passphrase does not open this journal."
    raise StoreError(f"Wrong passphrase for {path} ({PROMPT_TRIES} tries); the journal stays closed.")


def _open_from_keyring(path: Path) -> Store | None:
    """Open with the keyring's key, or with a pending key left by an interrupted key change."""
    for pending in (False, True):
        key = keyring_key(path, pending=pending)
        if key is None:
            continue
        try:
            store = open_with_key(path, key)
        except WrongKeyError:
            # The keyring's key does not fit (a passphrase journal, or one replaced): ask the person.
            continue
        if pending:
            # The journal was re-encrypted before the process died: finish the key change.
            keyring_set(path, key.secret)
            keyring_forget(path, pending=True)
        return store
    return None


def open_with_recovery_key(path: Path, key: Key, *, create: bool = False) -> Store:
    """Open the journal with a key read from its recovery sheet, and put it back into the keyring.

    Raises WrongKeyError when it does not fit. When this computer has no secure
    keyring the journal still opens; `keyring_has_key` then tells the caller.
    """
    store = open_with_key(path, key, create=create)
    keyring_set(path, key.secret)
    keyring_forget(path, pending=True)
    return store


def keyring_has_key(path: Path, key: Key) -> bool:
    return keyring_get(path) == key.secret


def find_key_for_backups(path: Path, *, prompt: Prompt | None) -> Key:
    """The key of a journal that cannot be opened itself, proven on its newest backup.

    Same order as opening: environment, keyring (and a pending key), then the prompt.
    """
    from mentorapp.models.trust.backups import list_backups

    if not list_backups(path):
        raise StoreError(f"There are no backups of {path} to restore.")
    candidates = [env_key(), keyring_key(path), keyring_key(path, pending=True)]
    for key in candidates:
        if key is not None and key_opens_backups(path, key):
            return key
    if prompt is None:
        raise StoreError(
            f"No key opens the backups of {path}: set {ENV_PASSPHRASE}, or run this where you can type it."
        )
    reason = ""
    for attempt in range(1, PROMPT_TRIES + 1):
        typed = prompt(PromptRequest(path=path, creating=False, attempt=attempt, retry_reason=reason))
        if typed is None:
            raise StoreError("No passphrase given; nothing was restored.")
        if not typed:
            reason = "The passphrase cannot be empty."
            continue
        key = typed if isinstance(typed, Key) else Key(secret=typed, source="prompt")
        if key_opens_backups(path, key):
            if key.raw:
                keyring_set(path, key.secret)
            return key
        reason = "That does not open the backups of this journal."
    raise StoreError(f"Wrong passphrase for the backups of {path} ({PROMPT_TRIES} tries); nothing was restored.")


# -- changing the key ----------------------------------------------------------------------------------------------
class KeyKind(StrEnum):
    """Where a journal's key lives, as the person chooses it when changing it."""

    PASSPHRASE = "passphrase"
    KEYRING = "keyring"


def key_kind(store: Store) -> KeyKind:
    """"keyring" when the journal's key is a random key kept in this computer's keyring, else "passphrase"."""
    return KeyKind.KEYRING if store.key.raw else KeyKind.PASSPHRASE


def new_keyring_key() -> Key:
    return Key.from_hex(secrets.token_hex(32), source="keyring")


@dataclass(frozen=True)
class KeyChange:
    """What changing the key did."""

    kind: KeyKind  # where the new key lives
    safety_backup: Path
    backups_rekeyed: int
    backups_left: int  # backups that did not open with the old key either (left as they were)


def change_key(store: Store, new_key: Key) -> KeyChange:
    """Re-encrypt the journal with `new_key` and keep the keyring consistent.

    Order: a backup under the old key; the new key (when it belongs in the
    keyring) saved as "pending"; the journal re-encrypted in one transaction; the
    keyring entry switched; then every backup in the journal's folder that opens
    with the old key is re-encrypted too, so an old passphrase opens nothing new.
    """
    from mentorapp.models.trust import backups

    old = store.key
    if new_key.same_secret(old):
        raise MentorAppError("The new passphrase is the same as the current one.")
    if not new_key.raw and not new_key.secret:
        raise MentorAppError("The passphrase cannot be empty.")
    if new_key.raw and not keyring_available():
        raise MentorAppError("This computer has no secure keyring to keep a key in; choose a passphrase instead.")
    safety = backups.make_backup(store, reason=backups.Reason.BEFORE_REKEY).path
    if new_key.raw and not keyring_set(store.path, new_key.secret, pending=True):
        raise MentorAppError("The keyring refused the new key; the journal keeps its current key.")
    try:
        store.rekey(new_key)
    except BaseException:
        keyring_forget(store.path, pending=True)
        raise
    if new_key.raw:
        keyring_set(store.path, new_key.secret)
        keyring_forget(store.path, pending=True)
    else:
        keyring_forget(store.path)
    rekeyed = left = 0
    for info in backups.list_backups(store.path):
        if rekey_backup(info.path, old=old, new=new_key):
            rekeyed += 1
        else:
            left += 1
    return KeyChange(
        kind=KeyKind.KEYRING if new_key.raw else KeyKind.PASSPHRASE,
        safety_backup=safety,
        backups_rekeyed=rekeyed,
        backups_left=left,
    )


def rekey_backup(path: Path, *, old: Key, new: Key) -> bool:
    """Re-encrypt one backup file from `old` to `new`; False (and unchanged) if `old` does not open it."""
    import sqlcipher3

    from mentorapp.models.storage.store import connect_raw

    try:
        connection = connect_raw(path, old)
    except sqlcipher3.Error:
        return False
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        connection.execute(f"PRAGMA rekey = {new.quoted()}")
    except sqlcipher3.Error:
        return False
    finally:
        connection.close()
    return True
