"""The watchlist's writes, shared by a mentee's Watchlist section and the team Watchlist view.

Each opens its dialog without blocking and, on Save, calls the watchlist service
through the undo stack; a refusal shows inside the dialog, or in one sentence
through the desk's report when there is no dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import ChanceView, MenteeView, WatchCaseView
from mentorapp.views.context import DeskContext
from mentorapp.views.date_fields import Today
from mentorapp.views.undo import push_undoable
from mentorapp.views.watch_dialogs import CaseDialog, ChanceDialog, CloseCaseDialog

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
    def watchlist(self):  # noqa: ANN201 - WatchlistService
        return self.context.services.watchlist

    # -- plumbing ------------------------------------------------------------------------
    def _push(self, text: str, *, do: Callable[[], T], undo: Callable[[T], object],
              redo: Callable[[T], object] | None = None) -> T:
        return push_undoable(self.context.undo_stack, text, do=do, undo=undo, redo=redo, report=self.context.report)

    def _undoable(self, text: str, *, do: Callable[[], T], undo: Callable[[T], object],
                  redo: Callable[[T], object] | None = None) -> T | None:
        try:
            return self._push(text, do=do, undo=undo, redo=redo)
        except MentorAppError as exc:
            self.context.report(str(exc))
            return None

    def _show(self, dialog: QDialog) -> QDialog:
        if self.open_dialog is not None:
            self.open_dialog.close()
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

        def save(**fields: object) -> None:
            if mentee is not None:
                fields["mentee_id"] = mentee.id
            case = self._push("Open watchlist case", do=lambda: watchlist.open_case(**fields),  # type: ignore[arg-type]
                              undo=lambda c: watchlist.trash_case(c.id), redo=lambda c: watchlist.restore_case(c.id))
            self.case_saved.emit(case.id)

        name = mentee.name if mentee is not None else ""
        self._show(CaseDialog(None, mentee_name=name, today=self.today(), save=save, mentees=choices,
                              parent=self.owner))

    def edit_case(self, case: WatchCaseView, *, mentee_name: str) -> None:
        watchlist = self.watchlist

        def save(**fields: object) -> None:
            self._push("Edit watchlist case", do=lambda: watchlist.edit_case(case.id, **fields),  # type: ignore[arg-type]
                       undo=lambda c: watchlist.edit_case(
                           c.id, concern=case.concern, support_plan=case.support_plan,
                           toxicity_concern=case.toxicity_concern, next_review_on=case.next_review_on,
                           opened_on=case.opened_on))
            self.case_saved.emit(case.id)

        self._show(CaseDialog(case, mentee_name=mentee_name, today=self.today(), save=save, parent=self.owner))

    def close_case(self, case: WatchCaseView, *, mentee_name: str) -> None:
        watchlist = self.watchlist

        def save(*, outcome, reason: str, closed_on) -> None:  # noqa: ANN001 - a CaseOutcome, a date
            self._push(f"Close the case of {mentee_name}",
                       do=lambda: watchlist.close_case(case.id, outcome=outcome, reason=reason, closed_on=closed_on),
                       undo=lambda c: watchlist.reopen_case(c.id))
            self.case_saved.emit(case.id)

        self._show(CloseCaseDialog(case, mentee_name=mentee_name, today=self.today(), save=save, parent=self.owner))

    def reopen_case(self, case: WatchCaseView, *, mentee_name: str) -> None:
        if case.is_open or case.outcome is None:
            return
        watchlist = self.watchlist
        outcome, reason, closed_on = case.outcome, case.decision_reason, case.closed_on
        self._undoable(f"Reopen the case of {mentee_name}", do=lambda: watchlist.reopen_case(case.id),
                       undo=lambda c: watchlist.close_case(c.id, outcome=outcome, reason=reason, closed_on=closed_on))

    def delete_case(self, case: WatchCaseView, *, mentee_name: str) -> None:
        watchlist = self.watchlist
        self._undoable(f"Delete the case of {mentee_name}", do=lambda: watchlist.trash_case(case.id),
                       undo=lambda c: watchlist.restore_case(c.id), redo=lambda c: watchlist.trash_case(c.id))

    # -- chances -------------------------------------------------------------------------
    def add_chance(self, case: WatchCaseView, *, mentee_name: str) -> None:
        watchlist = self.watchlist

        def save(**fields: object) -> None:
            chance = self._push("Give a chance", do=lambda: watchlist.add_chance(case.id, **fields),  # type: ignore[arg-type]
                                undo=lambda c: watchlist.trash_chance(c.id),
                                redo=lambda c: watchlist.restore_chance(c.id))
            self.chance_saved.emit(chance.id)

        self._show(ChanceDialog(None, mentee_name=mentee_name, today=self.today(), save=save, parent=self.owner))

    def edit_chance(self, chance: ChanceView, *, mentee_name: str) -> None:
        watchlist = self.watchlist

        def save(**fields: object) -> None:
            self._push("Record how the chance went",
                       do=lambda: watchlist.edit_chance(chance.id, **fields),  # type: ignore[arg-type]
                       undo=lambda c: watchlist.edit_chance(
                           c.id, expectation=chance.expectation, support=chance.support, outcome=chance.outcome,
                           result=chance.result, given_on=chance.given_on))
            self.chance_saved.emit(chance.id)

        self._show(ChanceDialog(chance, mentee_name=mentee_name, today=self.today(), save=save, parent=self.owner))

    def delete_chance(self, chance: ChanceView) -> None:
        watchlist = self.watchlist
        self._undoable("Delete chance", do=lambda: watchlist.trash_chance(chance.id),
                       undo=lambda c: watchlist.restore_chance(c.id), redo=lambda c: watchlist.trash_chance(c.id))
