"""Under the desk's lock nothing of the journal is readable: not on screen, not through the accessibility tree,
not from any item model; unlocking brings every row, text and the focus back where the lead left them."""

from __future__ import annotations

import datetime as dt
import json

from desk_support import activate
from tests.views.widgets.test_drafts import section
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QPushButton, QWidget

from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from mentorapp.views.mentee.threads import ThreadsSection
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.undo import push
from tests.conftest import TEST_KEY

NOTE = "Marker note about the Zanzibar migration"
DRAFT = "Marker draft typed just before stepping away"
QUERY = "Zanzibar"
_ROLES = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole,
          Qt.ItemDataRole.AccessibleDescriptionRole, Qt.ItemDataRole.EditRole,
          *range(Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 16)]
_TEXTS = [QAccessible.Text.Name, QAccessible.Text.Value, QAccessible.Text.Description, QAccessible.Text.Help]


def accessible_texts(interface, seen: set | None = None, depth: int = 0) -> list[str]:
    """Every text an assistive technology can read below `interface`."""
    seen = set() if seen is None else seen
    if interface is None or not interface.isValid() or depth > 60:
        return []
    key = (id(interface.object()), interface.role(), interface.text(QAccessible.Text.Name), depth)
    if key in seen:
        return []
    seen.add(key)
    texts = [interface.text(kind) for kind in _TEXTS]
    for number in range(interface.childCount()):
        texts += accessible_texts(interface.child(number), seen, depth + 1)
    return [text for text in texts if text]


def model_texts(model: QAbstractItemModel, parent: QModelIndex = QModelIndex(), depth: int = 0) -> list[str]:
    """Every value a model gives for every row, column and common role."""
    texts: list[str] = []
    if depth > 6:
        return texts
    try:
        columns = max(1, model.columnCount(parent))
    except TypeError:  # a list model keeps its one column private
        columns = 1
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            texts += [str(value) for role in _ROLES if (value := model.data(index, role)) not in (None, "")]
            if column == 0 and not isinstance(model, QAbstractListModel) and model.rowCount(index) > 0:
                texts += model_texts(model, index, depth + 1)
    return texts


def readable_everywhere() -> str:
    """What the desk exposes: the accessibility tree from the application and every window, and every model."""
    texts = accessible_texts(QAccessible.queryAccessibleInterface(QApplication.instance()))
    models: set[int] = set()
    for top in QApplication.topLevelWidgets():
        texts += accessible_texts(QAccessible.queryAccessibleInterface(top))
        found = [*top.findChildren(QAbstractItemModel),
                 *(view.model() for view in top.findChildren(QAbstractItemView) if view.model() is not None)]
        for model in found:
            if id(model) not in models:
                models.add(id(model))
                texts += model_texts(model)
    return "\n".join(texts)


