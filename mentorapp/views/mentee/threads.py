"""The Threads tab of the mentee page: two-way feedback conversations, one topic each, and their dialogs."""

from __future__ import annotations

from typing import ClassVar

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import N_, _, ngettext, pgettext
from mentorapp.models.errors import MentorAppError, NotFoundError
from mentorapp.models.readmodels import ThreadView
from mentorapp.models.services import Services, Topic
from mentorapp.models.vocabulary import Direction, Setting, Side, ThreadStatus
from mentorapp.views.context import DeskContext
from mentorapp.views.mentee.section import RecordSection, TranslatedHeaders
from mentorapp.views.widgets.choice_box import combo
from mentorapp.views.widgets.composer import Composer
from mentorapp.views.widgets.fitting_text import NameChoice
from mentorapp.views.widgets.context_menu import add_context_menu
from mentorapp.views.widgets.conversation_model import ConversationModel
from mentorapp.views.widgets.conversation_view import ConversationView
from mentorapp.views.widgets.date_fields import Today, date_edit, day_text, edit_day
from mentorapp.views.widgets.record_dialog import RecordDialog, line_box, text_box
from mentorapp.views.widgets.record_table_model import RecordTableModel
from mentorapp.views.widgets.section_parts import (
    EmptyState,
    IconLine,
    RecordTable,
    action_bar,
    action_button,
    heading,
    paragraph,
    warning_icon,
)
from mentorapp.views.widgets.starter_picker import StarterPicker
from mentorapp.views.widgets.text_direction import isolate, sentence

TOPIC, OPENED_BY, LAST, STATUS, ACTED_ON = range(5)


class ThreadListModel(TranslatedHeaders):
    """Rows of ThreadView (open first, as the service orders them)."""

    # What the auto-lock empties and gives back (views/journal/lock_vault.py): every field holding journal text.
    ROW_FIELDS: ClassVar[tuple[str, ...]] = (*RecordTableModel.ROW_FIELDS, "mentee_name")

    headers = (N_("Topic"), N_("Opened by"), N_("Last word"), N_("Status"), N_("Acted on"))

    def __init__(self, parent: QObject | None = None, *, warning: QIcon | None = None) -> None:
        super().__init__(parent)
        self.mentee_name = ""
        self._warning = warning

    def reload_threads(self, threads: list[ThreadView], *, mentee_name: str) -> None:
        self.mentee_name = mentee_name
        self.reload(threads)

    def opener(self, thread: ThreadView) -> str:
        # Translators: who opened a thread, in the table ("You, 3 Nov 2026").
        return self.mentee_name if thread.opened_by is Side.MENTEE else _("You")

    def status_text(self, thread: ThreadView) -> str:
        if thread.status is ThreadStatus.RESOLVED:
            if thread.resolved_on:
                return _("Resolved {day}").format(day=day_text(thread.resolved_on))
            return _("Resolved")
        if thread.waiting_on_lead:
            return _("Open · waiting on you")
        # Translators: a thread's status.
        return pgettext("thread", "Open")

    def acted_on_text(self, thread: ThreadView) -> str:
        if not thread.is_upward:
            return ""
        return f"✓ {day_text(thread.acted_on)}" if thread.acted_on else _("Not yet")

    def last_text(self, thread: ThreadView) -> str:
        if thread.last_at is None:
            return _("No replies yet")
        who = self.mentee_name if thread.last_direction is Direction.FROM_MENTEE else _("You")
        # Translators: who spoke last in a thread, and when: "Ana Lima, 3 Nov 2026".
        return _("{name}, {day}").format(name=isolate(who), day=day_text(thread.last_at))

    def text(self, record: ThreadView, column: int) -> str:
        if column == TOPIC:
            return record.topic
        if column == OPENED_BY:
            return _("{name}, {day}").format(name=isolate(self.opener(record)), day=day_text(record.opened_on))
        if column == LAST:
            return self.last_text(record)
        if column == STATUS:
            return self.status_text(record)
        return self.acted_on_text(record)

    def tooltip(self, record: ThreadView, column: int) -> str | None:
        if column == TOPIC:
            count = ngettext("{count} message", "{count} messages", record.entry_count).format(
                count=record.entry_count)
            return f"{isolate(record.topic)}\n{count}"
        if column == STATUS and record.waiting_on_lead:
            return sentence(_("{name} spoke last: the next word is yours.").format(name=isolate(self.mentee_name)))
        if column == ACTED_ON and record.is_upward:
            if record.acted_on:
                if record.acted_on_note:
                    return _("You acted on this feedback on {day}: {note}").format(
                        day=day_text(record.acted_on), note=record.acted_on_note)
                return _("You acted on this feedback on {day}").format(day=day_text(record.acted_on))
            return _("Feedback from {name}, not yet marked as acted on.").format(name=isolate(self.mentee_name))
        return None

    def emphasised(self, record: ThreadView, column: int) -> bool:
        return record.waiting_on_lead and column in (TOPIC, STATUS)

    def icon(self, record: ThreadView, column: int) -> QIcon | None:
        if column == STATUS and record.waiting_on_lead:
            return self._warning
        return None


