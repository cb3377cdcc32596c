"""Days as the sections show and take them: short readable text, and date fields for dialogs.

Every section speaks of days the same way ("29 Nov 2026", "in 9 days", "12 days
ago"), so these live in one place. Month names are fixed English words, like the
rest of the interface, rather than whatever C locale the process happens to run in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

Today = Callable[[], dt.date]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DATE_EDIT_FORMAT = "d MMM yyyy"


def day_text(day: dt.date | dt.datetime | None, *, empty: str = "—") -> str:
    """A day as a person reads it: 29 Nov 2026."""
    if day is None:
        return empty
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def moment_text(at: dt.datetime) -> str:
    """A day with its time of day: 29 Nov 2026, 14:30."""
    return f"{day_text(at)}, {at:%H:%M}"


def span_text(days: int) -> str:
    """A number of days in words: 1 day, 12 days."""
    return "1 day" if abs(days) == 1 else f"{abs(days)} days"


def ago_text(day: dt.date, *, today: dt.date) -> str:
    """How long ago a day was: today, yesterday, 12 days ago (or in 3 days, if it is ahead)."""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    return f"{span_text(days)} ago" if days > 0 else f"in {span_text(days)}"


def due_text(day: dt.date, *, today: dt.date) -> str:
    """How a due day stands: due today, in 9 days, overdue by 3 days."""
    days = (day - today).days
    if days == 0:
        return "due today"
    if days == 1:
        return "tomorrow"
    return f"in {span_text(days)}" if days > 0 else f"overdue by {span_text(days)}"


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(qdate: QDate) -> dt.date:
    return dt.date(qdate.year(), qdate.month(), qdate.day())


def date_edit(day: dt.date, *, accessible_name: str, parent: QWidget | None = None) -> QDateEdit:
    """A day field with a calendar popup, showing the day the way the sections write it."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_EDIT_FORMAT)
    edit.setDate(to_qdate(day))
    edit.setAccessibleName(accessible_name)
    return edit


def edit_day(edit: QDateEdit) -> dt.date:
    return to_date(edit.date())


class OptionalDateEdit(QWidget):
    """A day that may be left unset: ticking the box turns the date on, unticking clears it."""

    changed = Signal()

    def __init__(
        self,
        label: str,
        day: dt.date | None,
        *,
        default: dt.date,
        accessible_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label)
        self.check.setAccessibleName(f"Set {accessible_name.lower()}")
        self.edit = date_edit(day or default, accessible_name=accessible_name)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        self.check.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.setFocusProxy(self.check)

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        if on:
            self.edit.setFocus()
        self.changed.emit()

    def day(self) -> dt.date | None:
        return edit_day(self.edit) if self.check.isChecked() else None

    def set_day(self, day: dt.date | None) -> None:
        self.check.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))
