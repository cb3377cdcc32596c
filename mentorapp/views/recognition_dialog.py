"""Logging a recognition, with how this person likes to be thanked in plain view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from mentorapp.models.readmodels import MenteeView, RecognitionView
from mentorapp.models.vocabulary import RecognitionKind
from mentorapp.views.choice_box import combo
from mentorapp.views.date_fields import date_edit, edit_day
from mentorapp.views.record_dialog import RecordDialog, text_box
from mentorapp.views.section_parts import paragraph


class ThanksPreference(QFrame):
    """A framed reminder: how this person likes to be thanked (or that nobody has noted it)."""

    def __init__(self, mentee: MenteeView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thanks_preference")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        caption = QLabel(f"How {mentee.name} likes to be thanked")
        caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.preference = paragraph(mentee.thanks_preference or "Not noted yet. Ask them, then add it to "
                                    f"{mentee.name}'s details.", accessible_name="How they like to be thanked")
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
            f"Recognise {mentee.name}" if recognition is None else "Edit recognition",
            submit=self._submit, save_text="&Log it" if recognition is None else "&Save", parent=parent,
        )
        self._save = save
        self.preference = ThanksPreference(mentee)
        self.body.addWidget(self.preference)
        self.kind = combo([(k.label, k) for k in RecognitionKind],
                          recognition.kind if recognition else RecognitionKind.THANKS, accessible_name="Kind")
        self.given_on = date_edit(recognition.given_on if recognition else today, accessible_name="Date")
        self.what_for = text_box(recognition.what_for if recognition else "", accessible_name="What for", lines=3,
                                 placeholder="What they did, specifically: specific thanks land best")
        self.form.addRow("&What for:", self.what_for)
        self.form.addRow("&Kind:", self.kind)
        self.form.addRow("&Date:", self.given_on)
        self.watch(self.kind, self.given_on, self.what_for)
        self.what_for.setFocus()

    def _submit(self) -> None:
        self._save(what_for=self.what_for.toPlainText(), kind=self.kind.value(),
                   given_on=edit_day(self.given_on))