class NewThreadDialog(RecordDialog):
    """A topic, who raised it, and (optionally) the first thing said."""

    def __init__(self, services: Services, *, mentee_name: str, save: Callable[..., object],
                 parent: QWidget | None = None) -> None:
        super().__init__(
            _("Open a feedback thread"), submit=self._submit, save_text=_("&Open thread"),
            intro=_("A thread follows one topic between you and {name}, in both directions, "
                    "until it is resolved.").format(name=isolate(mentee_name)),
            parent=parent,
        )
        self._save = save
        self.topic = line_box(accessible_name=_("Topic"), placeholder=_("What it is about, in a few words"))
        self.form.addRow(_("&Topic:"), self.topic)

        sides = QWidget()
        sides_layout = QVBoxLayout(sides)
        sides_layout.setContentsMargins(0, 0, 0, 0)
        self.side_group = QButtonGroup(self)
        # Translators: {name} is the mentee's name, fitted to the width; keep it as written.
        self.by_lead = NameChoice(_("&You: feedback for {name}"), mentee_name)
        self.by_mentee = NameChoice(_("{name}: &feedback for you (upward)"), mentee_name)
        self.by_lead.setAccessibleName(_("Raised by you"))
        self.by_mentee.setAccessibleName(_("Raised by {name}").format(name=isolate(mentee_name)))
        for button in (self.by_lead, self.by_mentee):
            self.side_group.addButton(button)
            sides_layout.addWidget(button)
        self.by_lead.setChecked(True)
        self.form.addRow(_("Raised by:"), sides)

        self.first = text_box(accessible_name=_("First message"), lines=4,
                              placeholder=_("What was said first (optional); a question opens a conversation best"))
        self.form.addRow(_("First &message:"), self.first)
        self.starters = StarterPicker(services, self.first)
        self.form.addRow("", self.starters)
        self.setting = combo([(s.label, s) for s in Setting], Setting.ONE_ON_ONE, accessible_name=_("Setting"))
        self.form.addRow(_("W&here:"), self.setting)
        self.watch(self.topic, self.first, self.by_mentee, self.setting)
        self.topic.setFocus()

    def _submit(self) -> None:
        self._save(
            topic=self.topic.text(),
            opened_by=Side.MENTEE if self.by_mentee.isChecked() else Side.LEAD,
            first_text=self.first.toPlainText(),
            setting=self.setting.value(),
        )


