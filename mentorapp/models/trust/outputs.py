"""The one guard on every file the app writes for a person: never the journal, its sidecars or its backups.

Every command and dialog that writes a file a person named (a review packet, the JSON
export, a backup copy, the recovery sheet) passes the target through `check_output`
first. It refuses, with one sentence and before anything is written:

- the journal itself, its SQLite sidecars (`-wal`, `-shm`, `-journal`) and its count of
  acknowledged changes (`-acked`);
- a backup of it, and any place inside its backup folder (or the folder itself);
- anything that exists but is not a regular file (a device such as /dev/full, a FIFO),
  and a folder where a file is wanted.

Paths are compared resolved (so a symlink to the journal counts) and, for files that
exist, by identity (device and inode, so a hard link to the journal counts too).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.storage.atomic import describe_os_error, shown_path
from mentorapp.models.storage.store import ACKNOWLEDGED_SUFFIX, SIDECAR_SUFFIXES

__all__ = ["UnsafeTargetError", "backup_folder", "check_output", "check_output_folder"]


def backup_folder(journal: Path) -> Path:
    """The folder that holds a journal's automatic backups: beside it, named after it."""
    journal = Path(journal).expanduser().absolute()
    return journal.with_name(f"{journal.name}-backups")


class UnsafeTargetError(MentorAppError):
    """The file a person named to write would overwrite the journal, a backup, or is not a file at all."""


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(os.path.abspath(os.path.expanduser(path))))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _protected(journal: Path) -> tuple[dict[Path, str], Path]:
    """The journal's own files by resolved path (with what to call each), and its resolved backup folder."""
    journal = Path(journal).expanduser()
    # Translators: each ends "{path} is …; name another file."
    files = {_resolved(journal): _("the journal itself")}
    for suffix in (*SIDECAR_SUFFIXES, ACKNOWLEDGED_SUFFIX):
        files[_resolved(Path(f"{journal}{suffix}"))] = _("the journal's {suffix} file").format(suffix=suffix)
    return files, _resolved(backup_folder(journal))


def _refuse_protected(target: Path, journal: Path) -> None:
    files, folder = _protected(journal)
    resolved = _resolved(target)
    if resolved in files:
        raise UnsafeTargetError(_("{path} is {what}; name another file.").format(path=target, what=files[resolved]))
    if resolved == folder:
        raise UnsafeTargetError(_("{path} is the journal's backup folder; name a place elsewhere.").format(path=target))
    if _within(resolved, folder) or _within(Path(os.path.abspath(os.path.expanduser(target))), folder):
        raise UnsafeTargetError(_("{path} is in the journal's backup folder; name a file elsewhere.").format(
            path=target))
    identity = _identity(target)
    if identity is None:
        return
    for path, what in files.items():
        if _identity(path) == identity:
            raise UnsafeTargetError(_("{path} is {what} (another name for it); name another file.").format(
                path=target, what=what))
    try:
        backups = [Path(entry.path) for entry in os.scandir(folder)]
    except OSError:
        backups = []
    for backup in backups:
        if _identity(backup) == identity:
            raise UnsafeTargetError(_("{path} is a backup of the journal (another name for it); name another file.")
                                    .format(path=target))


def check_output(target: Path | str, journal: Path | str) -> Path:
    """`target` when a file may be written there for the journal at `journal`; else UnsafeTargetError.

    A target that exists must be a regular file (it is then replaced); its folder must exist.
    """
    target = Path(target).expanduser()
    _refuse_protected(target, Path(journal))
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise UnsafeTargetError(_("Cannot write {path}: {reason}.").format(
            path=shown_path(target), reason=describe_os_error(exc))) from None
    if status is not None:
        if stat.S_ISDIR(status.st_mode):
            raise UnsafeTargetError(_("{path} is a folder; name a file to write.").format(path=target))
        if not stat.S_ISREG(status.st_mode):
            raise UnsafeTargetError(_("{path} is not a regular file; name a file to write.").format(path=target))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UnsafeTargetError(_("The folder {folder} does not exist.").format(folder=folder))
    return target


def check_output_folder(folder: Path | str, journal: Path | str) -> Path:
    """`folder` when files may be written into it for the journal at `journal`; else UnsafeTargetError."""
    folder = Path(folder).expanduser()
    _refuse_protected(folder, Path(journal))
    return folder

