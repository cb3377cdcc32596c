"""Editing one journal entry: its text, kind, direction, setting, moment and discussion date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import EntryView
from mentorapp.models.vocabulary import Direction, EntryKind, Setting
from mentorapp.views.choice_box import ChoiceCombo
from mentorapp.views.date_fields import to_date, to_qdate
from mentorapp.views.theme import ProblemText


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
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit note")
        self.setMinimumSize(480, 360)
        self._save = save
        self._at = entry.at
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.text = QPlainTextEdit(entry.text)
        self.text.setAccessibleName("Note text")
        self.text.setTabChangesFocus(True)
        text_label = QLabel("&Note:")
        text_label.setBuddy(self.text)
        form.addRow(text_label, self.text)

        self.kind = ChoiceCombo(EntryKind)
        self.kind.set_value(entry.kind)
        self.kind.setAccessibleName("Kind")
        form.addRow("&Kind:", self.kind)
        self.direction = ChoiceCombo(Direction)
        self.direction.set_value(entry.direction)
        self.direction.setAccessibleName("Direction")
        form.addRow("&Direction:", self.direction)
        self.setting = ChoiceCombo(Setting)
        self.setting.set_value(entry.setting)
        self.setting.setAccessibleName("Setting")
        form.addRow("S&etting:", self.setting)
        self.at = QDateTimeEdit(QDateTime(to_qdate(entry.at.date()), QTime(entry.at.hour, entry.at.minute)))
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setCalendarPopup(True)
        self.at.setAccessibleName("When")
        form.addRow("&When:", self.at)

        discussed_row = QHBoxLayout()
        self.discussed = QCheckBox("Raised with them on")
        self.discussed.setAccessibleName("Concern raised with the mentee")
        self.discussed_on = QDateEdit(to_qdate(entry.discussed_on or entry.at.date()))
        self.discussed_on.setDisplayFormat("yyyy-MM-dd")
        self.discussed_on.setCalendarPopup(True)
        self.discussed_on.setAccessibleName("Date the concern was raised")
        self.discussed.setChecked(entry.discussed_on is not None)
        discussed_row.addWidget(self.discussed)
        discussed_row.addWidget(self.discussed_on)
        discussed_row.addStretch()
        self.discussed_label = QLabel("Concern:")
        form.addRow(self.discussed_label, discussed_row)
        layout.addLayout(form)

        self.problem = ProblemText()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._try_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.kind.currentIndexChanged.connect(self._sync_concern_row)
        self.discussed.toggled.connect(self._sync_concern_row)
        self._sync_concern_row()
        self.text.setFocus()

    def _sync_concern_row(self) -> None:
        concern = self.kind.value() is EntryKind.CONCERN
        for widget in (self.discussed_label, self.discussed, self.discussed_on):
            widget.setVisible(concern)
        self.discussed_on.setEnabled(self.discussed.isChecked())

    def changes(self) -> EntryChanges:
        moment = self.at.dateTime()
        at = dt.datetime.combine(to_date(moment.date()), dt.time(moment.time().hour(), moment.time().minute()))
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
            discussed_on=to_date(self.discussed_on.date()) if concern and self.discussed.isChecked() else None,
        )

    def _try_save(self) -> None:
        try:
            self._save(self.changes())
        except MentorAppError as exc:
            self.problem.show_problem(str(exc))
            return
        self.accept()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._try_save()
            return
        super().keyPressEvent(event)
