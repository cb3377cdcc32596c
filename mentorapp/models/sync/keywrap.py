"""How a second machine gets the sync key: the folder holds it wrapped under the journal's own secret.

The sync key lives inside the encrypted journal. So that a machine joining with an empty
journal can read the folder, `<folder>/mentorapp-sync/sync.key` holds the same key sealed
(AES-256-GCM) under a key stretched from the journal's secret — the passphrase, or the
raw key that the recovery key spells — with the KDF SQLCipher 4 itself uses on a
passphrase (PBKDF2-HMAC-SHA512, 256,000 rounds) and a random salt. The host learns no
more from it than from the journal file: whoever can open the journal can join; nobody
else can. A wrong passphrase is refused in one sentence, and so is a damaged file.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError, WrongKeyError
from mentorapp.models.storage.atomic import write_atomically
from mentorapp.models.sync.sealed import KEY_BYTES, SYNC_FOLDER

KEY_FILE = "sync.key"
MAGIC = b"MENTORAPP-SYNC-KEY-1\n"
SALT_BYTES = 16
NONCE_BYTES = 12
KDF_ROUNDS = 256_000  # SQLCipher 4's default for a passphrase


def key_file(folder: Path) -> Path:
    return folder / SYNC_FOLDER / KEY_FILE


def _stretch(secret: str, *, raw: bool, salt: bytes) -> bytes:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA512(), length=KEY_BYTES, salt=salt, iterations=KDF_ROUNDS)
    return kdf.derive((b"raw:" if raw else b"passphrase:") + secret.encode("utf-8"))


def wrap(sync_key: bytes, secret: str, *, raw: bool) -> bytes:
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    sealed = AESGCM(_stretch(secret, raw=raw, salt=salt)).encrypt(nonce, sync_key, MAGIC + salt)
    return MAGIC + salt + nonce + sealed


def unwrap(data: bytes, secret: str, *, raw: bool) -> bytes:
    head = len(MAGIC)
    if not data.startswith(MAGIC) or len(data) != head + SALT_BYTES + NONCE_BYTES + KEY_BYTES + 16:
        raise MentorAppError(_("The sync folder's key file is damaged or not MentorApp's; nothing was changed."))
    salt = data[head: head + SALT_BYTES]
    nonce = data[head + SALT_BYTES: head + SALT_BYTES + NONCE_BYTES]
    try:
        return AESGCM(_stretch(secret, raw=raw, salt=salt)).decrypt(
            nonce, data[head + SALT_BYTES + NONCE_BYTES:], MAGIC + salt)
    except InvalidTag:
        raise WrongKeyError(_("That passphrase or recovery key does not open this sync folder.")) from None


def publish(folder: Path, sync_key: bytes, secret: str, *, raw: bool) -> Path:
    """Leave the sync key in the folder, wrapped, for other machines to join with (whole or not at all)."""
    path = key_file(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    wrapped = wrap(sync_key, secret, raw=raw)
    write_atomically(path, lambda stream: stream.write(wrapped), mode="wb")
    return path


def fetch(folder: Path, secret: str, *, raw: bool) -> bytes:
    path = key_file(folder)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        # Translators: {folder} is a folder's path, {file} the file it lacks; `mentorapp sync init` is a command,
        # kept as written.
        raise MentorAppError(_("{folder} is not a MentorApp sync folder yet (it has no {file}); "
                               "run `mentorapp sync init` on the first machine.").format(
            folder=folder, file=f"{SYNC_FOLDER}/{KEY_FILE}")) from None
    except OSError as exc:
        # Translators: {reason} is the system's own words for why (e.g. "Permission denied").
        raise MentorAppError(_("The sync folder's key file cannot be read ({reason}).").format(
            reason=exc.strerror or exc)) from None
    return unwrap(data, secret, raw=raw)