def test_locking_leaves_no_name_or_note_readable_and_unlocking_puts_everything_back(
        qtbot, qtmodeltester, demo_desk: MainWindow, demo_services: Services) -> None:
    mentee = next(m for m in demo_services.mentees.list() if demo_services.threads.for_mentee(m.id))
    push(demo_desk.context, demo_services.entries.undoable("Add note", lambda: demo_services.entries.add(
        mentee_id=mentee.id, text=NOTE, at=dt.datetime(2026, 11, 28, 9, 0))))  # Edit ▸ Undo names whose note
    names = [m.name for m in demo_services.mentees.list()]
    demo_desk.show_mentee(mentee.id)
    threads = section(demo_desk, ThreadsSection)
    thread_id = threads.current_thread.id
    demo_desk.open_search()
    search = demo_desk._search
    qtbot.keyClicks(search.field, QUERY)
    search.run_query()
    assert search.model.rowCount() > 0
    search.hide()
    activate(qtbot, demo_desk)
    box = threads.composer.text
    box.setFocus()
    qtbot.keyClicks(box, DRAFT)
    before = readable_everywhere()
    assert NOTE in before and mentee.name in before  # the walk does find what the desk shows
    assert mentee.name in demo_desk.undo_action.text()
    undo_text = demo_desk.undo_action.text()
    roster_row = demo_desk.roster_view.currentIndex().row()
    timeline_rows = demo_desk.mentee_page.timeline.model.rowCount()
    roster_names = demo_desk.mentee_names()
    tab = demo_desk.mentee_page.tabs.currentIndex()

    demo_desk.auto_lock.lock_now()

    exposed = readable_everywhere()
    leaked = [marker for marker in [NOTE, DRAFT, QUERY, *names] if marker in exposed]
    assert leaked == []
    # The desk's own models hold no rows while locked, not only no view of them.
    for model in (demo_desk.roster_model, demo_desk.today_view.model, search.model):
        assert model.rowCount() == 0
    lock_screen = demo_desk.findChild(QPushButton, "unlock")
    assert lock_screen.isVisible() and demo_desk.centralWidget() is None
    with Store.open(demo_services.store.path, TEST_KEY) as store:  # the draft was kept before the boxes emptied
        assert json.loads(Services(store).journal.draft(f"reply.thread.{thread_id}"))["text"] == DRAFT

    demo_services.store.unlock(TEST_KEY)
    assert demo_desk.auto_lock.unlock()

    assert box.toPlainText() == DRAFT
    assert QApplication.focusWidget() is box
    assert demo_desk.mentee_page.mentee_id == mentee.id and demo_desk.mentee_page.tabs.currentIndex() == tab
    assert demo_desk.roster_view.currentIndex().row() == roster_row
    assert demo_desk.selected_mentee_id() == mentee.id
    assert demo_desk.mentee_names() == roster_names
    assert threads.current_thread.id == thread_id
    assert demo_desk.undo_action.text() == undo_text
    assert demo_desk.mentee_page.timeline.model.rowCount() == timeline_rows
    qtmodeltester.check(demo_desk.roster_model)  # whole again, by Qt's own rules
    after = readable_everywhere()
    assert NOTE in after and all(name in after for name in demo_desk.mentee_names())
    assert search.model.rowCount() > 0 and search.field.text() == QUERY
    assert any(isinstance(w, QLabel) and w.text() for w in demo_desk.mentee_page.findChildren(QWidget))
    qtbot.keyClicks(box, "!")  # still the lead's box: typing goes on where it stopped
    assert box.toPlainText() == DRAFT + "!"


def test_a_dialog_left_open_under_the_lock_shows_nothing_and_comes_back_as_it_was(
        qtbot, demo_desk: MainWindow, demo_services: Services) -> None:
    mentee = demo_services.mentees.list()[1]
    demo_desk.show_mentee(mentee.id)
    demo_desk.quick_capture()
    dialog = demo_desk._quick_capture
    qtbot.waitUntil(dialog.isVisible)
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, DRAFT)
    names = [m.name for m in demo_services.mentees.list()]
    chooser = [dialog.mentee.itemText(i) for i in range(dialog.mentee.count())]

    demo_desk.auto_lock.lock_now()

    assert not dialog.isVisible()
    exposed = readable_everywhere()
    assert [marker for marker in [DRAFT, *names] if marker in exposed] == []
    assert dialog.mentee.count() == 0  # the chooser of mentees holds no names either

    demo_services.store.unlock(TEST_KEY)
    assert demo_desk.auto_lock.unlock()
    assert dialog.isVisible() and dialog.text.toPlainText() == DRAFT
    assert dialog.mentee.currentData() == mentee.id
    assert [dialog.mentee.itemText(i) for i in range(dialog.mentee.count())] == chooser
    dialog.text.clear()
    dialog.reject()


def test_every_item_model_of_the_desk_names_the_fields_the_lock_empties() -> None:
    import importlib
    import inspect
    import pkgutil

    import mentorapp.views

    for module in pkgutil.walk_packages(mentorapp.views.__path__, "mentorapp.views."):
        importlib.import_module(module.name)
    found = []
    pending = [QAbstractItemModel]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("mentorapp."):
                found.append(sub)
    assert len(found) >= 9
    for model in found:
        fields = getattr(model, "ROW_FIELDS", ())
        assert fields, f"{model.__qualname__} holds rows the auto-lock cannot empty: give it ROW_FIELDS"
        source = "".join(inspect.getsource(cls) for cls in model.__mro__ if cls.__module__.startswith("mentorapp."))
        assert all(f"self.{name}" in source for name in fields), model.__qualname__
