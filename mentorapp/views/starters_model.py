"""The conversation-starter library as an editable Qt list model; edits go through the undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import StarterView

StarterRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class StartersModel(QAbstractListModel):
    """Starters in the lead's order; editing a row's text calls `rename(starter, text)`."""

    def __init__(self, *, rename: Callable[[StarterView, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StarterView] = []
        self._rename = rename

    def reload(self, rows: list[StarterView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        starter = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return starter.text
        if role == StarterRole:
            return starter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: ANN001, N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        starter = self._rows[index.row()]
        if str(value) == starter.text:
            return False
        try:
            self._rename(starter, str(value))
        except MentorAppError:
            return False
        # The change announcement reloads the list; nothing more to do here.
        return True

    def starter_at(self, row: int) -> StarterView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, starter_id: int) -> int | None:
        return next((i for i, s in enumerate(self._rows) if s.id == starter_id), None)
