"""The table model behind the sections' lists: rows of read models, columns described once.

Each concrete model (threads, goals, recognitions, asks, chances, watchlist cases)
names its columns and says what each cell shows; this base holds the rows, swaps
them inside a reset, and answers Qt's questions the same way for all of them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QIcon

RecordIdRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Read-only rows of frozen read models (each with an `id`); subclasses fill in the cells."""

    # What the auto-lock empties and gives back (views/journal/lock_vault.py): every field holding journal text.
    ROW_FIELDS: ClassVar[tuple[str, ...]] = ("_rows",)

    headers: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    # -- what subclasses say -------------------------------------------------------------
    def text(self, record: Any, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, record: Any, column: int) -> str | None:
        return None

    def emphasised(self, record: Any, column: int) -> bool:
        """Bold this cell (something waiting on the lead, an overdue review)."""
        return False

    def icon(self, record: Any, column: int) -> QIcon | None:
        return None

    # -- rows ------------------------------------------------------------------------------
    def reload(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def records(self) -> list[Any]:
        return list(self._rows)

    def record(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, record_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), None)

    # -- Qt --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.headers):
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(record, column)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return self.tooltip(record, column)
        if role == Qt.ItemDataRole.FontRole:
            if self.emphasised(record, column):
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self.icon(record, column)
        if role == RecordIdRole:
            return record.id
        if role == RecordRole:
            return record
        return None
