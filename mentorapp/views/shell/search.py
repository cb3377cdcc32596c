"""Search (Ctrl+F): results as you type over everything the journal holds, best match first, match highlighted."""

from __future__ import annotations

import html
from typing import Any, ClassVar, cast

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QAbstractTextDocumentLayout,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _, ngettext
from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import SearchHit
from mentorapp.views.context import DeskContext
from mentorapp.views.widgets.context_menu import add_context_menu
from mentorapp.views.widgets.date_fields import day_text
from mentorapp.views.widgets.theme import Tone, badge_colors, secondary_text, small_font

HitRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


def heading_of(hit: SearchHit) -> str:
    when = day_text(hit.at) if hit.at else ""
    return "  ·  ".join(part for part in (hit.label, hit.mentee_name, when) if part)


class SearchModel(QAbstractListModel):
    """Holds the hits of the latest query."""

    # What the auto-lock empties and gives back (views/journal/lock_vault.py): every field holding journal text.
    ROW_FIELDS: ClassVar[tuple[str, ...]] = ("_hits",)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def reload(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.snippet
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return _("{heading}: {snippet}").format(heading=heading_of(hit), snippet=hit.snippet)
        if role == HitRole:
            return hit
        return None

    def hit_at(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None


SEARCH_DELAY_MS = 150
_PAD_X, _PAD_Y, _GAP = 10, 6, 2


def highlighted_html(hit: SearchHit, *, mark_bg: str, mark_fg: str) -> str:
    """The snippet as escaped HTML with each matched span marked."""
    parts, last = [], 0
    for start, end in hit.highlights:
        parts.append(html.escape(hit.snippet[last:start]))
        parts.append(f'<span style="background-color:{mark_bg}; color:{mark_fg}; font-weight:600">'
                     f"{html.escape(hit.snippet[start:end])}</span>")
        last = end
    parts.append(html.escape(hit.snippet[last:]))
    return "".join(parts)


class SearchHitDelegate(QStyledItemDelegate):
    """Two lines per hit: what and whose (quiet), then the snippet with the match marked."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def _document(self, option: QStyleOptionViewItem, hit: SearchHit, *, selected: bool) -> QTextDocument:
        palette = option.palette
        mark_bg, mark_fg = badge_colors(palette, Tone.WARNING)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setTextWidth(max(100, self.view.viewport().width() - 2 * _PAD_X))
        color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        document.setHtml(f'<div style="color:{color.name()}">'
                         f"{highlighted_html(hit, mark_bg=mark_bg.name(), mark_fg=mark_fg.name())}</div>")
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hit: SearchHit = index.data(HitRole)
        head = QFontMetrics(small_font(option.font)).height()
        body = int(self._document(option, hit, selected=False).size().height())
        return QSize(200, 2 * _PAD_Y + head + _GAP + body)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if opt.widget is not None:
            opt.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        hit: SearchHit = index.data(HitRole)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        rect = opt.rect.adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y)
        small = small_font(opt.font)
        painter.save()
        painter.setFont(small)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText) if selected else secondary_text(palette))
        head_h = QFontMetrics(small).height()
        head = QFontMetrics(small).elidedText(heading_of(hit), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), head_h), Qt.AlignmentFlag.AlignLeft, head)
        document = self._document(opt, hit, selected=selected)
        painter.translate(rect.left(), rect.top() + head_h + _GAP)
        context = QAbstractTextDocumentLayout.PaintContext()
        document.documentLayout().draw(painter, context)
        painter.restore()


class SearchDialog(QDialog):
    """Type to search; arrows move through the hits; Enter or a double-click opens one."""

    hit_chosen = Signal(object)  # SearchHit

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Search the journal"))
        self.setMinimumSize(560, 420)
        self.field = QLineEdit()
        self.field.setObjectName("search_field")
        self.field.setAccessibleName(_("Search"))
        self.field.setPlaceholderText(_("Words from any note, thread, goal, recognition, ask or name…"))
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.model = SearchModel(self)
        self.results = QListView()
        self.results.setObjectName("search_results")
        self.results.setAccessibleName(_("Search results"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(SearchHitDelegate(self.results))
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.activated.connect(self._open_index)
        self.open_action = QAction(_("&Open"), self)
        self.open_action.triggered.connect(lambda: self._open_index(self.results.currentIndex()))
        add_context_menu(self.results, lambda: [self.open_action])
        self.results.doubleClicked.connect(self._open_index)
        self.status = QLabel()
        self.status.setObjectName("search_status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_query)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.run_query()

    def run_query(self) -> None:
        self._timer.stop()
        text = self.field.text().strip()
        try:
            hits = self.context.services.search.query(text, limit=100) if text else []
        except MentorAppError as exc:
            hits = []
            self.status.setText(str(exc))
        self.model.reload(hits)
        if not text:
            self.status.setText(_("Type to search everything in the journal. ↑ ↓ to move, Enter to open."))
        elif not hits:
            self.status.setText(_("Nothing matches “{text}”.").format(text=text))
        else:
            if len(hits) >= 100:
                said = _("100 or more matches, best first. Enter opens the selected one.")
            else:
                said = ngettext("{count} match, best first. Enter opens the selected one.",
                                "{count} matches, best first. Enter opens the selected one.", len(hits)).format(
                                    count=len(hits))
            self.status.setText(said)
            self.results.setCurrentIndex(self.model.index(0))

    def _open_index(self, index: QModelIndex) -> None:
        hit = self.model.hit_at(index.row()) if index.isValid() else None
        if hit is not None:
            self.hit_chosen.emit(hit)
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        # The cursor stays in the field while the arrows walk the results, as in a launcher.
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event).key()
            steps: dict[int, int] = {
                Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5,
            }
            if key in steps or key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.run_query()
                if key in steps:
                    self._move(steps[key])
                else:
                    self._open_index(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        current = self.results.currentIndex().row()
        row = max(0, min(count - 1, (current if current >= 0 else -1) + step))
        index = self.model.index(row)
        self.results.setCurrentIndex(index)
        self.results.scrollTo(index)
