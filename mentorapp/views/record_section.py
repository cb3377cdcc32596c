"""What the five mentee-page sections share beyond the MenteeSection contract.

The day they count from, the mentee they show, undoable writes whose refusals are
reported in one sentence, and the one dialog at a time each section may have open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from mentorapp.models.errors import MentorAppError, NotFoundError
from mentorapp.models.readmodels import EntryView, MenteeView
from mentorapp.models.vocabulary import Direction, Setting
from mentorapp.views.context import DeskContext
from mentorapp.views.date_fields import Today
from mentorapp.views.message_dialog import MessageDialog
from mentorapp.views.section import MenteeSection
from mentorapp.views.undo import moved_to_trash, push_undoable

T = TypeVar("T")


class RecordSection(MenteeSection):
    """A MenteeSection that writes through undo and knows today's date and its mentee."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *, today: Today | None = None) -> None:
        super().__init__(context, parent)
        # Injected so that tests and screenshots see the same "12 days ago" on any day.
        self.today: Today = today or context.today
        self.mentee: MenteeView | None = None
        self._open_dialog: QDialog | None = None

    @property
    def open_dialog(self) -> QDialog | None:
        """The section's dialog now on screen, if any."""
        return self._open_dialog

    def now(self) -> dt.datetime:
        """This moment, on the section's today (they differ only when a test or screenshot fixes the day)."""
        return dt.datetime.combine(self.today(), dt.datetime.now().time()).replace(microsecond=0)

    @property
    def services(self):  # noqa: ANN201 - Services
        return self.context.services

    def load_mentee(self) -> MenteeView | None:
        """The mentee as they are now (None if unset, or gone to the trash meanwhile)."""
        if self.mentee_id is None:
            self.mentee = None
        else:
            try:
                self.mentee = self.services.mentees.get(self.mentee_id)
            except NotFoundError:
                self.mentee = None
        return self.mentee

    @property
    def mentee_name(self) -> str:
        return self.mentee.name if self.mentee is not None else "this mentee"

    def undoable(self, text: str, *, do: Callable[[], T], undo: Callable[[T], object],
                 redo: Callable[[T], object] | None = None) -> T | None:
        """A write from a button or key: refused writes are reported in one sentence, not raised."""
        try:
            return self.push(text, do=do, undo=undo, redo=redo)
        except MentorAppError as exc:
            self.context.report(str(exc))
            return None

    def push(self, text: str, *, do: Callable[[], T], undo: Callable[[T], object],
             redo: Callable[[T], object] | None = None) -> T:
        """A write from a dialog: a refusal propagates, for the dialog to show inline."""
        return push_undoable(self.context.undo_stack, text, do=do, undo=undo, redo=redo,
                             report=self.context.report)

    def edit_entry(self, before: EntryView, *, what: str) -> None:
        """Correct one message or note (its words, who spoke, where), undoably."""
        entries = self.services.entries

        def save(*, text: str, direction: Direction, setting: Setting) -> None:
            self.push(f"Edit {what}",
                      do=lambda: entries.edit(before.id, text=text, direction=direction, setting=setting),
                      undo=lambda e: entries.edit(e.id, text=before.text, direction=before.direction,
                                                  setting=before.setting))

        self.show_dialog(MessageDialog(self.services, before, mentee_name=self.mentee_name, save=save, parent=self))

    def delete_entry(self, entry_id: int, *, what: str) -> None:
        """Move one message or note to the trash, undoably."""
        entries = self.services.entries
        self.undoable(f"Delete {what}", **moved_to_trash(entries, entry_id))

    def show_dialog(self, dialog: QDialog) -> QDialog:
        """Open a dialog without blocking (window-modal); only one per section at a time."""
        if self._open_dialog is not None:
            self._open_dialog.close()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._open_dialog = dialog
        dialog.finished.connect(lambda _result, d=dialog: self._dialog_closed(d))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self._open_dialog is dialog:
            self._open_dialog = None
