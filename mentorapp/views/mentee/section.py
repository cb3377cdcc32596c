"""The contract of a part of the mentee page, and what the record-keeping sections share beyond it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError, NotFoundError
from mentorapp.models.readmodels import EntryView, MenteeView
from mentorapp.models.services import Change, Services, Topic
from mentorapp.models.services.base import Service
from mentorapp.models.vocabulary import Direction, Setting
from mentorapp.views.context import DeskContext
from mentorapp.views.undo import push
from mentorapp.views.widgets.date_fields import Today
from mentorapp.views.widgets.message_dialog import MessageDialog
from mentorapp.views.widgets.record_dialog import RecordDialog
from mentorapp.views.widgets.record_table_model import RecordTableModel


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


T = TypeVar("T")


class TranslatedHeaders(RecordTableModel):
    """A record table whose column headers, marked with N_ where written, read in the desk's language."""

    def headerData(self, section: int, orientation: Qt.Orientation,  # Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().headerData(section, orientation, role)
        return _(value) if isinstance(value, str) and value else value


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
        return dt.datetime.combine(self.today(), self.context.now().time())

    @property
    def services(self) -> Services:
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
        return self.mentee.name if self.mentee is not None else _("this mentee")

    def undoable(self, service: Service, what: str, do: Callable[[], T]) -> T | None:
        """A write from a button or key: refused writes are reported in one sentence, not raised."""
        try:
            return self.push(service, what, do)
        except MentorAppError as exc:
            self.context.report(str(exc))
            return None

    def push(self, service: Service, what: str, do: Callable[[], T]) -> T | None:
        """A write from a dialog, undoably (nothing is pushed if it changed nothing).

        A refusal propagates, for the dialog to show inline.
        """
        return push(self.context, service.undoable(what, do))

    def edit_entry(self, before: EntryView, *, what: str) -> None:
        """Correct one message or note (its words, who spoke, where), undoably; `what` names the undo step."""
        entries = self.services.entries

        def save(*, text: str, direction: Direction, setting: Setting) -> None:
            self.push(entries, what,
                      lambda: entries.edit(before.id, text=text, direction=direction, setting=setting))

        self.show_dialog(MessageDialog(self.services, before, mentee_name=self.mentee_name, save=save, parent=self),
                         draft=f"message.edit.{before.id}")

    def delete_entry(self, entry_id: int, *, what: str) -> None:
        """Move one message or note to the trash, undoably; `what` names the undo step."""
        entries = self.services.entries
        self.undoable(entries, what, lambda: entries.trash(entry_id))

    def show_dialog(self, dialog: QDialog, *, draft: str | None = None) -> QDialog:
        """Open a dialog without blocking (window-modal); only one per section at a time."""
        if self._open_dialog is not None:
            self._open_dialog.close()
        if draft is not None and isinstance(dialog, RecordDialog):
            dialog.keep_drafts(self.services.journal, draft)  # what is typed survives a crash
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._open_dialog = dialog
        dialog.finished.connect(lambda _result, d=dialog: self._dialog_closed(d))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self._open_dialog is dialog:
            self._open_dialog = None
