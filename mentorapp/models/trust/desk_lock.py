"""Where the desk announces that it has a journal open, readable without Qt.

The desk holds a QLockFile (and a QLocalServer of the same name) per journal, so a
second desk on that journal is refused. The command line reads the same lock file
to refuse the few things that must not happen under an open desk (changing the
key, restoring), and otherwise writes alongside it.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import socket
import sys
import tempfile
from pathlib import Path


def journal_id(journal: Path) -> str:
    """A short, stable name for one journal file (its resolved path, hashed)."""
    resolved = str(Path(journal).expanduser().resolve())
    return hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def runtime_folder() -> Path:
    """A private folder for lock files: the user's runtime folder, else one in the temp folder."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    candidates = [Path(base) / "mentorapp"] if base else []
    uid = os.getuid() if hasattr(os, "getuid") else getpass.getuser()
    candidates.append(Path(tempfile.gettempdir()) / f"mentorapp-{uid}")
    for folder in candidates:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return folder
    raise OSError("No folder to keep MentorApp's lock files in.")


def desk_lock_path(journal: Path) -> Path:
    return runtime_folder() / f"desk-{journal_id(journal)}.lock"


def desk_server_name(journal: Path) -> str:
    """The local-socket name the first desk listens on (to be raised by a second one)."""
    return f"mentorapp-desk-{journal_id(journal)}"


def desk_holding(journal: Path) -> int | None:
    """The process id of a running desk that has `journal` open, or None.

    Reads the first lines Qt writes into a QLockFile (process id, application, host).
    """
    try:
        lines = desk_lock_path(journal).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    try:
        pid = int(lines[0])
    except (IndexError, ValueError):
        return None
    host = lines[2] if len(lines) > 2 else ""
    if pid == os.getpid():
        return None
    if host and host != socket.gethostname():
        return pid  # another machine's desk: it cannot be checked from here, so it counts
    return pid if _running(pid) else None


def _running(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill would end the process there
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
