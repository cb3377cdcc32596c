"""The trash as a Qt table model: when, what kind, whose, and what it said."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from mentorapp.models.services.trash import TrashItem

TrashItemRole = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Deleted", "Kind", "Mentee", "What")
Index = QModelIndex | QPersistentModelIndex


class TrashModel(QAbstractTableModel):
    """Trashed items, the most recently deleted first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[TrashItem] = []

    def reload(self, items: list[TrashItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # Stamps are stored in UTC; the lead reads local time.
            local = item.deleted_at.replace(tzinfo=dt.UTC).astimezone()
            return (
                f"{local:%d %b %Y, %H:%M}",
                item.kind_label,
                item.mentee_name or "—",
                " ".join(item.text.split()),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.text
        if role == TrashItemRole:
            return item
        return None

    def item_at(self, row: int) -> TrashItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None
