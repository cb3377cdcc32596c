"""The one error type for mistakes a user can make, shown as a single sentence."""

from __future__ import annotations


class MentorAppError(Exception):
    """A problem the user can understand and fix; its message is one clear sentence."""


class NotFoundError(MentorAppError):
    """The thing asked for does not exist (or is in the trash)."""


class StoreError(MentorAppError):
    """The journal file cannot be opened: wrong key, damaged file, newer schema."""