class TopicDialog(RecordDialog):
    """Renaming a thread's topic."""

    def __init__(self, thread: ThreadView, *, save: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(_("Rename thread"), submit=self._submit, parent=parent)
        self._save = save
        self.topic = line_box(thread.topic, accessible_name=_("Topic"))
        self.topic.selectAll()
        self.form.addRow(_("&Topic:"), self.topic)
        self.watch(self.topic)
        self.topic.setFocus()

    def _submit(self) -> None:
        self._save(self.topic.text())


class ActedOnDialog(RecordDialog):
    """When the lead acted on upward feedback, and what changed."""

    def __init__(self, thread: ThreadView, *, mentee_name: str, today: dt.date,
                 save: Callable[..., object], parent: QWidget | None = None) -> None:
        super().__init__(
            _("Mark feedback as acted on"), submit=self._submit, save_text=_("&Mark acted on"),
            intro=_("{name} raised “{topic}” on {day}. Note when you acted on it and what changed, "
                    "so the loop is closed.").format(name=isolate(mentee_name), topic=isolate(thread.topic),
                                                     day=day_text(thread.opened_on)),
            parent=parent,
        )
        self._save = save
        self.on = date_edit(thread.acted_on or today, accessible_name=_("Acted on"))
        self.note = text_box(thread.acted_on_note, accessible_name=_("What changed"), lines=3,
                             placeholder=_("e.g. Moved our 1:1 to a fixed slot"))
        # Translators: the day the lead acted on the feedback.
        self.form.addRow(_("&On:"), self.on)
        self.form.addRow(_("&What changed:"), self.note)
        self.watch(self.on, self.note)
        self.note.setFocus()

    def _submit(self) -> None:
        self._save(on=edit_day(self.on), note=self.note.toPlainText())


class ThreadsSection(RecordSection):
    """Feedback threads of one mentee: list, conversation, reply, resolve, acted on."""

    title = N_("Threads")
    topics = (Topic.THREADS, Topic.ENTRIES, Topic.MENTEES)

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *, today: Today | None = None) -> None:
        super().__init__(context, parent, today=today)
        self.current_thread: ThreadView | None = None
        self._reloading = False

        self.new_button = action_button(_("&New thread…"), accessible_name=_("New thread"),
                                        tooltip=_("Open a feedback thread, raised by you or by the mentee"),
                                        slot=self.new_thread)
        self.model = ThreadListModel(self, warning=warning_icon(self))
        self.table = RecordTable(self.model, accessible_name=_("Feedback threads"), stretch=(0,))
        self.table.show_at_least(2)
        self.table.record_selected.connect(self._thread_selected)
        add_context_menu(self.table, lambda: [self.resolve_button, self.acted_button, self.clear_acted_button,
                                              self.rename_button, self.delete_button, None, self.new_button])
        self.table.edit_requested.connect(lambda _id: self.rename())
        self.table.delete_requested.connect(lambda _id: self.delete_thread())

        self.detail = self._build_detail()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        # Not in a scroll area: the conversation scrolls itself, and a second scroll bar around it
        # would push the reply box below the fold.
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)

        self.empty = EmptyState()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(splitter)
        self.content = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(action_bar(self.new_button))
        layout.addWidget(self.pages, 1)
        self.setMinimumSize(440, 340)
        self.reload()

    def _build_detail(self) -> QWidget:
        detail = QFrame()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 6, 0, 0)
        self.topic_label = heading()
        self.topic_label.setAccessibleName(_("Thread topic"))
        self.state_line = IconLine(accessible_name=_("Thread status"))
        self.acted_line = paragraph(accessible_name=_("Acted on"))
        self.resolve_button = action_button(_("Re&solve"), accessible_name=_("Resolve thread"),
                                            slot=self.toggle_resolved)
        self.acted_button = action_button(_("Mark &acted on…"), accessible_name=_("Mark acted on"),
                                          tooltip=_("Record that you acted on this feedback from the mentee"),
                                          slot=self.mark_acted_on)
        self.clear_acted_button = action_button(_("Clear acted &on"), accessible_name=_("Clear acted on"),
                                                slot=self.clear_acted_on)
        self.rename_button = action_button(_("Rename to&pic…"), accessible_name=_("Rename thread"),
                                           slot=self.rename)
        self.delete_button = action_button(_("De&lete thread"), accessible_name=_("Delete thread"),
                                           tooltip=_("Move the thread and its messages to the trash (Ctrl+Z undoes)"),
                                           slot=self.delete_thread)
        layout.addWidget(self.topic_label)
        layout.addWidget(self.state_line)
        layout.addWidget(self.acted_line)
        layout.addLayout(action_bar(self.resolve_button, self.acted_button, self.clear_acted_button,
                                    trailing=(self.rename_button, self.delete_button)))

        self.conversation_model = ConversationModel(self)
        self.conversation = ConversationView(accessible_name=_("Conversation"),
                                             placeholder=_("No messages yet. Write the first one below."))
        self.conversation.setModel(self.conversation_model)
        self.conversation.edit_requested.connect(self.edit_message)
        self.conversation.delete_requested.connect(self.delete_message)
        layout.addWidget(self.conversation, 1)

        self.composer = Composer(self.services, accessible_name=_("Reply"), button_text=_("Add &reply"),
                                 draft_scope="reply.thread",
                                 placeholder=_("Reply, or note what was said (Ctrl+Enter adds it)"))
        self.composer.submitted.connect(self.reply)
        layout.addWidget(self.composer)
        return detail

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        # While the list is swapped, its passing selections are not the reader's choice.
        self._reloading = True
        try:
            self._reload()
        finally:
            self._reloading = False

    def _reload(self) -> None:
        mentee = self.load_mentee()
        keep = self.table.current_id()
        if mentee is None:
            self.model.reload_threads([], mentee_name="")
            self.new_button.setEnabled(False)
            self.empty.set_message(_("No mentee chosen"),
                                   _("Choose someone in the team to see their feedback threads."))
            self.pages.setCurrentWidget(self.empty)
            self._show_thread(None)
            return
        self.new_button.setEnabled(True)
        self.composer.set_mentee_name(mentee.name)
        threads = self.services.threads.for_mentee(mentee.id)
        self.model.reload_threads(threads, mentee_name=mentee.name)
        if not threads:
            self.empty.set_message(
                _("No feedback threads with {name} yet").format(name=isolate(mentee.name)),
                _("A thread follows one topic in both directions: feedback you give, and feedback "
                  "{name} gives you. Open one when something deserves a follow-up.").format(
                    name=isolate(mentee.name)),
                action=_("Open a thread…"), on_action=self.new_thread,
            )
            self.pages.setCurrentWidget(self.empty)
            self._show_thread(None)
            return
        self.pages.setCurrentWidget(self.content)
        if not self.table.select_id(keep):
            self.table.select_first()
        self._show_thread(self.table.current_id())

    def _thread_selected(self, thread_id: int | None) -> None:
        if self._reloading:
            return
        if thread_id != (self.current_thread.id if self.current_thread else None):
            self._show_thread(thread_id)

    def _show_thread(self, thread_id: int | None) -> None:
        row = self.model.row_of(thread_id) if thread_id is not None else None
        previous = self.current_thread
        self.current_thread = self.model.record(row) if row is not None else None
        thread = self.current_thread
        self.detail.setEnabled(thread is not None)
        self.composer.set_target(thread.id if thread is not None else None)
        if thread is None:
            self.topic_label.setText("")
            self.state_line.set_text(_("Choose a thread above to read it."))
            self.acted_line.hide()
            self.conversation_model.reload([], mentee_name=self.mentee_name)
            for button in (self.resolve_button, self.acted_button, self.clear_acted_button):
                button.hide()
            return
        self.topic_label.setText(thread.topic)
        if thread.opened_by is Side.MENTEE:
            state = _("Opened by {name} on {day} · {status}").format(
                name=isolate(self.mentee_name), day=day_text(thread.opened_on), status=self.model.status_text(thread))
        else:
            state = _("Opened by you on {day} · {status}").format(
                day=day_text(thread.opened_on), status=self.model.status_text(thread))
        self.state_line.set_text(state, warn=thread.waiting_on_lead)
        self.resolve_button.show()
        if thread.status is ThreadStatus.OPEN:
            self.resolve_button.setText(_("Re&solve"))
            self.resolve_button.setAccessibleName(_("Resolve thread"))
        else:
            self.resolve_button.setText(_("Re&open"))
            self.resolve_button.setAccessibleName(_("Reopen thread"))
        self.acted_line.setVisible(thread.is_upward)
        if thread.is_upward:
            if thread.acted_on:
                if thread.acted_on_note:
                    acted = _("✓ You acted on this feedback on {day} — {note}").format(
                        day=day_text(thread.acted_on), note=thread.acted_on_note)
                else:
                    acted = _("✓ You acted on this feedback on {day}").format(day=day_text(thread.acted_on))
                self.acted_line.setText(acted)
            else:
                self.acted_line.setText(_("Feedback from {name}: not yet marked as acted on.").format(
                    name=isolate(self.mentee_name)))
        self.acted_button.setVisible(thread.is_upward)
        self.acted_button.setText(_("Edit &acted on…") if thread.acted_on else _("Mark &acted on…"))
        self.clear_acted_button.setVisible(thread.is_upward and thread.acted_on is not None)

        # Keep the reader's place when the same thread reloads; a new thread opens at its end.
        bar = self.conversation.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 2
        selected = self.conversation.current_id()
        same = previous is not None and previous.id == thread.id
        entries = self.services.entries.for_thread(thread.id)
        grew = same and len(entries) > self.conversation_model.rowCount()
        self.conversation_model.reload(entries, mentee_name=self.mentee_name)
        self.conversation.doItemsLayout()
        if same and selected is not None and not grew and self.conversation.select_id(selected):
            return
        if not same or at_end or grew:
            self.conversation.scroll_to_end()

    def show_item(self, doc_type: str, doc_id: int) -> bool:
        if doc_type == "thread":
            if self.model.row_of(doc_id) is None:
                return False
            self.pages.setCurrentWidget(self.content)
            return self.table.reveal(doc_id)
        if doc_type == "entry":
            try:
                entry = self.services.entries.get(doc_id)
            except NotFoundError:
                return False
            if entry.thread_id is None or self.model.row_of(entry.thread_id) is None:
                return False
            self.table.select_id(entry.thread_id)
            self._show_thread(entry.thread_id)
            self.conversation.select_id(doc_id)
            self.conversation.setFocus()
            return True
        return False

    # -- writing -------------------------------------------------------------------------
    def new_thread(self) -> None:
        if self.mentee is None:
            return
        mentee_id = self.mentee.id
        threads = self.services.threads

        def save(*, topic: str, opened_by: Side, first_text: str, setting: Setting) -> None:
            thread = self.push(threads, _("Open thread"),
                               lambda: threads.open(mentee_id=mentee_id, topic=topic, opened_by=opened_by,
                                                    first_text=first_text, setting=setting, at=self.now()))
            if thread is not None:
                self.table.select_id(thread.id)

        self.show_dialog(NewThreadDialog(self.services, mentee_name=self.mentee_name, save=save, parent=self),
                         draft=f"thread.new.mentee.{mentee_id}")

    def reply(self) -> None:
        thread = self.current_thread
        if thread is None:
            return
        threads = self.services.threads
        text, direction, setting = self.composer.words(), self.composer.direction(), self.composer.chosen_setting()
        # A reply reopens a resolved thread; the service's command undoes both together.
        what = _("Add private note") if direction is Direction.PRIVATE else _("Add reply")
        try:
            self.push(threads, what,
                      lambda: threads.reply(thread.id, text=text, direction=direction, setting=setting, at=self.now()))
        except MentorAppError as exc:
            self.composer.show_problem(str(exc))
            return
        self.composer.clear()
        self.conversation.scroll_to_end()

    def toggle_resolved(self) -> None:
        thread = self.current_thread
        if thread is None:
            return
        threads = self.services.threads
        if thread.status is ThreadStatus.OPEN:
            day = self.today()
            self.undoable(threads, _("Resolve thread"), lambda: threads.resolve(thread.id, on=day))
        else:
            self.undoable(threads, _("Reopen thread"), lambda: threads.reopen(thread.id))

    def mark_acted_on(self) -> None:
        thread = self.current_thread
        if thread is None or not thread.is_upward:
            return
        threads = self.services.threads

        def save(*, on: dt.date, note: str) -> None:
            self.push(threads, _("Mark thread acted on"), lambda: threads.mark_acted_on(thread.id, on=on, note=note))

        self.show_dialog(ActedOnDialog(thread, mentee_name=self.mentee_name, today=self.today(), save=save,
                                       parent=self), draft=f"thread.acted_on.{thread.id}")

    def clear_acted_on(self) -> None:
        thread = self.current_thread
        if thread is None or thread.acted_on is None:
            return
        threads = self.services.threads
        self.undoable(threads, _("Unmark thread acted on"), lambda: threads.clear_acted_on(thread.id))

    def rename(self) -> None:
        thread = self.current_thread
        if thread is None:
            return
        threads = self.services.threads

        def save(topic: str) -> None:
            self.push(threads, _("Rename thread"), lambda: threads.retitle(thread.id, topic=topic))

        self.show_dialog(TopicDialog(thread, save=save, parent=self), draft=f"thread.topic.{thread.id}")

    def delete_thread(self) -> None:
        thread = self.current_thread
        if thread is None:
            return
        threads = self.services.threads
        self.undoable(threads, _("Delete thread"), lambda: threads.trash(thread.id))

    def edit_message(self, entry_id: int) -> None:
        row = self.conversation_model.row_of(entry_id)
        if row is not None:
            self.edit_entry(self.conversation_model.entry(row), what=_("Edit message"))

    def delete_message(self, entry_id: int) -> None:
        self.delete_entry(entry_id, what=_("Delete message"))
