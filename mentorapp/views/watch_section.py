"""The Watchlist part of the mentee page: an informal case when underperformance persists.

The method asks for patience first (multiple chances, with support) and then a
decision. The case shows the concern and since when, the support plan, any
toxicity concern on its own, the next review, the ledger of chances with their
outcomes, and, once closed, the decision with its reason.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mentorapp.models.readmodels import ChanceView, WatchCaseView
from mentorapp.models.services import Topic
from mentorapp.views.chance_model import ChanceModel, chances_summary
from mentorapp.views.choice_box import ChoiceBox
from mentorapp.views.context import DeskContext
from mentorapp.views.date_fields import Today, day_text, span_text
from mentorapp.views.record_section import RecordSection
from mentorapp.views.section_parts import (
    EmptyState,
    IconLine,
    RecordTable,
    action_bar,
    action_button,
    heading,
    paragraph,
    scrolling,
)
from mentorapp.views.watch_actions import WatchActions
from mentorapp.views.watchlist_model import decision_text, review_due, review_text


class WatchSection(RecordSection):
    """The mentee's watchlist case(s): read the case, give chances, decide, reopen."""

    title = "Watchlist"
    topics = (Topic.WATCHLIST, Topic.MENTEES)

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *, today: Today | None = None) -> None:
        super().__init__(context, parent, today=today)
        self.cases: list[WatchCaseView] = []
        self.case: WatchCaseView | None = None
        self.actions = WatchActions(context, self, today=lambda: self.today())
        self.actions.case_saved.connect(self._select_case)
        self.actions.chance_saved.connect(lambda chance_id: self.ledger.select_id(chance_id))

        self.open_button = action_button("&Open a case…", accessible_name="Open a watchlist case",
                                         slot=self.open_case)
        self.edit_button = action_button("&Edit case…", accessible_name="Edit case", slot=self.edit_case)
        self.close_button = action_button("&Close case…", accessible_name="Close case", slot=self.close_or_reopen,
                                          tooltip="Record the decision and the reason for it")
        self.delete_button = action_button("&Delete case", accessible_name="Delete case", slot=self.delete_case,
                                           tooltip="Move the case to the trash (Ctrl+Z undoes)")
        self.case_choice = ChoiceBox(accessible_name="Case")
        self.case_choice.currentIndexChanged.connect(self._case_chosen)
        self.case_choice_label = QLabel("C&ase:")
        self.case_choice_label.setBuddy(self.case_choice)

        self.card = self._build_card()
        self.empty = EmptyState()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(scrolling(self.card))

        layout = QVBoxLayout(self)
        layout.addLayout(action_bar(self.open_button, self.edit_button, self.close_button, self.delete_button,
                                    trailing=(self.case_choice_label, self.case_choice)))
        layout.addWidget(self.pages, 1)
        self.setMinimumSize(440, 340)
        self.reload()

    @property
    def open_dialog(self) -> QDialog | None:
        return self.actions.open_dialog

    def _build_card(self) -> QWidget:
        card = QFrame()
        layout = QVBoxLayout(card)
        layout.setContentsMargins(0, 4, 0, 0)
        self.case_heading = heading()
        self.case_heading.setAccessibleName("Case")
        layout.addWidget(self.case_heading)

        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.concern = paragraph(accessible_name="Concern")
        self.support_plan = paragraph(accessible_name="Support plan")
        self.review_line = IconLine(accessible_name="Next review")
        fields.addRow("Concern:", self.concern)
        fields.addRow("Support plan:", self.support_plan)
        fields.addRow("Next review:", self.review_line)
        layout.addLayout(fields)

        self.toxicity_box = QGroupBox("Toxicity concern (kept apart from performance)")
        self.toxicity_box.setAccessibleName("Toxicity concern")
        self.toxicity = IconLine(accessible_name="Toxicity concern")
        QVBoxLayout(self.toxicity_box).addWidget(self.toxicity)
        layout.addWidget(self.toxicity_box)

        self.ledger_heading = heading(level=2)
        self.add_chance_button = action_button("&Give a chance…", accessible_name="Give a chance",
                                               slot=self.add_chance,
                                               tooltip="Set a clear expectation, with the support you give")
        self.outcome_button = action_button("&Record outcome…", accessible_name="Record outcome",
                                            slot=self.record_outcome,
                                            tooltip="Write down how the selected chance went")
        self.delete_chance_button = action_button("Delete c&hance", accessible_name="Delete chance",
                                                  slot=self.delete_chance)
        ledger_bar = QHBoxLayout()
        ledger_bar.addWidget(self.ledger_heading, 1)
        ledger_bar.addLayout(action_bar(self.add_chance_button, self.outcome_button, self.delete_chance_button))
        layout.addLayout(ledger_bar)
        self.ledger_model = ChanceModel(self)
        self.ledger = RecordTable(self.ledger_model, accessible_name="Chances ledger", stretch=(1, 2, 3), wrap=True)
        self.ledger.setMinimumHeight(120)
        self.ledger.record_selected.connect(lambda _id: self._update_chance_buttons())
        self.ledger.edit_requested.connect(lambda _id: self.record_outcome())
        self.ledger.delete_requested.connect(lambda _id: self.delete_chance())
        layout.addWidget(self.ledger, 1)

        self.decision_box = QGroupBox("Decision")
        self.decision_box.setAccessibleName("Decision")
        self.decision = paragraph(accessible_name="Decision")
        QVBoxLayout(self.decision_box).addWidget(self.decision)
        layout.addWidget(self.decision_box)
        return card

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        mentee = self.load_mentee()
        keep = self.case.id if self.case else None
        self.cases = self.services.watchlist.for_mentee(mentee.id) if mentee else []
        has_open = any(c.is_open for c in self.cases)
        self.open_button.setEnabled(mentee is not None and not has_open)
        self.open_button.setToolTip("Close the open case before opening another" if has_open
                                    else "Start an informal case: concern, support, chances, decision")
        self.case_choice.blockSignals(True)
        self.case_choice.clear_choices()
        for case in self.cases:
            self.case_choice.add_choice(self._case_label(case), case.id)
        self.case_choice.blockSignals(False)
        several = len(self.cases) > 1
        self.case_choice.setVisible(several)
        self.case_choice_label.setVisible(several)
        if mentee is None:
            self.empty.set_message("No mentee chosen", "Choose someone in the team to see their watchlist case.")
            self.pages.setCurrentWidget(self.empty)
            self._show_case(None)
            return
        if not self.cases:
            self.empty.set_message(
                f"{mentee.name} is not on the watchlist",
                "When someone still struggles after months of patient mentoring, open a case: it keeps "
                "the concern, the support you give, each chance with its outcome and, in the end, the "
                "decision with its reason.",
                action="Open a case…", on_action=self.open_case,
            )
            self.pages.setCurrentWidget(self.empty)
            self._show_case(None)
            return
        self.pages.setCurrentIndex(1)
        ids = [c.id for c in self.cases]
        self._show_case(keep if keep in ids else ids[0])

    def _case_label(self, case: WatchCaseView) -> str:
        if case.is_open:
            return f"Open since {day_text(case.opened_on)}"
        outcome = case.outcome.label if case.outcome else "Closed"
        return f"Closed {day_text(case.closed_on)}: {outcome}"

    def _case_chosen(self, index: int) -> None:
        if index >= 0:
            self._show_case(self.case_choice.value())

    def _select_case(self, case_id: int) -> None:
        if any(c.id == case_id for c in self.cases):
            self._show_case(case_id)

    def _show_case(self, case_id: int | None) -> None:
        self.case = case = next((c for c in self.cases if c.id == case_id), None)
        for button in (self.edit_button, self.close_button, self.delete_button):
            button.setEnabled(case is not None)
        if case is None:
            self.ledger_model.reload([])
            self._update_chance_buttons()
            return
        if self.case_choice.value() != case.id:
            self.case_choice.blockSignals(True)
            self.case_choice.set_value(case.id)
            self.case_choice.blockSignals(False)
        today = self.today()
        if case.is_open:
            days = (today - case.opened_on).days
            self.case_heading.setText(f"On the watchlist since {day_text(case.opened_on)} · {span_text(days)}")
            self.close_button.setText("&Close case…")
            self.close_button.setAccessibleName("Close case")
        else:
            days = ((case.closed_on or today) - case.opened_on).days
            self.case_heading.setText(
                f"Closed on {day_text(case.closed_on)} after {span_text(days)} on the watchlist"
            )
            self.close_button.setText("Re&open case")
            self.close_button.setAccessibleName("Reopen case")
        self.concern.setText(case.concern)
        self.support_plan.setText(case.support_plan or "None written yet.")
        if case.is_open:
            self.review_line.set_text(review_text(case, today), warn=review_due(case, today))
        else:
            self.review_line.set_text("No further review: the case is closed.")
        self.toxicity.set_text(case.toxicity_concern or "None recorded.", warn=bool(case.toxicity_concern))
        self.ledger_heading.setText(f"Chances ledger · {chances_summary(case)}" if case.chances
                                    else "Chances ledger · none given yet")
        keep = self.ledger.current_id()
        self.ledger_model.reload(list(case.chances))
        if not self.ledger.select_id(keep) and case.chances:
            self.ledger.select_id(case.chances[-1].id)
        self.decision_box.setVisible(not case.is_open)
        if not case.is_open:
            self.decision.setText(f"{decision_text(case)}\nDecided on {day_text(case.closed_on)}.")
        self._update_chance_buttons()

    def _update_chance_buttons(self) -> None:
        case = self.case
        self.add_chance_button.setEnabled(case is not None and case.is_open)
        self.add_chance_button.setToolTip("Set a clear expectation, with the support you give"
                                          if case is None or case.is_open else "Reopen the case to give a chance")
        selected = self.ledger.current_id() is not None
        self.outcome_button.setEnabled(selected)
        self.delete_chance_button.setEnabled(selected)

    def show_item(self, doc_type: str, doc_id: int) -> bool:
        if doc_type == "watch_case":
            if not any(c.id == doc_id for c in self.cases):
                return False
            self._show_case(doc_id)
            self.ledger.setFocus()
            return True
        if doc_type == "chance":
            case = next((c for c in self.cases if any(ch.id == doc_id for ch in c.chances)), None)
            if case is None:
                return False
            self._show_case(case.id)
            self.ledger.select_id(doc_id)
            self.ledger.setFocus()
            return True
        return False

    # -- writing -------------------------------------------------------------------------
    def open_case(self) -> None:
        if self.mentee is not None:
            self.actions.open_case(mentee=self.mentee)

    def edit_case(self) -> None:
        if self.case is not None:
            self.actions.edit_case(self.case, mentee_name=self.mentee_name)

    def close_or_reopen(self) -> None:
        case = self.case
        if case is None:
            return
        if case.is_open:
            self.actions.close_case(case, mentee_name=self.mentee_name)
        else:
            self.actions.reopen_case(case, mentee_name=self.mentee_name)

    def delete_case(self) -> None:
        if self.case is not None:
            self.actions.delete_case(self.case, mentee_name=self.mentee_name)

    def add_chance(self) -> None:
        if self.case is not None and self.case.is_open:
            self.actions.add_chance(self.case, mentee_name=self.mentee_name)

    def record_outcome(self) -> None:
        chance: ChanceView | None = self.ledger.current_record()
        if chance is not None:
            self.actions.edit_chance(chance, mentee_name=self.mentee_name)

    def delete_chance(self) -> None:
        chance: ChanceView | None = self.ledger.current_record()
        if chance is not None:
            self.actions.delete_chance(chance)
