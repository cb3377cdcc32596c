"""The trash window: everything deleted from the desk, waiting to be restored."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
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
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import N_, _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Change, Topic
from mentorapp.models.services.trash import TrashItem
from mentorapp.views.context import DeskContext
from mentorapp.views.undo import push
from mentorapp.views.widgets.context_menu import add_context_menu
from mentorapp.views.widgets.date_fields import moment_text

TrashItemRole = Qt.ItemDataRole.UserRole + 1
# Translators: the trash window's column headers.
COLUMNS = (N_("Deleted"), N_("Kind"), N_("Mentee"), N_("What"))
# The undo step's words for putting back each kind of item (the keys of services.trash.KIND_LABELS).
RESTORE_WHAT = {
    "mentee": N_("Restore mentee"),
    "entry": N_("Restore note"),
    "thread": N_("Restore thread"),
    "goal": N_("Restore goal"),
    "recognition": N_("Restore recognition"),
    "ask": N_("Restore ask"),
    "watch_case": N_("Restore watchlist case"),
    "chance": N_("Restore chance"),
    "starter": N_("Restore conversation starter"),
}
Index = QModelIndex | QPersistentModelIndex


class TrashModel(QAbstractTableModel):
    """Trashed items, the most recently deleted first."""

    # What the auto-lock empties and gives back (views/journal/lock_vault.py): every field holding journal text.
    ROW_FIELDS: ClassVar[tuple[str, ...]] = ("_items",)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[TrashItem] = []

    def reload(self, items: list[TrashItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # Stamps are stored in UTC; the lead reads local time.
            local = item.deleted_at.replace(tzinfo=dt.UTC).astimezone()
            return (
                moment_text(local),
                _(item.kind_label),
                item.mentee_name or "—",
                " ".join(item.text.split()),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.text
        if role == TrashItemRole:
            return item
        return None

    def item_at(self, row: int) -> TrashItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None


class TrashDialog(QDialog):
    """Lists the trash; Restore (or Enter) puts the selected item back, with undo."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.services = context.services
        self.setWindowTitle(_("Trash"))
        self.setMinimumSize(640, 380)
        intro = QLabel(_("Deleted items wait here. Restore puts one back where it was, "
                         "with everything that went to the trash with it. Delete for good and Empty trash "
                         "remove them from the journal and its backups; that cannot be undone."))
        intro.setWordWrap(True)
        self.model = TrashModel(self)
        self.table = QTableView()
        self.table.setObjectName("trash")
        self.table.setAccessibleName(_("Trash"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.restore_current())
        restore_key = QAction(self.table)
        restore_key.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        restore_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        restore_key.triggered.connect(self.restore_current)
        self.table.addAction(restore_key)
        add_context_menu(self.table, lambda: [self.restore_button])

        self.empty = QLabel(_("The trash is empty.\nWhatever you delete waits here until you restore it."))
        self.empty.setObjectName("trash_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.restore_button = QPushButton(_("&Restore"))
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self.restore_current)
        self.purge_button = QPushButton(_("&Delete for good…"))
        self.purge_button.setObjectName("delete_for_good")
        self.purge_button.setToolTip(_("Delete the selected item from the journal and its backups (not undoable)"))
        self.purge_button.clicked.connect(self.delete_current_for_good)
        self.empty_button = QPushButton(_("&Empty trash…"))
        self.empty_button.setObjectName("empty_trash")
        self.empty_button.setToolTip(
            _("Delete everything in the trash from the journal and its backups (not undoable)"))
        self.empty_button.clicked.connect(self.empty_all)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.purge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addWidget(buttons)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._sync())
        context.changes.changed.connect(self._on_change)
        self.reload()

    def reload(self) -> None:
        row = max(0, self.table.currentIndex().row())
        self.model.reload(self.services.trash.items())
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.table)
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        else:
            self.stack.setCurrentWidget(self.empty)
        self._sync()

    def _sync(self) -> None:
        self.restore_button.setEnabled(self.current() is not None)
        current = self.current()
        self.purge_button.setEnabled(current is not None)
        self.empty_button.setEnabled(self.model.rowCount() > 0)

    def current(self) -> TrashItem | None:
        index = self.table.currentIndex()
        return self.model.item_at(index.row()) if index.isValid() else None

    def _on_change(self, change: Change) -> None:
        if change.touches(Topic.TRASH, Topic.MENTEES):
            self.reload()

    def delete_current_for_good(self) -> None:
        from mentorapp.views.journal.privacy import delete_for_good

        item = self.current()
        if item is not None:
            delete_for_good(self.context, item.kind, item.id, _(item.kind_label), parent=self)

    def empty_all(self) -> None:
        from mentorapp.views.journal.privacy import empty_trash

        empty_trash(self.context, parent=self)

    def restore_current(self) -> None:
        item = self.current()
        if item is None:
            return
        trash = self.services.trash
        try:
            what = RESTORE_WHAT.get(item.kind)
            words = _(what) if what is not None else _("Restore {kind}").format(kind=_(item.kind_label))
            push(self.context, trash.undoable(words, lambda: trash.restore(item.kind, item.id)))
        except MentorAppError as exc:
            self.context.report(str(exc))
