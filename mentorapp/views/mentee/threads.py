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

from mentorapp.i18n import N_
from mentorapp.models.errors import MentorAppError, NotFoundError
from mentorapp.models.readmodels import ThreadView
from mentorapp.models.services import Services, Topic
from mentorapp.models.vocabulary import Direction, Setting, Side, ThreadStatus
from mentorapp.views.context import DeskContext
from mentorapp.views.mentee.section import RecordSection
from mentorapp.views.widgets.choice_box import combo
from mentorapp.views.widgets.composer import Composer
from mentorapp.views.widgets.fitting_text import NAME, NameChoice
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


class ThreadListModel(RecordTableModel):
    """Rows of ThreadView (open first, as the service orders them)."""

    # What the auto-lock empties and gives back (views/journal/lock_vault.py): every field holding journal text.
    ROW_FIELDS: ClassVar[tuple[str, ...]] = (*RecordTableModel.ROW_FIELDS, "mentee_name")

    headers = ("Topic", "Opened by", "Last word", "Status", "Acted on")

    def __init__(self, parent: QObject | None = None, *, warning: QIcon | None = None) -> None:
        super().__init__(parent)
        self.mentee_name = ""
        self._warning = warning

    def reload_threads(self, threads: list[ThreadView], *, mentee_name: str) -> None:
        self.mentee_name = mentee_name
        self.reload(threads)

    def opener(self, thread: ThreadView) -> str:
        return self.mentee_name if thread.opened_by is Side.MENTEE else "You"

    def status_text(self, thread: ThreadView) -> str:
        if thread.status is ThreadStatus.RESOLVED:
            return f"Resolved {day_text(thread.resolved_on)}" if thread.resolved_on else "Resolved"
        if thread.waiting_on_lead:
            return "Open · waiting on you"
        return "Open"

    def acted_on_text(self, thread: ThreadView) -> str:
        if not thread.is_upward:
            return ""
        return f"✓ {day_text(thread.acted_on)}" if thread.acted_on else "Not yet"

    def last_text(self, thread: ThreadView) -> str:
        if thread.last_at is None:
            return "No replies yet"
        who = self.mentee_name if thread.last_direction is Direction.FROM_MENTEE else "You"
        return f"{isolate(who)}, {day_text(thread.last_at)}"

    def text(self, record: ThreadView, column: int) -> str:
        if column == TOPIC:
            return record.topic
        if column == OPENED_BY:
            return f"{self.opener(record)}, {day_text(record.opened_on)}"
        if column == LAST:
            return self.last_text(record)
        if column == STATUS:
            return self.status_text(record)
        return self.acted_on_text(record)

    def tooltip(self, record: ThreadView, column: int) -> str | None:
        if column == TOPIC:
            count = "1 message" if record.entry_count == 1 else f"{record.entry_count} messages"
            return f"{isolate(record.topic)}\n{count}"
        if column == STATUS and record.waiting_on_lead:
            return sentence(f"{isolate(self.mentee_name)} spoke last: the next word is yours.")
        if column == ACTED_ON and record.is_upward:
            if record.acted_on:
                note = f": {record.acted_on_note}" if record.acted_on_note else ""
                return f"You acted on this feedback on {day_text(record.acted_on)}{note}"
            return f"Feedback from {isolate(self.mentee_name)}, not yet marked as acted on."
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
            "Open a feedback thread", submit=self._submit, save_text="&Open thread",
            intro=f"A thread follows one topic between you and {isolate(mentee_name)}, in both directions, "
                  "until it is resolved.",
            parent=parent,
        )
        self._save = save
        self.topic = line_box(accessible_name="Topic", placeholder="What it is about, in a few words")
        self.form.addRow("&Topic:", self.topic)

        sides = QWidget()
        sides_layout = QVBoxLayout(sides)
        sides_layout.setContentsMargins(0, 0, 0, 0)
        self.side_group = QButtonGroup(self)
        self.by_lead = NameChoice(f"&You: feedback for {NAME}", mentee_name)
        self.by_mentee = NameChoice(f"{NAME}: &feedback for you (upward)", mentee_name)
        self.by_lead.setAccessibleName("Raised by you")
        self.by_mentee.setAccessibleName(f"Raised by {isolate(mentee_name)}")
        for button in (self.by_lead, self.by_mentee):
            self.side_group.addButton(button)
            sides_layout.addWidget(button)
        self.by_lead.setChecked(True)
        self.form.addRow("Raised by:", sides)

        self.first = text_box(accessible_name="First message", lines=4,
                              placeholder="What was said first (optional); a question opens a conversation best")
        self.form.addRow("First &message:", self.first)
        self.starters = StarterPicker(services, self.first)
        self.form.addRow("", self.starters)
        self.setting = combo([(s.label, s) for s in Setting], Setting.ONE_ON_ONE, accessible_name="Setting")
        self.form.addRow("W&here:", self.setting)
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
        super().__init__("Rename thread", submit=self._submit, parent=parent)
        self._save = save
        self.topic = line_box(thread.topic, accessible_name="Topic")
        self.topic.selectAll()
        self.form.addRow("&Topic:", self.topic)
        self.watch(self.topic)
        self.topic.setFocus()

    def _submit(self) -> None:
        self._save(self.topic.text())


