"""The roster list on the left of the desk: name, role and health badges for each mentee."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from mentorapp.views.roster_model import BadgesRole, RoleTextRole
from mentorapp.views.theme import PILL_GAP, bold_font, paint_pill, pill_size, secondary_text, small_font

_PAD_X, _PAD_Y, _LINE_GAP = 10, 7, 2


class RosterDelegate(QStyledItemDelegate):
    """Paints a mentee as three calm lines: the name, the role, then any badges."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        name = QFontMetrics(bold_font(option.font)).height()
        role = QFontMetrics(small_font(option.font)).height()
        height = 2 * _PAD_Y + name + _LINE_GAP + role
        if index.data(BadgesRole):
            height += _LINE_GAP + 2 + pill_size("x", small_font(option.font)).height()
        # No width of its own: names and roles elide to the list's width, never scroll sideways.
        return QSize(1, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet = text_color if selected else secondary_text(palette)
        rect = opt.rect.adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y)

        painter.save()
        name_font = bold_font(opt.font)
        name_h = QFontMetrics(name_font).height()
        painter.setFont(name_font)
        painter.setPen(text_color)
        name = QFontMetrics(name_font).elidedText(index.data() or "", Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), name_h), Qt.AlignmentFlag.AlignLeft, name)

        role_font = small_font(opt.font)
        role_h = QFontMetrics(role_font).height()
        top = rect.top() + name_h + _LINE_GAP
        painter.setFont(role_font)
        painter.setPen(quiet)
        role = QFontMetrics(role_font).elidedText(index.data(RoleTextRole) or "", Qt.TextElideMode.ElideRight,
                                                  rect.width())
        painter.drawText(QRect(rect.left(), top, rect.width(), role_h), Qt.AlignmentFlag.AlignLeft, role)

        x = rect.left()
        top += role_h + _LINE_GAP + 2
        for text, tone, _sentence in index.data(BadgesRole) or ():
            size = pill_size(text, role_font)
            if x + size.width() > rect.right() + 1:
                break
            paint_pill(painter, rect=QRect(x, top, size.width(), size.height()), text=text, tone=tone,
                       palette=palette, font=role_font)
            x += size.width() + PILL_GAP
        painter.restore()


class RosterView(QListView):
    """The team list; keyboard navigation and type-ahead search come from QListView."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roster")
        self.setAccessibleName("Mentees")
        self.setItemDelegate(RosterDelegate(self))
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.setMinimumWidth(200)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
