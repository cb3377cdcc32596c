"""The Timeline tab of the mentee page: entries newest first, fetched a page at a time; filters, edit, trash,
discussed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import N_, _, ngettext, number_text
from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import EntryView
from mentorapp.models.services import Change, Services, Topic
from mentorapp.models.services.journal import JournalService
from mentorapp.models.vocabulary import Direction, EntryKind, Setting
from mentorapp.views.context import DeskContext
from mentorapp.views.undo import push
from mentorapp.views.widgets.choice_box import ChoiceCombo
from mentorapp.views.widgets.context_menu import add_context_menu
from mentorapp.views.widgets.date_fields import DateField, DateTimeField, day_text, long_moment_text, moment_text
from mentorapp.views.widgets.drafts import (
    DraftKeeper,
    confirm_discard,
    keep_dialog_drafts,
)
from mentorapp.views.widgets.fitting_text import wrapped_document
from mentorapp.views.widgets.text_direction import follow_text_direction
from mentorapp.views.widgets.save_keys import SaveOnCtrlEnter
from mentorapp.views.widgets.theme import (
    ProblemText,
    Tone,
    paint_pill,
    pill_size,
    secondary_text,
    small_font,
)

EntryRole = Qt.ItemDataRole.UserRole + 1
EntryIdRole = Qt.ItemDataRole.UserRole + 2
LinkRole = Qt.ItemDataRole.UserRole + 3  # "Thread: …" or "Goal: …", or ""

PAGE_SIZE = 50

Index = QModelIndex | QPersistentModelIndex


def describe(entry: EntryView) -> str:
    """The entry as one sentence, for tooltips and screen readers."""
    # Translators: a note read aloud: "Sunday 29 November 2026, 15:30. Concern, You → Ana, 1:1. The text."
    return _("{moment}. {kind}, {direction}, {setting}. {text}").format(
        moment=long_moment_text(entry.at), kind=entry.kind.label, direction=entry.direction.label,
        setting=entry.setting.label, text=entry.text)


class TimelineModel(QAbstractListModel):
    """One mentee's entries, newest first, optionally filtered by kind and direction."""

    # What the auto-lock empties and gives back (views/journal/lock_vault.py): every field holding journal text.
    ROW_FIELDS: ClassVar[tuple[str, ...]] = ("_rows", "_links")

    def __init__(self, services: Services, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.services = services
        self.page_size = page_size
        self.mentee_id: int | None = None
        self.kinds: Collection[EntryKind] | None = None
        self.directions: Collection[Direction] | None = None
        self._rows: list[EntryView] = []
        self._exhausted = True
        self._links: dict[tuple[str, int], str] = {}

    # -- what to show -------------------------------------------------------------------------
    def set_mentee(self, mentee_id: int | None) -> None:
        self.mentee_id = mentee_id
        self.reload()

    def set_filters(
        self, *, kinds: Collection[EntryKind] | None = None, directions: Collection[Direction] | None = None
    ) -> None:
        self.kinds, self.directions = kinds, directions
        self.reload()

    @property
    def filtered(self) -> bool:
        return self.kinds is not None or self.directions is not None

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Read the first page again (or as many rows as are loaded, to keep the scroll place)."""
        limit = max(self.page_size, len(self._rows)) if keep_loaded else self.page_size
        self.beginResetModel()
        if self.mentee_id is None:
            self._rows, self._links = [], {}
        else:
            self._rows = self._page(after=None, limit=limit)
            self._links = self._read_links(self.mentee_id)
        self._exhausted = len(self._rows) < limit
        self.endResetModel()

    def total(self) -> int:
        """How many entries match the filters (all of them, not only the loaded ones)."""
        if self.mentee_id is None:
            return 0
        return self.services.entries.count(self.mentee_id, kinds=self.kinds, directions=self.directions)

    # -- lazy loading -------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # Qt override
        return not parent.isValid() and not self._exhausted and self.mentee_id is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # Qt override
        if not self.canFetchMore(parent):
            return
        last = self._rows[-1] if self._rows else None
        more = self._page(after=(last.at, last.id) if last else None, limit=self.page_size)
        self._exhausted = len(more) < self.page_size
        if more:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def reveal(self, entry: EntryView) -> int | None:
        """Load pages until `entry` is among the rows; its row, or None if the filters hide it."""
        while (row := self.row_of(entry.id)) is None:
            last = self._rows[-1] if self._rows else None
            if self._exhausted or (last is not None and (last.at, last.id) < (entry.at, entry.id)):
                return None
            # Big steps: opening one old entry should not cost hundreds of small queries.
            size, self.page_size = self.page_size, max(self.page_size, 500)
            try:
                self.fetchMore()
            finally:
                self.page_size = size
        return row

    # -- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.text
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            link = self.link_of(entry)
            # Translators: a note read aloud, then what it belongs to ("Thread: Code reviews").
            return _("{description} ({link})").format(description=describe(entry), link=link) if link \
                else describe(entry)
        if role == EntryRole:
            return entry
        if role == EntryIdRole:
            return entry.id
        if role == LinkRole:
            return self.link_of(entry)
        return None

    def entry_at(self, row: int) -> EntryView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int) -> int | None:
        return next((i for i, e in enumerate(self._rows) if e.id == entry_id), None)

    def link_of(self, entry: EntryView) -> str:
        """What the entry belongs to, in words: its thread or its goal."""
        if entry.thread_id is not None and ("thread", entry.thread_id) in self._links:
            return _("Thread: {topic}").format(topic=self._links[("thread", entry.thread_id)])
        if entry.goal_id is not None and ("goal", entry.goal_id) in self._links:
            return _("Goal: {outcome}").format(outcome=self._links[("goal", entry.goal_id)])
        return ""

    # -- reading ------------------------------------------------------------------------------
    def _page(self, *, after: tuple[dt.datetime, int] | None, limit: int) -> list[EntryView]:
        assert self.mentee_id is not None
        return self.services.entries.page(
            self.mentee_id, after=after, limit=limit, kinds=self.kinds, directions=self.directions
        )

    def _read_links(self, mentee_id: int) -> dict[tuple[str, int], str]:
        links = {("thread", ident): topic for ident, topic in self.services.threads.topics(mentee_id).items()}
        links.update({("goal", ident): outcome for ident, outcome in self.services.goals.outcomes(mentee_id).items()})
        return links


@dataclass(frozen=True, slots=True)
class EntryChanges:
    """What the dialog asks the entry service to set."""

    text: str
    kind: EntryKind
    direction: Direction
    setting: Setting
    at: dt.datetime
    discussed_on: dt.date | None


class EntryDialog(QDialog):
    """Shows an entry's fields; Save hands them to `save`, which may refuse with one sentence."""

    def __init__(self, entry: EntryView, *, save: Callable[[EntryChanges], None],
                 journal: JournalService | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit note"))
        self.setMinimumSize(480, 360)
        self._save = save
        self._at = entry.at
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.text = QPlainTextEdit(entry.text)
        follow_text_direction(self.text)
        self.text.setAccessibleName(_("Note text"))
        self.text.setTabChangesFocus(True)
        text_label = QLabel(_("&Note:"))
        text_label.setBuddy(self.text)
        form.addRow(text_label, self.text)

        self.kind = ChoiceCombo(EntryKind)
        self.kind.set_value(entry.kind)
        self.kind.setAccessibleName(_("Kind"))
        form.addRow(_("&Kind:"), self.kind)
        self.direction = ChoiceCombo(Direction)
        self.direction.set_value(entry.direction)
        self.direction.setAccessibleName(_("Direction"))
        form.addRow(_("&Direction:"), self.direction)
        self.setting = ChoiceCombo(Setting)
        self.setting.set_value(entry.setting)
        self.setting.setAccessibleName(_("Setting"))
        form.addRow(_("S&etting:"), self.setting)
        self.at = DateTimeField(entry.at, accessible_name=_("When"))
        form.addRow(_("&When:"), self.at)

        discussed_row = QHBoxLayout()
        self.discussed = QCheckBox(_("Raised with them on"))
        self.discussed.setAccessibleName(_("Concern raised with the mentee"))
        self.discussed_on = DateField(entry.discussed_on or entry.at.date(),
                                      accessible_name=_("Date the concern was raised"))
        self.discussed.setChecked(entry.discussed_on is not None)
        discussed_row.addWidget(self.discussed, 0, Qt.AlignmentFlag.AlignTop)
        discussed_row.addWidget(self.discussed_on)
        discussed_row.addStretch()
        self.discussed_label = QLabel(_("Concern:"))
        form.addRow(self.discussed_label, discussed_row)
        layout.addLayout(form)

        self.problem = ProblemText()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._try_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.save_keys = SaveOnCtrlEnter(self, self._try_save)

        self.kind.currentIndexChanged.connect(self._sync_concern_row)
        self.discussed.toggled.connect(self._sync_concern_row)
        self._sync_concern_row()
        # The words are kept in the journal as they are typed, until saved or discarded.
        self.drafts: DraftKeeper | None = None
        if journal is not None:
            self.drafts = keep_dialog_drafts(self, journal, f"entry.edit.{entry.id}", {"text": self.text})
        self.text.setFocus()

    def _sync_concern_row(self) -> None:
        concern = self.kind.value() is EntryKind.CONCERN
        for widget in (self.discussed_label, self.discussed, self.discussed_on):
            widget.setVisible(concern)
        self.discussed_on.setEnabled(self.discussed.isChecked())

    def changes(self) -> EntryChanges:
        at = self.at.moment()
        if at == self._at.replace(second=0):
            # The field shows minutes only: left alone, it must not move the note (and its
            # place among notes of the same minute) to the start of that minute.
            at = self._at
        concern = self.kind.value() is EntryKind.CONCERN
        return EntryChanges(
            text=self.text.toPlainText(),
            kind=self.kind.value(),
            direction=self.direction.value(),
            setting=self.setting.value(),
            at=at,
            discussed_on=self.discussed_on.day() if concern and self.discussed.isChecked() else None,
        )

    def _try_save(self) -> None:
        try:
            self._save(self.changes())
        except MentorAppError as exc:
            self.problem.show_problem(str(exc))
            return
        self.accept()

    def reject(self) -> None:
        if confirm_discard(self, self.drafts):
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self._try_save()
            return
        super().keyPressEvent(event)


_PAD_X, _PAD_Y, _GAP = 12, 8, 4


def kind_tone(entry: EntryView) -> Tone:
    if entry.kind is EntryKind.CONCERN:
        return Tone.ALERT if entry.discussed_on is None else Tone.WARNING
    if entry.kind is EntryKind.PRAISE:
        return Tone.GOOD
    if entry.kind in (EntryKind.ASK, EntryKind.QUESTION):
        return Tone.INFO
    return Tone.NEUTRAL


def footer_of(entry: EntryView, link: str) -> str:
    parts = [link] if link else []
    if entry.is_concern:
        parts.append(_("Not yet raised with them") if entry.discussed_on is None
                     else _("Raised with them on {day}").format(day=day_text(entry.discussed_on)))
    return " · ".join(parts)


class TimelineDelegate(QStyledItemDelegate):
    """Paints an entry as a small card: kind, when, who and where; the text; what it belongs to."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def _text_width(self) -> int:
        return max(120, self.view.viewport().width() - 2 * _PAD_X)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        entry: EntryView = index.data(EntryRole)
        small = small_font(option.font)
        head = pill_size("x", small).height()
        body = round(wrapped_document(entry.text, option.font, self._text_width()).size().height())
        height = 2 * _PAD_Y + head + _GAP + body
        if footer_of(entry, index.data(LinkRole)):
            height += _GAP + QFontMetrics(small).height()
        return QSize(self._text_width(), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        entry: EntryView = index.data(EntryRole)
        palette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet = text_color if selected else secondary_text(palette)
        small = small_font(opt.font)
        rect = opt.rect.adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y)

        painter.save()
        pill = pill_size(entry.kind.label, small)
        paint_pill(painter, rect=QRect(rect.left(), rect.top(), pill.width(), pill.height()),
                   text=entry.kind.label, tone=kind_tone(entry), palette=palette, font=small)
        painter.setFont(small)
        painter.setPen(quiet)
        head = f"{moment_text(entry.at)}  ·  {entry.direction.label}  ·  {entry.setting.label}"
        head_rect = QRect(rect.left() + pill.width() + 8, rect.top(), rect.width() - pill.width() - 8, pill.height())
        head = QFontMetrics(small).elidedText(head, Qt.TextElideMode.ElideRight, head_rect.width())
        painter.drawText(head_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, head)

        top = rect.top() + pill.height() + _GAP
        painter.setFont(opt.font)
        painter.setPen(text_color)
        # The note in the direction it was written: a Hebrew sentence keeps its numbers,
        # brackets and full stop where its writer put them, and starts at the right. A word
        # wider than the card (a pasted link) breaks rather than runs past its edge.
        body = wrapped_document(entry.text, opt.font, rect.width())
        painter.save()
        painter.translate(rect.left(), top)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text_color)
        body.documentLayout().draw(painter, context)
        painter.restore()
        body_height = round(body.size().height())

        footer = footer_of(entry, index.data(LinkRole))
        if footer:
            painter.setFont(small)
            painter.setPen(quiet)
            top += body_height + _GAP
            footer = QFontMetrics(small).elidedText(footer, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(QRect(rect.left(), top, rect.width(), QFontMetrics(small).height()),
                             Qt.AlignmentFlag.AlignLeft, footer)
        painter.setPen(palette.color(QPalette.ColorRole.Midlight))
        painter.drawLine(opt.rect.left() + _PAD_X, opt.rect.bottom(), opt.rect.right() - _PAD_X, opt.rect.bottom())
        painter.restore()


class TimelineListView(QListView):
    """A list whose rows re-wrap their text when the width changes."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.scheduleDelayedItemsLayout()


class TimelineView(QWidget):
    """The selected mentee's entries, newest first, with filters and the actions on one entry."""

    new_note_requested = Signal()
    title = N_("Timeline")

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.services = context.services
        self.mentee_id: int | None = None
        self.model = TimelineModel(self.services, self)

        self.kind_filter = ChoiceCombo(EntryKind, any_label=_("All kinds"))
        self.kind_filter.setAccessibleName(_("Show kind"))
        self.direction_filter = ChoiceCombo(Direction, any_label=_("All directions"))
        self.direction_filter.setAccessibleName(_("Show direction"))
        self.count_label = QLabel()
        self.count_label.setObjectName("timeline_count")
        filters = QHBoxLayout()
        kind_label = QLabel(_("Sho&w:"))
        kind_label.setBuddy(self.kind_filter)
        filters.addWidget(kind_label)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.direction_filter)
        filters.addStretch()
        filters.addWidget(self.count_label)

        self.list = TimelineListView()
        self.list.setObjectName("timeline")
        self.list.setAccessibleName(_(self.title))
        self.list.setModel(self.model)
        self.list.setItemDelegate(TimelineDelegate(self.list))
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(160)
        self.list.doubleClicked.connect(lambda _index: self.edit_current())
        add_context_menu(self.list, lambda: [self.edit_button, self.discussed_button, self.trash_button, None,
                                             self.new_button])

        self.empty = QLabel()
        self.empty.setObjectName("timeline_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty)

        self.edit_button = QPushButton(_("Ed&it…"))
        self.edit_button.setToolTip(_("Edit the selected note (F2)"))
        self.trash_button = QPushButton(_("Move to &trash"))
        self.trash_button.setToolTip(_("Move the selected note to the trash (Delete); Ctrl+Z brings it back"))
        self.discussed_button = QPushButton(_("&Raised with them"))
        self.discussed_button.setToolTip(_("Record that this concern was raised with the mentee today (Ctrl+D)"))
        self.new_button = QPushButton(_("&New note…"))
        self.new_button.setToolTip(_("Jot down a note (Ctrl+N)"))
        self.edit_button.clicked.connect(self.edit_current)
        self.trash_button.clicked.connect(self.trash_current)
        self.discussed_button.clicked.connect(self.mark_current_discussed)
        self.new_button.clicked.connect(self.new_note_requested)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addStretch()
        for button in (self.discussed_button, self.edit_button, self.trash_button):
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addLayout(actions)

        for text, keys, slot in (
            (_("Edit note"),
             [QKeySequence(Qt.Key.Key_F2), QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)],
             self.edit_current),
            (_("Move note to trash"), [QKeySequence(QKeySequence.StandardKey.Delete)], self.trash_current),
            (_("Mark concern raised"), [QKeySequence("Ctrl+D")], self.mark_current_discussed),
        ):
            action = QAction(text, self.list)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.list.addAction(action)

        self.kind_filter.currentIndexChanged.connect(self._filters_changed)
        self.direction_filter.currentIndexChanged.connect(self._filters_changed)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._sync_buttons())
        self.model.modelReset.connect(self._sync_state)
        self.model.rowsInserted.connect(self._sync_buttons)
        context.changes.changed.connect(self._on_change)
        self._sync_state()

    # -- what is shown ------------------------------------------------------------------------
    def rows_per_screen(self) -> int:
        """How many notes can fit in the list at once: the shortest note is one line of text."""
        metrics = self.list.fontMetrics()
        shortest = 2 * _PAD_Y + pill_size("x", small_font(self.list.font())).height() + _GAP + metrics.height()
        return max(8, self.list.viewport().height() // max(1, shortest) + 1)

    def set_mentee(self, mentee_id: int | None) -> None:
        if mentee_id != self.mentee_id:
            self.mentee_id = mentee_id
            # Read about a screenful; the view asks for more as the lead scrolls.
            self.model.page_size = self.rows_per_screen()
            self.model.set_mentee(mentee_id)
            self.list.scrollToTop()

    def _filters_changed(self) -> None:
        kind, direction = self.kind_filter.value(), self.direction_filter.value()
        self.model.set_filters(kinds=[kind] if kind else None, directions=[direction] if direction else None)

    def _on_change(self, change: Change) -> None:
        if self.mentee_id is None or change.mentee_id not in (None, self.mentee_id):
            return
        if change.touches(Topic.ENTRIES, Topic.THREADS, Topic.GOALS):
            current = self.current_entry()
            self.model.reload(keep_loaded=True)
            if current is not None:
                self._select(current.id)

    def _sync_state(self) -> None:
        total = self.model.total()
        self.count_label.setText("" if self.mentee_id is None else ngettext(
            "{count} note", "{count} notes", total).format(count=number_text(total)))
        if self.model.rowCount() == 0:
            if self.model.filtered:
                self.empty.setText(
                    _("No notes of this kind. Choose “All kinds” and “All directions” to see every note."))
            else:
                self.empty.setText(_("No notes yet.\nPress Ctrl+N after your next conversation to jot one down."))
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.list)
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        entry = self.current_entry()
        self.edit_button.setEnabled(entry is not None)
        self.trash_button.setEnabled(entry is not None)
        self.discussed_button.setEnabled(entry is not None and entry.is_concern and entry.discussed_on is None)
        self.new_button.setEnabled(self.mentee_id is not None)

    def current_entry(self) -> EntryView | None:
        index = self.list.currentIndex()
        return index.data(EntryRole) if index.isValid() else None

    def _select(self, entry_id: int) -> bool:
        row = self.model.row_of(entry_id)
        if row is None:
            return False
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def show_item(self, doc_type: str, doc_id: int) -> bool:
        """Select one entry, loading older pages and clearing filters if needed."""
        if doc_type != "entry" or self.mentee_id is None:
            return False
        try:
            entry = self.services.entries.get(doc_id)
        except MentorAppError:
            return False
        if entry.mentee_id != self.mentee_id:
            return False
        if self.model.reveal(entry) is None and self.model.filtered:
            self.kind_filter.set_value(None)
            self.direction_filter.set_value(None)
            self.model.reveal(entry)
        found = self._select(entry.id)
        if found:
            self.list.setFocus()
        return found

    # -- actions on the selected entry -------------------------------------------------------
    def edit_current(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        dialog = EntryDialog(entry, save=lambda changes: self._save_edit(entry, changes),
                             journal=self.services.journal, parent=self)
        dialog.exec()

    def _save_edit(self, before: EntryView, changes: EntryChanges) -> None:
        entries = self.services.entries
        push(self.context, entries.undoable(_("Edit note"), lambda: entries.edit(
            before.id, text=changes.text, kind=changes.kind, direction=changes.direction,
            setting=changes.setting, at=changes.at, discussed_on=changes.discussed_on)))

    def trash_current(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        row = self.list.currentIndex().row()
        entries = self.services.entries
        try:
            push(self.context, entries.undoable(_("Delete note"), lambda: entries.trash(entry.id)))
        except MentorAppError as exc:
            self.context.report(str(exc))
            return
        # Keep the keyboard where it was: select the note that took its place.
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))

    def mark_current_discussed(self) -> None:
        entry = self.current_entry()
        if entry is None or not entry.is_concern or entry.discussed_on is not None:
            return
        entries = self.services.entries
        today: dt.date = self.context.today()
        try:
            push(self.context, entries.undoable(_("Mark concern raised"),
                                                lambda: entries.mark_discussed(entry.id, on=today)))
        except MentorAppError as exc:
            self.context.report(str(exc))
