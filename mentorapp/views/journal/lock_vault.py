"""What the auto-lock takes out of the desk while it is locked, and puts back where it was.

Hiding widgets is not enough: a hidden widget stays in the accessibility tree, where any
program in the session can read its texts, and an item model answers whoever asks it.
So locking takes the window's central widget out of the window (only the lock screen
and the disabled menus stay in its tree), detaches every item model from its views
and from the desk's object tree, empties the desk's own models (each names the fields
that hold journal text in `ROW_FIELDS`; they are held here, out of every model, until
unlock), and empties every text a widget holds —
labels, line and text boxes, combo boxes, buttons, commands and menus, tool tips and
accessible names — in
the window and in the windows the lock hid. Unlocking puts each back as it was: the same
model (rows, selection, current row and scroll position), the same document (cursor and
undo history), the same focus. What the boxes held unsaved is in the journal as a draft
before any of this (`AutoLock` flushes the draft keepers first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QStandardItemModel, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QCompleter,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QStatusBar,
    QTableWidget,
    QTabBar,
    QTextEdit,
    QTreeWidget,
    QWidget,
)
from mentorapp.i18n import _
from shiboken6 import isValid

# Views that own their model (QListWidget and friends cannot be given another one); their items
# are names of views and shortcuts, never journal text.
_OWN_MODEL = (QListWidget, QTreeWidget, QTableWidget)


Path = tuple[tuple[int, int], ...]  # an index as (row, column) steps from the top, which outlives a model reset


@dataclass
class _DetachedView:
    view: QAbstractItemView
    model: QAbstractItemModel
    selection: QItemSelectionModel | None
    current: Path
    selected: list[Path]
    root: Path
    scroll: tuple[int, int]


@dataclass
class _Vault:
    """Everything taken away, with how to put it back (restored in reverse order)."""

    restores: list[Callable[[], object]] = field(default_factory=list)

    def keep(self, restore: Callable[[], object]) -> None:
        self.restores.append(restore)


class LockVault(QObject):
    """Empties a window (and the windows hidden with it) on `close`, and fills them again on `open`."""

    def __init__(self, window: QMainWindow, *, spare: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.spare = spare  # the lock screen: left as it is
        self._holder = QObject()  # owns the models while they are out of the desk (no parent: unreachable)
        self._empty = QStandardItemModel(self._holder)
        self._vault: _Vault | None = None
        self._focus: QWidget | None = None

    @property
    def closed(self) -> bool:
        return self._vault is not None

    def close(self, hidden_windows: Iterable[QWidget] = (), *, focus: QWidget | None = None) -> None:
        """Empty the window and `hidden_windows`; `focus` gets the keyboard back on `open`."""
        if self._vault is not None:
            return
        vault = self._vault = _Vault()
        self._focus = focus
        roots = [self.window, *hidden_windows]
        body = self.window.centralWidget()
        if body is not None:
            self.window.takeCentralWidget()  # out of the window, and so out of its accessibility tree
            vault.keep(lambda: self._put_back(body))
            roots.append(body)
        status = self.window.findChild(QStatusBar)  # never statusBar(), which would make one
        if status is not None:
            message = status.currentMessage()
            status.clearMessage()
            if message:
                vault.keep(lambda: status.showMessage(message, 5000))
        widgets = [w for root in roots for w in [root, *root.findChildren(QWidget)] if not self._spared(w)]
        widgets = list(dict.fromkeys(widgets))
        for widget in widgets:
            if isinstance(widget, QComboBox):
                self._empty_combo(widget, vault)
        detached = [self._detach_view(widget, vault) for widget in widgets
                    if isinstance(widget, QAbstractItemView) and not isinstance(widget, _OWN_MODEL)
                    and not _inside(widget, QComboBox)]
        models = [*(view.model for view in detached if view is not None),
                  *(model for root in roots for model in root.findChildren(QAbstractItemModel))]
        selections = [view.selection for view in detached if view is not None and view.selection is not None]
        for model in dict.fromkeys(models):
            self._forget_rows(model, selections, vault)
        for model in dict.fromkeys(models):
            self._take_model(model, vault)
        for widget in widgets:
            self._empty_texts(widget, vault)
        # Commands and menus too: Edit ▸ Undo names the record and whose it is ("Undo Edit goal … for …").
        for action in dict.fromkeys(a for root in roots for a in root.findChildren(QAction)):
            _swap(vault, action.text, action.setText)
            _swap(vault, action.statusTip, action.setStatusTip)

    def open(self) -> None:
        vault, self._vault = self._vault, None
        if vault is None:
            return
        for restore in reversed(vault.restores):
            try:
                restore()
            except RuntimeError:  # its widget was deleted while locked (a window that closed itself)
                continue

    def _put_back(self, body: QWidget) -> None:
        self.window.setCentralWidget(body)
        body.show()  # now, not at the next turn of the event loop (the focus goes back into it)

    def restore_focus(self) -> None:
        """Give the keyboard back to the widget that had it (once the desk is enabled again)."""
        focus, self._focus = self._focus, None
        if focus is not None and isValid(focus) and focus.isVisible() and focus.isEnabled():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- what is taken -------------------------------------------------------------------------------------
    def _spared(self, widget: QWidget) -> bool:
        probe: QWidget | None = widget
        while probe is not None:
            if probe is self.spare:
                return True
            probe = probe.parentWidget()
        return False

    def _take_model(self, model: QAbstractItemModel, vault: _Vault) -> None:
        """Move a model out of the desk's object tree (Qt's own, inside list widgets and completers, stay)."""
        owner = QObject.parent(model)  # a tree model's parent() is its rows' parent
        if model is self._empty or owner is None or isinstance(owner, (*_OWN_MODEL, QCompleter)):
            return
        model.setParent(self._holder)
        vault.keep(lambda: model.setParent(owner) if isValid(owner) else None)

    def _forget_rows(self, model: QAbstractItemModel, selections: list[QItemSelectionModel], vault: _Vault) -> None:
        """Empty one of the desk's models; its rows wait here (never in a model) until `open`."""
        fields: tuple[str, ...] = getattr(type(model), "ROW_FIELDS", ())
        if not fields:
            return
        kept = {name: getattr(model, name) for name in fields}

        def reset(values: dict[str, object]) -> None:
            # Unannounced: no view shows the model meanwhile (each is given it afresh on `open`, with its
            # selection), and the model's owners must not react to rows that only step out and back in.
            with _quiet(selections):
                for selection in selections:
                    if isValid(selection) and selection.model() is model:
                        selection.clear()
                blocked = model.blockSignals(True)
                try:
                    model.beginResetModel()
                    for name, value in values.items():
                        setattr(model, name, value)
                    model.endResetModel()
                finally:
                    model.blockSignals(blocked)

        reset({name: type(value)() for name, value in kept.items()})
        vault.keep(lambda: reset(kept))

    def _detach_view(self, view: QAbstractItemView, vault: _Vault) -> _DetachedView | None:
        model = view.model()
        if model is None or model is self._empty:
            return None
        selection = view.selectionModel()
        detached = _DetachedView(
            view=view, model=model, selection=selection, current=_path(view.currentIndex()),
            selected=[_path(index) for index in selection.selectedIndexes()] if selection is not None else [],
            root=_path(view.rootIndex()),
            scroll=(view.horizontalScrollBar().value(), view.verticalScrollBar().value()),
        )
        view.blockSignals(True)
        view.setModel(self._empty)
        view.blockSignals(False)
        vault.keep(lambda: _reattach(detached))
        return detached

    def _empty_combo(self, combo: QComboBox, vault: _Vault) -> None:
        model, index, text = combo.model(), combo.currentIndex(), combo.currentText()
        owner = QObject.parent(model)
        model.setParent(self._holder)  # a combo box deletes the model it owns when given another
        combo.blockSignals(True)
        combo.setModel(QStandardItemModel(combo))
        if combo.isEditable():
            combo.setEditText("")
        combo.blockSignals(False)

        def restore() -> None:
            combo.blockSignals(True)
            combo.setModel(model)
            model.setParent(owner if owner is not None and isValid(owner) else combo)
            combo.setCurrentIndex(index)
            if combo.isEditable():
                combo.setEditText(text)
            combo.blockSignals(False)

        vault.keep(restore)

    def _empty_texts(self, widget: QWidget, vault: _Vault) -> None:
        _swap(vault, widget.toolTip, widget.setToolTip)
        _swap(vault, widget.accessibleName, widget.setAccessibleName)
        _swap(vault, widget.accessibleDescription, widget.setAccessibleDescription)
        _swap(vault, widget.whatsThis, widget.setWhatsThis)
        _swap(vault, widget.statusTip, widget.setStatusTip)
        if widget.isWindow():
            _swap(vault, widget.windowTitle, widget.setWindowTitle, keep_window_title=True)
        if isinstance(widget, QLabel):
            _swap(vault, widget.text, widget.setText)
        elif isinstance(widget, QLineEdit) and not _inside(widget, QComboBox):
            self._empty_line(widget, vault)
        elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
            self._empty_document(widget, vault)
        elif isinstance(widget, QAbstractButton):
            _swap(vault, widget.text, widget.setText)
        elif isinstance(widget, QGroupBox):
            _swap(vault, widget.title, widget.setTitle)
        elif isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                self._empty_tab(widget, tab, vault)

    @staticmethod
    def _empty_tab(bar: QTabBar, tab: int, vault: _Vault) -> None:
        _swap(vault, lambda: bar.tabText(tab), lambda text: bar.setTabText(tab, text))
        _swap(vault, lambda: bar.tabToolTip(tab), lambda text: bar.setTabToolTip(tab, text))

    def _empty_line(self, line: QLineEdit, vault: _Vault) -> None:
        text, position, modified = line.text(), line.cursorPosition(), line.isModified()
        if not text:
            return
        line.blockSignals(True)  # the draft keeper must not keep the emptied box as the draft
        line.setText("")
        line.blockSignals(False)

        def restore() -> None:
            line.blockSignals(True)
            line.setText(text)
            line.setCursorPosition(position)
            line.setModified(modified)
            line.blockSignals(False)

        vault.keep(restore)

    def _empty_document(self, box: QTextEdit | QPlainTextEdit, vault: _Vault) -> None:
        document = box.document()
        if document.isEmpty():
            return
        position = box.textCursor().position()
        owner = QObject.parent(document)
        document.setParent(self._holder)  # a box deletes the document it owns when given another
        blank = QTextDocument(box)
        if isinstance(box, QPlainTextEdit):
            blank.setDocumentLayout(QPlainTextDocumentLayout(blank))
        box.blockSignals(True)
        box.setDocument(blank)
        box.blockSignals(False)

        def restore() -> None:
            box.blockSignals(True)
            box.setDocument(document)  # the same document: its text, cursor and undo history
            document.setParent(owner if owner is not None and isValid(owner) else box)
            cursor = box.textCursor()
            cursor.setPosition(min(position, document.characterCount() - 1))
            box.setTextCursor(cursor)
            box.blockSignals(False)

        vault.keep(restore)


