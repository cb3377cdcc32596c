"""Dialogs of the Threads section: open a thread, rename it, mark upward feedback acted on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

from mentorapp.models.readmodels import ThreadView
from mentorapp.models.services import Services
from mentorapp.models.vocabulary import Setting, Side
from mentorapp.views.choice_box import combo
from mentorapp.views.date_fields import date_edit, day_text, edit_day
from mentorapp.views.record_dialog import RecordDialog, line_box, text_box
from mentorapp.views.starter_picker import StarterPicker


class NewThreadDialog(RecordDialog):
    """A topic, who raised it, and (optionally) the first thing said."""

    def __init__(self, services: Services, *, mentee_name: str, save: Callable[..., object],
                 parent: QWidget | None = None) -> None:
        super().__init__(
            "Open a feedback thread", submit=self._submit, save_text="&Open thread",
            intro=f"A thread follows one topic between you and {mentee_name}, in both directions, "
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
        self.by_lead = QRadioButton(f"&You: feedback for {mentee_name}")
        self.by_mentee = QRadioButton(f"{mentee_name}: &feedback for you (upward)")
        self.by_lead.setAccessibleName("Raised by you")
        self.by_mentee.setAccessibleName(f"Raised by {mentee_name}")
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
            intro=f"{mentee_name} raised “{thread.topic}” on {day_text(thread.opened_on)}. "
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
