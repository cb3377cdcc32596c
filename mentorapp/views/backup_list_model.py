"""The journal's backups as a Qt table model: when, why, how big; newest first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt

from mentorapp.models.backups import BackupInfo

BackupRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Made", "Why", "Size")


def when_text(made_at: dt.datetime, *, today: dt.date | None = None) -> str:
    """"Today, 10:30", "Yesterday, 18:02", else "Fri 27 Nov 2026, 09:00"."""
    today = today or dt.date.today()
    clock = f"{made_at:%H:%M}"
    if made_at.date() == today:
        return f"Today, {clock}"
    if made_at.date() == today - dt.timedelta(days=1):
        return f"Yesterday, {clock}"
    return f"{made_at:%a} {made_at.day} {made_at:%b %Y}, {clock}"


class BackupListModel(QAbstractTableModel):
    """Rows of BackupInfo read models; `reload` swaps in a fresh list inside a reset."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[BackupInfo] = []

    def reload(self, rows: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return when_text(info.made_at)
            if column == 1:
                return info.reason.label
            if column == 2:
                return QLocale().formattedDataSize(info.size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == BackupRole:
            return info
        return None

    def backup_at(self, row: int) -> BackupInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None
