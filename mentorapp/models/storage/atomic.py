"""Writing a file so that it is either whole under its final name or not there at all: the one place, one policy.

The policy, for every file the app writes (exports, PDFs, backups, a restored journal):
the content goes into a temporary file in the destination's own folder (so the rename
cannot cross file systems); that file is flushed to the disk; it is renamed over the
final name in one step; the folder is then flushed too, so the rename itself survives a
power cut. A failure at any point leaves no partial file under the final name.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mentorapp.i18n import N_, _
from mentorapp.models.errors import MentorAppError

PARTIAL_SUFFIX = ".partial"
SQLITE_SIDECARS = ("-journal", "-wal", "-shm")
# Where the system has no flock (Windows), a temporary file older than this counts as abandoned.
ABANDONED_AFTER_SECONDS = 3600.0

# Translators: each ends a sentence such as "Cannot write {path}: …" (a reason, after a colon, lower case).
_PLAIN_WORDS = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EFBIG: N_("the file would be larger than this system allows"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENAMETOOLONG: N_("the name is too long for this system"),
    errno.EIO: N_("the disk reported an input/output error"),
}


def shown_path(path: Path | str, *, limit: int = 60) -> str:
    """A path as a one-line message shows it: whole when short, else its start and end around an ellipsis."""
    text = str(path)
    if len(text) <= limit:
        return text
    keep = (limit - 1) // 2
    return f"{text[:keep]}…{text[-keep:]}"


def describe_os_error(exc: OSError) -> str:
    """A failed write in plain words (in the language spoken now), lower case, no final stop: "the disk is
    full", not errno's text."""
    words = _PLAIN_WORDS.get(exc.errno) if exc.errno is not None else None
    if words is None:
        return (exc.strerror or str(exc)).rstrip(".").lower()
    return _(words)


FULL_DISK_BYTES = 256 * 1024  # less free space than this: a write that failed, failed for want of room


def disk_is_full(path: Path | str) -> bool:
    """True when the disk holding `path` (or its folder) has next to no room left for this user.

    SQLite reports a full disk as "database or disk is full" when a page cannot be written,
    but as a bare "disk I/O error" when its shared-memory index cannot grow; both mean this.
    """
    place = Path(path)
    while not place.exists() and place != place.parent:
        place = place.parent
    try:
        status = os.statvfs(place)
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        return False
    return status.f_bavail * status.f_frsize < FULL_DISK_BYTES


def fsync_file(path: Path | str) -> None:
    """Flush a file's content to the disk, so a power cut after this keeps it."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_folder(folder: Path | str) -> None:
    """Flush a folder's entries (a rename into it) to the disk, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems (and Windows) cannot sync a folder; the rename still happened
    finally:
        os.close(descriptor)


def replace_durably(temporary: Path | str, final: Path | str) -> None:
    """Put a finished temporary file in the place of `final`: flushed, renamed in one step, folder flushed.

    Raises OSError as the system gives it; the caller words it.
    """
    fsync_file(temporary)
    os.replace(temporary, final)
    fsync_folder(Path(final).parent)


def _folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


