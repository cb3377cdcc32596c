"""The recovery key: the journal's keyring key written so that a person can type it back.

When a journal's key is a random key kept in the OS keyring, losing the keyring
(a new computer, another desktop session, a reinstalled system) would lose the
journal. The recovery key is that same 256-bit key followed by a 24-bit checksum,
printed on a recovery sheet as 56 letters and digits in 14 groups (Crockford's
base 32: no I, L, O or U to confuse, case and dashes ignored), so that a typing
mistake is named as such instead of passing for a wrong key.

The journal remembers which key a sheet was printed for (a short fingerprint of
the key, kept inside the encrypted journal and never exported), so the desk can
offer a new sheet after the key changes.
"""

from __future__ import annotations

import hashlib
import hmac

from mentorapp.i18n import _, ngettext
from mentorapp.models.errors import MentorAppError
from mentorapp.models.entities.mentee import JournalInfo
from mentorapp.models.storage.store import Key, Store

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
KEY_BYTES = 32
CHECK_BYTES = 3
CHARACTERS = (KEY_BYTES + CHECK_BYTES) * 8 // 5  # 56
GROUP = 4
KIT_INFO_KEY = "recovery_kit"  # never exported: see interchange.PRIVATE_INFO_KEYS
_READ_AS = {"I": "1", "L": "1", "O": "0"}


class RecoveryKeyError(MentorAppError):
    """What was typed cannot be a recovery key (wrong length, a typing mistake)."""


def _checksum(key_bytes: bytes) -> bytes:
    return hashlib.sha256(b"mentorapp recovery key\0" + key_bytes).digest()[:CHECK_BYTES]


def format_recovery_key(key: Key) -> str:
    """The recovery key for a raw journal key, e.g. "7J3K-…" (14 groups of 4)."""
    if not key.raw:
        raise MentorAppError(
            _("This journal is locked with a passphrase: it has no recovery key, the passphrase is the only way in.")
        )
    key_bytes = bytes.fromhex(key.secret)
    number = int.from_bytes(key_bytes + _checksum(key_bytes), "big")
    digits = [ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(CHARACTERS))]
    text = "".join(digits)
    return "-".join(text[i:i + GROUP] for i in range(0, CHARACTERS, GROUP))


def parse_recovery_key(text: str) -> Key:
    """Read a recovery key as typed (any case, dashes and spaces ignored); raises RecoveryKeyError."""
    cleaned = "".join(text.split()).replace("-", "").upper()
    cleaned = "".join(_READ_AS.get(character, character) for character in cleaned)
    if not cleaned:
        raise RecoveryKeyError(_("Type the recovery key from the recovery sheet."))
    strange = sorted({character for character in cleaned if character not in ALPHABET})
    if strange:
        shown = "".join(strange[:5])
        raise RecoveryKeyError(
            _("A recovery key has only the letters and digits printed on the sheet, not {shown}.").format(
                shown=repr(shown))
        )
    if len(cleaned) != CHARACTERS:
        raise RecoveryKeyError(
            ngettext("A recovery key has {length} letters and digits ({groups} groups of {group}); that one has {n}.",
                     "A recovery key has {length} letters and digits ({groups} groups of {group}); that one has {n}.",
                     len(cleaned)).format(length=CHARACTERS, groups=CHARACTERS // GROUP, group=GROUP, n=len(cleaned))
        )
    number = 0
    for character in cleaned:
        number = number * 32 + ALPHABET.index(character)
    data = number.to_bytes(KEY_BYTES + CHECK_BYTES, "big")
    key_bytes, check = data[:KEY_BYTES], data[KEY_BYTES:]
    if not hmac.compare_digest(check, _checksum(key_bytes)):
        raise RecoveryKeyError(_("That recovery key has a typing mistake; check each group against the sheet."))
    return Key(secret=key_bytes.hex(), raw=True, source="recovery key")


def kit_fingerprint(key: Key) -> str:
    """Names the key a sheet was printed for, without revealing anything usable about it."""
    return hashlib.sha256(b"mentorapp recovery kit\0" + key.secret.encode()).hexdigest()[:16]


def sheet_id(key: Key) -> str:
    """The short id printed on a sheet (and shown by the desk) to tell sheets for different keys apart."""
    text = kit_fingerprint(key)[:8].upper()
    return f"{text[:4]}-{text[4:]}"


def kit_needed(store: Store) -> bool:
    """True when the journal's key lives in the keyring and no sheet was made for this key."""
    if not store.key.raw:
        return False
    with store.read() as session:
        row = session.get(JournalInfo, KIT_INFO_KEY)
        return row is None or row.value != kit_fingerprint(store.key)


def mark_kit_made(store: Store) -> None:
    """Remember that a recovery sheet exists for the journal's current key."""
    with store.write() as session:
        session.merge(JournalInfo(key=KIT_INFO_KEY, value=kit_fingerprint(store.key)))
