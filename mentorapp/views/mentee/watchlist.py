"""The Watchlist tab of the mentee page: an informal case when underperformance persists, its chances ledger
and its writes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import N_, _, ngettext, pgettext
from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import ChanceView, MenteeView, WatchCaseView
from mentorapp.models.services import Topic
from mentorapp.models.services.sensitive import sensitive_hint
from mentorapp.models.vocabulary import CaseOutcome, ChanceResult
from mentorapp.views.context import DeskContext
from mentorapp.views.mentee.section import RecordSection, TranslatedHeaders
from mentorapp.views.undo import push
from mentorapp.views.widgets.choice_box import ChoiceBox, combo
from mentorapp.views.widgets.context_menu import add_context_menu
from mentorapp.views.widgets.date_fields import (
    OptionalDateEdit,
    Today,
    date_edit,
    day_text,
    due_text,
    edit_day,
    span_text,
)
from mentorapp.views.widgets.record_dialog import RecordDialog, form_hint, text_box
from mentorapp.views.widgets.section_parts import (
    EmptyState,
    IconLine,
    RecordTable,
    action_bar,
    action_button,
    heading,
    paragraph,
    scrolling,
)
from mentorapp.models.services.watchlist import WatchlistService
from mentorapp.views.widgets.text_direction import isolate

GIVEN_ON, EXPECTATION, SUPPORT, OUTCOME, RESULT = range(5)


def review_due(case: WatchCaseView, today: dt.date) -> bool:
    """An open case whose review day has come (or passed)."""
    return case.is_open and case.next_review_on is not None and case.next_review_on <= today


def review_text(case: WatchCaseView, today: dt.date) -> str:
    if not case.is_open:
        return ""
    if case.next_review_on is None:
        return _("Not set")
    # Translators: a case's next review day and how it stands: "12 Dec 2026 (in 13 days)".
    return _("{day} ({due})").format(day=day_text(case.next_review_on),
                                     due=due_text(case.next_review_on, today=today))


def since_text(case: WatchCaseView, today: dt.date) -> str:
    days = ((case.closed_on or today) - case.opened_on).days
    # Translators: since when a case is open, and for how long: "10 Oct 2026 (50 days)".
    return _("{day} ({span})").format(day=day_text(case.opened_on), span=span_text(days))


def decision_text(case: WatchCaseView) -> str:
    if case.is_open:
        # Translators: a watchlist case's decision, while the case is still open.
        return _("Pending")
    outcome = case.outcome.label if case.outcome else _("Closed")
    if case.decision_reason:
        return _("{outcome}: {reason}").format(outcome=outcome, reason=case.decision_reason)
    return outcome


def chances_summary(case: WatchCaseView) -> str:
    """The ledger in one line: 3 chances: 1 met, 1 partly met, 1 pending."""
    if not case.chances:
        return _("No chances given yet")
    counts = Counter(chance.result for chance in case.chances)
    # Translators: how many chances had each result, in the ledger's one line ("1 met, 1 pending").
    words = {
        ChanceResult.MET: lambda n: ngettext("{count} met", "{count} met", n),
        ChanceResult.PARTLY_MET: lambda n: ngettext("{count} partly met", "{count} partly met", n),
        ChanceResult.NOT_MET: lambda n: ngettext("{count} not met", "{count} not met", n),
        ChanceResult.PENDING: lambda n: ngettext("{count} pending", "{count} pending", n),
    }
    order = (ChanceResult.MET, ChanceResult.PARTLY_MET, ChanceResult.NOT_MET, ChanceResult.PENDING)
    parts = [words[result](counts[result]).format(count=counts[result]) for result in order if counts[result]]
    # Translators: {results} is the list of results, joined with commas: "3 chances: 1 met, 2 pending".
    return ngettext("{count} chance: {results}", "{count} chances: {results}", len(case.chances)).format(
        count=len(case.chances), results=", ".join(parts))


class ChanceModel(TranslatedHeaders):
    """Rows of ChanceView, oldest first: the order in which the chances were given."""

    headers = (N_("Given"), N_("Expectation"), N_("Support"), N_("Outcome"), N_("Result"))

    def text(self, record: ChanceView, column: int) -> str:
        if column == GIVEN_ON:
            return day_text(record.given_on)
        if column == EXPECTATION:
            return record.expectation
        if column == SUPPORT:
            return record.support
        if column == OUTCOME:
            return record.outcome or (_("Not recorded yet") if record.result is ChanceResult.PENDING else "")
        return record.result.label

    def tooltip(self, record: ChanceView, column: int) -> str | None:
        if column in (EXPECTATION, SUPPORT, OUTCOME):
            return self.text(record, column) or None
        return None

    def emphasised(self, record: ChanceView, column: int) -> bool:
        return column == RESULT and record.result is ChanceResult.PENDING


# Translators: the line break is kept; put it where the line reads best.
TOXICITY_HINT = N_(
    "Kept apart from performance: behaviour that harms the team\n"
    "(dismissive, hostile, undermining). Leave it empty if there is none."
)


def opinion_box(checked: bool) -> QCheckBox:
    """Fact or opinion: ticked, packets and exports label the record "Opinion of" the lead."""
    box = QCheckBox(_("My &impression, not an observed fact"))
    box.setObjectName("opinion")
    box.setChecked(checked)
    box.setToolTip(_("Packets and exports label it “Opinion of” you, beside the facts"))
    return box


def sensitive_line(*boxes: QPlainTextEdit | QTextEdit) -> QLabel:
    """One quiet line that appears while the boxes hold words about health, family, religion and the like."""
    label = QLabel()
    label.setObjectName("sensitive_hint")
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

    def update() -> None:
        hint = sensitive_hint("\n".join(box.toPlainText() for box in boxes))
        label.setText(hint or "")
        label.setVisible(hint is not None)

    for box in boxes:
        box.textChanged.connect(update)
    update()
    return label


class CaseDialog(RecordDialog):
    """The concern, the support plan, the toxicity concern and the review date of one case."""

    def __init__(self, case: WatchCaseView | None, *, mentee_name: str, today: dt.date,
                 save: Callable[..., object], mentees: list[MenteeView] | None = None,
                 parent: QWidget | None = None) -> None:
        who = isolate(mentee_name) if mentees is None else _("someone in the team")
        super().__init__(
            _("Open a watchlist case") if case is None else _("Edit watchlist case"),
            submit=self._submit, save_text=_("&Open case") if case is None else _("&Save"),
            intro=(_("A case keeps the concern about {name}, the support you give, the chances and, "
                     "in the end, the decision and its reason. It is informal: no one else sees it.").format(name=who)
                   if case is None else ""),
            parent=parent,
        )
        self.setMinimumWidth(560)
        self._save = save
        self.mentee: ChoiceBox | None = None
        if mentees is not None:
            self.mentee = combo([(m.name, m.id) for m in mentees], None, accessible_name=_("Mentee"))
            self.form.addRow(_("&Mentee:"), self.mentee)
        self.concern = text_box(case.concern if case else "", accessible_name=_("Concern"), lines=3,
                                placeholder=_("What keeps falling short, seen over time"))
        self.support_plan = text_box(
            case.support_plan if case else "", accessible_name=_("Support plan"), lines=3,
            placeholder=_("What you will do to help: check-ins, pairing, smaller tasks…"))
        self.toxicity = text_box(case.toxicity_concern if case else "", accessible_name=_("Toxicity concern"),
                                 lines=2)
        self.opened_on = date_edit(case.opened_on if case else today, accessible_name=_("Opened on"))
        self.review = OptionalDateEdit(_("Review on"), case.next_review_on if case else today + dt.timedelta(days=30),
                                       default=today + dt.timedelta(days=30), accessible_name=_("Next review date"))
        self.form.addRow(_("&Concern:"), self.concern)
        self.form.addRow(_("S&upport plan:"), self.support_plan)
        self.form.addRow(_("&Toxicity concern:"), self.toxicity)
        self.form.addRow("", form_hint(_(TOXICITY_HINT)))
        self.form.addRow(_("O&pened on:"), self.opened_on)
        self.form.addRow(_("Next &review:"), self.review)
        self.opinion = opinion_box(case.opinion if case else False)
        self.form.addRow("", self.opinion)
        self.sensitive = sensitive_line(self.concern, self.support_plan, self.toxicity)
        self.form.addRow("", self.sensitive)
        self.watch(self.concern, self.support_plan, self.toxicity, self.opened_on, self.review, self.opinion)
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
            "opinion": self.opinion.isChecked(),
        }
        if self.mentee is not None:
            fields["mentee_id"] = self.mentee.value()
        self._save(**fields)


class ChanceDialog(RecordDialog):
    """One chance: when it was given, what was expected, what support came with it, and how it went."""

    def __init__(self, chance: ChanceView | None, *, mentee_name: str, today: dt.date,
                 save: Callable[..., object], parent: QWidget | None = None) -> None:
        super().__init__(
            _("Give a chance") if chance is None else _("Record how the chance went"),
            submit=self._submit, save_text=_("&Add chance") if chance is None else _("&Save"),
            intro=(_("Say plainly what you expect of {name}, by when, and what support you give.").format(
                       name=isolate(mentee_name))
                   if chance is None else _("Given on {day}.").format(day=day_text(chance.given_on))),
            parent=parent,
        )
        self.setMinimumWidth(540)
        self._save = save
        self.given_on = date_edit(chance.given_on if chance else today, accessible_name=_("Given on"))
        self.expectation = text_box(chance.expectation if chance else "", accessible_name=_("Expectation"), lines=3,
                                    placeholder=_("What should be different, and by when"))
        self.support = text_box(chance.support if chance else "", accessible_name=_("Support"), lines=2,
                                placeholder=_("What you put in to help"))
        self.outcome = text_box(chance.outcome if chance else "", accessible_name=_("Outcome"), lines=2,
                                placeholder=_("What actually happened (once you know)"))
        self.result_choice = combo([(r.label, r) for r in ChanceResult],
                                   chance.result if chance else ChanceResult.PENDING,
                                   accessible_name=_("Result"))
        self.form.addRow(_("&Given on:"), self.given_on)
        self.form.addRow(_("&Expectation:"), self.expectation)
        self.form.addRow(_("S&upport:"), self.support)
        # Translators: what happened after a chance was given (the ledger's Outcome column).
        self.form.addRow(pgettext("chance", "&Outcome:"), self.outcome)
        self.form.addRow(_("&Result:"), self.result_choice)
        self.opinion = opinion_box(chance.opinion if chance else False)
        self.form.addRow("", self.opinion)
        self.sensitive = sensitive_line(self.expectation, self.support, self.outcome)
        self.form.addRow("", self.sensitive)
        self.watch(self.given_on, self.expectation, self.support, self.outcome, self.result_choice, self.opinion)
        (self.outcome if chance is not None else self.expectation).setFocus()

    def _submit(self) -> None:
        self._save(given_on=edit_day(self.given_on), expectation=self.expectation.toPlainText(),
                   support=self.support.toPlainText(), outcome=self.outcome.toPlainText(),
                   result=self.result_choice.value(), opinion=self.opinion.isChecked())


class CloseCaseDialog(RecordDialog):
    """The decision that ends a case: how it ended, and why (the reason is required)."""

    def __init__(self, case: WatchCaseView, *, mentee_name: str, today: dt.date,
                 save: Callable[..., object], parent: QWidget | None = None) -> None:
        days = (today - case.opened_on).days
        super().__init__(
            _("Close the case of {name}").format(name=isolate(mentee_name)), submit=self._submit,
            save_text=_("&Close case"),
            intro=_("On the watchlist since {day} ({span}). {chances}. Record the decision and the reason for it: "
                    "it is what you will stand behind later.").format(
                day=day_text(case.opened_on), span=span_text(days), chances=chances_summary(case)),
            parent=parent,
        )
        self._save = save
        self.outcome = combo([(o.label, o) for o in CaseOutcome], CaseOutcome.IMPROVED,
                             accessible_name=_("Outcome"))
        self.reason = text_box(accessible_name=_("Reason"), lines=4, placeholder=_("Why this decision (required)"))
        self.closed_on = date_edit(today, accessible_name=_("Decided on"))
        # Translators: how a watchlist case ended (improved, role change, parted…).
        self.form.addRow(pgettext("case", "&Outcome:"), self.outcome)
        self.form.addRow(_("&Reason:"), self.reason)
        self.form.addRow(_("&Decided on:"), self.closed_on)
        self.watch(self.outcome, self.reason, self.closed_on)
        self.outcome.setFocus()

    def _submit(self) -> None:
        self._save(outcome=self.outcome.value(), reason=self.reason.toPlainText(),
                   closed_on=edit_day(self.closed_on))


T = TypeVar("T")


class WatchActions(QObject):
    """Open, edit, close, reopen and delete cases; give chances and record how they went."""

    case_saved = Signal(int)  # a case id, to select it after a write
    chance_saved = Signal(int)  # a chance id

    def __init__(self, context: DeskContext, owner: QWidget, *, today: Today) -> None:
        super().__init__(owner)
        self.context = context
        self.owner = owner
        self.today = today
        self.open_dialog: QDialog | None = None

    @property
    def watchlist(self) -> WatchlistService:
        return self.context.services.watchlist

    # -- plumbing ------------------------------------------------------------------------
    def _push(self, what: str, do: Callable[[], T]) -> T | None:
        return push(self.context, self.watchlist.undoable(what, do))

    def _undoable(self, what: str, do: Callable[[], T]) -> T | None:
        try:
            return self._push(what, do)
        except MentorAppError as exc:
            self.context.report(str(exc))
            return None

    def _show(self, dialog: QDialog, *, draft: str | None = None) -> QDialog:
        if self.open_dialog is not None:
            self.open_dialog.close()
        if draft is not None and isinstance(dialog, RecordDialog):
            dialog.keep_drafts(self.context.services.journal, draft)  # what is typed survives a crash
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.open_dialog = dialog
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.open_dialog is dialog:
            self.open_dialog = None

    # -- cases ---------------------------------------------------------------------------
    def open_case(self, *, mentee: MenteeView | None = None, choices: list[MenteeView] | None = None) -> None:
        """Open a case for `mentee`, or for one of `choices` picked in the dialog."""
        watchlist = self.watchlist

        def save(**fields: Any) -> None:
            if mentee is not None:
                fields["mentee_id"] = mentee.id
            case = self._push(_("Open watchlist case"), lambda: watchlist.open_case(**fields))
            if case is not None:
                self.case_saved.emit(case.id)

        name = mentee.name if mentee is not None else ""
        self._show(CaseDialog(None, mentee_name=name, today=self.today(), save=save, mentees=choices,
                              parent=self.owner),
                   draft=f"case.new.mentee.{mentee.id}" if mentee is not None else "case.new")

    def edit_case(self, case: WatchCaseView, *, mentee_name: str) -> None:
        watchlist = self.watchlist

        def save(**fields: Any) -> None:
            self._push(_("Edit watchlist case"), lambda: watchlist.edit_case(case.id, **fields))
            self.case_saved.emit(case.id)

        self._show(CaseDialog(case, mentee_name=mentee_name, today=self.today(), save=save, parent=self.owner),
                   draft=f"case.edit.{case.id}")

    def close_case(self, case: WatchCaseView, *, mentee_name: str) -> None:
        watchlist = self.watchlist

        def save(*, outcome: CaseOutcome, reason: str, closed_on: dt.date) -> None:
            self._push(_("Close watchlist case"),
                       lambda: watchlist.close_case(case.id, outcome=outcome, reason=reason, closed_on=closed_on))
            self.case_saved.emit(case.id)

        self._show(CloseCaseDialog(case, mentee_name=mentee_name, today=self.today(), save=save, parent=self.owner),
                   draft=f"case.close.{case.id}")

    def reopen_case(self, case: WatchCaseView, *, mentee_name: str) -> None:
        if case.is_open or case.outcome is None:
            return
        watchlist = self.watchlist
        self._undoable(_("Reopen watchlist case"), lambda: watchlist.reopen_case(case.id))

    def delete_case(self, case: WatchCaseView, *, mentee_name: str) -> None:
        watchlist = self.watchlist
        self._undoable(_("Delete watchlist case"), lambda: watchlist.trash_case(case.id))

    # -- chances -------------------------------------------------------------------------
    def add_chance(self, case: WatchCaseView, *, mentee_name: str) -> None:
        watchlist = self.watchlist

        def save(**fields: Any) -> None:
            chance = self._push(_("Give a chance"), lambda: watchlist.add_chance(case.id, **fields))
            if chance is not None:
                self.chance_saved.emit(chance.id)

        self._show(ChanceDialog(None, mentee_name=mentee_name, today=self.today(), save=save, parent=self.owner),
                   draft=f"chance.new.case.{case.id}")

    def edit_chance(self, chance: ChanceView, *, mentee_name: str) -> None:
        watchlist = self.watchlist

        def save(**fields: Any) -> None:
            self._push(_("Record how the chance went"),
                       lambda: watchlist.edit_chance(chance.id, **fields))
            self.chance_saved.emit(chance.id)

        self._show(ChanceDialog(chance, mentee_name=mentee_name, today=self.today(), save=save, parent=self.owner),
                   draft=f"chance.edit.{chance.id}")

    def delete_chance(self, chance: ChanceView) -> None:
        watchlist = self.watchlist
        self._undoable(_("Delete chance"), lambda: watchlist.trash_chance(chance.id))


class WatchSection(RecordSection):
    """The mentee's watchlist case(s): read the case, give chances, decide, reopen."""

    title = N_("Watchlist")
    topics = (Topic.WATCHLIST, Topic.MENTEES)

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *, today: Today | None = None) -> None:
        super().__init__(context, parent, today=today)
        self.cases: list[WatchCaseView] = []
        self.case: WatchCaseView | None = None
        self.watch_actions = WatchActions(context, self, today=lambda: self.today())
        self.watch_actions.case_saved.connect(self._select_case)
        self.watch_actions.chance_saved.connect(lambda chance_id: self.ledger.select_id(chance_id))

        self.open_button = action_button(_("&Open a case…"), accessible_name=_("Open a watchlist case"),
                                         slot=self.open_case)
        self.edit_button = action_button(_("Ed&it case…"), accessible_name=_("Edit case"), slot=self.edit_case)
        self.close_button = action_button(_("&Close case…"), accessible_name=_("Close case"),
                                          slot=self.close_or_reopen,
                                          tooltip=_("Record the decision and the reason for it"))
        self.delete_button = action_button(_("Delete ca&se"), accessible_name=_("Delete case"),
                                           slot=self.delete_case,
                                           tooltip=_("Move the case to the trash (Ctrl+Z undoes)"))
        self.case_choice = ChoiceBox(accessible_name=_("Case"))
        self.case_choice.currentIndexChanged.connect(self._case_chosen)
        self.case_choice_label = QLabel(_("C&ase:"))
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
        return self.watch_actions.open_dialog

    def _build_card(self) -> QWidget:
        card = QFrame()
        layout = QVBoxLayout(card)
        layout.setContentsMargins(0, 4, 0, 0)
        self.case_heading = heading()
        self.case_heading.setAccessibleName(_("Case"))
        layout.addWidget(self.case_heading)

        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.concern = paragraph(accessible_name=_("Concern"))
        self.support_plan = paragraph(accessible_name=_("Support plan"))
        self.review_line = IconLine(accessible_name=_("Next review"))
        fields.addRow(_("Concern:"), self.concern)
        fields.addRow(_("Support plan:"), self.support_plan)
        fields.addRow(_("Next review:"), self.review_line)
        layout.addLayout(fields)

        self.toxicity_box = QGroupBox(_("Toxicity concern (kept apart from performance)"))
        self.toxicity_box.setAccessibleName(_("Toxicity concern"))
        self.toxicity = IconLine(accessible_name=_("Toxicity concern"))
        QVBoxLayout(self.toxicity_box).addWidget(self.toxicity)
        layout.addWidget(self.toxicity_box)

        self.ledger_heading = heading(level=2)
        self.add_chance_button = action_button(_("&Give a chance…"), accessible_name=_("Give a chance"),
                                               slot=self.add_chance,
                                               tooltip=_("Set a clear expectation, with the support you give"))
        self.outcome_button = action_button(_("&Record outcome…"), accessible_name=_("Record outcome"),
                                            slot=self.record_outcome,
                                            tooltip=_("Write down how the selected chance went"))
        self.delete_chance_button = action_button(_("Delete cha&nce"), accessible_name=_("Delete chance"),
                                                  slot=self.delete_chance)
        ledger_bar = QHBoxLayout()
        ledger_bar.addWidget(self.ledger_heading, 1)
        ledger_bar.addLayout(action_bar(self.add_chance_button, self.outcome_button, self.delete_chance_button))
        layout.addLayout(ledger_bar)
        self.ledger_model = ChanceModel(self)
        self.ledger = RecordTable(self.ledger_model, accessible_name=_("Chances ledger"), stretch=(1, 2, 3),
                                  wrap=True)
        self.ledger.setMinimumHeight(120)
        self.ledger.record_selected.connect(lambda _id: self._update_chance_buttons())
        add_context_menu(self.ledger, lambda: [self.outcome_button, self.delete_chance_button, None,
                                               self.add_chance_button])
        self.ledger.edit_requested.connect(lambda _id: self.record_outcome())
        self.ledger.delete_requested.connect(lambda _id: self.delete_chance())
        layout.addWidget(self.ledger, 1)

        self.decision_box = QGroupBox(_("Decision"))
        self.decision_box.setAccessibleName(_("Decision"))
        self.decision = paragraph(accessible_name=_("Decision"))
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
        self.open_button.setToolTip(_("Close the open case before opening another") if has_open
                                    else _("Start an informal case: concern, support, chances, decision"))
        self.case_choice.blockSignals(True)
        self.case_choice.clear_choices()
        for case in self.cases:
            self.case_choice.add_choice(self._case_label(case), case.id)
        self.case_choice.blockSignals(False)
        several = len(self.cases) > 1
        self.case_choice.setVisible(several)
        self.case_choice_label.setVisible(several)
        if mentee is None:
            self.empty.set_message(_("No mentee chosen"), _("Choose someone in the team to see their watchlist case."))
            self.pages.setCurrentWidget(self.empty)
            self._show_case(None)
            return
        if not self.cases:
            self.empty.set_message(
                _("{name} is not on the watchlist").format(name=isolate(mentee.name)),
                _("When someone still struggles after months of patient mentoring, open a case: it keeps "
                  "the concern, the support you give, each chance with its outcome and, in the end, the "
                  "decision with its reason."),
                action=_("Open a case…"), on_action=self.open_case,
            )
            self.pages.setCurrentWidget(self.empty)
            self._show_case(None)
            return
        self.pages.setCurrentIndex(1)
        ids = [c.id for c in self.cases]
        self._show_case(keep if keep in ids else ids[0])

    def _case_label(self, case: WatchCaseView) -> str:
        if case.is_open:
            return _("Open since {day}").format(day=day_text(case.opened_on))
        outcome = case.outcome.label if case.outcome else _("Closed")
        return _("Closed {day}: {outcome}").format(day=day_text(case.closed_on), outcome=outcome)

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
            self.case_heading.setText(_("On the watchlist since {day} · {span}").format(
                day=day_text(case.opened_on), span=span_text(days)))
            self.close_button.setText(_("&Close case…"))
            self.close_button.setAccessibleName(_("Close case"))
        else:
            days = ((case.closed_on or today) - case.opened_on).days
            self.case_heading.setText(_("Closed on {day} after {span} on the watchlist").format(
                day=day_text(case.closed_on), span=span_text(days)))
            self.close_button.setText(_("Re&open case"))
            self.close_button.setAccessibleName(_("Reopen case"))
        self.concern.setText(case.concern)
        self.support_plan.setText(case.support_plan or _("None written yet."))
        if case.is_open:
            self.review_line.set_text(review_text(case, today), warn=review_due(case, today))
        else:
            self.review_line.set_text(_("No further review: the case is closed."))
        self.toxicity.set_text(case.toxicity_concern or _("None recorded."), warn=bool(case.toxicity_concern))
        self.ledger_heading.setText(_("Chances ledger · {summary}").format(summary=chances_summary(case))
                                    if case.chances else _("Chances ledger · none given yet"))
        keep = self.ledger.current_id()
        self.ledger_model.reload(list(case.chances))
        if not self.ledger.select_id(keep) and case.chances:
            self.ledger.select_id(case.chances[-1].id)
        self.decision_box.setVisible(not case.is_open)
        if not case.is_open:
            self.decision.setText(_("{decision}\nDecided on {day}.").format(
                decision=decision_text(case), day=day_text(case.closed_on)))
        self._update_chance_buttons()

    def _update_chance_buttons(self) -> None:
        case = self.case
        self.add_chance_button.setEnabled(case is not None and case.is_open)
        self.add_chance_button.setToolTip(_("Set a clear expectation, with the support you give")
                                          if case is None or case.is_open else _("Reopen the case to give a chance"))
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
            self.watch_actions.open_case(mentee=self.mentee)

    def edit_case(self) -> None:
        if self.case is not None:
            self.watch_actions.edit_case(self.case, mentee_name=self.mentee_name)

    def close_or_reopen(self) -> None:
        case = self.case
        if case is None:
            return
        if case.is_open:
            self.watch_actions.close_case(case, mentee_name=self.mentee_name)
        else:
            self.watch_actions.reopen_case(case, mentee_name=self.mentee_name)

    def delete_case(self) -> None:
        if self.case is not None:
            self.watch_actions.delete_case(self.case, mentee_name=self.mentee_name)

    def add_chance(self) -> None:
        if self.case is not None and self.case.is_open:
            self.watch_actions.add_chance(self.case, mentee_name=self.mentee_name)

    def record_outcome(self) -> None:
        chance: ChanceView | None = self.ledger.current_record()
        if chance is not None:
            self.watch_actions.edit_chance(chance, mentee_name=self.mentee_name)

    def delete_chance(self) -> None:
        chance: ChanceView | None = self.ledger.current_record()
        if chance is not None:
            self.watch_actions.delete_chance(chance)
