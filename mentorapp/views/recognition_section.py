"""The Recognition part of the mentee page: the log of thanks, praise and gifts, year-round.

It says how long it has been since this person was last recognised (and warns
when it has been a while), keeps their preferred way of being thanked in view,
and logs each recognition with its kind, date and reason.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from mentorapp.models.insights import DEFAULT_RECOGNITION_GAP_DAYS, days_since, recognition_overdue
from mentorapp.models.readmodels import RecognitionView
from mentorapp.models.services import Topic
from mentorapp.views.context import DeskContext
from mentorapp.views.date_fields import Today, ago_text, day_text
from mentorapp.views.recognition_dialog import RecognitionDialog
from mentorapp.views.recognition_model import RecognitionModel
from mentorapp.views.record_section import RecordSection
from mentorapp.views.section_parts import (
    EmptyState,
    Figure,
    IconLine,
    RecordTable,
    action_bar,
    action_button,
    paragraph,
)
from mentorapp.views.undo import moved_to_trash, undone_by_trash


class RecognitionSection(RecordSection):
    """Recognitions of one mentee: days since the last, the log; add, edit, delete."""

    title = "Recognition"
    topics = (Topic.RECOGNITIONS, Topic.MENTEES)

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *, today: Today | None = None,
                 gap_days: int = DEFAULT_RECOGNITION_GAP_DAYS) -> None:
        super().__init__(context, parent, today=today)
        self.gap_days = gap_days
        self.since_figure = Figure("days since the last recognition", accessible_name="Days since the last recognition")
        self.since_line = IconLine(accessible_name="Since the last recognition")
        self.preference_line = paragraph(accessible_name="How they like to be thanked")
        self.add_button = action_button("&Recognise…", accessible_name="Recognise",
                                        tooltip="Log a thank-you, public praise or a gift", slot=self.add)
        self.edit_button = action_button("&Edit…", accessible_name="Edit recognition", slot=self.edit)
        self.delete_button = action_button("&Delete", accessible_name="Delete recognition", slot=self.delete,
                                           tooltip="Move it to the trash (Ctrl+Z undoes)")
        self.model = RecognitionModel(self)
        self.table = RecordTable(self.model, accessible_name="Recognition log")
        self.table.record_selected.connect(lambda _id: self._update_buttons())
        self.table.edit_requested.connect(lambda _id: self.edit())
        self.table.delete_requested.connect(lambda _id: self.delete())
        self.empty = EmptyState()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.table)

        layout = QVBoxLayout(self)
        summary = QHBoxLayout()
        summary.addWidget(self.since_figure)
        words = QVBoxLayout()
        words.addStretch(1)
        words.addWidget(self.since_line)
        words.addWidget(self.preference_line)
        words.addStretch(1)
        summary.addLayout(words, 1)
        layout.addLayout(summary)
        layout.addLayout(action_bar(self.add_button, self.edit_button, self.delete_button))
        layout.addWidget(self.pages, 1)
        self.setMinimumSize(440, 300)
        self.reload()

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        mentee = self.load_mentee()
        keep = self.table.current_id()
        self.add_button.setEnabled(mentee is not None)
        if mentee is None:
            self.model.reload([])
            self.since_line.set_text("")
            self.since_figure.set_value("—")
            self.preference_line.setText("")
            self.empty.set_message("No mentee chosen", "Choose someone in the team to see their recognition.")
            self.pages.setCurrentWidget(self.empty)
            self._update_buttons()
            return
        recognitions = self.services.recognitions.for_mentee(mentee.id)
        self.model.reload(recognitions)
        self._summarise(recognitions)
        if recognitions:
            self.pages.setCurrentWidget(self.table)
            if not self.table.select_id(keep):
                self.table.select_first()
        else:
            self.empty.set_message(
                f"Nothing logged for {mentee.name} yet",
                "Thanks, public praise or a small gift: log each one, so that recognition keeps coming "
                "year-round, not only at review time.",
                action="Recognise…", on_action=self.add,
            )
            self.pages.setCurrentWidget(self.empty)
        self._update_buttons()

    def _summarise(self, recognitions: list[RecognitionView]) -> None:
        mentee = self.mentee
        assert mentee is not None
        today = self.today()
        last = recognitions[0].given_on if recognitions else None
        overdue = recognition_overdue(last, today=today, started_on=mentee.started_on, gap_days=self.gap_days)
        days = days_since(last, today=today)
        if days is None:
            self.since_figure.set_value("—", "no recognition yet")
        else:
            self.since_figure.set_value(str(days), "day since the last recognition" if days == 1
                                        else "days since the last recognition")
        if last is None:
            text = f"{mentee.name} has not been recognised yet."
        elif days is not None and days > self.gap_days:
            text = f"Last recognised on {day_text(last)}: more than {self.gap_days} days ago. A thank-you may be due."
        else:
            text = f"Last recognised {ago_text(last, today=today)}, on {day_text(last)}."
        self.since_line.set_text(text, warn=overdue)
        self.preference_line.setText(
            f"{mentee.name} likes to be thanked with: {mentee.thanks_preference}" if mentee.thanks_preference
            else "How they like to be thanked is not noted yet."
        )

    def days_since_last(self) -> int | None:
        records = self.model.records()
        return days_since(records[0].given_on, today=self.today()) if records else None

    def _update_buttons(self) -> None:
        selected = self.table.current_id() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def show_item(self, doc_type: str, doc_id: int) -> bool:
        return doc_type == "recognition" and self.table.reveal(doc_id)

    # -- writing -------------------------------------------------------------------------
    def add(self) -> None:
        mentee = self.mentee
        if mentee is None:
            return
        recognitions = self.services.recognitions

        def save(**fields: object) -> None:
            made = self.push("Log recognition",
                             do=lambda: recognitions.add(mentee_id=mentee.id, **fields),  # type: ignore[arg-type]
                             **undone_by_trash(recognitions))
            self.table.select_id(made.id)

        self.show_dialog(RecognitionDialog(None, mentee=mentee, today=self.today(), save=save, parent=self))

    def edit(self) -> None:
        before: RecognitionView | None = self.table.current_record()
        if before is None or self.mentee is None:
            return
        recognitions = self.services.recognitions

        def save(**fields: object) -> None:
            self.push("Edit recognition", do=lambda: recognitions.edit(before.id, **fields),  # type: ignore[arg-type]
                      undo=lambda r: recognitions.edit(r.id, what_for=before.what_for, kind=before.kind,
                                                       given_on=before.given_on))

        self.show_dialog(RecognitionDialog(before, mentee=self.mentee, today=self.today(), save=save, parent=self))

    def delete(self) -> None:
        record: RecognitionView | None = self.table.current_record()
        if record is None:
            return
        self.undoable("Delete recognition", **moved_to_trash(self.services.recognitions, record.id))
