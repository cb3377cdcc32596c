"""The Asks tab of the mentee page: what the lead advocates for on the mentee's behalf, and how it stands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QStackedWidget, QVBoxLayout, QWidget

from mentorapp.i18n import N_, _, ngettext
from mentorapp.models.readmodels import AskView
from mentorapp.models.services import Topic
from mentorapp.models.vocabulary import AskStatus
from mentorapp.views.context import DeskContext
from mentorapp.views.mentee.section import RecordSection, TranslatedHeaders
from mentorapp.views.widgets.choice_box import combo
from mentorapp.views.widgets.context_menu import add_context_menu
from mentorapp.views.widgets.date_fields import Today, date_edit, day_text, edit_day
from mentorapp.views.widgets.record_dialog import RecordDialog, line_box, text_box
from mentorapp.views.widgets.section_parts import (
    EmptyState,
    RecordTable,
    action_bar,
    action_button,
    menu_button,
    paragraph,
)
from mentorapp.views.widgets.text_direction import isolate

WHAT, STATUS, RAISED, RESOLVED, DETAILS = range(5)


class AskModel(TranslatedHeaders):
    """Rows of AskView: open asks first, as the service orders them."""

    headers = (N_("Ask"), N_("Status"), N_("Raised"), N_("Settled"), N_("Details"))

    def text(self, record: AskView, column: int) -> str:
        if column == WHAT:
            return record.what
        if column == STATUS:
            return record.status.label
        if column == RAISED:
            return day_text(record.raised_on)
        if column == RESOLVED:
            return day_text(record.resolved_on, empty="")
        return record.details

    def tooltip(self, record: AskView, column: int) -> str | None:
        if column in (WHAT, DETAILS):
            return f"{record.what}\n{record.details}" if record.details else record.what
        return None

    def emphasised(self, record: AskView, column: int) -> bool:
        return column == STATUS and record.status is AskStatus.OPEN


class AskDialog(RecordDialog):
    """The ask, its details, when raised, its status and (once settled) when it was settled."""

    def __init__(self, ask: AskView | None, *, mentee_name: str, today: dt.date,
                 save: Callable[..., object], parent: QWidget | None = None) -> None:
        super().__init__(
            _("New ask") if ask is None else _("Edit ask"), submit=self._submit,
            save_text=_("&Add ask") if ask is None else _("&Save"),
            intro=_("Something you are pushing for on {name}'s behalf: "
                    "a tool, budget, time, a door opened.").format(name=isolate(mentee_name)),
            parent=parent,
        )
        self._save = save
        self.what = line_box(ask.what if ask else "", accessible_name=_("Ask"),
                             placeholder=_("e.g. Budget for a conference on accessibility"))
        self.details = text_box(ask.details if ask else "", accessible_name=_("Details"), lines=3,
                                placeholder=_("Who you asked, what is pending (optional)"))
        self.raised_on = date_edit(ask.raised_on if ask else today, accessible_name=_("Raised on"))
        self.status = combo([(s.label, s) for s in AskStatus], ask.status if ask else AskStatus.OPEN,
                            accessible_name=_("Status"))
        self.resolved_on = date_edit((ask.resolved_on if ask else None) or today, accessible_name=_("Settled on"))
        self.form.addRow(_("As&k:"), self.what)
        self.form.addRow(_("&Details:"), self.details)
        self.form.addRow(_("&Raised on:"), self.raised_on)
        self.form.addRow(_("Stat&us:"), self.status)
        self.form.addRow(_("Settled &on:"), self.resolved_on)
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


class AsksSection(RecordSection):
    """Asks of one mentee with their status; add, edit, change status, delete."""

    title = N_("Asks")
    topics = (Topic.ASKS, Topic.MENTEES)

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *, today: Today | None = None) -> None:
        super().__init__(context, parent, today=today)
        self.summary = paragraph(accessible_name=_("Asks summary"))
        self.add_button = action_button(_("&New ask…"), accessible_name=_("New ask"), slot=self.add,
                                        tooltip=_("Something you will push for on the mentee's behalf"))
        self.edit_button = action_button(_("Ed&it…"), accessible_name=_("Edit ask"), slot=self.edit)
        self.status_button = menu_button(_("&Status"), accessible_name=_("Change ask status"),
                                         tooltip=_("Mark the ask open, granted, declined or withdrawn"))
        self.status_menu = QMenu(self)
        self.status_group = QActionGroup(self)
        self.status_actions: dict[AskStatus, QAction] = {}
        for status in AskStatus:
            action = self.status_menu.addAction(status.label)
            action.setCheckable(True)
            self.status_group.addAction(action)
            action.triggered.connect(lambda _checked=False, s=status: self.set_status(s))
            self.status_actions[status] = action
        self.status_button.setMenu(self.status_menu)
        self.delete_button = action_button(_("De&lete"), accessible_name=_("Delete ask"), slot=self.delete,
                                           tooltip=_("Move the ask to the trash (Ctrl+Z undoes)"))
        self.model = AskModel(self)
        self.table = RecordTable(self.model, accessible_name=_(self.title), stretch=(0, -1))
        self.table.record_selected.connect(lambda _id: self._update_buttons())
        add_context_menu(self.table, lambda: [self.edit_button, self.status_button, self.delete_button, None,
                                              self.add_button])
        self.table.edit_requested.connect(lambda _id: self.edit())
        self.table.delete_requested.connect(lambda _id: self.delete())
        self.empty = EmptyState()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(action_bar(self.add_button, self.edit_button, self.status_button, self.delete_button))
        layout.addWidget(self.pages, 1)
        self.setMinimumSize(440, 300)
        self.reload()

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        mentee = self.load_mentee()
        keep = self.table.current_id()
        self.add_button.setEnabled(mentee is not None)
        if mentee is None:
            self.model.reload([])
            self.summary.setText("")
            self.empty.set_message(_("No mentee chosen"), _("Choose someone in the team to see what you ask for them."))
            self.pages.setCurrentWidget(self.empty)
            self._update_buttons()
            return
        asks = self.services.asks.for_mentee(mentee.id)
        self.model.reload(asks)
        open_count = sum(1 for a in asks if a.status is AskStatus.OPEN)
        if not asks:
            self.summary.setText("")
        elif open_count:
            self.summary.setText(ngettext(
                "{count} ask is still open for {name}; follow up until each is settled.",
                "{count} asks are still open for {name}; follow up until each is settled.",
                open_count).format(count=open_count, name=isolate(mentee.name)))
        else:
            self.summary.setText(_("Every ask for {name} is settled.").format(name=isolate(mentee.name)))
        if asks:
            self.pages.setCurrentWidget(self.table)
            if not self.table.select_id(keep):
                self.table.select_first()
        else:
            self.empty.set_message(
                _("Nothing asked for {name} yet").format(name=isolate(mentee.name)),
                _("A mentor is an advocate: note here each resource, tool or opportunity you push for on "
                  "{name}'s behalf, and follow it until it is granted or declined.").format(name=isolate(mentee.name)),
                action=_("New ask…"), on_action=self.add,
            )
            self.pages.setCurrentWidget(self.empty)
        self._update_buttons()

    def _update_buttons(self) -> None:
        record: AskView | None = self.table.current_record()
        for button in (self.edit_button, self.status_button, self.delete_button):
            button.setEnabled(record is not None)
        if record is not None:
            self.status_actions[record.status].setChecked(True)

    def show_item(self, doc_type: str, doc_id: int) -> bool:
        return doc_type == "ask" and self.table.reveal(doc_id)

    # -- writing -------------------------------------------------------------------------
    def add(self) -> None:
        mentee = self.mentee
        if mentee is None:
            return
        asks = self.services.asks

        def save(**fields: Any) -> None:
            made = self.push(asks, _("Add ask"), lambda: asks.add(mentee_id=mentee.id, **fields))
            if made is not None:
                self.table.select_id(made.id)

        self.show_dialog(AskDialog(None, mentee_name=mentee.name, today=self.today(), save=save, parent=self),
                         draft=f"ask.new.mentee.{mentee.id}")

    def edit(self) -> None:
        before: AskView | None = self.table.current_record()
        if before is None:
            return
        asks = self.services.asks

        def save(**fields: Any) -> None:
            self.push(asks, _("Edit ask"), lambda: asks.edit(before.id, **fields))

        self.show_dialog(AskDialog(before, mentee_name=self.mentee_name, today=self.today(), save=save, parent=self),
                         draft=f"ask.edit.{before.id}")

    def set_status(self, status: AskStatus) -> None:
        before: AskView | None = self.table.current_record()
        if before is None or before.status is status:
            return
        asks = self.services.asks
        settled = None if status is AskStatus.OPEN else self.today()
        what = {AskStatus.OPEN: _("Mark ask open"), AskStatus.GRANTED: _("Mark ask granted"),
                AskStatus.DECLINED: _("Mark ask declined"), AskStatus.WITHDRAWN: _("Mark ask withdrawn")}[status]
        self.undoable(asks, what, lambda: asks.edit(before.id, status=status, resolved_on=settled))

    def delete(self) -> None:
        record: AskView | None = self.table.current_record()
        if record is None:
            return
        asks = self.services.asks
        self.undoable(asks, _("Delete ask"), lambda: asks.trash(record.id))
