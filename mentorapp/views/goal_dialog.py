"""Setting or revising a goal: the outcome, how success shows, and the room to decide alone.

There is deliberately no place for steps: the method defines the river, not how
to cross it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from mentorapp.models.readmodels import GoalView
from mentorapp.models.vocabulary import GoalStatus
from mentorapp.views.choice_box import combo
from mentorapp.views.date_fields import OptionalDateEdit, date_edit, edit_day
from mentorapp.views.record_dialog import RecordDialog, form_hint, text_box

LATITUDE_HINT = (
    "The safe-to-fail boundary: what {name} may decide and try alone,\n"
    "without asking first, and where to check in before going further."
)


class GoalDialog(RecordDialog):
    """Outcome, success criteria, latitude, dates and status; Save calls `save` with them."""

    def __init__(self, goal: GoalView | None, *, mentee_name: str, today: dt.date,
                 save: Callable[..., object], parent: QWidget | None = None) -> None:
        super().__init__(
            "New goal" if goal is None else "Edit goal",
            submit=self._submit,
            save_text="&Add goal" if goal is None else "&Save",
            intro=f"Describe the outcome for {mentee_name} and how you will both know it is reached; "
                  "leave the route to them.",
            parent=parent,
        )
        self.setMinimumWidth(560)
        self._save = save
        self.outcome = text_box(goal.outcome if goal else "", accessible_name="Outcome", lines=2,
                                placeholder="What should be true when this goal is reached")
        self.criteria = text_box(goal.success_criteria if goal else "", accessible_name="Success criteria",
                                 lines=3, placeholder="How you will both recognise success")
        self.latitude = text_box(goal.latitude if goal else "", accessible_name="Latitude", lines=3,
                                 placeholder="e.g. Chooses the tools and the order of work; asks before "
                                             "changing the release date")
        latitude_hint = form_hint(LATITUDE_HINT.format(name=mentee_name))
        self.set_on = date_edit(goal.set_on if goal else today, accessible_name="Set on")
        self.check_in = OptionalDateEdit("Check in on", goal.check_in_on if goal else None,
                                         default=today + dt.timedelta(days=14), accessible_name="Check-in date")
        self.status = combo([(s.label, s) for s in GoalStatus], goal.status if goal else GoalStatus.ACTIVE,
                            accessible_name="Status")
        self.form.addRow("&Outcome:", self.outcome)
        self.form.addRow("Success &criteria:", self.criteria)
        self.form.addRow("&Latitude:", self.latitude)
        self.form.addRow("", latitude_hint)
        self.form.addRow("Se&t on:", self.set_on)
        self.form.addRow("C&heck-in:", self.check_in)
        self.form.addRow("&Status:", self.status)
        self.watch(self.outcome, self.criteria, self.latitude, self.set_on, self.check_in, self.status)
        self.outcome.setFocus()

    def _submit(self) -> None:
        self._save(
            outcome=self.outcome.toPlainText(),
            success_criteria=self.criteria.toPlainText(),
            latitude=self.latitude.toPlainText(),
            set_on=edit_day(self.set_on),
            check_in_on=self.check_in.day(),
            status=self.status.value(),
        )
