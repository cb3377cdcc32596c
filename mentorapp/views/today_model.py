"""What needs the lead today, as a two-level Qt model: groups, each with its items.

Built from the services and the insights for a given day: check-ins due or
overdue, concerns not yet raised, threads waiting on the lead, people not
recognised lately, and watchlist reviews that have come due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from mentorapp.models.insights import Badge, health
from mentorapp.models.services import Services, Topic
from mentorapp.views.theme import Tone

ItemRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class TodayItem:
    """One thing to act on, and where to open it."""

    text: str
    detail: str
    mentee_id: int
    doc_type: str  # as the search index names it: mentee, entry, thread, watch_case…
    doc_id: int
    topic: Topic | None = None  # for mentee-wide items: which part of the page to show


@dataclass(frozen=True, slots=True)
class TodayGroup:
    title: str
    tone: Tone
    items: tuple[TodayItem, ...]


def _days(n: int) -> str:
    return f"{n} day{'s' * (n != 1)}"


def build_today(services: Services, *, today: dt.date, recognition_gap_days: int) -> list[TodayGroup]:
    """Every group that has something in it, most pressing first."""
    roster = services.mentees.roster()
    names = {r.mentee.id: r.mentee.name for r in roster}
    checks, unthanked = [], []
    for row in roster:
        status = health(row, today=today, recognition_gap_days=recognition_gap_days)
        mentee = row.mentee
        since = status.check_in.days_since
        talked = "no conversation noted yet" if since is None else f"last talked {_days(since)} ago"
        if Badge.OVERDUE in status.badges or Badge.DUE in status.badges:
            state = "overdue" if Badge.OVERDUE in status.badges else "due"
            checks.append((status.check_in.due_on, TodayItem(
                mentee.name, f"Check-in {state}: {talked} (every {_days(mentee.cadence_days)}).",
                mentee.id, "mentee", mentee.id)))
        if Badge.UNRECOGNISED in status.badges:
            days = status.days_since_recognition
            when = "never recognised" if days is None else f"last recognised {_days(days)} ago"
            likes = f"; likes: {mentee.thanks_preference}" if mentee.thanks_preference else ""
            unthanked.append((-(days or 10**6), TodayItem(
                mentee.name, f"{when.capitalize()}{likes}.", mentee.id, "mentee", mentee.id, Topic.RECOGNITIONS)))

    concerns = []
    for summary in services.entries.undiscussed_by_mentee():
        if summary.mentee_id not in names:
            continue
        oldest = summary.oldest
        said = f"{oldest.at:%d %b %Y}: {oldest.text}"
        if summary.count > 1:
            said = f"{summary.count} concerns, the oldest from {said}"
        concerns.append(TodayItem(names[summary.mentee_id], said, summary.mentee_id, "entry", oldest.id))
    waiting = []
    for thread in sorted(services.threads.waiting_on_lead(), key=lambda t: (t.last_at or dt.datetime.min)):
        if thread.mentee_id not in names:
            continue
        said = (f"they spoke last, on {thread.last_at:%d %b %Y}" if thread.last_at
                else f"they opened it on {thread.opened_on:%d %b %Y}")
        waiting.append(TodayItem(names[thread.mentee_id], f"“{thread.topic}”: {said}.", thread.mentee_id,
                                 "thread", thread.id))
    reviews = []
    for case in services.watchlist.open_cases():
        if case.next_review_on is None or case.next_review_on > today or case.mentee_id not in names:
            continue
        late = (today - case.next_review_on).days
        when = "today" if late == 0 else f"{_days(late)} ago"
        reviews.append(TodayItem(names[case.mentee_id], f"Review was due {when}: {case.concern}",
                                 case.mentee_id, "watch_case", case.id))

    groups = [
        TodayGroup("Check-ins due", Tone.ALERT, tuple(item for _d, item in sorted(checks, key=lambda p: p[0]))),
        TodayGroup("Concerns not yet raised with them", Tone.WARNING, tuple(concerns)),
        TodayGroup("Threads waiting on you", Tone.INFO, tuple(waiting)),
        TodayGroup(f"Not recognised for over {_days(recognition_gap_days)}", Tone.INFO,
                   tuple(item for _k, item in sorted(unthanked, key=lambda p: p[0]))),
        TodayGroup("Watchlist reviews due", Tone.ALERT, tuple(reviews)),
    ]
    return [group for group in groups if group.items]


class TodayModel(QAbstractItemModel):
    """Groups at the top level, their items beneath; one column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[TodayGroup] = []

    def reload(self, groups: list[TodayGroup]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    def groups(self) -> list[TodayGroup]:
        return list(self._groups)

    # Top-level rows carry internal id 0; an item carries its group's row + 1.
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self._groups):
            return QModelIndex()
        if row >= len(self._groups[parent.row()].items):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self._groups):
            return len(self._groups[parent.row()].items)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 1

    def item(self, index: Index) -> TodayItem | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1].items[index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        if index.internalId() == 0:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{group.title} ({len(group.items)})"
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{group.title}: {len(group.items)}"
            return None
        item = self.item(index)
        assert item is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.text} — {item.detail}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{item.text}: {item.detail} Press Enter to open."
        if role == ItemRole:
            return item
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
