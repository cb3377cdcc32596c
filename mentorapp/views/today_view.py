"""The Today view: what needs the lead now, each item one Enter away from where to act on it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
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

from mentorapp.models.insights import DEFAULT_RECOGNITION_GAP_DAYS
from mentorapp.models.services import Change, Topic
from mentorapp.views.context import DeskContext
from mentorapp.views.theme import bold_font, heading_font, paint_pill, pill_size, secondary_text, small_font
from mentorapp.views.today_model import TodayItem, TodayModel, build_today

_PAD_X, _PAD_Y = 8, 6
_TOPICS = (Topic.MENTEES, Topic.ENTRIES, Topic.THREADS, Topic.RECOGNITIONS, Topic.WATCHLIST)


class TodayDelegate(QStyledItemDelegate):
    """Group rows as headings with a count; items as a name over one quiet line of detail."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        if not index.parent().isValid():
            return QSize(200, QFontMetrics(bold_font(option.font)).height() + 2 * _PAD_Y + 10)
        return QSize(200, QFontMetrics(bold_font(option.font)).height()
                     + QFontMetrics(small_font(option.font)).height() + 2 * _PAD_Y + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        palette = opt.palette
        model: TodayModel = index.model()  # type: ignore[assignment]
        painter.save()
        if not index.parent().isValid():
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
        item: TodayItem = model.item(index)  # type: ignore[assignment]
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
    title = "Today"

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
        self.tree.setAccessibleName("What needs you today")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setIndentation(12)
        self.tree.setItemDelegate(TodayDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.activated.connect(self._open)
        self.empty = QLabel("<h3>Everything is in hand.</h3>"
                            "<p>Nobody is due for a check-in, no concern is waiting to be raised, "
                            "no thread is waiting on you and everyone has been thanked lately.</p>")
        self.empty.setObjectName("today_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.heading)
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
        self.heading.setText(f"Today, {today:%A %d %B %Y}")
        total = sum(len(g.items) for g in groups)
        if total:
            self.summary.setText(f"{total} thing{'s' * (total != 1)} could use a moment. "
                                 "Enter opens the selected one where you can act on it.")
            self.stack.setCurrentWidget(self.tree)
            first = self.model.index(0, 0, self.model.index(0, 0))
            self.tree.setCurrentIndex(first)
        else:
            self.summary.setText("")
            self.stack.setCurrentWidget(self.empty)
        self.summary.setVisible(bool(total))
        self._stale = False

    def _on_change(self, change: Change) -> None:
        if change.touches(*_TOPICS):
            # Refresh now if on screen; otherwise when next shown, so typing elsewhere stays instant.
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def _open(self, index: QModelIndex) -> None:
        item = self.model.item(index)
        if item is not None:
            self.item_opened.emit(item)
