"""Use cases for the journal's key: where it lives, changing it, locking and unlocking the desk, its recovery sheet.

The desk names a key (`Key`), where it lives (`KeyKind`) and a key change (`KeyChange`)
through this module, never through `trust/` itself.
"""

from __future__ import annotations

import hmac
import logging

from mentorapp.models.services.base import Service
from mentorapp.models.storage.store import Key
from mentorapp.models.trust import keys, opening, recovery
from mentorapp.models.trust.keys import KeyChange, KeyKind

__all__ = ["Key", "KeyChange", "KeyKind", "KeyService"]

log = logging.getLogger(__name__)


class KeyService(Service):
    """The key of the open journal; its secret only ever leaves as a recovery key for the sheet."""

    def kind(self) -> KeyKind:
        return keys.key_kind(self.store)

    def change_to_passphrase(self, passphrase: str) -> KeyChange:
        """Lock the journal with a new passphrase (stretched by SQLCipher's PBKDF2)."""
        change = keys.change_key(self.store, Key(secret=passphrase, source="prompt"))
        log.info("Key of %s changed to a passphrase", self.store.path.name)
        return change

    def change_to_keyring(self) -> KeyChange:
        """Lock the journal with a new random key kept in this computer's keyring."""
        change = keys.change_key(self.store, keys.new_keyring_key())
        log.info("Key of %s changed to a new key in the keyring", self.store.path.name)
        return change

    def keyring_available(self) -> bool:
        """Whether this computer has a secure keyring to keep a journal's key in."""
        return keys.keyring_available()

    def source(self) -> str:
        """Where the key the journal is open with came from ("keyring", "prompt", "recovery key", …)."""
        return self.store.key.source

    # -- the desk's lock ----------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.store.locked

    def lock(self) -> None:
        """Close every connection and put the key away until `unlock`."""
        self.store.lock()

    def unlock_from_keyring(self) -> bool:
        """Unlock with the keyring's key; False when the keyring no longer has one that fits."""
        return opening.unlock_from_keyring(self.store)

    def unlock(self, key: Key) -> None:
        """Unlock with what a person typed; WrongKeyError (still locked) when it does not fit."""
        opening.unlock(self.store, key)

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether `passphrase` is the journal's current passphrase (asked before changing it)."""
        current = self.store.key
        return not current.raw and hmac.compare_digest(current.secret.encode(), passphrase.encode())

    def recovery_key(self) -> str:
        """The recovery key to print (raises MentorAppError for a passphrase journal)."""
        return recovery.format_recovery_key(self.store.key)

    def sheet_id(self) -> str:
        """The id a recovery sheet for the current key carries."""
        return recovery.sheet_id(self.store.key)

    def kit_needed(self) -> bool:
        return recovery.kit_needed(self.store)

    def mark_kit_made(self) -> None:
        recovery.mark_kit_made(self.store)
