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

from mentorapp.models.trust.desk_names import StrPath, desk_server_name, other_candidates, runtime_candidate

RAISE = "raise"
CAPTURE = "capture"
SHOWN = "shown"
REFUSED = "refused"


def socket_file_name(journal: StrPath) -> str:
    return f"{desk_server_name(journal)}.sock"


def find_desk_socket(journal: StrPath) -> str | None:
    """The socket a desk on `journal` would listen on, if one is there (unchecked), else None.

    The runtime folder first, where a desk on Linux listens: only when nothing is there are the
    other lock folders worked out (the temporary folder's costs loading tempfile).
    """
    name = socket_file_name(journal)
    first = runtime_candidate()
    if first is not None and os.path.lexists(path := os.path.join(first, name)):
        return path
    for folder in other_candidates():
        if os.path.lexists(path := os.path.join(folder, name)):
            return path
    return None


def channel_problem(socket_path: StrPath, *, uid: int | None = None) -> str | None:
    """Why the socket at `socket_path` must not be trusted (one sentence), or None when it is this user's own.

    `uid` is whose it must be: this process's user unless given (tests give another one).
    """
    if not hasattr(os, "getuid"):  # Windows: a named pipe the desk opened for this user only
        return None
    uid = os.getuid() if uid is None else uid
    socket_path = os.fspath(socket_path)
    folder = os.path.dirname(socket_path)
    try:
        folder_info = os.lstat(folder)
        socket_info = os.lstat(socket_path)
    except OSError as exc:
        return _said("unreadable", folder, socket_path, exc.strerror or str(exc))
    if not stat.S_ISDIR(folder_info.st_mode) or folder_info.st_uid != uid:
        return _said("foreign folder", folder, socket_path)
    if folder_info.st_mode & 0o077:
        return _said("open folder", folder, socket_path)
    if not stat.S_ISSOCK(socket_info.st_mode) or socket_info.st_uid != uid:
        return _said("foreign socket", folder, socket_path)
    return None


def _said(problem: str, folder: str, socket_path: str, reason: str = "") -> str:
    # The catalogues are loaded only to say why: a socket that passes is used without them.
    from mentorapp.i18n import _

    if problem == "unreadable":
        return _("The desk's socket {path} cannot be checked: {reason}.").format(path=socket_path, reason=reason)
    if problem == "foreign folder":
        return _("The folder {folder} holding the desk's socket belongs to someone else, so nothing is sent "
                 "through it; remove it and start the desk again.").format(folder=folder)
    if problem == "open folder":
        return _("The folder {folder} holding the desk's socket is open to other users, so nothing is sent "
                 "through it; close it with chmod 700, or remove it, and start the desk again.").format(folder=folder)
    return _("The desk's socket {path} is not one your own desk made, so nothing is sent "
             "through it; remove it and start the desk again.").format(path=socket_path)


def capture_message(mentee: str) -> bytes:
    """The line asking a desk for quick capture, with `mentee` (may be empty) on one line."""
    name = " ".join(mentee.split())
    return f"{CAPTURE}\t{name}\n".encode("utf-8", "replace")


def parse_request(line: bytes) -> tuple[str, str]:
    """A received line as (verb, argument); unknown verbs come back as they are, to be ignored."""
    text = line.decode("utf-8", "replace").rstrip("\r\n")
    verb, _tab, argument = text.partition("\t")
    return verb.strip(), argument.strip()
