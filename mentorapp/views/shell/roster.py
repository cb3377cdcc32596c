"""The roster on the left of the desk: one row per mentee with the health badges from the insights."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from mentorapp.i18n import _, ngettext, pgettext
from mentorapp.models.insights import (
    DEFAULT_RECOGNITION_GAP_DAYS,
    Badge,
    CheckInState,
    Health,
    health,
)
from mentorapp.models.readmodels import RosterRow
from mentorapp.views.widgets.date_fields import day_text
from mentorapp.views.widgets.theme import (
    BADGE_TONES,
    PILL_GAP,
    Tone,
    bold_font,
    paint_pill,
    pill_size,
    secondary_text,
    small_font,
)

MenteeIdRole = Qt.ItemDataRole.UserRole + 1
RosterRowRole = Qt.ItemDataRole.UserRole + 2
HealthRole = Qt.ItemDataRole.UserRole + 3
BadgesRole = Qt.ItemDataRole.UserRole + 4  # list of (short text, Tone, sentence)
RoleTextRole = Qt.ItemDataRole.UserRole + 5

Index = QModelIndex | QPersistentModelIndex


def describe_badges(row: RosterRow, status: Health, *, gap_days: int) -> list[tuple[str, Tone, str]]:
    """Each badge as (short pill text, tone, the sentence a tooltip or screen reader gives)."""
    described = []
    cadence = row.mentee.cadence_days
    since = status.check_in.days_since
    # Translators: fills {talked} in "Check-in due: {talked}, every 14 days agreed."
    talked = _("never talked yet") if since is None else ngettext(
        "last talked {count} day ago", "last talked {count} days ago", since).format(count=since)
    for badge in status.badges:
        tone = BADGE_TONES[badge]
        if badge is Badge.OVERDUE:
            described.append((pgettext("badge", "overdue"), tone, ngettext(
                "Check-in overdue: {talked}, every {count} day agreed.",
                "Check-in overdue: {talked}, every {count} days agreed.", cadence).format(
                    talked=talked, count=cadence)))
        elif badge is Badge.DUE:
            described.append((pgettext("badge", "due"), tone, ngettext(
                "Check-in due: {talked}, every {count} day agreed.",
                "Check-in due: {talked}, every {count} days agreed.", cadence).format(talked=talked, count=cadence)))
        elif badge is Badge.WATCHLIST:
            described.append((pgettext("badge", "watchlist"), tone, _("On the watchlist.")))
        elif badge is Badge.UNRECOGNISED:
            days = status.days_since_recognition
            # Translators: fills {when} in "No recognition for over 60 days ({when})."
            when = _("never recognised") if days is None else ngettext(
                "last recognised {count} day ago", "last recognised {count} days ago", days).format(count=days)
            described.append((pgettext("badge", "unthanked"), tone, ngettext(
                "No recognition for over {count} day ({when}).", "No recognition for over {count} days ({when}).",
                gap_days).format(count=gap_days, when=when)))
        elif badge is Badge.UNDISCUSSED:
            count = row.undiscussed_concerns
            described.append((
                ngettext("{count} concern", "{count} concerns", count).format(count=count), tone,
                ngettext("{count} concern not yet raised with them: no surprises at review.",
                         "{count} concerns not yet raised with them: no surprises at review.", count).format(
                             count=count),
            ))
    return described


class RosterModel(QAbstractListModel):
    """Mentees in name order; `reload` swaps in a fresh list, keeping selections when it can."""

    # What the auto-lock empties and gives back (views/journal/lock_vault.py): every field holding journal text.
    ROW_FIELDS: ClassVar[tuple[str, ...]] = ("_rows", "_health")

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        today: Callable[[], dt.date],
        recognition_gap_days: int = DEFAULT_RECOGNITION_GAP_DAYS,
    ) -> None:
        super().__init__(parent)
        self._rows: list[RosterRow] = []
        self._health: list[Health] = []
        self._today = today
        self.recognition_gap_days = recognition_gap_days

    def reload(self, rows: list[RosterRow]) -> None:
        rows = list(rows)
        today = self._today()
        health_rows = [health(r, today=today, recognition_gap_days=self.recognition_gap_days) for r in rows]
        if rows and [r.mentee.id for r in rows] == [r.mentee.id for r in self._rows]:
            # Same people in the same order: update in place so selection and scroll stay put.
            self._rows, self._health = rows, health_rows
            self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self._rows, self._health = rows, health_rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        status = self._health[index.row()]
        mentee = row.mentee
        if role == Qt.ItemDataRole.DisplayRole:
            return mentee.name
        if role == RoleTextRole:
            return " · ".join([mentee.role] * bool(mentee.role) + [pgettext("roster", "archived")] * mentee.archived)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            parts = [_("{name} — {role}").format(name=mentee.name, role=mentee.role) if mentee.role else mentee.name]
            if mentee.archived:
                parts.append(_("Archived."))
            badges = describe_badges(row, status, gap_days=self.recognition_gap_days)
            parts += [sentence for _t, _tone, sentence in badges]
            if status.check_in.state is CheckInState.OK:
                parts.append(_("Next check-in by {day}.").format(day=day_text(status.check_in.due_on)))
            return "\n".join(parts)
        if role == MenteeIdRole:
            return mentee.id
        if role == RosterRowRole:
            return row
        if role == HealthRole:
            return status
        if role == BadgesRole:
            return describe_badges(row, status, gap_days=self.recognition_gap_days)
        return None

    def row_of(self, mentee_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.mentee.id == mentee_id), None)

    def mentee_ids(self) -> list[int]:
        return [r.mentee.id for r in self._rows]


_PAD_X, _PAD_Y, _LINE_GAP = 10, 7, 2


class RosterDelegate(QStyledItemDelegate):
    """Paints a mentee as three calm lines: the name, the role, then any badges."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        name = QFontMetrics(bold_font(option.font)).height()
        role = QFontMetrics(small_font(option.font)).height()
        height = 2 * _PAD_Y + name + (_LINE_GAP + role if index.data(RoleTextRole) else 0)
        if index.data(BadgesRole):
            height += _LINE_GAP + 2 + pill_size("x", small_font(option.font)).height()
        # No width of its own: names and roles elide to the list's width, never scroll sideways.
        return QSize(1, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
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
        top = rect.top() + name_h
        role_text = index.data(RoleTextRole) or ""
        if role_text:  # no blank line for someone without a role
            top += _LINE_GAP
            painter.setFont(role_font)
            painter.setPen(quiet)
            role = QFontMetrics(role_font).elidedText(role_text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(QRect(rect.left(), top, rect.width(), role_h), Qt.AlignmentFlag.AlignLeft, role)
            top += role_h

        x = rect.left()
        top += _LINE_GAP + 2
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
        self.setAccessibleName(_("Mentees"))
        self.setItemDelegate(RosterDelegate(self))
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.setMinimumWidth(200)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
