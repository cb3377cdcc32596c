"""Search hits as a Qt list model, best match first."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from mentorapp.models.readmodels import SearchHit

HitRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


def heading_of(hit: SearchHit) -> str:
    when = f"{hit.at:%d %b %Y}" if hit.at else ""
    return "  ·  ".join(part for part in (hit.label, hit.mentee_name, when) if part)


class SearchModel(QAbstractListModel):
    """Holds the hits of the latest query."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def reload(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.snippet
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{heading_of(hit)}: {hit.snippet}"
        if role == HitRole:
            return hit
        return None

    def hit_at(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None
