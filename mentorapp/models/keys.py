"""Where a journal's key comes from: the environment, the OS keyring, or the person.

Order: `MENTORAPP_PASSPHRASE` when set (scripts, CI); else a random 256-bit key
created on first use and kept in the OS keyring (service `mentorapp`); else a
prompt. There is never a plaintext fallback: keyring backends that store secrets
in plain files are refused, and the key is never written anywhere by the app.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mentorapp.models.errors import StoreError
from mentorapp.models.store import Key, Store, WrongKeyError

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


# Returns the passphrase typed, or None when the person cancels.
Prompt = Callable[[PromptRequest], str | None]


def keyring_account(path: Path) -> str:
    return f"journal:{Path(path).expanduser().resolve()}"


def _keyring():  # noqa: ANN202 - the keyring module's backend, or None
    """The OS keyring backend if one that encrypts is available, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # noqa: BLE001 - a broken keyring install means "no keyring"
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001
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


def keyring_get(path: Path) -> str | None:
    backend = _keyring()
    if backend is None:
        return None
    try:
        return backend.get_password(KEYRING_SERVICE, keyring_account(path))
    except Exception:  # noqa: BLE001 - a locked or vanished keyring is "no key there"
        return None


def keyring_set(path: Path, secret: str) -> bool:
    """Keep a journal key in the OS keyring; False if no secure keyring takes it."""
    backend = _keyring()
    if backend is None:
        return False
    try:
        backend.set_password(KEYRING_SERVICE, keyring_account(path), secret)
    except Exception:  # noqa: BLE001
        return False
    return keyring_get(path) == secret


def keyring_forget(path: Path) -> None:
    backend = _keyring()
    if backend is None:
        return
    try:
        backend.delete_password(KEYRING_SERVICE, keyring_account(path))
    except Exception:  # noqa: BLE001 - nothing to forget
        pass


def env_key() -> Key | None:
    value = os.environ.get(ENV_PASSPHRASE)
    if value is None:
        return None
    if not value:
        raise StoreError(f"{ENV_PASSPHRASE} is set but empty; unset it or give the passphrase.")
    return Key(secret=value, source="environment")


def open_journal(path: Path | str, *, prompt: Prompt | None, create: bool = True) -> Store:
    """Open (or, with `create`, start) the journal at `path`, finding its key in the documented order.

    Raises StoreError with one clear sentence when the journal cannot be opened.
    """
    path = Path(path).expanduser()
    creating = not path.exists() or path.stat().st_size == 0
    if creating and not create:
        raise StoreError(f"There is no journal at {path} yet; add a mentee or run 'mentorapp demo' first.")

    key = env_key()
    if key is not None:
        return Store.open(path, key)

    stored = keyring_get(path)
    if stored is not None:
        try:
            return Store.open(path, Key.from_hex(stored, source="keyring"))
        except WrongKeyError:
            # The keyring's key does not fit (the journal was made with a passphrase,
            # or replaced): ask the person instead.
            pass
    elif creating and keyring_available():
        secret = secrets.token_hex(32)
        if keyring_set(path, secret):
            try:
                return Store.open(path, Key.from_hex(secret, source="keyring"))
            except BaseException:
                keyring_forget(path)
                raise

    if prompt is None:
        raise StoreError(
            f"No key for {path}: set {ENV_PASSPHRASE}, or open it where you can type the passphrase."
        )
    reason = ""
    for attempt in range(1, PROMPT_TRIES + 1):
        typed = prompt(PromptRequest(path=path, creating=creating, attempt=attempt, retry_reason=reason))
        if typed is None:
            raise StoreError("No passphrase given; the journal stays closed.")
        if not typed:
            reason = "The passphrase cannot be empty."
            continue
        try:
            return Store.open(path, Key(secret=typed, source="prompt"))
        except WrongKeyError:
            reason = "That passphrase does not open this journal."
    raise StoreError(f"Wrong passphrase for {path} ({PROMPT_TRIES} tries); the journal stays closed.")
