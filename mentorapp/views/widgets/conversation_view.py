"""A conversation drawn as speech bubbles, so both voices are told apart at a glance.

The lead's words sit on the right, the mentee's on the left, each headed with who
spoke to whom; private notes span the middle in a dashed frame and say they are
private. Colours are mixed from the palette, so the light and dark themes both read.
"""

from __future__ import annotations

import math
from typing import Any, cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from mentorapp.i18n import _
from mentorapp.models.vocabulary import Direction
from mentorapp.views.widgets.conversation_model import ConversationModel
from mentorapp.views.widgets.record_table_model import RecordIdRole, RecordRole

Index = QModelIndex | QPersistentModelIndex


def mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    """A colour between two palette colours (share_of_b = 0 gives a, 1 gives b)."""
    t = max(0.0, min(1.0, share_of_b))
    return QColor.fromRgbF(
        a.redF() * (1 - t) + b.redF() * t,
        a.greenF() * (1 - t) + b.greenF() * t,
        a.blueF() * (1 - t) + b.blueF() * t,
    )


class ConversationDelegate(QStyledItemDelegate):
    """Paints one entry as a bubble and says how tall it is at the view's current width."""

    OUTER = 6  # space around each bubble
    PAD = 10  # space inside it
    SHARE = 0.78  # how much of the width one voice may take
    RADIUS = 8.0

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    # -- geometry ----------------------------------------------------------------------------
    def _fonts(self, option: QStyleOptionViewItem, private: bool) -> tuple[QFont, QFont]:
        header = QFont(option.font)
        header.setBold(True)
        header.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        body = QFont(option.font)
        body.setItalic(private)
        return header, body

    def _document(self, text: str, font: QFont, width: float) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(font)
        text_option = QTextOption()
        # Long links and words without spaces wrap too, rather than run out of the bubble.
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(text_option)
        doc.setPlainText(text)
        doc.setTextWidth(width)
        return doc

    def _layout(self, option: QStyleOptionViewItem, index: Index, width: int) -> dict[str, Any]:
        """Where the bubble goes inside an item `width` wide, with its two header lines and text."""
        model = cast(ConversationModel, index.model())
        entry = index.data(RecordRole)
        private = entry.direction is Direction.PRIVATE
        header_font, body_font = self._fonts(option, private)
        speaker, details = model.speaker(entry), model.details(entry)
        header_metrics = QFontMetrics(header_font)
        detail_metrics = QFontMetrics(option.font)
        usable = max(120, width - 2 * self.OUTER)
        limit = usable if private else int(usable * self.SHARE)
        inner_limit = max(60, limit - 2 * self.PAD)
        doc = self._document(entry.text, body_font, inner_limit)
        # Whole pixels rounded up: a header measured a fraction short is drawn with an ellipsis.
        heads = math.ceil(max(QFontMetricsF(header_font).horizontalAdvance(speaker),
                              QFontMetricsF(option.font).horizontalAdvance(details)))
        inner = min(inner_limit, max(int(doc.idealWidth()) + 1, heads))
        doc.setTextWidth(inner)
        header_h = header_metrics.height() + detail_metrics.height() + 4
        bubble_h = self.PAD * 2 + header_h + int(doc.size().height())
        bubble_w = inner + 2 * self.PAD
        if private:
            bubble_w = usable
            doc.setTextWidth(usable - 2 * self.PAD)
            bubble_h = self.PAD * 2 + header_h + int(doc.size().height())
            x = self.OUTER
        elif entry.direction is Direction.TO_MENTEE:
            x = width - self.OUTER - bubble_w
        else:
            x = self.OUTER
        return {
            "bubble": QRect(x, self.OUTER, bubble_w, bubble_h),
            "speaker": speaker,
            "details": details,
            "header_font": header_font,
            "detail_font": option.font,
            "header_h": header_h,
            "doc": doc,
            "direction": entry.direction,
        }

    def bubble_in(self, option: QStyleOptionViewItem, index: Index) -> QRect:
        """The bubble's rectangle inside the item rectangle `option.rect`."""
        return self._layout(option, index, option.rect.width())["bubble"].translated(option.rect.topLeft())

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # Qt override
        width = self.view.viewport().width()
        layout = self._layout(option, index, width)
        return QSize(width, layout["bubble"].height() + 2 * self.OUTER)

    # -- painting ----------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        layout = self._layout(option, index, option.rect.width())
        palette: QPalette = option.palette
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Highlight)
        direction: Direction = layout["direction"]
        if direction is Direction.TO_MENTEE:
            fill, border = mix(base, accent, 0.20), mix(base, accent, 0.55)
        elif direction is Direction.FROM_MENTEE:
            fill, border = mix(base, text, 0.07), mix(base, text, 0.30)
        else:
            fill, border = base, mix(base, text, 0.45)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bubble = QRectF(layout["bubble"].translated(option.rect.topLeft())).adjusted(0.5, 0.5, -0.5, -0.5)
        path = QPainterPath()
        path.addRoundedRect(bubble, self.RADIUS, self.RADIUS)
        painter.fillPath(path, fill)
        pen = QPen(accent if selected else border, 2.0 if selected else 1.0)
        if direction is Direction.PRIVATE and not selected:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawPath(path)

        left = int(bubble.left()) + self.PAD
        top = int(bubble.top()) + self.PAD
        # The width the layout measured the lines for: the frame's half-pixel inset above
        # would otherwise cut a header that fits exactly down to an ellipsis.
        inner_width = layout["bubble"].width() - 2 * self.PAD
        quiet = mix(text, fill, 0.35)
        painter.setPen(text)
        painter.setFont(layout["header_font"])
        header_metrics = QFontMetrics(layout["header_font"])
        painter.drawText(QRect(left, top, inner_width, header_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         header_metrics.elidedText(layout["speaker"], Qt.TextElideMode.ElideRight, inner_width))
        painter.setPen(quiet)
        painter.setFont(layout["detail_font"])
        detail_metrics = QFontMetrics(layout["detail_font"])
        painter.drawText(QRect(left, top + header_metrics.height(), inner_width, detail_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         detail_metrics.elidedText(layout["details"], Qt.TextElideMode.ElideRight, inner_width))

        painter.translate(left, top + layout["header_h"])
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text)
        layout["doc"].documentLayout().draw(painter, context)
        painter.restore()


class ConversationView(QListView):
    """The list of bubbles; Enter edits the selected entry, Delete trashes it, a menu offers both."""

    edit_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, *, accessible_name: str, placeholder: str, parent: QWidget | None = None) -> None:
        # Follow the newest message until the reader scrolls or picks one themselves.
        self._stick_to_end = False
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.placeholder = placeholder
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalScrollBar().setSingleStep(16)
        self.setItemDelegate(ConversationDelegate(self))
        # One bubble's worth, no more: on a 1024×640 screen the reply box under it must still fit.
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.verticalScrollBar().actionTriggered.connect(self._unstick)

    def current_id(self) -> int | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isSelected(index):
            return None
        return index.data(RecordIdRole)

    def select_id(self, entry_id: int) -> bool:
        model = cast(ConversationModel, self.model())
        row = model.row_of(entry_id)
        if row is None:
            return False
        self._stick_to_end = False
        index = model.index(row, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        entry_id = self.current_id()
        if entry_id is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_requested.emit(entry_id)
            return
        if entry_id is not None and (event.matches(QKeySequence.StandardKey.Delete)
                                     or event.key() == Qt.Key.Key_Delete):
            self.delete_requested.emit(entry_id)
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # Qt override
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.edit_requested.emit(index.data(RecordIdRole))
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # Qt override
        index = self.indexAt(event.pos())
        if not index.isValid():
            return
        self.setCurrentIndex(index)
        entry_id = index.data(RecordIdRole)
        menu = QMenu(self)
        menu.addAction(_("&Edit…"), lambda: self.edit_requested.emit(entry_id))
        menu.addAction(_("&Delete"), lambda: self.delete_requested.emit(entry_id))
        menu.exec(event.globalPos())

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        # Bubbles rewrap to the new width: ask for every item's height again.
        self.scheduleDelayedItemsLayout()

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            painter.end()

    def scroll_to_end(self) -> None:
        self._stick_to_end = True
        self.scrollToBottom()

    def _unstick(self, _action: int) -> None:
        self._stick_to_end = False

    def wheelEvent(self, event: QWheelEvent) -> None:  # Qt override
        self._stick_to_end = False
        super().wheelEvent(event)

    def updateGeometries(self) -> None:  # Qt override
        super().updateGeometries()
        # Item heights are only known once laid out at the final width: keep the end in view.
        if self._stick_to_end:
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def bubble_rect(self, entry_id: int) -> QRect | None:
        """Where an entry's bubble is drawn, in viewport coordinates (None if it is not shown)."""
        model = cast(ConversationModel, self.model())
        row = model.row_of(entry_id)
        if row is None:
            return None
        index = model.index(row, 0)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = self.visualRect(index)
        delegate = cast(ConversationDelegate, self.itemDelegate())
        return delegate.bubble_in(option, index)

    def point_of(self, entry_id: int) -> QPoint | None:
        """The middle of an entry's bubble (where a click selects it)."""
        rect = self.bubble_rect(entry_id)
        return rect.center() if rect is not None else None
