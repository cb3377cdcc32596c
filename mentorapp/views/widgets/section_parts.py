"""Widgets the sections are built from: the record table, the empty-state sentence, headings.

They keep the five sections and the team watchlist alike in the ways a lead
notices: the same keys act on a selected row (Enter edits, Delete trashes), the
same quiet sentence explains an empty list, and headings look the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QHelpEvent, QIcon, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _
from mentorapp.views.widgets.record_table_model import RecordIdRole, RecordTableModel
from mentorapp.views.widgets.text_direction import sentence


def warning_icon(widget: QWidget) -> QIcon:
    return widget.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def action_button(text: str, *, accessible_name: str, tooltip: str = "",
                  slot: Callable[[], object] | None = None, parent: QWidget | None = None) -> QPushButton:
    """A push button for the section's action bar (text with an &mnemonic for Alt+key)."""
    button = QPushButton(text, parent)
    button.setAccessibleName(accessible_name)
    if tooltip:
        button.setToolTip(tooltip)
    button.setAutoDefault(False)
    if slot is not None:
        button.clicked.connect(lambda _checked=False: slot())
    return button


def menu_button(text: str, *, accessible_name: str, tooltip: str = "", parent: QWidget | None = None) -> QPushButton:
    """A button that opens a menu of choices (e.g. a status to set); give it one with setMenu."""
    button = action_button(text, accessible_name=accessible_name, tooltip=tooltip, parent=parent)
    return button


def action_bar(*widgets: QWidget, trailing: tuple[QWidget, ...] = ()) -> QHBoxLayout:
    bar = QHBoxLayout()
    bar.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        bar.addWidget(widget)
    bar.addStretch(1)
    for widget in trailing:
        bar.addWidget(widget)
    return bar


def heading(text: str = "", *, level: int = 1, parent: QWidget | None = None) -> QLabel:
    """A bold heading, a little larger than the body text for level 1."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setBold(True)
    if level == 1:
        font.setPointSizeF(font.pointSizeF() * 1.25)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def paragraph(text: str = "", *, accessible_name: str = "", quiet: bool = False,
              parent: QWidget | None = None) -> QLabel:
    """Plain, wrapped, selectable text (user text is never read as markup)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    if accessible_name:
        label.setAccessibleName(accessible_name)
    if quiet:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class IconLine(QWidget):
    """A line of text that can carry a warning sign in front (an overdue date, a long silence)."""

    def __init__(self, *, accessible_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(warning_icon(self).pixmap(size, size))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.icon.hide()
        self.label = paragraph(accessible_name=accessible_name)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)

    def set_text(self, text: str, *, warn: bool = False) -> None:
        self.label.setText(text)
        self.icon.setVisible(warn)
        font = QFont(self.label.font())
        font.setBold(warn)
        self.label.setFont(font)

    def text(self) -> str:
        return self.label.text()

    def warned(self) -> bool:
        return not self.icon.isHidden()


def scrolling(widget: QWidget) -> QScrollArea:
    """Let a detail pane scroll as a whole when the window is made small, rather than squeeze."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setMinimumHeight(120)
    return area


class Figure(QFrame):
    """A number that matters, large, with a caption under it (e.g. days since the last thanks)."""

    def __init__(self, caption: str = "", *, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.value = QLabel()
        self.value.setAccessibleName(accessible_name)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.value.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 2.0)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, value: str, caption: str | None = None) -> None:
        self.value.setText(value)
        if caption is not None:
            self.caption.setText(caption)


class EmptyState(QWidget):
    """One calm sentence (or two) where a list would be, with an optional button to start."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = heading(level=2)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = paragraph(quiet=True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setAccessibleName(_("Explanation"))
        # A short measure reads calmly; a sentence across a wide window does not.
        self.text.setMaximumWidth(520)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        measure = QHBoxLayout()
        measure.addStretch(1)
        measure.addWidget(self.text, 10)
        measure.addStretch(1)
        layout.addWidget(self.title)
        layout.addLayout(measure)
        self.button = QPushButton()
        self.button.setAutoDefault(False)
        self.button.hide()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self._action: Callable[[], object] | None = None
        self.button.clicked.connect(self._clicked)

    def set_message(self, title: str, text: str = "", *, action: str = "",
                    on_action: Callable[[], object] | None = None) -> None:
        """Show the sentence; `action` names a button that starts (no mnemonic: the action bar has it)."""
        # The desk's own sentences: one that starts with an Arabic name stays left to right.
        self.title.setText(sentence(title))
        self.text.setText(sentence(text))
        self.text.setVisible(bool(text))
        self._action = on_action
        self.button.setText(action)
        self.button.setAccessibleName(action.rstrip("…"))
        self.button.setVisible(bool(action) and on_action is not None)

    def _clicked(self) -> None:
        if self._action is not None:
            self._action()


