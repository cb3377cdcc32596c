"""The timeline of one mentee's entries, newest first, fetched a page at a time.

The model holds read models for the rows loaded so far and asks the entry service
for the next page (keyset paging on (at, id)) only when the view scrolls near the
end, so a mentee with tens of thousands of notes opens at once. Filters by kind
and direction go into the same query, which stays fast on the (mentee, at) index.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from mentorapp.models.readmodels import EntryView
from mentorapp.models.services import Services
from mentorapp.models.vocabulary import Direction, EntryKind

EntryRole = Qt.ItemDataRole.UserRole + 1
EntryIdRole = Qt.ItemDataRole.UserRole + 2
LinkRole = Qt.ItemDataRole.UserRole + 3  # "Thread: …" or "Goal: …", or ""

PAGE_SIZE = 50

Index = QModelIndex | QPersistentModelIndex


def describe(entry: EntryView) -> str:
    """The entry as one sentence, for tooltips and screen readers."""
    return (
        f"{entry.at:%d %B %Y, %H:%M}. {entry.kind.label}, {entry.direction.label}, {entry.setting.label}. "
        f"{entry.text}"
    )


class TimelineModel(QAbstractListModel):
    """One mentee's entries, newest first, optionally filtered by kind and direction."""

    def __init__(self, services: Services, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.services = services
        self.page_size = page_size
        self.mentee_id: int | None = None
        self.kinds: Collection[EntryKind] | None = None
        self.directions: Collection[Direction] | None = None
        self._rows: list[EntryView] = []
        self._exhausted = True
        self._links: dict[tuple[str, int], str] = {}

    # -- what to show -------------------------------------------------------------------------
    def set_mentee(self, mentee_id: int | None) -> None:
        self.mentee_id = mentee_id
        self.reload()

    def set_filters(
        self, *, kinds: Collection[EntryKind] | None = None, directions: Collection[Direction] | None = None
    ) -> None:
        self.kinds, self.directions = kinds, directions
        self.reload()

    @property
    def filtered(self) -> bool:
        return self.kinds is not None or self.directions is not None

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Read the first page again (or as many rows as are loaded, to keep the scroll place)."""
        limit = max(self.page_size, len(self._rows)) if keep_loaded else self.page_size
        self.beginResetModel()
        if self.mentee_id is None:
            self._rows, self._links = [], {}
        else:
            self._rows = self._page(after=None, limit=limit)
            self._links = self._read_links(self.mentee_id)
        self._exhausted = len(self._rows) < limit
        self.endResetModel()

    def total(self) -> int:
        """How many entries match the filters (all of them, not only the loaded ones)."""
        if self.mentee_id is None:
            return 0
        return self.services.entries.count(self.mentee_id, kinds=self.kinds, directions=self.directions)

    # -- lazy loading -------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt override
        return not parent.isValid() and not self._exhausted and self.mentee_id is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802 - Qt override
        if not self.canFetchMore(parent):
            return
        last = self._rows[-1] if self._rows else None
        more = self._page(after=(last.at, last.id) if last else None, limit=self.page_size)
        self._exhausted = len(more) < self.page_size
        if more:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def reveal(self, entry: EntryView) -> int | None:
        """Load pages until `entry` is among the rows; its row, or None if the filters hide it."""
        while (row := self.row_of(entry.id)) is None:
            last = self._rows[-1] if self._rows else None
            if self._exhausted or (last is not None and (last.at, last.id) < (entry.at, entry.id)):
                return None
            # Big steps: opening one old entry should not cost hundreds of small queries.
            size, self.page_size = self.page_size, max(self.page_size, 500)
            try:
                self.fetchMore()
            finally:
                self.page_size = size
        return row

    # -- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.text
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            link = self.link_of(entry)
            return describe(entry) + (f" ({link})" if link else "")
        if role == EntryRole:
            return entry
        if role == EntryIdRole:
            return entry.id
        if role == LinkRole:
            return self.link_of(entry)
        return None

    def entry_at(self, row: int) -> EntryView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int) -> int | None:
        return next((i for i, e in enumerate(self._rows) if e.id == entry_id), None)

    def link_of(self, entry: EntryView) -> str:
        """What the entry belongs to, in words: its thread or its goal."""
        if entry.thread_id is not None and ("thread", entry.thread_id) in self._links:
            return "Thread: " + self._links[("thread", entry.thread_id)]
        if entry.goal_id is not None and ("goal", entry.goal_id) in self._links:
            return "Goal: " + self._links[("goal", entry.goal_id)]
        return ""

    # -- reading ------------------------------------------------------------------------------
    def _page(self, *, after, limit: int) -> list[EntryView]:  # noqa: ANN001
        assert self.mentee_id is not None
        return self.services.entries.page(
            self.mentee_id, after=after, limit=limit, kinds=self.kinds, directions=self.directions
        )

    def _read_links(self, mentee_id: int) -> dict[tuple[str, int], str]:
        links = {("thread", ident): topic for ident, topic in self.services.threads.topics(mentee_id).items()}
        links.update({("goal", ident): outcome for ident, outcome in self.services.goals.outcomes(mentee_id).items()})
        return links
