"""Use cases for the journal's key: where it lives, changing it, and its recovery sheet."""

from __future__ import annotations

import hmac
import logging

from mentorapp.models.trust import keys, recovery
from mentorapp.models.trust.keys import KeyChange, KeyKind
from mentorapp.models.services.base import Service
from mentorapp.models.storage.store import Key

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