class _RoomyDelegate(QStyledItemDelegate):
    """Gives wrapped rows some air above and below, so a ledger of several lines stays readable."""

    PADDING = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self.PADDING)


STRETCH_SHARE = 0.4  # of a table's width, kept for its free-text column(s)


class RecordTable(QTableView):
    """A table of records: one row selected at a time; Enter or double-click edits, Delete trashes."""

    edit_requested = Signal(int)
    delete_requested = Signal(int)
    record_selected = Signal(object)  # the record id, or None when nothing is selected

    def __init__(self, model: RecordTableModel, *, accessible_name: str, stretch: tuple[int, ...] = (-1,),
                 wrap: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.verticalHeader().hide()
        # A ledger is read in full, so its rows grow to their text; plain lists stay one line a row.
        self.setWordWrap(wrap)
        self.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents if wrap else QHeaderView.ResizeMode.Fixed
        )
        if wrap:
            self.setItemDelegate(_RoomyDelegate(self))
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        # Headers line up with the left-aligned text under them, and a narrow one is cut at its end.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(72)  # even squeezed, a free-text column keeps a few words
        # Long free text (a topic, details) takes the spare width and is elided; dates keep theirs.
        self._stretched: set[int] = set()
        for wanted in stretch:
            column = wanted if wanted >= 0 else len(model.headers) + wanted
            if 0 <= column < len(model.headers):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                self._stretched.add(column)
        self.doubleClicked.connect(self._double_clicked)
        # Selection, not the current index: a click moves the current index before it selects.
        self.selectionModel().selectionChanged.connect(lambda _new, _old: self.record_selected.emit(self.current_id()))
        model.modelReset.connect(lambda: self.record_selected.emit(self.current_id()))

    @property
    def records(self) -> RecordTableModel:
        return cast(RecordTableModel, self.model())

    def show_at_least(self, rows: int) -> None:
        """Never shorter than its header and `rows` whole rows (not a row and a half)."""
        if self.wordWrap():
            row = self.fontMetrics().lineSpacing() + _RoomyDelegate.PADDING
        else:
            row = self.verticalHeader().defaultSectionSize()
        self.setMinimumHeight(self.horizontalHeader().sizeHint().height() + rows * row + 2 * self.frameWidth())

    def sizeHintForColumn(self, column: int) -> int:  # noqa: N802  # a Qt override
        """A column's width for its contents, but the sized columns together leave the stretched
        ones (the topic) at least STRETCH_SHARE of the width: a long name under "Opened by"
        is shortened with the others rather than squeeze "How we handle…" to "How we han…"."""
        natural = super().sizeHintForColumn(column)
        if column in self._stretched or not self._stretched:
            return natural
        sized = [c for c in range(self.records.columnCount()) if c not in self._stretched]
        total = sum(super(RecordTable, self).sizeHintForColumn(c) for c in sized)
        budget = self.viewport().width() * (1 - STRETCH_SHARE)
        if total <= budget or budget <= 0:
            return natural
        return max(self.horizontalHeader().minimumSectionSize(), int(natural * budget / total))

    def viewportEvent(self, event: QEvent) -> bool:  # Qt override
        # A cell shortened to fit ("Priya Raman, 24 S…") shows its whole text on hover.
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            text = index.data(Qt.ItemDataRole.DisplayRole) if index.isValid() else None
            if isinstance(text, str) and index.data(Qt.ItemDataRole.ToolTipRole) is None \
                    and self.fontMetrics().horizontalAdvance(text) > self.visualRect(index).width() - 12:
                QToolTip.showText(event.globalPos(), text, self.viewport(), self.visualRect(index))
                return True
        return super().viewportEvent(event)

    def _selected_row(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def current_id(self) -> int | None:
        row = self._selected_row()
        return self.records.record(row).id if row is not None else None

    def current_record(self) -> Any:  # the model's read model
        row = self._selected_row()
        return self.records.record(row) if row is not None else None

    def select_id(self, record_id: int | None) -> bool:
        row = self.records.row_of(record_id) if record_id is not None else None
        if row is None:
            return False
        index = self.records.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.scrollTo(index)
        return True

    def reveal(self, record_id: int) -> bool:
        """Select the record and give the table the keyboard, as when a search hit opens it here."""
        if not self.select_id(record_id):
            return False
        self.setFocus()
        return True

    def select_first(self) -> None:
        if self.records.rowCount():
            self.select_id(self.records.record(0).id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        record_id = self.current_id()
        if record_id is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_requested.emit(record_id)
            return
        if record_id is not None and (event.matches(QKeySequence.StandardKey.Delete)
                                      or event.key() == Qt.Key.Key_Delete):
            self.delete_requested.emit(record_id)
            return
        super().keyPressEvent(event)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_requested.emit(index.data(RecordIdRole))
