"""The entries of one thread (or one goal's progress notes) in the order they were said."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from mentorapp.i18n import _
from mentorapp.models.readmodels import EntryView
from mentorapp.models.vocabulary import Direction, EntryKind
from mentorapp.views.widgets.date_fields import moment_text
from mentorapp.views.widgets.record_table_model import RecordIdRole, RecordRole
from mentorapp.views.widgets.text_direction import isolate

Index = QModelIndex | QPersistentModelIndex

# Kinds that go without saying in a conversation (shared feedback, a private thought).
_PLAIN_KINDS = (EntryKind.FEEDBACK, EntryKind.THOUGHT)


class ConversationModel(QAbstractListModel):
    """Rows of EntryView, oldest first; knows the mentee's name so each voice can be named."""

    # What the auto-lock empties and gives back (views/journal/lock_vault.py): every field holding journal text.
    ROW_FIELDS: ClassVar[tuple[str, ...]] = ("_entries", "mentee_name")

    def __init__(self, parent: QObject | None = None, *, plain_kinds: tuple[EntryKind, ...] = _PLAIN_KINDS) -> None:
        super().__init__(parent)
        self._entries: list[EntryView] = []
        self.mentee_name = ""
        self._plain_kinds = plain_kinds

    def reload(self, entries: list[EntryView], *, mentee_name: str) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.mentee_name = mentee_name
        self.endResetModel()

    def entries(self) -> list[EntryView]:
        return list(self._entries)

    def entry(self, row: int) -> EntryView:
        return self._entries[row]

    def row_of(self, entry_id: int) -> int | None:
        return next((i for i, e in enumerate(self._entries) if e.id == entry_id), None)

    # -- how each entry is spoken of ---------------------------------------------------------
    def speaker(self, entry: EntryView) -> str:
        """Who spoke to whom, in the lead's own terms."""
        name = self.mentee_name or _("the mentee")
        if entry.direction is Direction.TO_MENTEE:
            return _("You → {name}").format(name=isolate(name))
        if entry.direction is Direction.FROM_MENTEE:
            return _("{name} → you").format(name=isolate(name))
        return _("Private note · only you see this")

    def details(self, entry: EntryView) -> str:
        """When and where, and the kind when it is not the usual one."""
        parts = [moment_text(entry.at), entry.setting.label]
        if entry.kind not in self._plain_kinds:
            parts.insert(0, entry.kind.label)
        return " · ".join(parts)

    # -- Qt ----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.speaker(entry)}\n{self.details(entry)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # Translators: what a screen reader says for one message: who, when and where, then the text.
            return _("{speaker}, {details}: {text}").format(
                speaker=self.speaker(entry), details=self.details(entry), text=entry.text)
        if role == RecordIdRole:
            return entry.id
        if role == RecordRole:
            return entry
        return None