# -- temporary files: claimed by their writer, so a file left by a killed process is known as such --------------
def claim(path: Path | str) -> int:
    """Hold an OS lock (flock) on a temporary file for as long as the returned descriptor is open.

    The lock ends with the process however it ends, so `is_abandoned` tells a file another
    process is still writing from one a killed process left behind. Close it with `os.close`
    only after every other handle on the file in this process is closed (POSIX locks that
    SQLite holds on the same file are not disturbed by flock, but closing a second handle would
    drop them). Raises OSError as the system gives it.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    if sys.platform != "win32":
        import fcntl

        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            raise
    return descriptor


def is_abandoned(path: Path | str) -> bool:
    """True when no living process holds the claim on a temporary file (or folder): it can be removed.

    Without flock (Windows) a file counts as abandoned once it is older than ABANDONED_AFTER_SECONDS.
    """
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        try:
            return time.time() - os.stat(path).st_mtime > ABANDONED_AFTER_SECONDS
        except OSError:
            return False
    import fcntl

    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # its writer is alive
    finally:
        os.close(descriptor)  # this process holds no other lock on someone else's temporary file
    return True


def remove_abandoned(folder: Path | str, pattern: str) -> list[Path]:
    """Remove the temporary files (and restore folders) matching `pattern` in `folder` that no process claims."""
    import shutil

    removed: list[Path] = []
    try:
        candidates = sorted(Path(folder).glob(pattern))
        # SQLite's own files beside a temporary database (a killed export's rollback journal).
        sidecars = sorted(path for suffix in SQLITE_SIDECARS for path in Path(folder).glob(f"{pattern}{suffix}"))
    except OSError:
        return removed
    for candidate in candidates:
        if not is_abandoned(candidate):
            continue
        try:
            if candidate.is_dir() and not candidate.is_symlink():
                shutil.rmtree(candidate)
            else:
                candidate.unlink()
        except OSError:
            continue
        removed.append(candidate)
    for sidecar in sidecars:
        if _owner_of(sidecar).exists():
            continue  # removed with its database once that is abandoned, never while it is written
        try:
            sidecar.unlink()
        except OSError:
            continue
        removed.append(sidecar)
    return removed


def _owner_of(sidecar: Path) -> Path:
    """The database a -journal, -wal or -shm file belongs to."""
    for suffix in SQLITE_SIDECARS:
        if sidecar.name.endswith(suffix):
            return sidecar.with_name(sidecar.name[: -len(suffix)])
    return sidecar


@contextmanager
def temporary_beside(path: Path, *, prefix: str | None = None, suffix: str = PARTIAL_SUFFIX) -> Iterator[Path]:
    """A fresh, empty temporary file in `path`'s folder, claimed, removed on the way out unless it was renamed.

    Its name is hidden (a leading dot) and ends in `.partial`, so it is never taken for the
    real file; one left by a killed process is removed the next time the same file is written.
    Raises MentorAppError with one sentence when the folder cannot be written.
    """
    folder = _folder_of(path)
    prefix = prefix or f".{path.name}."
    remove_abandoned(folder, f"{glob_escape(prefix)}*{glob_escape(suffix)}")
    try:
        handle, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    except OSError as exc:
        raise MentorAppError(_("Cannot write in {folder}: {reason}.").format(
            folder=folder, reason=describe_os_error(exc))) from None
    os.close(handle)
    temporary = Path(name)
    try:
        claimed = claim(temporary)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise MentorAppError(_("Cannot write in {folder}: {reason}.").format(
            folder=folder, reason=describe_os_error(exc))) from None
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)
        os.close(claimed)


def glob_escape(text: str) -> str:
    """`text` with the characters glob treats specially taken literally."""
    import glob

    return glob.escape(text)


def write_atomically(path: Path, write: Callable[[Any], None], *, mode: str = "w") -> None:
    """Write a file through `write(stream)` by the policy above (text is UTF-8 with "\\n" line ends).

    Every step is checked: each write, the flush, fsync and close, the rename and the
    folder's flush; any failure removes the temporary file and raises MentorAppError
    with one sentence ("the disk is full" on a full disk). A target that exists but is
    not a regular file (a device, a FIFO) is refused before anything is written.
    """
    path = Path(path)
    if path.is_dir():
        raise MentorAppError(_("{path} is a folder; name a file to write.").format(path=path))
    if path.exists() and not path.is_file():
        raise MentorAppError(_("{path} is not a regular file; name a file to write.").format(path=path))
    folder = _folder_of(path)
    if not folder.is_dir():
        raise MentorAppError(_("The folder {folder} does not exist.").format(folder=folder))
    with temporary_beside(path) as temporary:
        try:
            text = "b" not in mode
            with open(temporary, mode, encoding="utf-8" if text else None, newline="\n" if text else None) as stream:
                write(stream)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
            fsync_folder(path.parent if str(path.parent) else Path("."))
        except OSError as exc:
            raise MentorAppError(_("Cannot write {path}: {reason}.").format(
                path=path, reason=describe_os_error(exc))) from None


# -- private files: the journal, its sidecars and its backups are the person's alone ------------------------------
PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def make_private_folder(folder: Path | str) -> Path:
    """Make `folder` and any missing parents with mode 0700, whatever the umask (existing folders are left as they are).

    Raises OSError as the system gives it; the caller words it.
    """
    folder = Path(folder)
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_FOLDER_MODE)
        except FileExistsError:
            continue  # made by another process meanwhile
        os.chmod(path, PRIVATE_FOLDER_MODE)  # the umask may have taken bits away, never added any
    if not folder.is_dir():
        # Translators: ends "Cannot write in {folder}: …" (a reason, after a colon).
        raise NotADirectoryError(_("{folder} is not a folder").format(folder=folder))
    return folder


def create_private_file(path: Path | str) -> bool:
    """Create `path` empty with mode 0600 if it does not exist; True when this call created it.

    SQLite gives a database's -wal and -shm the mode of the database file, so a journal
    made this way keeps its sidecars private too. Raises OSError as the system gives it.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, PRIVATE_FILE_MODE)
    finally:
        os.close(descriptor)
    return True


def write_folder_atomically(folder: Path, fill: Callable[[Path], None]) -> Path:
    """Make the new folder `folder` whole or not at all: `fill(temporary)` writes into a private
    temporary folder beside it, which is flushed and renamed to `folder` in one step.

    An existing `folder` is refused (never replaced, never merged into), before and after
    filling; any failure removes the temporary folder and raises MentorAppError.
    """
    folder = Path(folder)
    parent = _folder_of(folder)
    if folder.exists() or folder.is_symlink():
        raise MentorAppError(_("{folder} already exists; name a new folder.").format(folder=folder))
    if not parent.is_dir():
        raise MentorAppError(_("The folder {folder} does not exist.").format(folder=parent))
    try:
        temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=PARTIAL_SUFFIX, dir=parent))
    except OSError as exc:
        raise MentorAppError(_("Cannot write in {folder}: {reason}.").format(
            folder=parent, reason=describe_os_error(exc))) from None
    try:
        os.chmod(temporary, PRIVATE_FOLDER_MODE)
        fill(temporary)
        for child in temporary.iterdir():
            fsync_file(child)
        fsync_folder(temporary)
        if folder.exists() or folder.is_symlink():
            raise MentorAppError(_("{folder} already exists; name a new folder.").format(folder=folder))
        os.rename(temporary, folder)
        fsync_folder(parent)
    except OSError as exc:
        raise MentorAppError(_("Cannot write {path}: {reason}.").format(
            path=folder, reason=describe_os_error(exc))) from None
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)
    return folder
