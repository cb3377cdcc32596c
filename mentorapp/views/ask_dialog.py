"""Adding or changing an ask: what the lead pushes for, and how it stands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from mentorapp.models.readmodels import AskView
from mentorapp.models.vocabulary import AskStatus
from mentorapp.views.choice_box import combo
from mentorapp.views.date_fields import date_edit, edit_day
from mentorapp.views.record_dialog import RecordDialog, line_box, text_box


class AskDialog(RecordDialog):
    """The ask, its details, when raised, its status and (once settled) when it was settled."""

    def __init__(self, ask: AskView | None, *, mentee_name: str, today: dt.date,
                 save: Callable[..., object], parent: QWidget | None = None) -> None:
        super().__init__(
            "New ask" if ask is None else "Edit ask", submit=self._submit,
            save_text="&Add ask" if ask is None else "&Save",
            intro=f"Something you are pushing for on {mentee_name}'s behalf: a tool, budget, time, a door opened.",
            parent=parent,
        )
        self._save = save
        self.what = line_box(ask.what if ask else "", accessible_name="Ask",
                             placeholder="e.g. Budget for a conference on accessibility")
        self.details = text_box(ask.details if ask else "", accessible_name="Details", lines=3,
                                placeholder="Who you asked, what is pending (optional)")
        self.raised_on = date_edit(ask.raised_on if ask else today, accessible_name="Raised on")
        self.status = combo([(s.label, s) for s in AskStatus], ask.status if ask else AskStatus.OPEN,
                            accessible_name="Status")
        self.resolved_on = date_edit((ask.resolved_on if ask else None) or today, accessible_name="Settled on")
        self.form.addRow("&Ask:", self.what)
        self.form.addRow("&Details:", self.details)
        self.form.addRow("&Raised on:", self.raised_on)
        self.form.addRow("&Status:", self.status)
        self.form.addRow("Settled &on:", self.resolved_on)
        self.status.currentIndexChanged.connect(lambda _i: self._status_changed())
        self._status_changed()
        self.watch(self.what, self.details, self.raised_on, self.status, self.resolved_on)
        self.what.setFocus()

    def _status_changed(self) -> None:
        # An open ask has no settling date yet.
        self.resolved_on.setEnabled(self.status.value() is not AskStatus.OPEN)

    def _submit(self) -> None:
        status: AskStatus = self.status.value()
        self._save(
            what=self.what.text(),
            details=self.details.toPlainText(),
            raised_on=edit_day(self.raised_on),
            status=status,
            resolved_on=None if status is AskStatus.OPEN else edit_day(self.resolved_on),
        )
