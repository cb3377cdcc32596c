"""Dialogs of the watchlist: open or edit a case, give a chance or record how it went, decide.

The toxicity concern has its own field, apart from the performance concern: the
method treats harm to the team as a separate matter, and so does the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from mentorapp.models.readmodels import ChanceView, MenteeView, WatchCaseView
from mentorapp.models.vocabulary import CaseOutcome, ChanceResult
from mentorapp.views.chance_model import chances_summary
from mentorapp.views.choice_box import ChoiceBox, combo
from mentorapp.views.date_fields import OptionalDateEdit, date_edit, day_text, edit_day, span_text
from mentorapp.views.record_dialog import RecordDialog, form_hint, text_box

TOXICITY_HINT = (
    "Kept apart from performance: behaviour that harms the team\n"
    "(dismissive, hostile, undermining). Leave it empty if there is none."
)


class CaseDialog(RecordDialog):
    """The concern, the support plan, the toxicity concern and the review date of one case."""

    def __init__(self, case: WatchCaseView | None, *, mentee_name: str, today: dt.date,
                 save: Callable[..., object], mentees: list[MenteeView] | None = None,
                 parent: QWidget | None = None) -> None:
        who = mentee_name if mentees is None else "someone in the team"
        super().__init__(
            "Open a watchlist case" if case is None else "Edit watchlist case",
            submit=self._submit, save_text="&Open case" if case is None else "&Save",
            intro=(f"A case keeps the concern about {who}, the support you give, the chances and, "
                   "in the end, the decision and its reason. It is informal: no one else sees it."
                   if case is None else ""),
            parent=parent,
        )
        self.setMinimumWidth(560)
        self._save = save
        self.mentee: ChoiceBox | None = None
        if mentees is not None:
            self.mentee = combo([(m.name, m.id) for m in mentees], None, accessible_name="Mentee")
            self.form.addRow("&Mentee:", self.mentee)
        self.concern = text_box(case.concern if case else "", accessible_name="Concern", lines=3,
                                placeholder="What keeps falling short, seen over time")
        self.support_plan = text_box(case.support_plan if case else "", accessible_name="Support plan", lines=3,
                                     placeholder="What you will do to help: check-ins, pairing, smaller tasks…")
        self.toxicity = text_box(case.toxicity_concern if case else "", accessible_name="Toxicity concern", lines=2)
        self.opened_on = date_edit(case.opened_on if case else today, accessible_name="Opened on")
        self.review = OptionalDateEdit("Review on", case.next_review_on if case else today + dt.timedelta(days=30),
                                       default=today + dt.timedelta(days=30), accessible_name="Next review date")
        self.form.addRow("&Concern:", self.concern)
        self.form.addRow("&Support plan:", self.support_plan)
        self.form.addRow("&Toxicity concern:", self.toxicity)
        self.form.addRow("", form_hint(TOXICITY_HINT))
        self.form.addRow("O&pened on:", self.opened_on)
        self.form.addRow("Next &review:", self.review)
        self.watch(self.concern, self.support_plan, self.toxicity, self.opened_on, self.review)
        if self.mentee is not None:
            self.watch(self.mentee)
            self.mentee.setFocus()
        else:
            self.concern.setFocus()

    def _submit(self) -> None:
        fields = {
            "concern": self.concern.toPlainText(),
            "support_plan": self.support_plan.toPlainText(),
            "toxicity_concern": self.toxicity.toPlainText(),
            "opened_on": edit_day(self.opened_on),
            "next_review_on": self.review.day(),
        }
        if self.mentee is not None:
            fields["mentee_id"] = self.mentee.value()
        self._save(**fields)


class ChanceDialog(RecordDialog):
    """One chance: when it was given, what was expected, what support came with it, and how it went."""

    def __init__(self, chance: ChanceView | None, *, mentee_name: str, today: dt.date,
                 save: Callable[..., object], parent: QWidget | None = None) -> None:
        super().__init__(
            "Give a chance" if chance is None else "Record how the chance went",
            submit=self._submit, save_text="&Add chance" if chance is None else "&Save",
            intro=(f"Say plainly what you expect of {mentee_name}, by when, and what support you give."
                   if chance is None else f"Given on {day_text(chance.given_on)}."),
            parent=parent,
        )
        self.setMinimumWidth(540)
        self._save = save
        self.given_on = date_edit(chance.given_on if chance else today, accessible_name="Given on")
        self.expectation = text_box(chance.expectation if chance else "", accessible_name="Expectation", lines=3,
                                    placeholder="What should be different, and by when")
        self.support = text_box(chance.support if chance else "", accessible_name="Support", lines=2,
                                placeholder="What you put in to help")
        self.outcome = text_box(chance.outcome if chance else "", accessible_name="Outcome", lines=2,
                                placeholder="What actually happened (once you know)")
        self.result = combo([(r.label, r) for r in ChanceResult], chance.result if chance else ChanceResult.PENDING,
                            accessible_name="Result")
        self.form.addRow("&Given on:", self.given_on)
        self.form.addRow("&Expectation:", self.expectation)
        self.form.addRow("&Support:", self.support)
        self.form.addRow("&Outcome:", self.outcome)
        self.form.addRow("&Result:", self.result)
        self.watch(self.given_on, self.expectation, self.support, self.outcome, self.result)
        (self.outcome if chance is not None else self.expectation).setFocus()

    def _submit(self) -> None:
        self._save(given_on=edit_day(self.given_on), expectation=self.expectation.toPlainText(),
                   support=self.support.toPlainText(), outcome=self.outcome.toPlainText(),
                   result=self.result.value())


class CloseCaseDialog(RecordDialog):
    """The decision that ends a case: how it ended, and why (the reason is required)."""

    def __init__(self, case: WatchCaseView, *, mentee_name: str, today: dt.date,
                 save: Callable[..., object], parent: QWidget | None = None) -> None:
        days = (today - case.opened_on).days
        super().__init__(
            f"Close the case of {mentee_name}", submit=self._submit, save_text="&Close case",
            intro=(f"On the watchlist since {day_text(case.opened_on)} ({span_text(days)}). "
                   f"{chances_summary(case)}. Record the decision and the reason for it: "
                   "it is what you will stand behind later."),
            parent=parent,
        )
        self._save = save
        self.outcome = combo([(o.label, o) for o in CaseOutcome], CaseOutcome.IMPROVED, accessible_name="Outcome")
        self.reason = text_box(accessible_name="Reason", lines=4, placeholder="Why this decision (required)")
        self.closed_on = date_edit(today, accessible_name="Decided on")
        self.form.addRow("&Outcome:", self.outcome)
        self.form.addRow("&Reason:", self.reason)
        self.form.addRow("&Decided on:", self.closed_on)
        self.watch(self.outcome, self.reason, self.closed_on)
        self.outcome.setFocus()

    def _submit(self) -> None:
        self._save(outcome=self.outcome.value(), reason=self.reason.toPlainText(),
                   closed_on=edit_day(self.closed_on))
