"""The desk's main window: the team on the left, the chosen view or mentee page on the right.

The left column lists the views (Today, and any added with `add_view`, such as
the Watchlist) above the roster. Everything that opens a record — search hits,
Today items — goes through `show_item`, which selects the mentee and asks the
page to reveal it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from mentorapp import __version__
from mentorapp.i18n import _, ngettext
from mentorapp.resources import action_icon
from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import MenteeView
from mentorapp.models.services import Change, Services, Topic
from mentorapp.models.services.commands import Command
from mentorapp.views.context import DeskContext
from mentorapp.views.journal.auto_lock import AutoLock
from mentorapp.views.mentee.page import MenteePage
from mentorapp.views.mentee.section import MenteeSection
from mentorapp.views.runtime import desk_state
from mentorapp.views.shell.focus_keeper import FocusKeeper
from mentorapp.views.shell.roster import MenteeIdRole, RosterModel, RosterView
from mentorapp.views.shell.today import TodayItem, TodayView
from mentorapp.views.shell.watchlist import WatchlistView
from mentorapp.views.undo import push
from mentorapp.views.widgets.context_menu import add_context_menu
from mentorapp.views.widgets.drafts import (
    DraftKeeper,
    drafts_sentence,
    live_keepers,
    unsaved_keepers,
)
from mentorapp.views.widgets.text_direction import isolate, sentence

T = TypeVar("T")

_ROSTER_TOPICS = (Topic.MENTEES, Topic.ENTRIES, Topic.RECOGNITIONS, Topic.WATCHLIST)
# The tab that lists each kind of record, for an undo whose record is no longer shown there.
_TOPIC_OF_KIND = {"thread": Topic.THREADS, "goal": Topic.GOALS, "recognition": Topic.RECOGNITIONS,
                  "ask": Topic.ASKS, "watch_case": Topic.WATCHLIST, "chance": Topic.WATCHLIST}
TODAY_MARK = -1  # remembered instead of a mentee id when the lead left on the Today view
Shortcut = str | QKeySequence.StandardKey

if TYPE_CHECKING:  # each dialog's module loads when it first opens (the packet's with the first packet)
    from mentorapp.views.mentee.details import MenteeDetails
    from mentorapp.views.shell.packet_dialog import PacketDialog
    from mentorapp.views.shell.quick_capture import QuickCaptureDialog
    from mentorapp.views.shell.search import SearchDialog


class MainWindow(QMainWindow):
    """The desk: navigation and roster on the left; Today, added views or a mentee page on the right."""

    def __init__(self, context: DeskContext) -> None:
        super().__init__()
        self.context = context
        self.services: Services = context.services
        context.reveal = self.reveal_change
        self.setWindowTitle(_("MentorApp — {file}").format(file=self.services.store.path.name))
        self.setWindowIcon(QIcon("icons:mentorapp.svg"))
        self.setMinimumSize(760, 500)
        self._quick_capture: QuickCaptureDialog | None = None
        self._search: SearchDialog | None = None
        self._view_actions: list[QAction] = []
        self._windows: dict[str, QWidget] = {}
        self._quit_answered = False  # the lead chose what becomes of unsaved words
        self.quit_box: QMessageBox | None = None
        self.state = context.state
        desk_state.adopt_machine_wide_settings(self.services.journal, self.state)
        self.show_archived = self.state.value(desk_state.SHOW_ARCHIVED, False, bool)
        preferences = self.services.journal.preferences()

        # -- left column: views, then the team -------------------------------------------------
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(_("Views"))
        self.navigation.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.navigation.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.roster_model = RosterModel(self, today=context.today,
                                        recognition_gap_days=preferences.recognition_gap_days)
        self.roster_view = RosterView()
        self.roster_view.setModel(self.roster_model)
        self.add_mentee_button = QPushButton(_("Add mentee…"))
        self.add_mentee_button.setToolTip(_("Add someone you mentor (Ctrl+Shift+N)"))
        self.add_mentee_button.clicked.connect(self.add_mentee)
        team_label = QLabel(_("&Team"))
        team_label.setBuddy(self.roster_view)
        team_label.setObjectName("team_label")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.addWidget(self.navigation)
        left_layout.addSpacing(6)
        left_layout.addWidget(team_label)
        left_layout.addWidget(self.roster_view, 1)
        left_layout.addWidget(self.add_mentee_button)
        left.setMinimumWidth(220)

        # -- right: the views and the mentee page -----------------------------------------------
        self.today_view = TodayView(context)
        self.today_view.recognition_gap_days = preferences.recognition_gap_days
        self.today_view.item_opened.connect(self.open_today_item)
        self.mentee_page = MenteePage(context)
        self.mentee_page.recognition_gap_days = preferences.recognition_gap_days
        self.mentee_page.edit_requested.connect(self.edit_mentee)
        self.mentee_page.timeline.new_note_requested.connect(self.quick_capture)
        self.main_stack = QStackedWidget()
        self.main_stack.setObjectName("main_area")
        self.main_stack.addWidget(self.mentee_page)

        self.splitter = QSplitter()
        self.splitter.setObjectName("desk_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.main_stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([270, 830])

        self.empty_page = self._build_empty_page()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)

        self.watchlist_view = WatchlistView(context)
        self.watchlist_view.item_requested.connect(self.show_item)

        self.auto_lock = AutoLock(self, self.services, runner=context.runner,
                                  minutes=preferences.auto_lock_minutes)

        self._build_actions()
        self.add_view(_("Today"), self.today_view, QKeySequence("Ctrl+1"), icon="today")
        self.add_view(_("Watchlist"), self.watchlist_view, QKeySequence("Ctrl+2"), icon="watchlist")
        # Selection, not the current row, drives both lists: Qt gives a list a current row
        # (without selecting it) when it merely receives focus, which must not switch pages.
        self.navigation.itemSelectionChanged.connect(self._navigation_changed)
        self.roster_view.selectionModel().selectionChanged.connect(self._roster_changed)
        context.changes.changed.connect(self._on_change)
        add_context_menu(self.roster_view, lambda: [
            self.new_note_action, self.packet_action, None,
            self.edit_mentee_action, self.archive_action, self.trash_mentee_action])
        self.focus_keeper = FocusKeeper(self, guarded=self.navigation, area=self._focus_area)
        self.refresh_roster()
        self._restore_layout()
        self._say_drafts_kept()

    # -- building ---------------------------------------------------------------------------------
    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("welcome")
        layout = QVBoxLayout(page)
        layout.addStretch()
        text = QLabel(_(
            "<h2>Welcome to your mentoring journal</h2>"
            "<p>Add the people you mentor, then jot down a line or two after each conversation: "
            "what was said, by whom, over coffee or in a 1:1. Press <b>Ctrl+N</b> for a new note "
            "at any time; <b>Ctrl+F</b> finds anything again.</p>"
            "<p>Everything stays on this computer, encrypted.</p>"
            "<p>Want to look around first? Load a demo team; you can move it to the trash later.</p>"
        ))
        text.setObjectName("welcome_text")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        text.setFixedWidth(540)
        # A row with stretches (not an alignment flag) lets the label take its wrapped height.
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(text)
        row.addStretch()
        layout.addLayout(row)
        layout.addSpacing(12)
        first = QPushButton(_("&Add your first mentee…"))
        first.setObjectName("add_first_mentee")
        first.clicked.connect(self.add_mentee)
        demo = QPushButton(_("&Load the demo team"))
        demo.setObjectName("load_demo")
        demo.clicked.connect(self.load_demo)
        self.welcome_trash_button = QPushButton(_("Open the &trash…"))
        self.welcome_trash_button.setObjectName("welcome_trash")
        self.welcome_trash_button.clicked.connect(self.open_trash)
        for button in (first, demo, self.welcome_trash_button):
            button.setMinimumWidth(240)
            layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()
        return page

    def _action(self, text: str, slot: Callable[[], object] | Callable[[bool], object],
                shortcut: Shortcut | list[Shortcut] | None = None, *, tip: str = "", icon: str = "",
                app_wide: bool = False) -> QAction:
        action = QAction(text, self)
        if icon:
            action.setIcon(action_icon(icon))
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if app_wide:
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        stack = self.context.undo_stack
        self.new_note_action = self._action(_("&New note…"), self.quick_capture, "Ctrl+N", icon="note-new",
                                            tip=_("Jot down a note about the selected mentee (Ctrl+N)"), app_wide=True)
        self.add_mentee_action = self._action(_("&Add mentee…"), self.add_mentee, "Ctrl+Shift+N",
                                              tip=_("Add someone you mentor"))
        self.packet_action = self._action(_("Review &packet…"), self.open_packet, "Ctrl+E", icon="packet",
                                          tip=_("Preview, save or print a review packet (Ctrl+E)"))
        self.print_packet_action = self._action(_("P&rint review packet…"), self.print_packet,
                                                QKeySequence.StandardKey.Print, icon="print",
                                                tip=_("Print the selected mentee's review packet (Ctrl+P)"))
        self.export_action = self._action(_("E&xport journal…"), self.export_journal,
                                          tip=_("Write the whole journal to a JSON file (not encrypted)"))
        self.import_action = self._action(_("&Import journal…"), self.import_journal,
                                          tip=_("Read a MentorApp JSON export into this journal"))
        self.calendar_export_action = self._action(
            _("Export check-in &calendar…"), self.export_check_in_calendar,
            tip=_("One recurring event per person at their cadence, for your own calendar (no notes)"))
        self.calendar_import_action = self._action(
            _("Import your calen&dar…"), self.import_check_in_calendar,
            tip=_("Set each person's next 1:1 from your own calendar's .ics export, matched by name"))
        self.access_action = self._action(_("Acc&ess request…"), self.open_access_request,
                                          tip=_("Write everything held about one person into a new folder"))
        self.backups_action = self._action(_("&Backups…"), self.open_backups,
                                           tip=_("Back up now, see the backups, restore one"))
        self.change_key_action = self._action(_("Change &key or passphrase…"), self.change_key,
                                              tip=_("Change the journal's passphrase, or keep its key in the keyring"))
        self.recovery_action = self._action(_("&Recovery sheet…"), self.open_recovery_sheet,
                                            tip=_("Print the sheet that opens the journal if the keyring is lost"))
        self.lock_action = self._action(_("&Lock now"), lambda: self.auto_lock.lock_now(), "Ctrl+Shift+L",
                                        tip=_("Hide the journal until its key is given again (Ctrl+Shift+L)"),
                                        app_wide=True)
        self.auto_lock_action = self._action(_("&Auto-lock…"), self.set_auto_lock,
                                             tip=_("Lock the desk after some minutes without use"))
        self.quit_action = self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        if self.quit_action.shortcut().isEmpty():  # platforms without a standard Quit key still get Ctrl+Q
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.undo_action = stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = stack.createRedoAction(self, _("&Redo"))
        redo_keys = [QKeySequence("Ctrl+Shift+Z")] + [
            k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k != QKeySequence("Ctrl+Shift+Z")
        ]
        self.redo_action.setShortcuts(redo_keys)
        for action, icon in ((self.undo_action, "undo"), (self.redo_action, "redo")):
            action.setIcon(action_icon(icon))
            # Also from the starters and trash windows; a focused text box keeps its own undo.
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            self.addAction(action)
        self.search_action = self._action(_("&Find…"), self.open_search, QKeySequence.StandardKey.Find,
                                          icon="find", tip=_("Search everything in the journal (Ctrl+F)"),
                                          app_wide=True)
        self.starters_action = self._action(_("Conversation &starters…"), self.open_starters,
                                            tip=_("Edit the questions offered while you write"))
        self.trash_action = self._action(_("&Show trash…"), self.open_trash, icon="trash",
                                         tip=_("See deleted items and restore them"))
        self.empty_trash_action = self._action(_("&Empty trash…"), self.empty_trash,
                                               tip=_("Delete everything in the trash for good, backups too"))
        self.preferences_action = self._action(_("&Preferences…"), self.open_preferences,
                                               QKeySequence.StandardKey.Preferences)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.edit_mentee_action = self._action(_("&Edit details…"), self.edit_mentee, "Ctrl+Shift+E",
                                               tip=_("Change the selected mentee's details and cadence"))
        self.archive_action = self._action(_("A&rchive"), self.toggle_archived,
                                           tip=_("Hide from the roster without deleting anything"))
        self.trash_mentee_action = self._action(_("&Move to trash"), self.trash_mentee,
                                                tip=_("Move the mentee and all their notes to the trash"))
        self.erase_action = self._action(_("Era&se for good…"), self.erase_mentee,
                                         tip=_("Erase everything about them, from the journal and its backups"))
        self.hold_action = self._action(_("Put on &hold…"), self.toggle_hold,
                                        tip=_("Freeze what is written about them (an access request, a dispute)"))
        self.roster_focus_action = self._action(_("Go to the &team list"), self.roster_view.setFocus, "Ctrl+L")
        self.show_archived_action = self._action(_("Show &archived mentees"), self.set_show_archived)
        self.show_archived_action.setCheckable(True)
        self.show_archived_action.setChecked(self.show_archived)
        self.about_action = self._action(_("&About MentorApp"), self.about)
        self.guide_action = self._action(_("MentorApp &guide"), self.show_guide, "F1",
                                         icon="help", tip=_("How the method works and how to do the main things (F1)"))
        self.shortcuts_action = self._action(_("&Keyboard shortcuts…"), self.show_shortcuts, "Ctrl+/",
                                             tip=_("Every shortcut of the desk (Ctrl+/)"))
        # F10 opens the menu bar, as in most desktop apps (Alt alone does not on every platform).
        self.menu_bar_action = self._action(_("Open the menu bar"), self.open_menu_bar, "F10")
        self.menu_bar_action.setWhatsThis(_("Open the menu bar"))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        menu = self.menuBar()
        file_menu = menu.addMenu(_("&File"))
        file_menu.addActions([self.new_note_action, self.add_mentee_action])
        file_menu.addSeparator()
        file_menu.addActions([self.packet_action, self.print_packet_action])
        file_menu.addSeparator()
        file_menu.addActions([self.export_action, self.import_action, self.access_action])
        file_menu.addActions([self.calendar_export_action, self.calendar_import_action])
        journal_menu = file_menu.addMenu(_("&Journal"))
        journal_menu.addActions([self.backups_action, self.change_key_action, self.recovery_action])
        journal_menu.addSeparator()
        journal_menu.addActions([self.lock_action, self.auto_lock_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu(_("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.search_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.starters_action)
        trash_menu = edit_menu.addMenu(_("&Trash"))
        trash_menu.addActions([self.trash_action, self.empty_trash_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        mentee_menu = menu.addMenu(_("&Mentee"))
        mentee_menu.addActions([self.edit_mentee_action, self.archive_action, self.trash_mentee_action])
        mentee_menu.addSeparator()
        mentee_menu.addActions([self.hold_action, self.erase_action])
        self.view_menu = menu.addMenu(_("&View"))
        self._view_separator = self.view_menu.addSeparator()
        self.view_menu.addActions([self.roster_focus_action, self.show_archived_action])
        help_menu = menu.addMenu(_("&Help"))
        help_menu.addActions([self.guide_action, self.shortcuts_action, self.about_action])

        self.toolbar = QToolBar(_("Main toolbar"))
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setIconSize(QSize(18, 18))
        self.toolbar.addActions([self.new_note_action, self.search_action, self.packet_action])
        self.toolbar.addSeparator()
        self.toolbar_views = self.toolbar.addSeparator()
        self.toolbar.addActions([self.undo_action, self.redo_action])
        self.addToolBar(self.toolbar)
        self.statusBar()

    # -- views ------------------------------------------------------------------------------------
    def add_view(self, title: str, widget: QWidget, shortcut: QKeySequence | str | None = None, *,
                 icon: str = "") -> QAction:
        """Add a team-wide view (Today, Watchlist…) to the navigation, the View menu and the toolbar."""
        self.main_stack.addWidget(widget)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, widget)
        # As tall as a roster line's name, so the two lists read as one column.
        item.setSizeHint(QSize(0, self.navigation.fontMetrics().height() + 12))
        if shortcut is not None:
            keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            item.setToolTip(_("{view} ({keys})").format(view=title, keys=keys))
        self.navigation.addItem(item)
        action = QAction(title, self)
        if icon:
            action.setIcon(action_icon(icon))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, w=widget: self.show_view(w))
        self.addAction(action)
        self.view_menu.insertAction(self._view_separator, action)
        self.toolbar.insertAction(self.toolbar_views, action)
        self._view_actions.append(action)
        self._fit_navigation()
        return action

    def _fit_navigation(self) -> None:
        rows = self.navigation.count()
        height = sum(self.navigation.sizeHintForRow(r) for r in range(rows)) + 2 * self.navigation.frameWidth() + 4
        self.navigation.setFixedHeight(max(height, self.navigation.fontMetrics().height() + 8))

    def show_view(self, widget: QWidget) -> None:
        self.main_stack.setCurrentWidget(widget)
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(Qt.ItemDataRole.UserRole) is widget:
                self.navigation.blockSignals(True)
                self.navigation.setCurrentRow(row)
                self.navigation.blockSignals(False)
        self.roster_view.selectionModel().blockSignals(True)
        self.roster_view.selectionModel().clearCurrentIndex()
        self.roster_view.clearSelection()
        self.roster_view.selectionModel().blockSignals(False)
        self.roster_view.viewport().update()
        self._sync_mentee_actions()

    def current_view(self) -> QWidget | None:
        return self.main_stack.currentWidget()

    def _focus_area(self) -> QWidget | None:
        """What the keyboard belongs in when it lost its place: the tab or view on screen."""
        if self.pages.currentWidget() is self.empty_page:
            return self.empty_page
        view = self.main_stack.currentWidget()
        if view is self.mentee_page:
            return self.mentee_page.tabs.currentWidget()
        return view

    def _navigation_changed(self) -> None:
        items = self.navigation.selectedItems()
        if items:
            self.show_view(items[0].data(Qt.ItemDataRole.UserRole))

    # -- the roster and the mentee page ----------------------------------------------------------
    def refresh_roster(self) -> None:
        rows = self.services.mentees.roster(include_archived=self.show_archived)
        current = self.selected_mentee_id()
        self.roster_view.selectionModel().blockSignals(True)
        self.roster_model.reload(rows)
        row = self.roster_model.row_of(current) if current is not None else None
        if row is not None:
            self.roster_view.setCurrentIndex(self.roster_model.index(row))
        self.roster_view.selectionModel().blockSignals(False)
        anyone = bool(rows) or bool(self.services.mentees.roster(include_archived=True))
        self.welcome_trash_button.setVisible(not anyone and bool(self.services.trash.items()))
        self.pages.setCurrentWidget(self.splitter if anyone else self.empty_page)
        if current is not None and row is None and self.main_stack.currentWidget() is self.mentee_page:
            self.show_view(self.today_view)  # they were archived or trashed: fall back calmly
        self._sync_mentee_actions()

    def mentee_names(self) -> list[str]:
        model = self.roster_model
        return [model.data(model.index(r, 0)) for r in range(model.rowCount())]

    def selected_mentee_id(self) -> int | None:
        selected = self.roster_view.selectionModel().selectedIndexes()
        return selected[0].data(MenteeIdRole) if selected else None

    def current_mentee_id(self) -> int | None:
        """The mentee whose page is on screen, if any."""
        if self.main_stack.currentWidget() is self.mentee_page:
            return self.mentee_page.mentee_id
        return None

    def _roster_changed(self, *_selection: object) -> None:
        selected = self.roster_view.selectionModel().selectedIndexes()
        if selected:
            self._show_page_of(selected[0].data(MenteeIdRole))

    def _show_page_of(self, mentee_id: int) -> None:
        if self.mentee_page.mentee_id != mentee_id:
            self.mentee_page.set_mentee(mentee_id)
        self.main_stack.setCurrentWidget(self.mentee_page)
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(-1)
        self.navigation.clearSelection()
        self.navigation.blockSignals(False)
        self.navigation.viewport().update()
        self._sync_mentee_actions()

    def show_mentee(self, mentee_id: int, *, topic: Topic | None = None) -> bool:
        """Select a mentee in the roster and show their page (on one section, if asked)."""
        row = self.roster_model.row_of(mentee_id)
        if row is None and not self.show_archived:
            try:
                archived = self.services.mentees.get(mentee_id).archived
            except MentorAppError:
                return False
            if archived:
                self.set_show_archived(True)
                row = self.roster_model.row_of(mentee_id)
        if row is None:
            return False
        self.roster_view.setCurrentIndex(self.roster_model.index(row))
        self._show_page_of(mentee_id)
        if topic is not None and not self.mentee_page.show_topic(topic):
            self.mentee_page.show_timeline()
        return True

    def show_item(self, mentee_id: int, doc_type: str, doc_id: int) -> bool:
        """Open one record where it lives: select the mentee, then let the page reveal it."""
        if not self.show_mentee(mentee_id):
            self.statusBar().showMessage(_("That mentee is no longer in the journal."), 5000)
            return False
        if doc_type == "mentee":
            self.mentee_page.show_timeline()
            return True
        if self.mentee_page.show_item(doc_type, doc_id):
            return True
        self.statusBar().showMessage(_("It is no longer on this page; it may have been moved to the trash."), 5000)
        return False

    def reveal_change(self, command: Command[object], verb: str) -> None:
        """After an undo or redo: say what it changed, and go to it (the mentee, the tab, the record)."""
        # Translators: after an undo or redo, e.g. "Undone: Add note"
        self.statusBar().showMessage(_("{done}: {change}").format(done=verb, change=command.text), 8000)
        if command.mentee_id is None:
            if command.kind == "mentee":
                self.show_mentee(command.record_id)
            return
        if not self.show_mentee(command.mentee_id) or command.kind == "mentee":
            return
        page, values = self.mentee_page, command.values
        # A reply or a progress note is shown under its thread or goal, else on the timeline.
        for link, kind in (("thread_id", "thread"), ("goal_id", "goal")):
            if command.kind == "entry" and values.get(link) is not None and page.show_topic(_TOPIC_OF_KIND[kind]):
                section = page.tabs.currentWidget()
                if isinstance(section, MenteeSection) and (
                        section.show_item("entry", command.record_id) or section.show_item(kind, values[link])):
                    return
        if page.show_item(command.kind, command.record_id):
            return
        # Gone from the page (an undone add went to the trash): show the tab that listed it.
        topic = _TOPIC_OF_KIND.get(command.kind)
        if topic is None or not page.show_topic(topic):
            page.show_timeline()

    def open_today_item(self, item: TodayItem) -> None:
        if item.topic is not None:
            self.show_mentee(item.mentee_id, topic=item.topic)
        else:
            self.show_item(item.mentee_id, item.doc_type, item.doc_id)

    def _sync_mentee_actions(self) -> None:
        mentee = self._current_mentee()
        for action in (self.edit_mentee_action, self.archive_action, self.trash_mentee_action, self.hold_action,
                       self.erase_action):
            action.setEnabled(mentee is not None)
        self.archive_action.setText(_("Un&archive") if mentee is not None and mentee.archived else _("A&rchive"))
        self.hold_action.setText(_("Release &hold") if mentee is not None and mentee.held else _("Put on &hold…"))

    def _current_mentee(self) -> MenteeView | None:
        mentee_id = self.current_mentee_id()
        if mentee_id is None:
            return None
        try:
            return self.services.mentees.get(mentee_id)
        except MentorAppError:
            return None

    def set_show_archived(self, shown: bool) -> None:
        self.show_archived = bool(shown)
        self.show_archived_action.setChecked(self.show_archived)
        self.refresh_roster()

    def _on_change(self, change: Change) -> None:
        if Topic.JOURNAL in change.topics and not self.auto_lock.is_locked:
            try:  # the preferences may have changed (in another process, an import, a restore)
                self.apply_preferences()
            except MentorAppError:
                pass  # the journal is locked or went away: the views say so themselves
        if change.touches(*_ROSTER_TOPICS):
            self.refresh_roster()

    # -- writing ----------------------------------------------------------------------------------
    def _push(self, what: str, do: Callable[[], T]) -> T | None:
        try:
            return push(self.context, self.services.mentees.undoable(what, do))
        except MentorAppError as exc:
            self.context.report(str(exc))
            return None

    def quick_capture(self, *, mentee_id: int | None = None) -> QuickCaptureDialog | None:
        """Ctrl+N: open the capture dialog (or bring it forward if it is already open); None with no mentee yet.

        `mentee_id` chooses who the note is about (`mentorapp capture NAME`); else the one on screen.
        """
        if self.pages.currentWidget() is self.empty_page:
            self.statusBar().showMessage(_("Add a mentee first: every note is about someone."), 5000)
            return None
        if self._quick_capture is not None and self._quick_capture.isVisible():
            self._quick_capture.raise_()
            self._quick_capture.activateWindow()
            return self._quick_capture
        from mentorapp.views.shell.quick_capture import QuickCaptureDialog

        chosen = mentee_id if mentee_id is not None else self.current_mentee_id()
        dialog = QuickCaptureDialog(self.context, mentee_id=chosen, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.entry_saved.connect(
            lambda entry: self.statusBar().showMessage(_("Note saved. Ctrl+Z takes it back."), 5000))
        self._quick_capture = dialog
        dialog.finished.connect(lambda _r: setattr(self, "_quick_capture", None))
        dialog.open()
        return dialog

    def add_mentee(self) -> None:
        from mentorapp.views.mentee.details import MenteeDialog

        mentees = self.services.mentees

        def save(details: MenteeDetails) -> None:
            added = push(self.context, mentees.undoable(_("Add mentee"), lambda: mentees.add(
                name=details.name, role=details.role, cadence_days=details.cadence_days,
                started_on=details.started_on, thanks_preference=details.thanks_preference)))
            if added is not None:
                self.show_mentee(added.id)
                self.roster_view.setFocus()  # on the new mentee's line, where the window comes back

        MenteeDialog(None, save=save, today=self.context.today(), journal=self.services.journal, parent=self).exec()

    def edit_mentee(self) -> None:
        before = self._current_mentee()
        if before is None:
            return
        from mentorapp.views.mentee.details import MenteeDialog

        mentees = self.services.mentees

        def save(d: MenteeDetails) -> None:
            push(self.context, mentees.undoable(_("Edit mentee"), lambda: mentees.edit(
                before.id, name=d.name, role=d.role, cadence_days=d.cadence_days,
                started_on=d.started_on, thanks_preference=d.thanks_preference)))

        MenteeDialog(before, save=save, today=self.context.today(), journal=self.services.journal, parent=self).exec()

    def toggle_archived(self) -> None:
        mentee = self._current_mentee()
        if mentee is None:
            return
        mentees = self.services.mentees
        verb = _("Unarchive") if mentee.archived else _("Archive")
        done = self._push(verb, lambda: mentees.set_archived(mentee.id, not mentee.archived))
        if done is not None:
            said = (_("{name} is back on the roster. Ctrl+Z undoes it.") if mentee.archived
                    else _("{name} is archived. Ctrl+Z undoes it."))
            self.statusBar().showMessage(sentence(said.format(name=isolate(mentee.name))), 6000)

    def trash_mentee(self) -> None:
        mentee = self._current_mentee()
        if mentee is None:
            return
        mentees = self.services.mentees
        done = self._push(_("Delete mentee"), lambda: mentees.trash(mentee.id))
        if done is not None:
            self.statusBar().showMessage(
                _("Moved {name} to the trash, with all their notes. Ctrl+Z brings them back.").format(
                    name=isolate(mentee.name)), 8000)

    def toggle_hold(self) -> None:
        from mentorapp.views.journal.privacy import toggle_hold

        mentee = self._current_mentee()
        if mentee is not None and toggle_hold(self.context, mentee.id, parent=self):
            self.statusBar().showMessage(
                (_("Released the hold on {name}.") if mentee.held else
                 _("{name} is on hold: nothing already written about them can be changed or deleted."))
                .format(name=isolate(mentee.name)), 8000)

    def erase_mentee(self) -> None:
        from mentorapp.views.journal.privacy import erase_mentee

        mentee = self._current_mentee()
        if mentee is not None and erase_mentee(self.context, mentee.id, parent=self):
            self.refresh_roster()

    def empty_trash(self) -> None:
        from mentorapp.views.journal.privacy import empty_trash

        empty_trash(self.context, parent=self)

    def open_access_request(self) -> None:
        from mentorapp.views.journal.privacy import AccessRequestDialog

        AccessRequestDialog(self.context, mentee_id=self.current_mentee_id(), parent=self).exec()

    def load_demo(self) -> None:
        try:
            push(self.context, self.services.demo.generate_undoable(today=self.context.today()))
        except MentorAppError as exc:
            self.context.report(str(exc))

    # -- windows ----------------------------------------------------------------------------------
    def open_search(self) -> None:
        if self._search is None:
            from mentorapp.views.shell.search import SearchDialog

            self._search = SearchDialog(self.context, parent=self)
            self._search.hit_chosen.connect(lambda hit: self.show_item(hit.mentee_id, hit.doc_type, hit.doc_id))
        self._search.field.selectAll()
        self._search.field.setFocus()
        self._search.show()
        self._search.raise_()
        self._search.activateWindow()

    def open_packet(self) -> PacketDialog:
        """File → Review packet…: the dialog for the mentee on screen (or selected), else the team."""
        from mentorapp.views.shell.packet_dialog import open_packet_dialog

        mentee_id = self.current_mentee_id() or self.selected_mentee_id()
        return open_packet_dialog(self.context, self, mentee_id)

    def print_packet(self) -> None:
        """File → Print review packet…: the same dialog, going straight to the print dialog once ready."""
        dialog = self.open_packet()

        def print_once(_pages: int) -> None:
            dialog.preview_ready.disconnect(print_once)
            dialog.print_packet()

        dialog.preview_ready.connect(print_once)

    # -- the journal itself -------------------------------------------------------------------------
    def export_journal(self) -> None:
        from mentorapp.views.journal.transfer import export_journal

        export_journal(self.context, self)

    def import_journal(self) -> None:
        from mentorapp.views.journal.transfer import import_journal

        import_journal(self.context, self)

    def export_check_in_calendar(self) -> None:
        from mentorapp.views.journal.check_in_calendar import export_check_in_calendar

        export_check_in_calendar(self.context, self)

    def import_check_in_calendar(self) -> None:
        from mentorapp.views.journal.check_in_calendar import import_check_in_calendar

        import_check_in_calendar(self.context, self)

    def open_backups(self) -> None:
        from mentorapp.views.journal.backups import BackupsDialog

        BackupsDialog(self.services, self.context.runner, undo_stack=self.context.undo_stack, parent=self).exec()

    def change_key(self) -> None:
        from mentorapp.views.journal.change_key import ChangeKeyDialog

        dialog = ChangeKeyDialog(self.services, self.context.runner, parent=self)
        dialog.recovery_kit_wanted.connect(self.open_recovery_sheet)
        dialog.exec()

    def open_recovery_sheet(self) -> None:
        from mentorapp.views.journal.recovery_kit import show_recovery_kit

        show_recovery_kit(self.services, parent=self)

    def set_auto_lock(self) -> None:
        from mentorapp.views.journal.auto_lock import ask_auto_lock_minutes

        ask_auto_lock_minutes(self.auto_lock, parent=self)

    def open_starters(self) -> None:
        from mentorapp.views.journal.starters import StartersDialog

        self._open_window("starters", lambda: StartersDialog(self.context, parent=self))

    def open_trash(self) -> None:
        from mentorapp.views.journal.trash import TrashDialog

        self._open_window("trash", lambda: TrashDialog(self.context, parent=self))

    def _open_window(self, name: str, make: Callable[[], QWidget]) -> QWidget:
        """Show a tool window (not modal, so Ctrl+N and undo work beside it), one of each."""
        window = self._windows.get(name)
        if window is None:
            window = make()
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda _o=None, n=name: self._windows.pop(n, None))
            self._windows[name] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def open_preferences(self) -> None:
        from mentorapp.views.journal.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.services, self)
        if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
            self.apply_preferences()

    def apply_preferences(self) -> None:
        """Show the journal's preferences as they now are (changed here, or by another process)."""
        preferences = self.services.journal.preferences()
        gap = preferences.recognition_gap_days
        if gap != self.roster_model.recognition_gap_days:
            self.roster_model.recognition_gap_days = gap
            self.mentee_page.recognition_gap_days = gap
            self.today_view.set_recognition_gap(gap)
            self.refresh_roster()
            self.mentee_page.refresh_header()
        if preferences.auto_lock_minutes != self.auto_lock.minutes:
            self.auto_lock.set_minutes(preferences.auto_lock_minutes)

    def show_shortcuts(self) -> None:
        from mentorapp.views.shell.shortcuts_help import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_guide(self) -> None:
        """Help ▸ MentorApp guide (F1): the short offline guide, beside the desk (not modal)."""
        from mentorapp.views.shell.guide import GuideWindow

        self._open_window("guide", lambda: GuideWindow(parent=self))

    def open_menu_bar(self) -> None:
        bar = self.menuBar()
        first = next((action for action in bar.actions() if action.isVisible()), None)
        if first is not None:
            bar.setFocus()
            bar.setActiveAction(first)

    def about(self) -> None:
        QMessageBox.about(self, _("About MentorApp"), _(
            "<h3>MentorApp {version}</h3><p>A private, offline journal for team leads who "
            "practise micro-mentorship: short, frequent, two-way feedback.</p>"
            "<p>Journal: {path}</p>").format(version=__version__, path=self.services.store.path))

    # -- remembering the layout -----------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.state.value(desk_state.GEOMETRY, None)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 760)
        state = self.state.value(desk_state.WINDOW_STATE, None)
        if state is not None:
            self.restoreState(state)
        splitter = self.state.value(desk_state.SPLITTER, None)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        last = self.state.value(desk_state.LAST_MENTEE, TODAY_MARK, int)
        if last == TODAY_MARK or not self.show_mentee(last):
            self.show_view(self.today_view)
        # Start with the keyboard in what is on screen, not in the navigation list.
        if self.main_stack.currentWidget() is self.mentee_page:
            self.mentee_page.timeline.list.setFocus()
        else:
            self.today_view.tree.setFocus()

    def save_layout(self) -> None:
        self.state.set_value(desk_state.GEOMETRY, self.saveGeometry())
        self.state.set_value(desk_state.WINDOW_STATE, self.saveState())
        self.state.set_value(desk_state.SPLITTER, self.splitter.saveState())
        self.state.set_value(desk_state.SHOW_ARCHIVED, self.show_archived)
        mentee_id = self.current_mentee_id()
        self.state.set_value(desk_state.LAST_MENTEE, mentee_id if mentee_id is not None else TODAY_MARK)
        self.state.sync()

    # -- unsaved words ----------------------------------------------------------------------------
    def _say_drafts_kept(self) -> None:
        try:
            sentence = drafts_sentence(self.services.journal.draft_names())
        except MentorAppError:
            return
        if sentence:
            self.statusBar().showMessage(sentence, 30_000)

    def _may_close(self) -> bool:
        """True when nothing typed would be lost; else ask (without blocking) and close once answered."""
        if self._quit_answered:
            return True
        unsaved = unsaved_keepers(self.services.journal, self)
        if not unsaved:
            return True
        if self.quit_box is not None:
            self.quit_box.raise_()
            return False
        count = len(unsaved)
        box = QMessageBox(QMessageBox.Icon.Question, _("Quit MentorApp"),
                          ngettext("One box holds words you have not saved.",
                                   "{count} boxes hold words you have not saved.", count).format(count=count),
                          parent=self)
        box.setInformativeText(_("Drafts are kept, encrypted in the journal, and come back when you open the "
                                 "same box again. Discarding throws the words away."))
        keep = box.addButton(_("&Keep drafts and quit"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("&Discard and quit"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(cancel)
        box.finished.connect(lambda _r: self._quit_chosen(box, keep, discard, unsaved))
        self.quit_box = box
        box.open()
        return False

    def _quit_chosen(self, box: QMessageBox, keep: QPushButton, discard: QPushButton,
                     unsaved: list[DraftKeeper]) -> None:
        self.quit_box = None
        clicked = box.clickedButton()
        if clicked is not keep and clicked is not discard:
            return  # cancelled: back to writing
        for keeper in unsaved:
            if clicked is discard:
                keeper.discard()
            keeper.stop()
        self._quit_answered = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if not self._may_close():
            event.ignore()
            return
        for keeper in live_keepers(self.services.journal, self, shown=False):
            keeper.stop()  # what is pending is written; tearing the boxes down writes nothing more
        self.save_layout()
        self.context.runner.wait(5000)
        super().closeEvent(event)
