"""The Goals tab of the mentee page: outcomes with success criteria and latitude, never steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import N_, _
from mentorapp.models.errors import MentorAppError, NotFoundError
from mentorapp.models.readmodels import GoalView
from mentorapp.models.services import Topic
from mentorapp.models.vocabulary import Direction, EntryKind, GoalStatus
from mentorapp.views.context import DeskContext
from mentorapp.views.mentee.section import RecordSection, TranslatedHeaders
from mentorapp.views.widgets.choice_box import combo
from mentorapp.views.widgets.composer import Composer
from mentorapp.views.widgets.context_menu import add_context_menu
from mentorapp.views.widgets.conversation_model import ConversationModel
from mentorapp.views.widgets.conversation_view import ConversationView
from mentorapp.views.widgets.date_fields import (
    OptionalDateEdit,
    Today,
    date_edit,
    day_text,
    due_text,
    edit_day,
)
from mentorapp.views.widgets.record_dialog import RecordDialog, form_hint, text_box
from mentorapp.views.widgets.section_parts import (
    EmptyState,
    IconLine,
    RecordTable,
    action_bar,
    action_button,
    heading,
    menu_button,
    paragraph,
    scrolling,
    warning_icon,
)
from mentorapp.views.widgets.text_direction import isolate

OUTCOME, STATUS, CHECK_IN = range(3)


def check_in_due(goal: GoalView, today: dt.date) -> bool:
    """An active goal whose check-in day has come."""
    return goal.status is GoalStatus.ACTIVE and goal.check_in_on is not None and goal.check_in_on <= today


def check_in_text(goal: GoalView, today: dt.date) -> str:
    if goal.check_in_on is None:
        return _("None set")
    if goal.status is not GoalStatus.ACTIVE:
        return day_text(goal.check_in_on)
    # Translators: a goal's check-in day and how it stands: "12 Dec 2026 (in 13 days)".
    return _("{day} ({due})").format(day=day_text(goal.check_in_on), due=due_text(goal.check_in_on, today=today))


class GoalListModel(TranslatedHeaders):
    """Rows of GoalView: active goals first, as the service orders them."""

    headers = (N_("Outcome"), N_("Status"), N_("Check-in"))

    def __init__(self, parent: QObject | None = None, *, today: Today, warning: QIcon | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._warning = warning

    def text(self, record: GoalView, column: int) -> str:
        if column == OUTCOME:
            return record.outcome
        if column == STATUS:
            return record.status.label
        return check_in_text(record, self._today())

    def tooltip(self, record: GoalView, column: int) -> str | None:
        if column == OUTCOME:
            return record.outcome
        if column == CHECK_IN and check_in_due(record, self._today()):
            return _("Time to check in on this goal.")
        return None

    def emphasised(self, record: GoalView, column: int) -> bool:
        return column == CHECK_IN and check_in_due(record, self._today())

    def icon(self, record: GoalView, column: int) -> QIcon | None:
        return self._warning if column == CHECK_IN and check_in_due(record, self._today()) else None


# Translators: the line break is kept for a name of usual length; put it where the line reads best.
LATITUDE_HINT = N_(
    "The safe-to-fail boundary: what {name} may decide and try alone,\n"
    "without asking first, and where to check in before going further."
)


class GoalDialog(RecordDialog):
    """Outcome, success criteria, latitude, dates and status; Save calls `save` with them."""

    def __init__(self, goal: GoalView | None, *, mentee_name: str, today: dt.date,
                 save: Callable[..., object], parent: QWidget | None = None) -> None:
        super().__init__(
            _("New goal") if goal is None else _("Edit goal"),
            submit=self._submit,
            save_text=_("&Add goal") if goal is None else _("&Save"),
            intro=_("Describe the outcome for {name} and how you will both know it is reached; "
                    "leave the route to them.").format(name=isolate(mentee_name)),
            parent=parent,
        )
        self.setMinimumWidth(560)
        self._save = save
        self.outcome = text_box(goal.outcome if goal else "", accessible_name=_("Outcome"), lines=2,
                                placeholder=_("What should be true when this goal is reached"))
        self.criteria = text_box(goal.success_criteria if goal else "", accessible_name=_("Success criteria"),
                                 lines=3, placeholder=_("How you will both recognise success"))
        self.latitude = text_box(goal.latitude if goal else "", accessible_name=_("Latitude"), lines=3,
                                 placeholder=_("e.g. Chooses the tools and the order of work; asks before "
                                               "changing the release date"))
        hint = _(LATITUDE_HINT).format(name=isolate(mentee_name))
        # The lines are broken by hand for a name of usual length; a long one wraps as one paragraph.
        latitude_hint = form_hint(hint if len(mentee_name) <= 24 else " ".join(hint.split("\n")))
        self.set_on = date_edit(goal.set_on if goal else today, accessible_name=_("Set on"))
        self.check_in = OptionalDateEdit(_("Check in on"), goal.check_in_on if goal else None,
                                         default=today + dt.timedelta(days=14), accessible_name=_("Check-in date"))
        self.status = combo([(s.label, s) for s in GoalStatus], goal.status if goal else GoalStatus.ACTIVE,
                            accessible_name=_("Status"))
        self.form.addRow(_("&Outcome:"), self.outcome)
        self.form.addRow(_("Success &criteria:"), self.criteria)
        self.form.addRow(_("&Latitude:"), self.latitude)
        self.form.addRow("", latitude_hint)
        self.form.addRow(_("Se&t on:"), self.set_on)
        self.form.addRow(_("C&heck-in:"), self.check_in)
        self.form.addRow(_("Stat&us:"), self.status)
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


class GoalsSection(RecordSection):
    """Goals of one mentee: list, detail with progress notes; add, edit, status, delete."""

    title = N_("Goals")
    topics = (Topic.GOALS, Topic.ENTRIES, Topic.MENTEES)

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *, today: Today | None = None) -> None:
        super().__init__(context, parent, today=today)
        self.goal: GoalView | None = None
        self._reloading = False

        self.new_button = action_button(_("&New goal…"), accessible_name=_("New goal"), slot=self.new_goal,
                                        tooltip=_("Set a goal as an outcome with room to decide how"))
        self.edit_button = action_button(_("Ed&it…"), accessible_name=_("Edit goal"), slot=self.edit_goal)
        # Translators: a button opening the menu of a goal's statuses.
        self.status_button = menu_button(_("&Status"), accessible_name=_("Change goal status"),
                                         tooltip=_("Mark the goal active, achieved, paused or dropped"))
        self.status_menu = QMenu(self)
        self.status_group = QActionGroup(self)
        self.status_actions: dict[GoalStatus, QAction] = {}
        for status in GoalStatus:
            action = self.status_menu.addAction(status.label)
            action.setCheckable(True)
            self.status_group.addAction(action)
            action.triggered.connect(lambda _checked=False, s=status: self.set_status(s))
            self.status_actions[status] = action
        self.status_button.setMenu(self.status_menu)
        self.delete_button = action_button(_("De&lete"), accessible_name=_("Delete goal"), slot=self.delete_goal,
                                           tooltip=_("Move the goal to the trash (Ctrl+Z undoes)"))

        self.model = GoalListModel(self, today=lambda: self.today(), warning=warning_icon(self))
        self.table = RecordTable(self.model, accessible_name=_(self.title), stretch=(0,))
        self.table.show_at_least(2)
        self.table.record_selected.connect(self._goal_selected)
        add_context_menu(self.table, lambda: [self.edit_button, self.status_button, self.delete_button, None,
                                              self.new_button])
        self.table.edit_requested.connect(lambda _id: self.edit_goal())
        self.table.delete_requested.connect(lambda _id: self.delete_goal())

        self.detail = self._build_detail()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.summary_area)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 4)
        self.content = splitter
        self.empty = EmptyState()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(splitter)

        layout = QVBoxLayout(self)
        layout.addLayout(action_bar(self.new_button, self.edit_button, self.status_button, self.delete_button))
        layout.addWidget(self.pages, 1)
        self.setMinimumSize(440, 340)
        self.reload()

    def _build_detail(self) -> QWidget:
        # Three panes, each the lead can make taller: the goals, the goal's own words (which
        # scroll on their own when the window is short) and its notes with the box to add one.
        # The notes scroll themselves and sit in no other scroll area, so the composer is
        # never below a fold inside a second scroll bar.
        summary = QFrame()
        layout = QVBoxLayout(summary)
        layout.setContentsMargins(0, 6, 0, 0)
        self.outcome_label = heading()
        self.outcome_label.setAccessibleName(_("Goal outcome"))
        self.state_line = IconLine(accessible_name=_("Goal status"))
        layout.addWidget(self.outcome_label)
        layout.addWidget(self.state_line)

        boxes = QGridLayout()
        criteria_box = QGroupBox(_("Success criteria"))
        self.criteria_label = paragraph(accessible_name=_("Success criteria"))
        QVBoxLayout(criteria_box).addWidget(self.criteria_label)
        latitude_box = QGroupBox(_("Latitude: the safe-to-fail boundary"))
        latitude_layout = QVBoxLayout(latitude_box)
        self.latitude_hint = paragraph(quiet=True)
        self.latitude_label = paragraph(accessible_name=_("Latitude"))
        latitude_layout.addWidget(self.latitude_hint)
        latitude_layout.addWidget(self.latitude_label)
        boxes.addWidget(criteria_box, 0, 0)
        boxes.addWidget(latitude_box, 0, 1)
        boxes.setColumnStretch(0, 1)
        boxes.setColumnStretch(1, 1)
        layout.addLayout(boxes)
        layout.addStretch(1)

        self.summary_area = scrolling(summary)
        self.summary_area.setMinimumHeight(summary.fontMetrics().lineSpacing() * 4)
        detail = QFrame()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 0, 0, 0)
        self.notes_heading = heading(level=2)
        layout.addWidget(self.notes_heading)
        # Every note here is progress; saying so on each bubble would only be noise.
        self.notes_model = ConversationModel(
            self, plain_kinds=(EntryKind.PROGRESS, EntryKind.FEEDBACK, EntryKind.THOUGHT)
        )
        self.notes = ConversationView(accessible_name=_("Progress notes"),
                                      placeholder=_("No progress notes yet. Add the first one below."))
        self.notes.setModel(self.notes_model)
        self.notes.edit_requested.connect(self.edit_note)
        self.notes.delete_requested.connect(self.delete_note)
        layout.addWidget(self.notes, 1)
        self.composer = Composer(self.services, accessible_name=_("Progress note"), button_text=_("Add n&ote"),
                                 draft_scope="progress.goal",
                                 placeholder=_("What moved on this goal (Ctrl+Enter adds it)"),
                                 default_direction=Direction.PRIVATE)
        self.composer.submitted.connect(self.add_note)
        layout.addWidget(self.composer)
        return detail

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        self._reloading = True
        try:
            self._reload()
        finally:
            self._reloading = False

    def _reload(self) -> None:
        mentee = self.load_mentee()
        keep = self.table.current_id()
        self.new_button.setEnabled(mentee is not None)
        if mentee is None:
            self.model.reload([])
            self.empty.set_message(_("No mentee chosen"), _("Choose someone in the team to see their goals."))
            self.pages.setCurrentWidget(self.empty)
            self._show_goal(None)
            return
        self.composer.set_mentee_name(mentee.name)
        self.latitude_hint.setText(_("What {name} may decide and try alone, without asking first.").format(
            name=isolate(mentee.name)))
        goals = self.services.goals.for_mentee(mentee.id)
        self.model.reload(goals)
        if not goals:
            self.empty.set_message(
                _("No goals for {name} yet").format(name=isolate(mentee.name)),
                _("A goal names the outcome and how success shows, plus the latitude: what "
                  "{name} may decide and try alone. Not the steps; those are theirs to choose.").format(
                    name=isolate(mentee.name)),
                action=_("Set a goal…"), on_action=self.new_goal,
            )
            self.pages.setCurrentWidget(self.empty)
            self._show_goal(None)
            return
        self.pages.setCurrentWidget(self.content)
        if not self.table.select_id(keep):
            self.table.select_first()
        self._show_goal(self.table.current_id())

    def _goal_selected(self, goal_id: int | None) -> None:
        if not self._reloading and goal_id != (self.goal.id if self.goal else None):
            self._show_goal(goal_id)

    def _show_goal(self, goal_id: int | None) -> None:
        row = self.model.row_of(goal_id) if goal_id is not None else None
        previous = self.goal
        self.goal = goal = self.model.record(row) if row is not None else None
        for widget in (self.edit_button, self.status_button, self.delete_button, self.summary_area,
                       self.detail):
            widget.setEnabled(goal is not None)
        self.composer.set_target(goal.id if goal is not None else None)
        if goal is None:
            self.outcome_label.setText("")
            self.state_line.set_text(_("Choose a goal above to see its criteria, latitude and progress."))
            self.criteria_label.setText("")
            self.latitude_label.setText("")
            self.notes_heading.setText(_("Progress notes"))
            self.notes_model.reload([], mentee_name=self.mentee_name)
            return
        self.status_actions[goal.status].setChecked(True)
        self.outcome_label.setText(goal.outcome)
        today = self.today()
        if goal.check_in_on is None:
            state = _("{status} · set {day} · no check-in date").format(
                status=goal.status.label, day=day_text(goal.set_on))
        else:
            state = _("{status} · set {day} · check in {check_in}").format(
                status=goal.status.label, day=day_text(goal.set_on), check_in=check_in_text(goal, today))
        self.state_line.set_text(state, warn=check_in_due(goal, today))
        self.criteria_label.setText(goal.success_criteria or _("None written yet."))
        self.latitude_label.setText(goal.latitude or _("None agreed yet: talk about what is safe to try."))
        notes = self.services.entries.for_goal(goal.id)
        count = len(notes)
        self.notes_heading.setText(_("Progress notes ({count})").format(count=count) if count else _("Progress notes"))
        same = previous is not None and previous.id == goal.id
        grew = same and count > self.notes_model.rowCount()
        self.notes_model.reload(notes, mentee_name=self.mentee_name)
        self.notes.doItemsLayout()
        if not same or grew:
            self.notes.scroll_to_end()

    def show_item(self, doc_type: str, doc_id: int) -> bool:
        if doc_type == "goal":
            return self.table.reveal(doc_id)
        if doc_type == "entry":
            try:
                entry = self.services.entries.get(doc_id)
            except NotFoundError:
                return False
            if entry.goal_id is None or not self.table.select_id(entry.goal_id):
                return False
            self.notes.select_id(doc_id)
            self.notes.setFocus()
            return True
        return False

    # -- writing -------------------------------------------------------------------------
    def new_goal(self) -> None:
        if self.mentee is None:
            return
        mentee_id, goals = self.mentee.id, self.services.goals

        def save(**fields: Any) -> None:
            goal = self.push(goals, _("Add goal"),
                             lambda: goals.add(mentee_id=mentee_id, **fields))
            if goal is not None:
                self.table.select_id(goal.id)

        self.show_dialog(GoalDialog(None, mentee_name=self.mentee_name, today=self.today(), save=save, parent=self),
                         draft=f"goal.new.mentee.{mentee_id}")

    def edit_goal(self) -> None:
        before = self.goal
        if before is None:
            return
        goals = self.services.goals

        def save(**fields: Any) -> None:
            self.push(goals, _("Edit goal"), lambda: goals.edit(before.id, **fields))

        self.show_dialog(GoalDialog(before, mentee_name=self.mentee_name, today=self.today(), save=save,
                                    parent=self), draft=f"goal.edit.{before.id}")

    def set_status(self, status: GoalStatus) -> None:
        before = self.goal
        if before is None or before.status is status:
            return
        goals = self.services.goals
        what = {GoalStatus.ACTIVE: _("Mark goal active"), GoalStatus.ACHIEVED: _("Mark goal achieved"),
                GoalStatus.PAUSED: _("Mark goal paused"), GoalStatus.DROPPED: _("Mark goal dropped")}[status]
        self.undoable(goals, what, lambda: goals.edit(before.id, status=status))

    def delete_goal(self) -> None:
        goal = self.goal
        if goal is None:
            return
        goals = self.services.goals
        self.undoable(goals, _("Delete goal"), lambda: goals.trash(goal.id))

    def add_note(self) -> None:
        goal = self.goal
        if goal is None:
            return
        entries = self.services.entries
        text, direction, setting = self.composer.words(), self.composer.direction(), self.composer.chosen_setting()
        try:
            self.push(entries, _("Add progress note"),
                      lambda: entries.add(mentee_id=goal.mentee_id, text=text, kind=EntryKind.PROGRESS,
                                          direction=direction, setting=setting, at=self.now(), goal_id=goal.id))
        except MentorAppError as exc:
            self.composer.show_problem(str(exc))
            return
        self.composer.clear()
        self.notes.scroll_to_end()

    def edit_note(self, entry_id: int) -> None:
        row = self.notes_model.row_of(entry_id)
        if row is not None:
            self.edit_entry(self.notes_model.entry(row), what=_("Edit progress note"))

    def delete_note(self, entry_id: int) -> None:
        self.delete_entry(entry_id, what=_("Delete progress note"))
