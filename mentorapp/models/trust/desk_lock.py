"""Where the desk announces that it has a journal open, readable without Qt.

The desk holds an operating-system lock (flock, or msvcrt on Windows) on a file in the
user's private lock folder, named after the journal's file itself (device and inode), so
a second desk on that journal is refused even through another path or a hard link, and
the lock ends with the desk's process, however it ends. The command line tries the same
lock to refuse the few things that must not happen under an open desk (changing the key,
restoring), and otherwise writes alongside it.

The lock folder is the user's runtime folder (XDG_RUNTIME_DIR), else one in the system's
temporary folder, else one in the user's cache folder: made 0700, and passed over when it
belongs to someone else (who could otherwise hold or remove the locks in it).
"""

from __future__ import annotations

import os
import socket
import stat
import time
from pathlib import Path

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.storage.atomic import create_private_file, make_private_folder
from mentorapp.models.trust import file_lock
from mentorapp.models.trust.desk_names import desk_server_name as desk_server_name  # still found here
from mentorapp.models.trust.desk_names import journal_id, other_candidates, runtime_candidate
from mentorapp.models.trust.file_lock import HeldLock

CLAIM_WAIT_SECONDS = 0.3


def _private(folder: Path) -> str | None:
    """Why `folder` cannot hold the lock files (one sentence), or None when it is the user's own."""
    try:
        info = os.lstat(folder)
    except OSError as exc:
        return _("The lock folder {folder} cannot be used: {reason}.").format(folder=folder, reason=exc.strerror or exc)
    if not stat.S_ISDIR(info.st_mode):
        return _("The lock folder {folder} is not a folder; remove it and start MentorApp again.").format(folder=folder)
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return _("The lock folder {folder} belongs to another user; remove it and start MentorApp again.").format(
            folder=folder)
    if hasattr(os, "getuid") and info.st_mode & 0o077:
        os.chmod(folder, 0o700)  # the user's own folder, made open to others: close it again
    return None


def lock_folder_candidates() -> list[Path]:
    """Where the lock folder may be, in the order `runtime_folder` tries them (none is made here)."""
    first = runtime_candidate()
    return [Path(folder) for folder in ([first] if first else []) + other_candidates()]


def runtime_folder() -> Path:
    """A private folder for lock files: the user's runtime folder, else one in the temp folder.

    Raises MentorAppError with one sentence when the folder is not the user's own.
    """
    problems = []
    for folder in lock_folder_candidates():
        try:
            make_private_folder(folder)
        except OSError:
            pass  # refused below, in one sentence
        problem = _private(folder)
        if problem is None and os.access(folder, os.W_OK):
            return folder
        problems.append(problem or _("The lock folder {folder} cannot be written.").format(folder=folder))
    raise MentorAppError(problems[0] if problems else _("No folder to keep MentorApp's lock files in."))


def desk_lock_path(journal: Path) -> Path:
    return runtime_folder() / f"desk-{journal_id(journal)}.lock"


def claim_desk(journal: Path) -> HeldLock | None:
    """Become the one desk on `journal`: the held lock, or None when another desk has it.

    A journal that does not exist yet is made as an empty private file first (every opener
    takes an empty file for a new journal), so that the lock is on the file from the start.
    Raises MentorAppError (one sentence) when the lock folder or the file cannot be used.
    """
    journal = Path(journal).expanduser()
    try:
        if not journal.exists():
            make_private_folder(journal.parent)
            create_private_file(journal)
        lock = desk_lock_path(journal)
        held = file_lock.try_acquire(lock)
        deadline = time.monotonic() + CLAIM_WAIT_SECONDS
        while held is None and time.monotonic() < deadline:  # a command line looking at it just now
            time.sleep(file_lock.POLL_SECONDS)
            held = file_lock.try_acquire(lock)
    except OSError as exc:
        raise MentorAppError(_("Cannot claim the journal {path}: {reason}.").format(
            path=journal, reason=exc.strerror or exc)) from None
    if held is not None:
        held.write(f"{os.getpid()}\nmentorapp\n{socket.gethostname()}\n")
    return held


def desk_holding(journal: Path) -> int | None:
    """The process id of a running desk that has `journal` open (0 when it cannot be read), or None."""
    journal = Path(journal).expanduser()
    if not journal.exists():
        return None
    lock = desk_lock_path(journal)
    try:
        lines = lock.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return None
    except OSError:
        lines = []  # Windows: the holder's lock keeps others from reading it
    try:
        pid = int(lines[0])
    except (IndexError, ValueError):
        pid = 0
    if pid == os.getpid():
        return None
    try:
        free = file_lock.try_acquire(lock, exclusive=False)
    except OSError:
        return pid  # cannot be checked: it counts
    if free is None:
        return pid
    free.release()
    return None
