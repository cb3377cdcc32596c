"""The names a desk's lock file and socket take, worked out with the standard library alone.

Kept apart from desk_lock.py (which takes the lock, and says why it cannot in the lead's
language) because `mentorapp capture` reads them first thing, from a global shortcut: it finds
the desk's socket without loading the catalogues, the storage layer or even pathlib.
"""

from __future__ import annotations

import os

StrPath = str | os.PathLike[str]


def _identity(journal: StrPath) -> str:
    """The journal's file itself (device and inode) when it exists, else its resolved path."""
    path = os.path.expanduser(os.fspath(journal))
    try:
        info = os.stat(path)
    except OSError:
        from pathlib import Path  # a journal not made yet: named as pathlib resolves it, as it always was

        return f"path:{Path(path).resolve()}"
    return f"file:{info.st_dev}:{info.st_ino}"


def journal_id(journal: StrPath) -> str:
    """A short, stable name for one journal file: the same through every path and hard link to it."""
    import hashlib

    return hashlib.sha256(_identity(journal).encode("utf-8", "surrogateescape")).hexdigest()[:20]


def desk_server_name(journal: StrPath) -> str:
    """The local-socket name the first desk listens on (to be raised by a second one)."""
    return f"mentorapp-desk-{journal_id(journal)}"


def runtime_candidate() -> str | None:
    """The lock folder in the user's runtime folder (XDG_RUNTIME_DIR), the first place looked, if there is one."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    return os.path.join(base, "mentorapp") if base else None


def other_candidates() -> list[str]:
    """The lock folders looked at after the runtime one: one in the temporary folder, then the user's cache."""
    import tempfile

    if hasattr(os, "getuid"):
        uid: object = os.getuid()
    else:  # Windows
        import getpass

        uid = getpass.getuser()
    # Someone else may have made the temp folder's one first: then the user's own cache folder.
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return [os.path.join(tempfile.gettempdir(), f"mentorapp-{uid}"), os.path.join(cache, "mentorapp", "locks")]
