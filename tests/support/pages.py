"""Reading an encrypted journal page by page, as a thief with the key would: every byte of every page
(free pages and slack included) and of every write-ahead-log frame, decrypted with SQLCipher 4's layout."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80  # SQLCipher 4: a 16-byte IV and a 64-byte HMAC at the end of each page
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt(page: bytes, key: bytes, *, first: bool) -> bytes:
    body = page[SALT if first else 0: PAGE_SIZE - RESERVE]
    iv = page[PAGE_SIZE - RESERVE: PAGE_SIZE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def plain_pages(path: Path, raw_key_hex: str) -> bytes:
    """Every page of the database file at `path`, decrypted (page 1 checked to decrypt to an SQLite header)."""
    key = bytes.fromhex(raw_key_hex)
    data = path.read_bytes()
    out = []
    for number in range(0, len(data) // PAGE_SIZE):
        page = data[number * PAGE_SIZE:(number + 1) * PAGE_SIZE]
        plain = _decrypt(page, key, first=number == 0)
        if number == 0:
            assert plain[0:2] == PAGE_SIZE.to_bytes(2, "big"), "page 1 did not decrypt: not SQLCipher 4 defaults"
        out.append(plain)
    return b"".join(out)


def plain_wal(path: Path, raw_key_hex: str) -> bytes:
    """Every frame of a write-ahead log, decrypted (empty when there is no log)."""
    if not path.exists():
        return b""
    key = bytes.fromhex(raw_key_hex)
    data = path.read_bytes()
    out = []
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE_SIZE <= len(data):
        number = int.from_bytes(data[offset:offset + 4], "big")
        page = data[offset + FRAME_HEADER: offset + FRAME_HEADER + PAGE_SIZE]
        out.append(_decrypt(page, key, first=number == 1))
        offset += FRAME_HEADER + PAGE_SIZE
    return b"".join(out)
