"""The desk's local socket, found and checked without Qt: where `mentorapp capture` talks to it.

A desk listens on a socket in the user's private lock folder (models/trust/desk_lock.py),
named after its journal. Before the command line sends anything to it, it checks that the
folder and the socket belong to this user and that the folder is closed to everyone else:
a socket that someone else made, or one in a folder others can open, could be a stranger
waiting to read what the lead meant for their own desk. Such a socket is refused in one
sentence, never used.

The messages are one line of UTF-8 each way:
    raise                    → (nothing)            bring the desk to the front
    capture<TAB>NAME         → shown[<TAB>SENTENCE]  quick capture is on screen (SENTENCE: the name was not found)
                             → refused<TAB>SENTENCE  no capture (no mentee yet, or the desk is locked)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mentorapp.i18n import _
from mentorapp.models.trust.desk_lock import desk_server_name, lock_folder_candidates

RAISE = "raise"
CAPTURE = "capture"
SHOWN = "shown"
REFUSED = "refused"


def socket_file_name(journal: Path) -> str:
    return f"{desk_server_name(journal)}.sock"


def find_desk_socket(journal: Path) -> Path | None:
    """The socket a desk on `journal` would listen on, if one is there (unchecked), else None."""
    name = socket_file_name(journal)
    for folder in lock_folder_candidates():
        path = folder / name
        if os.path.lexists(path):
            return path
    return None


def channel_problem(socket_path: Path, *, uid: int | None = None) -> str | None:
    """Why the socket at `socket_path` must not be trusted (one sentence), or None when it is this user's own.

    `uid` is whose it must be: this process's user unless given (tests give another one).
    """
    if not hasattr(os, "getuid"):  # Windows: a named pipe the desk opened for this user only
        return None
    uid = os.getuid() if uid is None else uid
    folder = socket_path.parent
    try:
        folder_info = os.lstat(folder)
        socket_info = os.lstat(socket_path)
    except OSError as exc:
        return _("The desk's socket {path} cannot be checked: {reason}.").format(
            path=socket_path, reason=exc.strerror or exc)
    if not stat.S_ISDIR(folder_info.st_mode) or folder_info.st_uid != uid:
        return _("The folder {folder} holding the desk's socket belongs to someone else, so nothing is sent "
                 "through it; remove it and start the desk again.").format(folder=folder)
    if folder_info.st_mode & 0o077:
        return _("The folder {folder} holding the desk's socket is open to other users, so nothing is sent "
                 "through it; close it with chmod 700, or remove it, and start the desk again.").format(folder=folder)
    if not stat.S_ISSOCK(socket_info.st_mode) or socket_info.st_uid != uid:
        return _("The desk's socket {path} is not one your own desk made, so nothing is sent "
                 "through it; remove it and start the desk again.").format(path=socket_path)
    return None


def capture_message(mentee: str) -> bytes:
    """The line asking a desk for quick capture, with `mentee` (may be empty) on one line."""
    name = " ".join(mentee.split())
    return f"{CAPTURE}\t{name}\n".encode("utf-8", "replace")


def parse_request(line: bytes) -> tuple[str, str]:
    """A received line as (verb, argument); unknown verbs come back as they are, to be ignored."""
    text = line.decode("utf-8", "replace").rstrip("\r\n")
    verb, _tab, argument = text.partition("\t")
    return verb.strip(), argument.strip()
