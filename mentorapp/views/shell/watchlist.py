"""The team Watchlist: every open case across the team, the soonest review first."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QIcon, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import N_, _, ngettext
from mentorapp.models.readmodels import ChanceView, WatchCaseView
from mentorapp.models.services import Change, Topic
from mentorapp.views.context import DeskContext
from mentorapp.views.mentee.watchlist import (
    ChanceModel,
    WatchActions,
    chances_summary,
    decision_text,
    review_due,
    review_text,
    since_text,
)
from mentorapp.views.widgets.context_menu import add_context_menu
from mentorapp.views.widgets.date_fields import Today
from mentorapp.views.widgets.record_table_model import RecordTableModel
from mentorapp.views.widgets.section_parts import (
    EmptyState,
    RecordTable,
    action_bar,
    action_button,
    heading,
    paragraph,
    warning_icon,
)
from mentorapp.views.widgets.text_direction import isolate

MENTEE, SINCE, CHANCES, REVIEW, TOXICITY, DECISION = range(6)


class WatchlistModel(RecordTableModel):
    """Rows of WatchCaseView with the mentee's name beside each."""

    # What the auto-lock empties and gives back (views/journal/lock_vault.py): every field holding journal text.
    ROW_FIELDS: ClassVar[tuple[str, ...]] = (*RecordTableModel.ROW_FIELDS, "_names")

    headers = (N_("Mentee"), N_("Since"), N_("Chances given"), N_("Next review"), N_("Toxicity concern"),
               N_("Decision"))

    def __init__(self, parent: QObject | None = None, *, today: Today, warning: QIcon | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._warning = warning
        self._names: dict[int, str] = {}

    def reload_cases(self, cases: list[WatchCaseView], *, names: dict[int, str]) -> None:
        self._names = dict(names)
        self.reload(cases)

    def headerData(self, section: int, orientation: Qt.Orientation,  # Qt override: in the desk's language
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().headerData(section, orientation, role)
        return _(value) if isinstance(value, str) and value else value

    def name(self, case: WatchCaseView) -> str:
        return self._names.get(case.mentee_id) or _("Mentee #{number}").format(number=case.mentee_id)

    def text(self, record: WatchCaseView, column: int) -> str:
        today = self._today()
        if column == MENTEE:
            return self.name(record)
        if column == SINCE:
            return since_text(record, today)
        if column == CHANCES:
            return chances_summary(record)
        if column == REVIEW:
            return review_text(record, today)
        if column == TOXICITY:
            return record.toxicity_concern or _("None recorded")
        return decision_text(record)

    def tooltip(self, record: WatchCaseView, column: int) -> str | None:
        if column == MENTEE:
            return _("{name}: {concern}").format(name=isolate(self.name(record)), concern=record.concern)
        if column == TOXICITY and record.toxicity_concern:
            return record.toxicity_concern
        if column == DECISION and not record.is_open:
            return decision_text(record)
        if column == REVIEW and review_due(record, self._today()):
            return _("The review day has come: time to decide on the next step.")
        return None

    def emphasised(self, record: WatchCaseView, column: int) -> bool:
        return column == REVIEW and review_due(record, self._today())

    def icon(self, record: WatchCaseView, column: int) -> QIcon | None:
        if column == REVIEW and review_due(record, self._today()):
            return self._warning
        return None


class WatchlistView(QWidget):
    """Open watchlist cases across the team, with their chances; act on one or go to the mentee."""

    title = N_("Watchlist")
    item_requested = Signal(int, str, int)  # mentee id, doc type ("watch_case"), doc id: reveal it on their page

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *, today: Today | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.today: Today = today or context.today
        self.names: dict[int, str] = {}
        self.watch_actions = WatchActions(context, self, today=lambda: self.today())
        self.watch_actions.case_saved.connect(lambda case_id: self.table.select_id(case_id))
        self.watch_actions.chance_saved.connect(lambda chance_id: self.ledger.select_id(chance_id))

        self.summary = paragraph(accessible_name=_("Watchlist summary"))
        self.show_closed = QCheckBox(_("Show c&losed cases and their decisions"))
        self.show_closed.setAccessibleName(_("Show closed cases"))
        self.show_closed.toggled.connect(lambda _on: self.reload())

        self.open_button = action_button(_("&Open a case…"), accessible_name=_("Open a watchlist case"),
                                         slot=self.open_case,
                                         tooltip=_("Start an informal case for someone in the team"))
        self.chance_button = action_button(_("&Give a chance…"), accessible_name=_("Give a chance"),
                                           slot=self.add_chance,
                                           tooltip=_("Add a chance to the selected case"))
        self.close_button = action_button(_("&Close case…"), accessible_name=_("Close case"), slot=self.close_case,
                                          tooltip=_("Record the decision and the reason for it"))
        self.go_button = action_button(_("Go to me&ntee"), accessible_name=_("Go to mentee"), slot=self.request_mentee,
                                       tooltip=_("Open this person's page (Enter)"))

        self.model = WatchlistModel(self, today=lambda: self.today(), warning=warning_icon(self))
        self.table: RecordTable = RecordTable(self.model, accessible_name=_("Watchlist cases"), stretch=(2, 4, 5),
                                              wrap=True)
        self.table.setMinimumHeight(120)
        self.table.record_selected.connect(lambda _id: self._show_selected())
        add_context_menu(self.table, lambda: [self.go_button, self.chance_button, self.close_button, None,
                                              self.open_button])
        self.table.edit_requested.connect(lambda _id: self.request_mentee())

        self.ledger_heading = heading(level=2)
        self.outcome_button = action_button(_("&Record outcome…"), accessible_name=_("Record outcome"),
                                            slot=self.record_outcome,
                                            tooltip=_("Write down how the selected chance went"))
        self.ledger_model = ChanceModel(self)
        self.ledger: RecordTable = RecordTable(self.ledger_model, accessible_name=_("Chances of the selected case"),
                                  stretch=(1, 2, 3), wrap=True)
        self.ledger.setMinimumHeight(100)
        self.ledger.record_selected.connect(lambda _id: self._update_buttons())
        add_context_menu(self.ledger, lambda: [self.outcome_button])
        self.ledger.edit_requested.connect(lambda _id: self.record_outcome())
        ledger_part = QWidget()
        ledger_layout = QVBoxLayout(ledger_part)
        ledger_layout.setContentsMargins(0, 6, 0, 0)
        ledger_bar = QHBoxLayout()
        ledger_bar.addWidget(self.ledger_heading, 1)
        ledger_bar.addWidget(self.outcome_button)
        ledger_layout.addLayout(ledger_bar)
        ledger_layout.addWidget(self.ledger, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(ledger_part)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.content = splitter
        self.empty = EmptyState()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(splitter)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(_("Watchlist")), 1)
        top.addWidget(self.show_closed)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(action_bar(self.open_button, self.chance_button, self.close_button, self.go_button))
        layout.addWidget(self.pages, 1)
        self.setMinimumSize(560, 420)
        context.changes.changed.connect(self._on_change)
        # Read when first shown (it is not on screen when the desk opens), then on changes.
        self._stale = True

    # -- reading -------------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change.touches(Topic.WATCHLIST, Topic.MENTEES):
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self._stale = False
        services = self.context.services
        keep = self.table.current_id()
        self.names = {m.id: m.name for m in services.mentees.list(include_archived=True)}
        open_cases = services.watchlist.open_cases()
        cases = open_cases + (services.watchlist.closed_cases() if self.show_closed.isChecked() else [])
        self.model.reload_cases(cases, names=self.names)
        today = self.today()
        due = sum(1 for c in open_cases if review_due(c, today))
        if not open_cases:
            # With closed cases shown, say that none is open; otherwise the empty page says it all.
            self.summary.setText(_("No case is open.") if cases else "")
        else:
            people = len(open_cases)
            said = ngettext("{count} person is on the watchlist, the soonest review first.",
                            "{count} people are on the watchlist, the soonest review first.", people).format(
                                count=people)
            if due:
                # Translators: two sentences side by side: who is watched, then how many reviews are due
                said = _("{watched} {due}").format(watched=said, due=ngettext(
                    "{count} review is due.", "{count} reviews are due.", due).format(count=due))
            self.summary.setText(said)
        self.open_button.setEnabled(bool(self._mentees_without_case()))
        if cases:
            self.pages.setCurrentWidget(self.content)
            if not self.table.select_id(keep):
                self.table.select_first()
        else:
            self.empty.set_message(
                _("Nobody is on the watchlist"),
                _("When someone still struggles after months of patient mentoring, open a case: it keeps the "
                  "concern, the support you give, each chance with its outcome and, in the end, the decision "
                  "with its reason."),
                action=_("Open a case…") if self.open_button.isEnabled() else "",
                on_action=self.open_case,
            )
            self.pages.setCurrentWidget(self.empty)
        self._show_selected()

    def _mentees_without_case(self) -> list:  # MenteeView list
        services = self.context.services
        watched = {c.mentee_id for c in services.watchlist.open_cases()}
        return [m for m in services.mentees.list() if m.id not in watched]

    def current_case(self) -> WatchCaseView | None:
        return self.table.current_record()

    def _show_selected(self) -> None:
        case = self.current_case()
        if case is None:
            self.ledger_heading.setText(_("Chances"))
            self.ledger_model.reload([])
        else:
            name = self.model.name(case)
            self.ledger_heading.setText((_("Chances given to {name}") if case.chances
                                         else _("No chances given to {name} yet")).format(name=isolate(name)))
            keep = self.ledger.current_id()
            self.ledger_model.reload(list(case.chances))
            if not self.ledger.select_id(keep) and case.chances:
                self.ledger.select_id(case.chances[-1].id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        case = self.current_case()
        is_open = case is not None and case.is_open
        self.chance_button.setEnabled(is_open)
        self.close_button.setEnabled(is_open)
        self.go_button.setEnabled(case is not None)
        self.outcome_button.setEnabled(self.ledger.current_id() is not None)

    # -- acting --------------------------------------------------------------------------
    def request_mentee(self) -> None:
        case = self.current_case()
        if case is not None:
            self.item_requested.emit(case.mentee_id, "watch_case", case.id)

    def open_case(self) -> None:
        choices = self._mentees_without_case()
        if choices:
            self.watch_actions.open_case(choices=choices)

    def add_chance(self) -> None:
        case = self.current_case()
        if case is not None and case.is_open:
            self.watch_actions.add_chance(case, mentee_name=self.model.name(case))

    def close_case(self) -> None:
        case = self.current_case()
        if case is not None and case.is_open:
            self.watch_actions.close_case(case, mentee_name=self.model.name(case))

    def record_outcome(self) -> None:
        case = self.current_case()
        chance: ChanceView | None = self.ledger.current_record()
        if case is not None and chance is not None:
            self.watch_actions.edit_chance(chance, mentee_name=self.model.name(case))
