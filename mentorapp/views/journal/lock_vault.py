"""What the auto-lock takes out of the desk while it is locked, and puts back where it was.

Hiding widgets is not enough: a hidden widget stays in the accessibility tree, where any
program in the session can read its texts, and an item model answers whoever asks it.
So locking takes the window's central widget out of the window (only the lock screen,
the disabled menus and the toolbar stay in its tree), detaches every item model from
its views and from the desk's object tree, and empties every text a widget holds —
labels, line and text boxes, combo boxes, buttons, tool tips and accessible names — in
the window and in the windows the lock hid. Unlocking puts each back as it was: the same
model (rows, selection, current row and scroll position), the same document (cursor and
undo history), the same focus. What the boxes held unsaved is in the journal as a draft
before any of this (`AutoLock` flushes the draft keepers first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItemModel, QTextDocument
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
from shiboken6 import isValid

# Views that own their model (QListWidget and friends cannot be given another one); their items
# are names of views and shortcuts, never journal text.
_OWN_MODEL = (QListWidget, QTreeWidget, QTableWidget)


@dataclass
class _DetachedView:
    view: QAbstractItemView
    model: QAbstractItemModel
    selection: QItemSelectionModel | None
    current: QPersistentModelIndex
    root: QPersistentModelIndex
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
        for widget in widgets:
            if isinstance(widget, QAbstractItemView) and not isinstance(widget, _OWN_MODEL) \
                    and not _inside(widget, QComboBox):
                self._detach_view(widget, vault)
        for root in roots:
            for model in root.findChildren(QAbstractItemModel):
                self._take_model(model, vault)
        for widget in widgets:
            self._empty_texts(widget, vault)

    def open(self) -> None:
        vault, self._vault = self._vault, None
        if vault is None:
            return
        for restore in reversed(vault.restores):
            restore()

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

    def _detach_view(self, view: QAbstractItemView, vault: _Vault) -> None:
        model = view.model()
        if model is None or model is self._empty:
            return
        detached = _DetachedView(
            view=view, model=model, selection=view.selectionModel(),
            current=QPersistentModelIndex(view.currentIndex()), root=QPersistentModelIndex(view.rootIndex()),
            scroll=(view.horizontalScrollBar().value(), view.verticalScrollBar().value()),
        )
        view.blockSignals(True)
        view.setModel(self._empty)
        view.blockSignals(False)
        self._take_model(model, vault)
        vault.keep(lambda: _reattach(detached))

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
    view = detached.view
    if not isValid(view) or not isValid(detached.model):
        return
    view.blockSignals(True)
    view.setModel(detached.model)
    made = view.selectionModel()
    if detached.selection is not None and isValid(detached.selection) and made is not detached.selection:
        view.setSelectionModel(detached.selection)  # the one others listen to, with its selection
        made.deleteLater()
    if detached.root.isValid():
        view.setRootIndex(detached.root)
    if detached.current.isValid() and view.selectionModel() is not None:
        view.selectionModel().setCurrentIndex(detached.current, QItemSelectionModel.SelectionFlag.NoUpdate)
    view.blockSignals(False)
    if isinstance(view, QAbstractScrollArea):
        view.horizontalScrollBar().setValue(detached.scroll[0])
        view.verticalScrollBar().setValue(detached.scroll[1])


def _swap(vault: _Vault, get: Callable[[], str], set_: Callable[[str], object], *,
          keep_window_title: bool = False) -> None:
    text = get()
    if not text:
        return
    set_("MentorApp — locked" if keep_window_title else "")
    vault.keep(lambda: set_(text))


def _inside(widget: QWidget, kind: type[QWidget]) -> bool:
    probe = widget.parentWidget()
    while probe is not None:
        if isinstance(probe, kind):
            return True
        probe = probe.parentWidget()
    return False

