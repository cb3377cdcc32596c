"""The conversation-starter library: add, edit, reorder and delete the lead's opening questions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import StarterView
from mentorapp.models.services import Change, Topic
from mentorapp.views.context import DeskContext
from mentorapp.views.undo import push
from mentorapp.views.widgets.drafts import DraftKeeper

StarterRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class StartersModel(QAbstractListModel):
    """Starters in the lead's order; editing a row's text calls `rename(starter, text)`."""

    # What the auto-lock empties and gives back (views/journal/lock_vault.py): every field holding journal text.
    ROW_FIELDS: ClassVar[tuple[str, ...]] = ("_rows",)

    def __init__(self, *, rename: Callable[[StarterView, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StarterView] = []
        self._rename = rename

    def reload(self, rows: list[StarterView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        starter = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return starter.text
        if role == StarterRole:
            return starter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        starter = self._rows[index.row()]
        if str(value) == starter.text:
            return False
        try:
            self._rename(starter, str(value))
        except MentorAppError:
            return False
        # The change announcement reloads the list; nothing more to do here.
        return True

    def starter_at(self, row: int) -> StarterView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, starter_id: int) -> int | None:
        return next((i for i, s in enumerate(self._rows) if s.id == starter_id), None)


class StartersDialog(QDialog):
    """Edits the library in place; every change can be undone with Ctrl+Z."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.starters = context.services.starters
        self.setWindowTitle(_("Conversation starters"))
        self.setMinimumSize(560, 380)
        intro = QLabel(_("Questions to open a conversation with, offered while you write a note. "
                         "Double-click or press F2 to edit one; Alt+↑ and Alt+↓ reorder."))
        intro.setWordWrap(True)
        self.model = StartersModel(rename=self._rename, parent=self)
        self.list = QListView()
        self.list.setObjectName("starters")
        self.list.setAccessibleName(_("Conversation starters"))
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)
        # Room around each question; colours still come from the palette.
        self.list.setStyleSheet("QListView::item { padding: 5px 4px; }")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)

        self.new_text = QLineEdit()
        self.new_text.setObjectName("new_starter")
        self.new_text.setAccessibleName(_("New conversation starter"))
        self.new_text.setPlaceholderText(_("A new question, e.g. “What would make this easier for you?”"))
        self.new_text.returnPressed.connect(self.add)
        add_button = QPushButton(_("&Add"))
        add_button.setAutoDefault(False)
        add_button.clicked.connect(self.add)
        add_row = QHBoxLayout()
        new_label = QLabel(_("&New:"))
        new_label.setBuddy(self.new_text)
        add_row.addWidget(new_label)
        add_row.addWidget(self.new_text, 1)
        add_row.addWidget(add_button)
        # A question half-typed here is kept in the journal until it is added or erased.
        self.drafts = DraftKeeper(context.services.journal, "starter.new", self)
        self.drafts.add_text("text", self.new_text)
        self.drafts.restore()

        self.up_button = QPushButton(_("Move &up"))
        self.down_button = QPushButton(_("Move do&wn"))
        self.delete_button = QPushButton(_("&Delete"))
        self.delete_button.setToolTip(_("Move to the trash (Delete); Ctrl+Z brings it back"))
        for button in (self.up_button, self.down_button, self.delete_button):
            button.setAutoDefault(False)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.delete_button.clicked.connect(self.delete_current)
        side = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.delete_button):
            side.addWidget(button)
        side.addStretch()
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)

        for keys, slot in (("Alt+Up", lambda: self.move_current(-1)), ("Alt+Down", lambda: self.move_current(+1)),
                           (QKeySequence.StandardKey.Delete, self.delete_current)):
            action = QAction(self.list)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.list.addAction(action)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        # Return belongs to the "New" field and the list editor, never to Close.
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addLayout(add_row)
        layout.addWidget(buttons)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._sync_buttons())
        context.changes.changed.connect(self._on_change)
        self.reload()
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def reload(self, *, select_id: int | None = None) -> None:
        current = self.current()
        self.model.reload(self.starters.list())
        wanted = select_id if select_id is not None else current.id if current else None
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))
        self._sync_buttons()

    def _on_change(self, change: Change) -> None:
        if change.touches(Topic.STARTERS):
            self.reload()

    def current(self) -> StarterView | None:
        return self.model.starter_at(self.list.currentIndex().row())

    def _sync_buttons(self) -> None:
        row = self.list.currentIndex().row()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)
        self.delete_button.setEnabled(row >= 0)

    def _push(self, what: str, do: Callable[[], T], *, record_id: int | None = None) -> T | None:
        try:
            return push(self.context, self.starters.undoable(what, do, record_id=record_id))
        except MentorAppError as exc:
            self.context.report(str(exc))
            return None

    # -- actions ------------------------------------------------------------------------------
    def add(self) -> None:
        text = self.new_text.text()
        if not text.strip():
            return
        added = self._push(_("Add conversation starter"), lambda: self.starters.add(text))
        if added is not None:
            self.drafts.saved()
            with self.drafts.quiet():
                self.new_text.clear()
            self.reload(select_id=added.id)

    def _rename(self, starter: StarterView, text: str) -> None:
        push(self.context, self.starters.undoable(_("Edit conversation starter"),
                                                  lambda: self.starters.edit(starter.id, text)))

    def move_current(self, step: int) -> None:
        starter = self.current()
        row = self.list.currentIndex().row()
        target = row + step
        if starter is None or not 0 <= target < self.model.rowCount():
            return
        self._push(_("Move conversation starter"), lambda: self.starters.move(starter.id, target), record_id=starter.id)
        self.reload(select_id=starter.id)

    def delete_current(self) -> None:
        starter = self.current()
        if starter is None:
            return
        row = self.list.currentIndex().row()
        self._push(_("Delete conversation starter"), lambda: self.starters.trash(starter.id))
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))
        self._sync_buttons()
