"""The one error type for mistakes a user can make, shown as a single sentence; how any error is logged."""

from __future__ import annotations

import errno


class MentorAppError(Exception):
    """A problem the user can understand and fix; its message is one clear sentence."""


class NotFoundError(MentorAppError):
    """The thing asked for does not exist (or is in the trash)."""


class StoreError(MentorAppError):
    """The journal file cannot be opened: wrong key, damaged file, newer schema."""


def describe_exception(exc: BaseException) -> str:
    """An exception for the log: its type, and codes that carry no content (errno, SQLite's code name).

    Never its message: messages quote what someone typed, or the SQL and parameters given.
    """
    kind = type(exc)
    name = kind.__qualname__
    if kind.__module__ not in ("builtins", "__main__"):
        name = f"{kind.__module__}.{name}"
    details: list[str] = []
    if isinstance(exc, OSError) and exc.errno is not None:
        details.append(errno.errorcode.get(exc.errno, str(exc.errno)))
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    for source in (exc, orig):
        code_name = getattr(source, "sqlite_errorname", None)
        if isinstance(code_name, str):
            details.append(code_name)
            break
    return f"{name} ({', '.join(details)})" if details else name
