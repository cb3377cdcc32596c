"""Use cases for the journal's key: where it lives, changing it, locking and unlocking the desk, its recovery sheet.

The desk names a key (`Key`), where it lives (`KeyKind`) and a key change (`KeyChange`)
through this module, never through `trust/` itself.
"""

from __future__ import annotations

import hmac
import logging
import os
from pathlib import Path

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services.base import Service
from mentorapp.models.storage.atomic import describe_os_error, write_atomically
from mentorapp.models.storage.store import Key
from mentorapp.models.trust import key_change, keys, opening, recovery
from mentorapp.models.trust.key_change import KeyChange
from mentorapp.models.trust.keys import KeyKind
from mentorapp.models.trust.outputs import check_output

__all__ = ["Key", "KeyChange", "KeyKind", "KeyService"]

log = logging.getLogger(__name__)


class KeyService(Service):
    """The key of the open journal; its secret only ever leaves as a recovery key for the sheet."""

    def kind(self) -> KeyKind:
        return keys.key_kind(self.store)

    def change_to_passphrase(self, passphrase: str, *, rekey_backups: bool = True) -> KeyChange:
        """Lock the journal with a new passphrase (stretched by SQLCipher's PBKDF2).

        The backups are re-encrypted with it too, unless `rekey_backups` is False: then the
        KeyChange names those that still open only with the old key (`kept_old`).
        """
        change = key_change.change_key(self.store, Key(secret=passphrase, source="prompt"),
                                       rekey_backups=rekey_backups)
        log.info("Key of %s changed to a passphrase (%d backups re-encrypted, %d kept under the old key)",
                 self.store.path.name, change.backups_rekeyed, len(change.kept_old))
        return change

    def change_to_keyring(self, *, rekey_backups: bool = True) -> KeyChange:
        """Lock the journal with a new random key kept in this computer's keyring (backups as above)."""
        change = key_change.change_key(self.store, keys.new_keyring_key(), rekey_backups=rekey_backups)
        log.info("Key of %s changed to a new key in the keyring (%d backups re-encrypted, %d kept under the old key)",
                 self.store.path.name, change.backups_rekeyed, len(change.kept_old))
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

    def save_recovery_sheet(self, target: Path | str, pdf: bytes) -> Path:
        """Write the recovery sheet's PDF to `target` atomically, readable by its owner only.

        Refuses (UnsafeTargetError) the journal, its sidecars, a backup or what is not a regular file.
        """
        target = check_output(target, self.store.path)
        write_atomically(target, lambda stream: stream.write(pdf), mode="wb")
        try:
            os.chmod(target, 0o600)
        except OSError as exc:
            raise MentorAppError(_("Cannot make {path} private: {problem}.").format(
                path=target, problem=describe_os_error(exc))) from None
        return target

    def mark_kit_made(self) -> None:
        recovery.mark_kit_made(self.store)
