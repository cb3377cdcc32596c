"""Change files sealed with AES-GCM, so the folder's host can neither read nor alter them unnoticed.

Layout in the carried folder::

    <folder>/mentorapp-sync/<device id>/<sequence, 12 digits>.change

A file is MAGIC, a random 96-bit nonce, then AES-256-GCM ciphertext with its tag. The
associated data binds the format, the device id and the sequence number — the ones its
path names — so a file that is forged, flipped or truncated, copied over another number
(replayed), swapped with a neighbour (reordered) or moved to another device's folder
fails its tag and is refused by name, with nothing of it used. A file is written to a
temporary name beside it and renamed (storage/atomic), so a sync engine never carries
half of one; a sequence number once written is never written again.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mentorapp.i18n import N_, _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.storage.atomic import write_atomically

MAGIC = b"MENTORAPP-SYNC-1\n"
NONCE_BYTES = 12
KEY_BYTES = 32
SYNC_FOLDER = "mentorapp-sync"
SUFFIX = ".change"
DEVICE_PATTERN = re.compile(r"^[0-9a-f]{32}$")
FILE_PATTERN = re.compile(r"^(\d{12})\.change$")
# A change file larger than this is not read (a share can hold anything).
MAX_CHANGE_BYTES = 64 * 1024**2

# Why a change file is refused, each the whole sentence the lead reads ({path}: the file).
NOT_A_CHANGE = N_("Refused the sync file {path}: it is not a MentorApp change file, or is cut short; "
                  "nothing of it was applied.")
FAILS_SEAL = N_("Refused the sync file {path}: it fails its seal (forged, damaged, or not at the place it was "
                "written); nothing of it was applied.")
TOO_LARGE = N_("Refused the sync file {path}: it is larger than any change MentorApp writes; "
               "nothing of it was applied.")
# Translators: {reason} is the system's own words for why (e.g. "Permission denied").
UNREADABLE = N_("Refused the sync file {path}: it cannot be read ({reason}); nothing of it was applied.")


def new_sync_key() -> bytes:
    """A fresh random key for a journal's sync (kept inside the encrypted journal)."""
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def new_device_id() -> str:
    return os.urandom(16).hex()


def _associated(device: str, sequence: int) -> bytes:
    return MAGIC + device.encode("ascii") + b"/" + str(sequence).encode("ascii")


def seal(key: bytes, device: str, sequence: int, payload: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, payload, _associated(device, sequence))


def unseal(key: bytes, device: str, sequence: int, sealed: bytes) -> bytes:
    """The payload, or RefusedChange if the file is not exactly what this device wrote at this number."""
    head = len(MAGIC)
    if len(sealed) < head + NONCE_BYTES + 16 or not sealed.startswith(MAGIC):
        raise RefusedChange(NOT_A_CHANGE)
    nonce = sealed[head: head + NONCE_BYTES]
    try:
        return AESGCM(key).decrypt(nonce, sealed[head + NONCE_BYTES:], _associated(device, sequence))
    except InvalidTag:
        raise RefusedChange(FAILS_SEAL) from None


class RefusedChange(MentorAppError):
    """A change file that is not what it claims to be; nothing of it is applied.

    `why` is one of the refusals above, in English; `Refusal.line` says it with the file's path.
    """

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def device_folder(folder: Path, device: str) -> Path:
    return folder / SYNC_FOLDER / device


def change_path(folder: Path, device: str, sequence: int) -> Path:
    return device_folder(folder, device) / f"{sequence:012d}{SUFFIX}"


def write_change(folder: Path, key: bytes, device: str, sequence: int, payload: bytes) -> Path:
    """Seal `payload` as this device's change number `sequence`, whole or not at all."""
    path = change_path(folder, device, sequence)
    if path.exists():
        raise MentorAppError(_("The sync folder already holds change {number} of this machine; "
                               "another copy of this journal writes there too.").format(number=sequence))
    path.parent.mkdir(parents=True, exist_ok=True)
    sealed = seal(key, device, sequence, payload)
    write_atomically(path, lambda stream: stream.write(sealed), mode="wb")
    return path


@dataclass(frozen=True)
class Arrived:
    """A change file that passed its seal: whose, which number, and what it says."""

    device: str
    sequence: int
    payload: bytes
    path: Path


@dataclass(frozen=True)
class Refusal:
    """A change file refused: which, why (one of the refusals above, in English) and the system's words."""

    path: Path
    why: str
    detail: str = ""

    @property
    def line(self) -> str:
        """The refusal in one sentence, in the language spoken now."""
        return _(self.why).format(path=self.path, reason=self.detail)


def devices(folder: Path) -> list[str]:
    root = folder / SYNC_FOLDER
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and DEVICE_PATTERN.match(p.name))


def read_new(folder: Path, key: bytes, seen: dict[str, int], *, skip: str | None = None,
             ) -> tuple[list[Arrived], list[Refusal]]:
    """Every change after the last one `seen` of each device (but `skip`, this one), in order.

    A device's changes are taken in sequence and stop at the first one missing or refused,
    so nothing is applied out of order; the rest of that device waits for the next sync.
    Files that are not change files (a sync engine's own, a temporary name) are left alone.
    """
    arrived: list[Arrived] = []
    refused: list[Refusal] = []
    for device in devices(folder):
        if device == skip:
            continue
        numbers: dict[int, Path] = {}
        for path in device_folder(folder, device).iterdir():
            match = FILE_PATTERN.match(path.name)
            if match is not None and path.is_file():
                numbers[int(match.group(1))] = path
        sequence = seen.get(device, 0) + 1
        while sequence in numbers:
            path = numbers[sequence]
            try:
                if path.stat().st_size > MAX_CHANGE_BYTES:
                    raise RefusedChange(TOO_LARGE)
                payload = unseal(key, device, sequence, path.read_bytes())
            except RefusedChange as exc:
                refused.append(Refusal(path, exc.why))
                break
            except OSError as exc:
                refused.append(Refusal(path, UNREADABLE, str(exc.strerror or exc)))
                break
            arrived.append(Arrived(device, sequence, payload, path))
            sequence += 1
    return arrived, refused
