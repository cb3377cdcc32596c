"""The Recognition tab of the mentee page: the log of thanks, praise and gifts, year-round."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import N_, _, ngettext, number_text
from mentorapp.models.insights import (
    DEFAULT_RECOGNITION_GAP_DAYS,
    days_since,
    recognition_overdue,
)
from mentorapp.models.readmodels import MenteeView, RecognitionView
from mentorapp.models.services import Topic
from mentorapp.models.vocabulary import RecognitionKind
from mentorapp.views.context import DeskContext
from mentorapp.views.mentee.section import RecordSection, TranslatedHeaders
from mentorapp.views.widgets.choice_box import combo
from mentorapp.views.widgets.context_menu import add_context_menu
from mentorapp.views.widgets.date_fields import (
    Today,
    ago_text,
    date_edit,
    day_text,
    edit_day,
)
from mentorapp.views.widgets.record_dialog import RecordDialog, text_box
from mentorapp.views.widgets.section_parts import (
    EmptyState,
    Figure,
    IconLine,
    RecordTable,
    action_bar,
    action_button,
    paragraph,
)
from mentorapp.views.widgets.text_direction import isolate, sentence

GIVEN_ON, KIND, WHAT_FOR = range(3)


class RecognitionModel(TranslatedHeaders):
    """Rows of RecognitionView, in the service's order (newest first)."""

    headers = (N_("Date"), N_("Kind"), N_("What for"))

    def text(self, record: RecognitionView, column: int) -> str:
        if column == GIVEN_ON:
            return day_text(record.given_on)
        if column == KIND:
            return record.kind.label
        return record.what_for

    def tooltip(self, record: RecognitionView, column: int) -> str | None:
        return record.what_for if column == WHAT_FOR else None


