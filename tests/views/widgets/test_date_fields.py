"""The one date field: a typed day (ISO or the locale's short form), Tab leaves it, a calendar on demand.

Each dialog that takes a day is typed into the way a lead types, and the day saved is the day typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desk_support import activate
from mentorapp.app import make_application
from mentorapp.models.readmodels import MenteeView
from mentorapp.models.vocabulary import EntryKind, Side
from mentorapp.views.mentee.asks import AskDialog
from mentorapp.views.mentee.details import MenteeDialog
from mentorapp.views.mentee.goals import GoalDialog
from mentorapp.views.mentee.recognition import RecognitionDialog
from mentorapp.views.mentee.threads import ActedOnDialog
from mentorapp.views.mentee.timeline import EntryDialog
from mentorapp.views.mentee.watchlist import CaseDialog, ChanceDialog, CloseCaseDialog
from mentorapp.views.widgets.date_fields import DateField, day_text, long_day_text, parse_day

TODAY = dt.date(2026, 11, 29)
TYPED = dt.date(2024, 10, 21)


@pytest.fixture
def english_uk() -> Iterator[None]:
    make_application()
    before = QLocale()
    QLocale.setDefault(QLocale("en_GB"))
    yield
    QLocale.setDefault(before)


def type_into(qtbot, field: DateField, text: str) -> None:
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, text)
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)


def show(qtbot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    return dialog


def _mentee() -> MenteeView:
    return MenteeView(id=1, name="Ana Lima", role="", cadence_days=14, started_on=None, thanks_preference="",
                      archived=False)


def test_typing_an_iso_date_into_started_gives_that_day_and_tab_moves_on(qtbot) -> None:
    saved = []
    dialog = show(qtbot, MenteeDialog(None, save=saved.append, today=TODAY))
    dialog.started_known.setChecked(True)
    type_into(qtbot, dialog.started_on, "2024-10-21")
    assert QApplication.focusWidget() is dialog.cadence  # Tab left the date at once
    assert dialog.started_on.text() == day_text(TYPED) == "21 Oct 2024"
    qtbot.keyClicks(dialog.name, "Ana Lima")
    dialog._try_save()
    assert saved[0].started_on == TYPED


def test_the_short_form_of_the_locale_is_read_and_written(qtbot, english_uk) -> None:
    assert day_text(TYPED) == "21/10/2024"
    assert long_day_text(TYPED) == "Monday, 21 October 2024"
    dialog = show(qtbot, MenteeDialog(None, save=lambda _d: None, today=TODAY))
    dialog.started_known.setChecked(True)
    type_into(qtbot, dialog.started_on, "21/10/2024")
    assert dialog.started_on.day() == TYPED
    type_into(qtbot, dialog.started_on, "2024-10-21")  # ISO is always understood
    assert dialog.started_on.day() == TYPED and dialog.started_on.text() == "21/10/2024"
    assert parse_day("21/10/24") == TYPED


def test_text_that_is_no_date_is_explained_under_the_field_and_refused(qtbot) -> None:
    saved = []
    dialog = show(qtbot, MenteeDialog(None, save=saved.append, today=TODAY))
    dialog.started_known.setChecked(True)
    qtbot.keyClicks(dialog.name, "Ana Lima")
    type_into(qtbot, dialog.started_on, "2024-13-45")
    problem = dialog.started_on.problem
    assert problem.isVisible()
    assert problem.text() == "Start date: “2024-13-45” is not a date; type a date as 2024-10-21 or 21 Oct 2024."
    dialog._try_save()
    assert saved == [] and dialog.isVisible()
    assert "is not a date" in dialog.problem.text()
    type_into(qtbot, dialog.started_on, "2024-10-21")
    assert not problem.isVisible()


def test_alt_down_opens_a_calendar_and_enter_takes_its_day(qtbot) -> None:
    dialog = show(qtbot, GoalDialog(None, mentee_name="Ana", today=TODAY, save=lambda **_k: None))
    field = dialog.set_on
    field.line.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.calendar_popup
    assert popup is not None and popup.isVisible()
    grid = QApplication.focusWidget()
    assert popup.calendar.isAncestorOf(grid)  # the calendar has the keyboard
    qtbot.keyClick(grid, Qt.Key.Key_Left)  # the day before
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field.calendar_popup is None)
    assert field.day() == TODAY - dt.timedelta(days=1)
    activate(qtbot, dialog)  # as the desktop does when a popup closes over its window
    assert QApplication.focusWidget() is field.line
    qtbot.keyClick(field.line, Qt.Key.Key_F4)  # F4 too
    assert field.calendar_popup is not None
    field.calendar_popup.close()


def test_the_check_in_and_next_review_mnemonics_reach_their_fields(qtbot) -> None:
    goal = show(qtbot, GoalDialog(None, mentee_name="Ana", today=TODAY, save=lambda **_k: None))
    qtbot.keyClick(goal, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is goal.check_in.check
    qtbot.keyClick(goal, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is goal.set_on.line
    case = show(qtbot, CaseDialog(None, mentee_name="Ana", today=TODAY, save=lambda **_k: None))
    qtbot.keyClick(case, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is case.review.check
    assert case.review.check.isChecked()  # a new case is reviewed in a month, unless unticked
    qtbot.keyClick(case.review.check, Qt.Key.Key_Space)
    assert case.review.day() is None and not case.review.edit.isEnabled()
    qtbot.keyClick(case.review.check, Qt.Key.Key_Space)  # on again: the date takes the keyboard
    assert QApplication.focusWidget() is case.review.edit.line


DIALOGS: dict[str, tuple[Callable[[Callable[..., object]], QDialog], str, str]] = {
    "goal set on": (lambda save: GoalDialog(None, mentee_name="Ana", today=TODAY, save=save), "set_on", "set_on"),
    "ask raised on": (lambda save: AskDialog(None, mentee_name="Ana", today=TODAY, save=save),
                      "raised_on", "raised_on"),
    "recognition given on": (lambda save: RecognitionDialog(None, mentee=_mentee(), today=TODAY, save=save),
                             "given_on", "given_on"),
    "watch case opened on": (lambda save: CaseDialog(None, mentee_name="Ana", today=TODAY, save=save),
                             "opened_on", "opened_on"),
    "chance given on": (lambda save: ChanceDialog(None, mentee_name="Ana", today=TODAY, save=save),
                        "given_on", "given_on"),
}


@pytest.mark.parametrize("which", sorted(DIALOGS))
def test_each_dialog_saves_the_day_typed(qtbot, which: str) -> None:
    make, attribute, key = DIALOGS[which]
    saved: dict[str, object] = {}
    dialog = show(qtbot, make(lambda **values: saved.update(values)))
    type_into(qtbot, getattr(dialog, attribute), "21 Oct 2024")
    dialog._submit()
    assert saved[key] == TYPED


def test_the_dialogs_on_existing_records_take_typed_days_too(qtbot, services) -> None:
    ana = services.mentees.add(name="Ana Lima")
    thread = services.threads.open(mentee_id=ana.id, topic="Reviews", opened_by=Side.MENTEE, first_text="Slower")
    saved: dict[str, object] = {}
    acted = show(qtbot, ActedOnDialog(thread, mentee_name="Ana", today=TODAY, save=lambda **v: saved.update(v)))
    type_into(qtbot, acted.on, "2024-10-21")
    acted._submit()
    assert saved["on"] == TYPED

    case = services.watchlist.open_case(mentee_id=ana.id, concern="Misses the handover notes")
    close = show(qtbot, CloseCaseDialog(case, mentee_name="Ana", today=TODAY, save=lambda **v: saved.update(v)))
    type_into(qtbot, close.closed_on, "21 Oct 2024")
    assert close.closed_on.day() == TYPED

    goal = show(qtbot, GoalDialog(None, mentee_name="Ana", today=TODAY, save=lambda **v: saved.update(v)))
    goal.check_in.check.setChecked(True)
    type_into(qtbot, goal.check_in.edit, "2024-10-21")
    qtbot.keyClicks(goal.outcome, "Own the release")
    goal._submit()
    assert saved["check_in_on"] == TYPED

    entry = services.entries.add(mentee_id=ana.id, text="Deadlines slip", kind=EntryKind.CONCERN)
    changes = []
    dialog = show(qtbot, EntryDialog(entry, save=changes.append))
    type_into(qtbot, dialog.at.date, "2024-10-21")
    assert QApplication.focusWidget() is dialog.at.time
    dialog.at.time.selectAll()
    qtbot.keyClicks(dialog.at.time, "9:05")
    qtbot.keyClick(dialog.at.time, Qt.Key.Key_Tab)
    assert dialog.at.time.text() == "09:05"
    dialog.discussed.setChecked(True)
    type_into(qtbot, dialog.discussed_on, "2024-10-22")
    dialog._try_save()
    assert changes[0].at == dt.datetime(2024, 10, 21, 9, 5)
    assert changes[0].discussed_on == dt.date(2024, 10, 22)


def test_a_time_that_is_no_time_is_explained(qtbot, services) -> None:
    ana = services.mentees.add(name="Ana Lima")
    entry = services.entries.add(mentee_id=ana.id, text="A word")
    changes = []
    dialog = show(qtbot, EntryDialog(entry, save=changes.append))
    dialog.at.time.setFocus()
    dialog.at.time.selectAll()
    qtbot.keyClicks(dialog.at.time, "25:70")
    qtbot.keyClick(dialog.at.time, Qt.Key.Key_Tab)
    assert dialog.at.date.problem.text() == "Time: “25:70” is not a time of day; type it as 14:30."
    dialog._try_save()
    assert changes == [] and "is not a time of day" in dialog.problem.text()
