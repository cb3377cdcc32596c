"""Where a journal's key comes from: the environment, the OS keyring, or the person; changing it.

Order: `MENTORAPP_PASSPHRASE` when set (scripts, CI); else a random 256-bit key
created on first use and kept in the OS keyring (service `mentorapp`); else a
prompt, which takes the passphrase or the journal's recovery key. There is never
a plaintext fallback: keyring backends that store secrets in plain files are
refused, and the key is never written anywhere by the app.

A key change (`key_change.py`) keeps the keyring consistent even if the process dies
half-way: the new key waits in a second keyring entry ("pending") until the journal and
its backups are under it, and the old entry stays until then. Opening itself, in the
documented order, is `opening.py`'s.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from mentorapp.i18n import _
from mentorapp.models.errors import StoreError, WrongKeyError
from mentorapp.models.storage.store import Key, Store

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
        raise StoreError(_("{variable} is set but empty; unset it or give the passphrase.").format(
            variable=ENV_PASSPHRASE))
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
