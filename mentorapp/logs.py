"""The app's own log: what happened to the journal and what went wrong, never what it holds.

One rotating file in the platform's log folder (Linux: $XDG_STATE_HOME/MentorApp/log,
else ~/.local/state/MentorApp/log; macOS: ~/Library/Logs/MentorApp; Windows:
%LOCALAPPDATA%/MentorApp/Logs), or in $MENTORAPP_LOG_DIR when that is set. The desk and
the command line call `configure_logging` once at start-up; every module logs through
`logging.getLogger(__name__)`, under the "mentorapp" logger.

What a line may hold: events (opened, locked, backed up, refused), file names of the
journal and its backups, the types of errors. What it never holds: journal text,
mentee names, passphrases or keys, and so no full paths (the folder may carry a
person's name) and no exception messages, which quote what someone typed or what
SQL was given. A traceback is logged as its frames (code locations) and the types
of its exceptions only, with the home folder written as ~.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback
from pathlib import Path
from types import TracebackType

from mentorapp.models.errors import describe_exception

__all__ = ["LOG_DIR_ENV", "active_log_file", "configure_logging", "log_file", "log_folder", "shutdown_logging"]

LOG_DIR_ENV = "MENTORAPP_LOG_DIR"
LOG_FILE_NAME = "mentorapp.log"
MAX_BYTES = 1_000_000  # about ten thousand lines per file
BACKUP_COUNT = 3  # mentorapp.log.1 … .3: the log never grows past a few megabytes
_FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"

_logger = logging.getLogger("mentorapp")
# Alembic says which schema upgrades it runs ("Running upgrade 0001 -> 0002, …"): a journal's migration.
_migrations = logging.getLogger("alembic.runtime.migration")
_handler: logging.Handler | None = None


def _only_upgrade_steps(record: logging.LogRecord) -> bool:
    return record.getMessage().startswith("Running upgrade")


def log_folder() -> Path:
    """Where the log files are: $MENTORAPP_LOG_DIR, else the platform's log folder for MentorApp."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_log_path

    return user_log_path("MentorApp", appauthor=False)


def log_file() -> Path:
    """The file a process started now would write to (the folder's newest log)."""
    return log_folder() / LOG_FILE_NAME


def active_log_file() -> Path | None:
    """The file this process writes its log to, or None when logging is not configured (or could not be)."""
    return Path(_handler.baseFilename) if isinstance(_handler, logging.FileHandler) else None


def format_traceback(exc: BaseException, tb: TracebackType | None) -> str:
    """The traceback as Python prints it, with each exception's message left out (see the module's doc)."""
    return _format_chain(exc, tb, set()).rstrip("\n")


def _format_chain(exc: BaseException, tb: TracebackType | None, seen: set[int]) -> str:
    seen.add(id(exc))
    parts: list[str] = []
    cause, context = exc.__cause__, exc.__context__
    if cause is not None and id(cause) not in seen:
        parts += [_format_chain(cause, cause.__traceback__, seen),
                  "\nThe above exception was the direct cause of the following exception:\n\n"]
    elif context is not None and not exc.__suppress_context__ and id(context) not in seen:
        parts += [_format_chain(context, context.__traceback__, seen),
                  "\nDuring handling of the above exception, another exception occurred:\n\n"]
    frames = traceback.extract_tb(tb)
    if frames:
        home = str(Path.home())
        for frame in frames:  # the home folder's name is often its owner's
            if frame.filename.startswith(home):
                frame.filename = "~" + frame.filename[len(home):]
        parts.append("Traceback (most recent call last):\n" + "".join(traceback.format_list(frames)))
    parts.append(describe_exception(exc) + "\n")
    return "".join(parts)


class _PrivateFormatter(logging.Formatter):
    """Lines as usual; exceptions as frames and types, without their messages."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info is not None and record.exc_info[1] is not None:
            # Set here rather than cached from another handler's formatting, which would hold the message.
            record.exc_text = format_traceback(record.exc_info[1], record.exc_info[2])
        return super().format(record)


def configure_logging(folder: Path | None = None) -> Path | None:
    """Send the "mentorapp" logger's lines (INFO and up) to the rotating log file; once per process.

    Returns the log file, or None when its folder cannot be made or written: the app
    runs on without a log rather than refuse to start over one.
    """
    global _handler
    target = (folder or log_folder()) / LOG_FILE_NAME
    if _handler is not None:
        if active_log_file() == target:
            return target
        shutdown_logging()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=False
        )
    except OSError:
        return None
    handler.setFormatter(_PrivateFormatter(_FORMAT))
    _logger.addHandler(handler)
    _logger.setLevel(logging.INFO)
    _migrations.addHandler(handler)
    _migrations.setLevel(logging.INFO)
    if _only_upgrade_steps not in _migrations.filters:
        _migrations.addFilter(_only_upgrade_steps)
    _handler = handler
    return target


def shutdown_logging() -> None:
    """Close the log file (tests, and a process that changes its log folder)."""
    global _handler
    if _handler is not None:
        _logger.removeHandler(_handler)
        _migrations.removeHandler(_handler)
        _handler.close()
        _handler = None