def _reattach(detached: _DetachedView) -> None:
    view, model = detached.view, detached.model
    if not isValid(view) or not isValid(model):
        return
    view.blockSignals(True)
    view.setModel(model)
    made = view.selectionModel()
    if detached.selection is not None and isValid(detached.selection) and made is not detached.selection:
        view.setSelectionModel(detached.selection)  # the one others listen to
        made.deleteLater()
    root = _index(model, detached.root)
    if root.isValid():
        view.setRootIndex(root)
    selection = view.selectionModel()
    if selection is not None:
        with _quiet([selection]):  # the same selection as before the lock: nothing to react to
            for path in detached.selected:
                if (index := _index(model, path)).isValid():
                    selection.select(index, QItemSelectionModel.SelectionFlag.Select)
            if (current := _index(model, detached.current)).isValid():
                selection.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
    view.blockSignals(False)
    view.viewport().update()
    if isinstance(view, QAbstractScrollArea):
        view.horizontalScrollBar().setValue(detached.scroll[0])
        view.verticalScrollBar().setValue(detached.scroll[1])


def _path(index: QModelIndex) -> Path:
    steps: list[tuple[int, int]] = []
    probe = index
    while probe.isValid():
        steps.append((probe.row(), probe.column()))
        probe = probe.parent()
    return tuple(reversed(steps))


def _index(model: QAbstractItemModel, path: Path) -> QModelIndex:
    index = QModelIndex()
    for row, column in path:
        index = model.index(row, column, index)
        if not index.isValid():
            return QModelIndex()
    return index


@contextmanager
def _quiet(selections: Iterable[QItemSelectionModel]) -> Iterator[None]:
    blocked = [(selection, selection.blockSignals(True)) for selection in selections if isValid(selection)]
    try:
        yield
    finally:
        for selection, was in blocked:
            selection.blockSignals(was)


def _swap(vault: _Vault, get: Callable[[], str], set_: Callable[[str], object], *,
          keep_window_title: bool = False) -> None:
    text = get()
    if not text:
        return
    set_(_("MentorApp — locked") if keep_window_title else "")
    vault.keep(lambda: set_(text))


def _inside(widget: QWidget, kind: type[QWidget]) -> bool:
    probe = widget.parentWidget()
    while probe is not None:
        if isinstance(probe, kind):
            return True
        probe = probe.parentWidget()
    return False

