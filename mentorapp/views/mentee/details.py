"""Adding a mentee or changing their details: name, role, start date, cadence, how to thank them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _, ngettext
from mentorapp.models.services.mentees import DEFAULT_CADENCE_DAYS
from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import MenteeView
from mentorapp.models.validation import MAX_CADENCE_DAYS
from mentorapp.models.services.journal import JournalService
from mentorapp.views.widgets.date_fields import DateField
from mentorapp.views.widgets.save_keys import SaveOnCtrlEnter
from mentorapp.views.widgets.drafts import DraftKeeper, confirm_discard, keep_dialog_drafts
from mentorapp.views.widgets.theme import ProblemText


@dataclass(frozen=True, slots=True)
class MenteeDetails:
    name: str
    role: str
    started_on: dt.date | None
    cadence_days: int
    thanks_preference: str


class MenteeDialog(QDialog):
    """One form for both adding and editing; Save hands the details to `save`."""

    def __init__(self, mentee: MenteeView | None, *, save: Callable[[MenteeDetails], None],
                 today: dt.date, journal: JournalService | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit mentee") if mentee else _("Add mentee"))
        self.setMinimumWidth(460)
        self._save = save
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(mentee.name if mentee else "")
        self.name.setAccessibleName(_("Name"))
        self.name.setPlaceholderText(_("As they write it"))
        form.addRow(_("&Name:"), self.name)
        self.role = QLineEdit(mentee.role if mentee else "")
        self.role.setAccessibleName(_("Role"))
        self.role.setPlaceholderText(_("e.g. Backend engineer"))
        form.addRow(_("&Role:"), self.role)

        started_row = QHBoxLayout()
        # Translators: a tick box before the start date: the day they started is known.
        self.started_known = QCheckBox(_("&Known:"))
        self.started_known.setAccessibleName(_("Start date known"))
        self.started_on = DateField(mentee.started_on if mentee and mentee.started_on else today,
                                    accessible_name=_("Start date"))
        self.started_known.setChecked(bool(mentee and mentee.started_on))
        self.started_on.setEnabled(self.started_known.isChecked())
        self.started_known.toggled.connect(self.started_on.setEnabled)
        started_row.addWidget(self.started_known, 0, Qt.AlignmentFlag.AlignTop)
        started_row.addWidget(self.started_on)
        started_row.addStretch()
        form.addRow(_("Started:"), started_row)

        self.cadence = QSpinBox()
        self.cadence.setRange(1, MAX_CADENCE_DAYS)
        self.cadence.setValue(mentee.cadence_days if mentee else DEFAULT_CADENCE_DAYS)
        self._cadence_words(self.cadence.value())
        self.cadence.valueChanged.connect(self._cadence_words)
        self.cadence.setAccessibleName(_("Check-in cadence in days"))
        form.addRow(_("&Check in:"), self.cadence)
        self.thanks = QLineEdit(mentee.thanks_preference if mentee else "")
        self.thanks.setAccessibleName(_("How they like to be thanked"))
        self.thanks.setPlaceholderText(_("e.g. a note in the team channel; no fuss in person"))
        form.addRow(_("&Thank them with:"), self.thanks)
        layout.addLayout(form)

        self.problem = ProblemText()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._try_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.save_keys = SaveOnCtrlEnter(self, self._try_save)
        # What is typed is kept in the journal as it is typed ("mentee.new", "mentee.edit.3").
        self.drafts: DraftKeeper | None = None
        if journal is not None:
            self.drafts = keep_dialog_drafts(
                self, journal, f"mentee.edit.{mentee.id}" if mentee else "mentee.new",
                {"name": self.name, "role": self.role, "thanks": self.thanks})
        self.name.setFocus()

    def _cadence_words(self, days: int) -> None:
        """The words around the number in the cadence box, as one phrase with the number where it goes."""
        # Translators: the number of days is typed where {n} stands; the words around it are fixed.
        words = ngettext("every {n} day", "every {n} days", days)
        prefix, _sep, suffix = words.partition("{n}")
        self.cadence.setPrefix(prefix)
        self.cadence.setSuffix(suffix)

    def details(self) -> MenteeDetails:
        return MenteeDetails(
            name=self.name.text(),
            role=self.role.text(),
            started_on=self.started_on.day() if self.started_known.isChecked() else None,
            cadence_days=self.cadence.value(),
            thanks_preference=self.thanks.text(),
        )

    def _try_save(self) -> None:
        try:
            self._save(self.details())
        except MentorAppError as exc:
            self.problem.show_problem(str(exc))
            self.name.setFocus()
            return
        self.accept()

    def reject(self) -> None:
        if confirm_discard(self, self.drafts):
            super().reject()