class ThanksPreference(QFrame):
    """A framed reminder: how this person likes to be thanked (or that nobody has noted it)."""

    def __init__(self, mentee: MenteeView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thanks_preference")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        caption = QLabel(_("How {name} likes to be thanked").format(name=isolate(mentee.name)))
        caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        caption.setWordWrap(True)  # a long name takes a second line, not the dialog's width
        self.preference = paragraph(
            mentee.thanks_preference
            or _("Not noted yet. Ask them, then add it to {name}'s details.").format(name=isolate(mentee.name)),
            accessible_name=_("How they like to be thanked"))
        font = QFont(self.preference.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(bool(mentee.thanks_preference))
        font.setItalic(not mentee.thanks_preference)
        self.preference.setFont(font)
        layout.addWidget(caption)
        layout.addWidget(self.preference)


class RecognitionDialog(RecordDialog):
    """Kind, date and what for; the preference box sits at the top, where the eye lands first."""

    def __init__(self, recognition: RecognitionView | None, *, mentee: MenteeView, today: dt.date,
                 save: Callable[..., object], parent: QWidget | None = None) -> None:
        super().__init__(
            _("Recognise {name}").format(name=isolate(mentee.name)) if recognition is None
            else _("Edit recognition"),
            submit=self._submit, save_text=_("&Log it") if recognition is None else _("&Save"), parent=parent,
        )
        self._save = save
        self.preference = ThanksPreference(mentee)
        self.body.addWidget(self.preference)
        self.kind = combo([(k.label, k) for k in RecognitionKind],
                          recognition.kind if recognition else RecognitionKind.THANKS,
                          accessible_name=_("Kind"))
        self.given_on = date_edit(recognition.given_on if recognition else today, accessible_name=_("Date"))
        self.what_for = text_box(recognition.what_for if recognition else "", accessible_name=_("What for"),
                                 lines=3, placeholder=_("What they did, specifically: specific thanks land best"))
        self.form.addRow(_("&What for:"), self.what_for)
        self.form.addRow(_("&Kind:"), self.kind)
        self.form.addRow(_("&Date:"), self.given_on)
        self.watch(self.kind, self.given_on, self.what_for)
        self.what_for.setFocus()

    def _submit(self) -> None:
        self._save(what_for=self.what_for.toPlainText(), kind=self.kind.value(),
                   given_on=edit_day(self.given_on))


class RecognitionSection(RecordSection):
    """Recognitions of one mentee: days since the last, the log; add, edit, delete."""

    title = N_("Recognition")
    topics = (Topic.RECOGNITIONS, Topic.MENTEES)

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *, today: Today | None = None,
                 gap_days: int = DEFAULT_RECOGNITION_GAP_DAYS) -> None:
        super().__init__(context, parent, today=today)
        self.gap_days = gap_days
        self.since_figure = Figure(_("days since the last recognition"),
                                   accessible_name=_("Days since the last recognition"))
        self.since_line = IconLine(accessible_name=_("Since the last recognition"))
        self.preference_line = paragraph(accessible_name=_("How they like to be thanked"))
        self.add_button = action_button(_("&Recognise…"), accessible_name=_("Recognise"),
                                        tooltip=_("Log a thank-you, public praise or a gift"), slot=self.add)
        self.edit_button = action_button(_("Ed&it…"), accessible_name=_("Edit recognition"), slot=self.edit)
        self.delete_button = action_button(_("De&lete"), accessible_name=_("Delete recognition"), slot=self.delete,
                                           tooltip=_("Move it to the trash (Ctrl+Z undoes)"))
        self.model = RecognitionModel(self)
        self.table = RecordTable(self.model, accessible_name=_("Recognition log"))
        self.table.record_selected.connect(lambda _id: self._update_buttons())
        add_context_menu(self.table, lambda: [self.edit_button, self.delete_button, None, self.add_button])
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
            self.empty.set_message(_("No mentee chosen"), _("Choose someone in the team to see their recognition."))
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
                _("Nothing logged for {name} yet").format(name=isolate(mentee.name)),
                _("Thanks, public praise or a small gift: log each one, so that recognition keeps coming "
                  "year-round, not only at review time."),
                action=_("Recognise…"), on_action=self.add,
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
            self.since_figure.set_value("—", _("no recognition yet"))
        else:
            # Translators: the caption under the big number of days.
            self.since_figure.set_value(number_text(days), ngettext(
                "day since the last recognition", "days since the last recognition", days))
        if last is None:
            text = sentence(_("{name} has not been recognised yet.").format(name=isolate(mentee.name)))
        elif days is not None and days > self.gap_days:
            text = ngettext("Last recognised on {day}: more than {gap} day ago. A thank-you may be due.",
                            "Last recognised on {day}: more than {gap} days ago. A thank-you may be due.",
                            self.gap_days).format(day=day_text(last), gap=self.gap_days)
        else:
            # Translators: {ago} is "today", "yesterday" or "12 days ago".
            text = _("Last recognised {ago}, on {day}.").format(ago=ago_text(last, today=today), day=day_text(last))
        self.since_line.set_text(text, warn=overdue)
        self.preference_line.setText(
            sentence(_("{name} likes to be thanked with: {thanks}").format(
                name=isolate(mentee.name), thanks=isolate(mentee.thanks_preference)))
            if mentee.thanks_preference
            else _("How they like to be thanked is not noted yet.")
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

        def save(**fields: Any) -> None:
            made = self.push(recognitions, _("Log recognition"),
                             lambda: recognitions.add(mentee_id=mentee.id, **fields))
            if made is not None:
                self.table.select_id(made.id)

        self.show_dialog(RecognitionDialog(None, mentee=mentee, today=self.today(), save=save, parent=self),
                         draft=f"recognition.new.mentee.{mentee.id}")

    def edit(self) -> None:
        before: RecognitionView | None = self.table.current_record()
        if before is None or self.mentee is None:
            return
        recognitions = self.services.recognitions

        def save(**fields: Any) -> None:
            self.push(recognitions, _("Edit recognition"),
                      lambda: recognitions.edit(before.id, **fields))

        self.show_dialog(RecognitionDialog(before, mentee=self.mentee, today=self.today(), save=save, parent=self),
                         draft=f"recognition.edit.{before.id}")

    def delete(self) -> None:
        record: RecognitionView | None = self.table.current_record()
        if record is None:
            return
        recognitions = self.services.recognitions
        self.undoable(recognitions, _("Delete recognition"), lambda: recognitions.trash(record.id))
