"""Where a journal's key comes from: the environment, the OS keyring, or the person; changing it.

Order: `MENTORAPP_PASSPHRASE` when set (scripts, CI); else a random 256-bit key
created on first use and kept in the OS keyring (service `mentorapp`); else a
prompt, which takes the passphrase or the journal's recovery key. There is never
a plaintext fallback: keyring backends that store secrets in plain files are
refused, and the key is never written anywhere by the app.

Changing the key keeps the keyring consistent even if the process dies half-way:
the new key waits in a second keyring entry ("pending") until the journal has
been re-encrypted, and opening tries that entry when the first one does not fit.
Opening itself, in that order, is `opening.py`'s.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from mentorapp.models.errors import MentorAppError, StoreError, WrongKeyError
from mentorapp.models.storage.store import Key, Store, connect_raw
from mentorapp.models.trust import backups

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


def keyring_has_key(path: Path, key: Key) -> bool:
    return keyring_get(path) == key.secret


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
