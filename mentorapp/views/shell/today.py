"""The Today view: what needs the lead now, grouped, each item one Enter away from where to act on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import N_, _, ngettext
from mentorapp.models.insights import DEFAULT_RECOGNITION_GAP_DAYS, Badge, health
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Change, Services, Topic
from mentorapp.models.services.retention import RetentionDue
from mentorapp.views.context import DeskContext
from mentorapp.views.widgets.date_fields import day_text, long_day_text
from mentorapp.views.widgets.theme import (
    Tone,
    badge_colors,
    bold_font,
    heading_font,
    paint_pill,
    pill_size,
    secondary_text,
    small_font,
)
from mentorapp.views.widgets.text_direction import isolate

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


def _talked(since: int | None) -> str:
    if since is None:
        # Translators: fills {talked} in "Check-in due: {talked} ({cadence})."
        return _("no conversation noted yet")
    # Translators: fills {talked} in "Check-in due: {talked} ({cadence})."
    return ngettext("last talked {count} day ago", "last talked {count} days ago", since).format(count=since)


def _check_in(overdue: bool, since: int | None, cadence_days: int) -> str:
    talked = _talked(since)
    # Translators: fills {cadence} in "Check-in due: {talked} ({cadence})."
    cadence = ngettext("every {count} day", "every {count} days", cadence_days).format(count=cadence_days)
    said = _("Check-in overdue: {talked} ({cadence}).") if overdue else _("Check-in due: {talked} ({cadence}).")
    return said.format(talked=talked, cadence=cadence)


def _unrecognised(days: int | None, likes: str | None) -> str:
    if days is None:
        if likes:
            return _("Never recognised; likes: {likes}.").format(likes=isolate(likes))
        return _("Never recognised.")
    if likes:
        return ngettext("Last recognised {count} day ago; likes: {likes}.",
                        "Last recognised {count} days ago; likes: {likes}.", days).format(
                            count=days, likes=isolate(likes))
    return ngettext("Last recognised {count} day ago.", "Last recognised {count} days ago.", days).format(count=days)


def build_today(services: Services, *, today: dt.date, recognition_gap_days: int) -> list[TodayGroup]:
    """Every group that has something in it, most pressing first."""
    roster = services.mentees.roster()
    names = {r.mentee.id: r.mentee.name for r in roster}
    checks, unthanked = [], []
    for row in roster:
        status = health(row, today=today, recognition_gap_days=recognition_gap_days)
        mentee = row.mentee
        if Badge.OVERDUE in status.badges or Badge.DUE in status.badges:
            said = _check_in(Badge.OVERDUE in status.badges, status.check_in.days_since, mentee.cadence_days)
            checks.append((status.check_in.due_on, TodayItem(mentee.name, said, mentee.id, "mentee", mentee.id)))
        if Badge.UNRECOGNISED in status.badges:
            days = status.days_since_recognition
            unthanked.append((-(days or 10**6), TodayItem(
                mentee.name, _unrecognised(days, mentee.thanks_preference), mentee.id, "mentee", mentee.id,
                Topic.RECOGNITIONS)))

    concerns = []
    for summary in services.entries.undiscussed_by_mentee():
        if summary.mentee_id not in names:
            continue
        oldest = summary.oldest
        if summary.count > 1:
            said = ngettext("{count} concern, the oldest from {day}: {text}",
                            "{count} concerns, the oldest from {day}: {text}", summary.count)
        else:
            # Translators: a concern not yet raised: the day it was noted, then its words
            said = _("{day}: {text}")
        said = said.format(count=summary.count, day=day_text(oldest.at), text=oldest.text)
        concerns.append(TodayItem(names[summary.mentee_id], said, summary.mentee_id, "entry", oldest.id))
    waiting = []
    for thread in sorted(services.threads.waiting_on_lead(), key=lambda t: (t.last_at or dt.datetime.min)):
        if thread.mentee_id not in names:
            continue
        if thread.last_at:
            said = _("“{topic}”: they spoke last, on {day}.").format(topic=isolate(thread.topic),
                                                                       day=day_text(thread.last_at))
        else:
            said = _("“{topic}”: they opened it on {day}.").format(topic=isolate(thread.topic),
                                                                     day=day_text(thread.opened_on))
        waiting.append(TodayItem(names[thread.mentee_id], said, thread.mentee_id, "thread", thread.id))
    reviews = []
    for case in services.watchlist.open_cases():
        if case.next_review_on is None or case.next_review_on > today or case.mentee_id not in names:
            continue
        late = (today - case.next_review_on).days
        said = (_("Review was due today: {concern}") if late == 0 else
                ngettext("Review was due {count} day ago: {concern}", "Review was due {count} days ago: {concern}",
                         late)).format(count=late, concern=case.concern)
        reviews.append(TodayItem(names[case.mentee_id], said, case.mentee_id, "watch_case", case.id))

    groups = [
        TodayGroup(_("Check-ins due"), Tone.ALERT, tuple(item for _d, item in sorted(checks, key=lambda p: p[0]))),
        TodayGroup(_("Concerns not yet raised with them"), Tone.WARNING, tuple(concerns)),
        TodayGroup(_("Threads waiting on you"), Tone.INFO, tuple(waiting)),
        TodayGroup(ngettext("Not recognised for over {count} day", "Not recognised for over {count} days",
                            recognition_gap_days).format(count=recognition_gap_days), Tone.INFO,
                   tuple(item for _k, item in sorted(unthanked, key=lambda p: p[0]))),
        TodayGroup(_("Watchlist reviews due"), Tone.ALERT, tuple(reviews)),
    ]
    return [group for group in groups if group.items]


class TodayModel(QAbstractItemModel):
    """Groups at the top level, their items beneath; one column."""

    # What the auto-lock empties and gives back (views/journal/lock_vault.py): every field holding journal text.
    ROW_FIELDS: ClassVar[tuple[str, ...]] = ("_groups",)

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
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self._groups):
            return QModelIndex()
        if row >= len(self._groups[parent.row()].items):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # shadows QObject.parent()
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self._groups):
            return len(self._groups[parent.row()].items)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        return 1

    def item(self, index: Index) -> TodayItem | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1].items[index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return _("{group} ({count})").format(group=group.title, count=len(group.items))
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return _("{group}: {count}").format(group=group.title, count=len(group.items))
            return None
        item = self.item(index)
        assert item is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return _("{name} — {detail}").format(name=item.text, detail=item.detail)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return _("{name}: {detail} Press Enter to open.").format(name=item.text, detail=item.detail)
        if role == ItemRole:
            return item
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not index.parent().isValid():
            # A group heading is no stop for the keyboard: the arrows pass over it, from item to item.
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


_PAD_X, _PAD_Y = 8, 6
_TOPICS = (Topic.MENTEES, Topic.ENTRIES, Topic.THREADS, Topic.RECOGNITIONS, Topic.WATCHLIST)


class TodayDelegate(QStyledItemDelegate):
    """Group rows as headings with a count; items as a name over one quiet line of detail."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        if not index.parent().isValid():
            return QSize(200, QFontMetrics(bold_font(option.font)).height() + 2 * _PAD_Y + 10)
        return QSize(200, QFontMetrics(bold_font(option.font)).height()
                     + QFontMetrics(small_font(option.font)).height() + 2 * _PAD_Y + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        palette = opt.palette
        model = cast(TodayModel, index.model())
        painter.save()
        if not index.parent().isValid():
            palette.setCurrentColorGroup(QPalette.ColorGroup.Active)  # a heading reads as text, not as greyed out
            group = model.groups()[index.row()]
            font = bold_font(opt.font)
            metrics = QFontMetrics(font)
            rect = opt.rect.adjusted(0, _PAD_Y + 8, -_PAD_X, -_PAD_Y)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, group.title)
            count = str(len(group.items))
            size = pill_size(count, small_font(opt.font))
            left = rect.left() + metrics.horizontalAdvance(group.title) + 8
            top = rect.top() + (rect.height() - size.height()) // 2
            paint_pill(painter, rect=QRect(left, top, size.width(), size.height()), text=count, tone=group.tone,
                       palette=palette, font=small_font(opt.font))
            painter.restore()
            return
        if opt.widget is not None:
            opt.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        item = model.item(index)
        assert item is not None  # the group rows were painted above
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        rect = opt.rect.adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y)
        name_font, detail_font = bold_font(opt.font), small_font(opt.font)
        name_h = QFontMetrics(name_font).height()
        painter.setFont(name_font)
        painter.setPen(text)
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), name_h), Qt.AlignmentFlag.AlignLeft,
                         QFontMetrics(name_font).elidedText(item.text, Qt.TextElideMode.ElideRight, rect.width()))
        painter.setFont(detail_font)
        painter.setPen(text if selected else secondary_text(palette))
        detail = QFontMetrics(detail_font).elidedText(item.detail, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top() + name_h + 2, rect.width(), QFontMetrics(detail_font).height()),
                         Qt.AlignmentFlag.AlignLeft, detail)
        painter.restore()


