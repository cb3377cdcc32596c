"""The roster as a Qt list model: one row per mentee, holding roster read models."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from mentorapp.models.readmodels import RosterRow

MenteeIdRole = Qt.ItemDataRole.UserRole + 1
RosterRowRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class RosterModel(QAbstractListModel):
    """Mentees in name order; `reload` swaps in a fresh list inside a reset."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[RosterRow] = []

    def reload(self, rows: list[RosterRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.mentee.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.mentee.name} — {row.mentee.role}" if row.mentee.role else row.mentee.name
        if role == MenteeIdRole:
            return row.mentee.id
        if role == RosterRowRole:
            return row
        return None

    def row_of(self, mentee_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.mentee.id == mentee_id), None)
