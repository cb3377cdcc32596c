"""What the desk remembers between sessions, per journal, on this machine.

The window's geometry, the last mentee shown, the last packet folder: state of the
desk, not of the journal, so it stays on this machine (QSettings) and is kept apart
for each journal file. Ids of mentees only mean something inside one journal: a second
journal must not open on, or pre-select, whoever happens to carry the same id there.

The lead's preferences (their name, the recognition nudge, auto-lock) are not here:
they live in the journal itself (`JournalService.preferences`), so that the command
line and the packets read the same ones.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QSettings

from mentorapp.models.errors import MentorAppError

if TYPE_CHECKING:  # the frame reads the geometry before the services are loaded
    from mentorapp.models.services.journal import JournalService

T = TypeVar("T")

# The keys, in one place.
GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
SPLITTER = "window/splitter"
SHOW_ARCHIVED = "window/show_archived"
LAST_MENTEE = "window/last_mentee"
QUICK_CAPTURE_MENTEE = "quick_capture/last_mentee"
PACKET_PRESET = "packets/preset"
PACKET_FOLDER = "packets/folder"


def journal_group(journal: Path) -> str:
    """The settings group of one journal file: a digest of its absolute path (no name in clear)."""
    where = str(Path(journal).expanduser().absolute())
    return "journals/" + hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:20]


class DeskState:
    """The desk's remembered state for one journal."""

    def __init__(self, journal: Path) -> None:
        self.group = journal_group(journal)

    def value(self, key: str, default: T, kind: type[T] | None = None) -> T:
        settings = QSettings()
        stored: Any = (settings.value(f"{self.group}/{key}", default, type=kind) if kind is not None
                       else settings.value(f"{self.group}/{key}", default))
        return default if stored is None else stored

    def set_value(self, key: str, value: object) -> None:
        QSettings().setValue(f"{self.group}/{key}", value)

    def forget(self, key: str) -> None:
        QSettings().remove(f"{self.group}/{key}")

    def sync(self) -> None:
        QSettings().sync()


# Before 1.0 these were kept machine-wide; the first journal the desk opens takes them over,
# once. The remembered mentee ids are dropped: they named a person only in one journal.
_LEGACY_PREFERENCES = {
    "preferences/recognition_gap_days": "recognition_gap_days",
    "security/auto_lock_minutes": "auto_lock_minutes",
}
_LEGACY_STATE = {
    "main_window/geometry": GEOMETRY,
    "main_window/state": WINDOW_STATE,
    "main_window/splitter": SPLITTER,
    "main_window/show_archived": SHOW_ARCHIVED,
}
_LEGACY_DROPPED = ("main_window/last_mentee", "quick_capture/last_mentee", "packets/preset", "packets/folder")


def adopt_machine_wide_settings(journal: JournalService, state: DeskState) -> None:
    """Move settings an earlier version kept for the whole machine into this journal and its state."""
    settings = QSettings()
    legacy = [*_LEGACY_PREFERENCES, *_LEGACY_STATE, *_LEGACY_DROPPED]
    if not any(settings.contains(key) for key in legacy):
        return
    choices: dict[str, int] = {}
    for key, name in _LEGACY_PREFERENCES.items():
        try:
            choices[name] = int(settings.value(key))
        except (TypeError, ValueError):
            continue
    for name, value in choices.items():
        try:
            journal.set_preferences(**{name: value})
        except MentorAppError:
            continue  # out of range: the journal keeps its own
    for key, new_key in _LEGACY_STATE.items():
        if settings.contains(key) and not settings.contains(f"{state.group}/{new_key}"):
            state.set_value(new_key, settings.value(key))
    for key in legacy:
        settings.remove(key)
    settings.sync()