class ActedOnDialog(RecordDialog):
    """When the lead acted on upward feedback, and what changed."""

    def __init__(self, thread: ThreadView, *, mentee_name: str, today: dt.date,
                 save: Callable[..., object], parent: QWidget | None = None) -> None:
        super().__init__(
            "Mark feedback as acted on", submit=self._submit, save_text="&Mark acted on",
            intro=f"{isolate(mentee_name)} raised “{isolate(thread.topic)}” on {day_text(thread.opened_on)}. "
                  "Note when you acted on it and what changed, so the loop is closed.",
            parent=parent,
        )
        self._save = save
        self.on = date_edit(thread.acted_on or today, accessible_name="Acted on")
        self.note = text_box(thread.acted_on_note, accessible_name="What changed", lines=3,
                             placeholder="e.g. Moved our 1:1 to a fixed slot")
        self.form.addRow("&On:", self.on)
        self.form.addRow("&What changed:", self.note)
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

        self.new_button = action_button("&New thread…", accessible_name="New thread",
                                        tooltip="Open a feedback thread, raised by you or by the mentee",
                                        slot=self.new_thread)
        self.model = ThreadListModel(self, warning=warning_icon(self))
        self.table = RecordTable(self.model, accessible_name="Feedback threads", stretch=(0,))
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
        self.topic_label.setAccessibleName("Thread topic")
        self.state_line = IconLine(accessible_name="Thread status")
        self.acted_line = paragraph(accessible_name="Acted on")
        self.resolve_button = action_button("Re&solve", accessible_name="Resolve thread", slot=self.toggle_resolved)
        self.acted_button = action_button("Mark &acted on…", accessible_name="Mark acted on",
                                          tooltip="Record that you acted on this feedback from the mentee",
                                          slot=self.mark_acted_on)
        self.clear_acted_button = action_button("Clear acted &on", accessible_name="Clear acted on",
                                                slot=self.clear_acted_on)
        self.rename_button = action_button("Rename to&pic…", accessible_name="Rename thread", slot=self.rename)
        self.delete_button = action_button("De&lete thread", accessible_name="Delete thread",
                                           tooltip="Move the thread and its messages to the trash (Ctrl+Z undoes)",
                                           slot=self.delete_thread)
        layout.addWidget(self.topic_label)
        layout.addWidget(self.state_line)
        layout.addWidget(self.acted_line)
        layout.addLayout(action_bar(self.resolve_button, self.acted_button, self.clear_acted_button,
                                    trailing=(self.rename_button, self.delete_button)))

        self.conversation_model = ConversationModel(self)
        self.conversation = ConversationView(accessible_name="Conversation",
                                             placeholder="No messages yet. Write the first one below.")
        self.conversation.setModel(self.conversation_model)
        self.conversation.edit_requested.connect(self.edit_message)
        self.conversation.delete_requested.connect(self.delete_message)
        layout.addWidget(self.conversation, 1)

        self.composer = Composer(self.services, accessible_name="Reply", button_text="Add &reply",
                                 draft_scope="reply.thread",
                                 placeholder="Reply, or note what was said (Ctrl+Enter adds it)")
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
            self.empty.set_message("No mentee chosen", "Choose someone in the team to see their feedback threads.")
            self.pages.setCurrentWidget(self.empty)
            self._show_thread(None)
            return
        self.new_button.setEnabled(True)
        self.composer.set_mentee_name(mentee.name)
        threads = self.services.threads.for_mentee(mentee.id)
        self.model.reload_threads(threads, mentee_name=mentee.name)
        if not threads:
            self.empty.set_message(
                f"No feedback threads with {isolate(mentee.name)} yet",
                "A thread follows one topic in both directions: feedback you give, and feedback "
                f"{isolate(mentee.name)} gives you. Open one when something deserves a follow-up.",
                action="Open a thread…", on_action=self.new_thread,
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
            self.state_line.set_text("Choose a thread above to read it.")
            self.acted_line.hide()
            self.conversation_model.reload([], mentee_name=self.mentee_name)
            for button in (self.resolve_button, self.acted_button, self.clear_acted_button):
                button.hide()
            return
        self.topic_label.setText(thread.topic)
        opener = self.mentee_name if thread.opened_by is Side.MENTEE else "you"
        state = f"Opened by {opener} on {day_text(thread.opened_on)} · {self.model.status_text(thread)}"
        self.state_line.set_text(state, warn=thread.waiting_on_lead)
        self.resolve_button.show()
        if thread.status is ThreadStatus.OPEN:
            self.resolve_button.setText("Re&solve")
            self.resolve_button.setAccessibleName("Resolve thread")
        else:
            self.resolve_button.setText("Re&open")
            self.resolve_button.setAccessibleName("Reopen thread")
        self.acted_line.setVisible(thread.is_upward)
        if thread.is_upward:
            if thread.acted_on:
                note = f" — {thread.acted_on_note}" if thread.acted_on_note else ""
                self.acted_line.setText(f"✓ You acted on this feedback on {day_text(thread.acted_on)}{note}")
            else:
                self.acted_line.setText(f"Feedback from {isolate(self.mentee_name)}: not yet marked as acted on.")
        self.acted_button.setVisible(thread.is_upward)
        self.acted_button.setText("Edit &acted on…" if thread.acted_on else "Mark &acted on…")
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
            thread = self.push(threads, "Open thread",
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
        what = "Add private note" if direction is Direction.PRIVATE else "Add reply"
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
            self.undoable(threads, "Resolve thread", lambda: threads.resolve(thread.id, on=day))
        else:
            self.undoable(threads, "Reopen thread", lambda: threads.reopen(thread.id))

    def mark_acted_on(self) -> None:
        thread = self.current_thread
        if thread is None or not thread.is_upward:
            return
        threads = self.services.threads

        def save(*, on: dt.date, note: str) -> None:
            self.push(threads, "Mark thread acted on", lambda: threads.mark_acted_on(thread.id, on=on, note=note))

        self.show_dialog(ActedOnDialog(thread, mentee_name=self.mentee_name, today=self.today(), save=save,
                                       parent=self), draft=f"thread.acted_on.{thread.id}")

    def clear_acted_on(self) -> None:
        thread = self.current_thread
        if thread is None or thread.acted_on is None:
            return
        threads = self.services.threads
        self.undoable(threads, "Unmark thread acted on", lambda: threads.clear_acted_on(thread.id))

    def rename(self) -> None:
        thread = self.current_thread
        if thread is None:
            return
        threads = self.services.threads

        def save(topic: str) -> None:
            self.push(threads, "Rename thread", lambda: threads.retitle(thread.id, topic=topic))

        self.show_dialog(TopicDialog(thread, save=save, parent=self), draft=f"thread.topic.{thread.id}")

    def delete_thread(self) -> None:
        thread = self.current_thread
        if thread is None:
            return
        threads = self.services.threads
        self.undoable(threads, "Delete thread", lambda: threads.trash(thread.id))

    def edit_message(self, entry_id: int) -> None:
        row = self.conversation_model.row_of(entry_id)
        if row is not None:
            self.edit_entry(self.conversation_model.entry(row), what="message")

    def delete_message(self, entry_id: int) -> None:
        self.delete_entry(entry_id, what="message")
