"""The contract of a part of the mentee page (threads, goals, recognition, asks, watchlist).

A section shows one kind of record for the selected mentee, writes through the
services with undo, and refreshes itself when a change it shows is announced.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QWidget

from mentorapp.models.services import Change, Topic
from mentorapp.views.context import DeskContext


class MenteeSection(QWidget):
    """Base class: subclasses set `title` and `topics`, and implement `reload` and `show_item`."""

    title: ClassVar[str] = ""
    topics: ClassVar[tuple[Topic, ...]] = ()

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.mentee_id: int | None = None
        context.changes.changed.connect(self._on_change)

    def set_mentee(self, mentee_id: int | None) -> None:
        self.mentee_id = mentee_id
        self.reload()

    def reload(self) -> None:
        """Read this section's records for `mentee_id` again (None: show an empty state)."""
        raise NotImplementedError

    def show_item(self, doc_type: str, doc_id: int) -> bool:
        """Select and reveal one record (from search or the Today view); False if not here."""
        return False

    def _on_change(self, change: Change) -> None:
        if self.mentee_id is None:
            return
        if change.mentee_id not in (None, self.mentee_id):
            return
        if change.touches(*self.topics):
            self.reload()