class TodayView(QWidget):
    """Lists what is due today; Enter or a double-click opens an item where it can be acted on."""

    item_opened = Signal(object)  # TodayItem
    title = N_("Today")

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.recognition_gap_days = DEFAULT_RECOGNITION_GAP_DAYS
        self._stale = True
        self.heading = QLabel()
        self.heading.setObjectName("today_heading")
        self.heading.setFont(heading_font(self.font()))
        self.summary = QLabel()
        self.summary.setObjectName("today_summary")
        self.summary.setWordWrap(True)
        self.model = TodayModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("today_items")
        self.tree.setAccessibleName(_("What needs you today"))
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setIndentation(12)
        self.tree.setItemDelegate(TodayDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.activated.connect(self._open)
        self.empty = QLabel(_("<h3>Everything is in hand.</h3>"
                              "<p>Nobody is due for a check-in, no concern is waiting to be raised, "
                              "no thread is waiting on you and everyone has been thanked lately.</p>"))
        self.empty.setObjectName("today_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        # The retention policy's warning, at least 14 days before anyone is erased.
        self.retention_notice = QLabel()
        self.retention_notice.setObjectName("retention_notice")
        self.retention_notice.setWordWrap(True)
        self.retention_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.retention_notice.setMargin(6)
        self.retention_notice.hide()
        self._notices: list[RetentionDue] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.retention_notice)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        context.changes.changed.connect(self._on_change)
        self.refresh()

    def set_recognition_gap(self, days: int) -> None:
        self.recognition_gap_days = days
        self.refresh()

    def refresh(self) -> None:
        today = self.context.today()
        groups = build_today(self.context.services, today=today, recognition_gap_days=self.recognition_gap_days)
        self.model.reload(groups)
        self.tree.expandAll()
        self.heading.setText(_("Today, {day}").format(day=long_day_text(today)))
        total = sum(len(g.items) for g in groups)
        if total:
            self.summary.setText(ngettext(
                "{count} thing could use a moment. Enter opens the selected one where you can act on it.",
                "{count} things could use a moment. Enter opens the selected one where you can act on it.",
                total).format(count=total))
            self.stack.setCurrentWidget(self.tree)
            first = self.model.index(0, 0, self.model.index(0, 0))
            self.tree.setCurrentIndex(first)
        else:
            self.summary.setText("")
            self.stack.setCurrentWidget(self.empty)
        self.summary.setVisible(bool(total))
        self._show_retention(today)
        self._stale = False

    def _show_retention(self, today: dt.date) -> None:
        try:
            self._notices = self.context.services.retention.notices()
        except MentorAppError:
            self._notices = []
        if not self._notices:
            self.retention_notice.hide()
            return
        background, foreground = badge_colors(self.palette(), Tone.WARNING)
        self.retention_notice.setStyleSheet(
            f"background-color: {background.name()}; color: {foreground.name()}; border-radius: 4px")
        lines = [_("{name} will be erased on {erased} (left on {left}).").format(
            name=d.name, erased=day_text(d.erased_from(today)), left=day_text(d.archived_on)) for d in self._notices]
        lines.append(_("Your retention policy erases people who left, with their backups. To keep someone, put "
                       "them on hold or bring them back from the archive; Edit → Preferences changes the policy."))
        self.retention_notice.setText("\n".join(lines))
        self.retention_notice.show()
        if self.isVisible():
            self._noticed()

    def _noticed(self) -> None:
        try:  # the lead has now seen it: the 14 days of notice count from today
            self.context.services.retention.mark_noticed(self._notices)
        except MentorAppError:
            pass

    def _on_change(self, change: Change) -> None:
        if change.touches(*_TOPICS):
            # Refresh now if on screen; otherwise when next shown, so typing elsewhere stays instant.
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        if self._stale:
            self.refresh()
        super().showEvent(event)
        if self._notices:
            self._noticed()

    def _open(self, index: QModelIndex) -> None:
        item = self.model.item(index)
        if item is not None:
            self.item_opened.emit(item)
