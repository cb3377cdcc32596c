"""Days as the desk shows and takes them: one short and one long form, and one date field.

Every view speaks of days the same way, so the forms live here: the short form
("29 Nov 2026", or the locale's own short date, e.g. 29/11/2026) for lists and
sentences, the long form ("Sunday 29 November 2026") where a day stands alone, both
from the locale (QLocale), with four-digit years. Under the C locale, which is no
choice of the lead's, the short form spells the month, which reads better than
"29 11 2026". The same module has the one field every dialog uses to take a day:
typed (ISO or the short form), Tab leaves it, Alt+Down or F4 opens a calendar.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _, ngettext
from mentorapp.models.errors import MentorAppError
from mentorapp.views.widgets.theme import ProblemText

Today = Callable[[], dt.date]

EARLIEST = dt.date(1900, 1, 1)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*([AaPp][Mm])?\s*$")


class DateTypoError(MentorAppError):
    """What was typed in a date or time field is not one."""


def _is_c(locale: QLocale) -> bool:
    return locale.language() == QLocale.Language.C


def short_format(locale: QLocale | None = None) -> str:
    """The short date form (Qt pattern), with a four-digit year."""
    locale = locale or QLocale()
    if _is_c(locale):
        return "d MMM yyyy"
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def long_format(locale: QLocale | None = None) -> str:
    locale = locale or QLocale()
    return "dddd d MMMM yyyy" if _is_c(locale) else locale.dateFormat(QLocale.FormatType.LongFormat)


def time_format(locale: QLocale | None = None) -> str:
    locale = locale or QLocale()
    return "HH:mm" if _is_c(locale) else locale.timeFormat(QLocale.FormatType.ShortFormat)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(qdate: QDate) -> dt.date:
    return dt.date(qdate.year(), qdate.month(), qdate.day())


def day_text(day: dt.date | dt.datetime | None, *, empty: str = "—") -> str:
    """A day in the short form: 29 Nov 2026 (or the locale's short date)."""
    if day is None:
        return empty
    locale = QLocale()
    return locale.toString(to_qdate(day if not isinstance(day, dt.datetime) else day.date()), short_format(locale))


def long_day_text(day: dt.date | dt.datetime) -> str:
    """A day in the long form: Sunday 29 November 2026 (or the locale's long date)."""
    locale = QLocale()
    return locale.toString(to_qdate(day if not isinstance(day, dt.datetime) else day.date()), long_format(locale))


def time_text(at: dt.datetime | dt.time) -> str:
    locale = QLocale()
    return locale.toString(QTime(at.hour, at.minute), time_format(locale))


def moment_text(at: dt.datetime) -> str:
    """A day in the short form with its time of day: 29 Nov 2026, 14:30."""
    # Translators: a day and its time of day, "29 Nov 2026, 14:30"; join them as your language does.
    return _("{day}, {time}").format(day=day_text(at), time=time_text(at))


def long_moment_text(at: dt.datetime) -> str:
    """The long form with the time of day: Sunday 29 November 2026, 14:30."""
    return _("{day}, {time}").format(day=long_day_text(at), time=time_text(at))


def parse_day(text: str, locale: QLocale | None = None) -> dt.date | None:
    """The day a person typed (ISO 2024-10-21, or the short form either way round), else None."""
    locale = locale or QLocale()
    text = text.strip()
    if not text:
        return None
    if match := _ISO.match(text):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    short = short_format(locale)
    native = locale.dateFormat(QLocale.FormatType.ShortFormat)
    for pattern in dict.fromkeys((short, native, short.replace("yyyy", "yy"), "d MMM yyyy", "d MMMM yyyy")):
        for reader in (locale, QLocale.c()):
            parsed = reader.toDate(text, pattern)
            if parsed.isValid():
                day = to_date(parsed)
                if "yyyy" not in pattern and day.year < 2000:  # two digits: 24 is 2024, 85 is 1985
                    day = day.replace(year=day.year % 100 + (2000 if day.year % 100 < 70 else 1900))
                return day
    return None


def parse_time(text: str) -> dt.time | None:
    """A time of day typed as 14:30, 9.05 or 2:30 pm, else None."""
    match = _TIME.match(text)
    if match is None:
        return None
    hour, minute, half = int(match[1]), int(match[2]), (match[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def date_hint() -> str:
    """How to type a day, with an example in each accepted form."""
    example = dt.date(2024, 10, 21)
    # Translators: the end of a sentence ("Start date is empty: type a date as 2024-10-21 or 21 Oct 2024.").
    return _("type a date as {iso} or {short}").format(iso=example.isoformat(), short=day_text(example))


def _take_focus_for(container: QWidget, inner: QWidget) -> None:
    """Let a label's mnemonic reach `inner` through its container.

    A QLabel gives its buddy the focus only if the buddy itself accepts focus, so a
    container with the default NoFocus made "C&heck-in:" and "Next &review:" do nothing.
    The proxy keeps the container out of the Tab order.
    """
    container.setFocusProxy(inner)
    container.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class _CalendarPopup(QFrame):
    """The calendar a date field opens on demand; choosing a day (click or Enter) closes it."""

    chosen = Signal(object)  # dt.date

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.setMinimumDate(to_qdate(EARLIEST))
        self.calendar.activated.connect(self._choose)
        self.calendar.clicked.connect(self._choose)
        layout.addWidget(self.calendar)

    def _choose(self, qdate: QDate) -> None:
        self.chosen.emit(to_date(qdate))
        self.close()


class DateField(QWidget):
    """A day typed as text (ISO or the short form), with a calendar on Alt+Down, F4 or its button.

    Up and Down move the day on or back by one.
    Tab leaves it as it leaves any line. Text that is not a date gets one sentence under
    the field when the lead moves on; `day()` then raises DateTypoError with that sentence,
    which dialogs show as they show any refusal.
    """

    day_changed = Signal()  # the text changed (to another day, or to something not yet a day)

    def __init__(self, day: dt.date | None, *, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = accessible_name
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.line = QLineEdit()
        self.line.setAccessibleName(accessible_name)
        self.line.setPlaceholderText(day_text(dt.date(2024, 10, 21)))
        self.line.setToolTip(_("Type the date ({hint}); Alt+Down or F4 opens a calendar").format(hint=date_hint()))
        self.line.setMaxLength(40)
        width = self.line.fontMetrics().horizontalAdvance(day_text(dt.date(2026, 12, 28)) + "  ") + 24
        self.line.setMinimumWidth(width)
        self.line.setMaximumWidth(width + 80)
        self.button = QToolButton()
        self.button.setText("▾")
        # Translators: {field} is the date field's name ("Start date").
        self.button.setAccessibleName(_("Calendar for: {field}").format(field=accessible_name))
        self.button.setToolTip(_("Calendar (Alt+Down)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on past the field; Alt+Down opens it
        self.button.clicked.connect(self.open_calendar)
        row.addWidget(self.line)
        row.addWidget(self.button)
        row.addStretch(1)
        outer.addLayout(row)
        self.problem = ProblemText(object_name="date_problem")
        outer.addWidget(self.problem)
        _take_focus_for(self, self.line)
        self._popup: _CalendarPopup | None = None
        self._last_day = day or dt.date(2000, 1, 1)  # where the calendar opens while the text is no day
        if day is not None:
            self.set_day(day)
        self.line.textChanged.connect(self._typed)
        self.line.editingFinished.connect(self._finished)
        self.line.installEventFilter(self)

    # -- reading and setting -------------------------------------------------------------------
    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str) -> None:
        self.line.setText(text)

    def day_or_none(self) -> dt.date | None:
        """The day typed, or None while the text is empty or not a date."""
        day = parse_day(self.line.text())
        return day if day is not None and day >= EARLIEST else None

    def is_valid(self) -> bool:
        return self.day_or_none() is not None

    def day(self) -> dt.date:
        """The day typed; DateTypoError (one sentence) when the text is not a date."""
        day = self.day_or_none()
        if day is None:
            raise DateTypoError(self._problem_sentence())
        return day

    def set_day(self, day: dt.date) -> None:
        self._last_day = day
        self.line.setText(day_text(day))
        self.problem.hide()

    def _problem_sentence(self) -> str:
        typed = self.line.text().strip()
        what = self._name[:1].upper() + self._name[1:]
        if not typed:
            return _("{field} is empty: {hint}.").format(field=what, hint=date_hint())
        parsed = parse_day(typed)
        if parsed is not None and parsed < EARLIEST:
            return _("{field}: {day} is before {year}.").format(field=what, day=day_text(parsed), year=EARLIEST.year)
        return _("{field}: “{typed}” is not a date; {hint}.").format(field=what, typed=typed, hint=date_hint())

    # -- as the lead types ------------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        if (day := self.day_or_none()) is not None:
            self._last_day = day
            self.problem.hide()
        self.day_changed.emit()

    def _finished(self) -> None:
        day = self.day_or_none()
        if day is None:
            self.problem.show_problem(self._problem_sentence())
        elif self.line.text() != day_text(day):
            self.line.blockSignals(True)  # the same day, written the usual way: not an edit
            self.line.setText(day_text(day))
            self.line.blockSignals(False)
            self.problem.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.line and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
            step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(Qt.Key(event.key()))
            if step is not None and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
                day = self.day_or_none()
                if day is not None and day + dt.timedelta(days=step) >= EARLIEST:
                    self.set_day(day + dt.timedelta(days=step))  # a day on or back, as in a spin box
                return True
        return super().eventFilter(watched, event)

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - Qt's name; hides the problem of a field turned off
        super().setEnabled(enabled)
        if not enabled:
            self.problem.hide()

    # -- the calendar -----------------------------------------------------------------------------
    def open_calendar(self) -> _CalendarPopup:
        popup = _CalendarPopup(self)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.calendar.setSelectedDate(to_qdate(self.day_or_none() or self._last_day))
        popup.chosen.connect(self._chosen)
        popup.destroyed.connect(lambda _o=None: setattr(self, "_popup", None))
        self._popup = popup
        popup.adjustSize()
        popup.move(self.line.mapToGlobal(QPoint(0, self.line.height())))
        popup.show()
        popup.calendar.setFocus()
        return popup

    @property
    def calendar_popup(self) -> _CalendarPopup | None:
        return self._popup

    def _chosen(self, day: dt.date) -> None:
        self.set_day(day)
        self.line.setFocus(Qt.FocusReason.PopupFocusReason)


class DateTimeField(QWidget):
    """A day and a time of day, each typed (14:30, 2:30 pm); the day as in DateField."""

    changed = Signal()

    def __init__(self, at: dt.datetime, *, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Translators: the day and the time parts of a field named {field} ("Due" → "Due: day", "Due: time").
        self.date = DateField(at.date(), accessible_name=_("{field}: day").format(field=accessible_name))
        self.time = QLineEdit(time_text(at))
        self.time.setAccessibleName(_("{field}: time").format(field=accessible_name))
        self.time.setToolTip(_("The time of day, e.g. {time}").format(time=time_text(dt.time(14, 30))))
        self.time.setMaximumWidth(self.time.fontMetrics().horizontalAdvance("00:00 PM") + 24)
        self.date.problem.hide()
        layout.addWidget(self.date, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.time, 0, Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        _take_focus_for(self, self.date.line)
        self.date.day_changed.connect(self.changed)
        self.time.textChanged.connect(lambda _t: self.changed.emit())
        self.time.editingFinished.connect(self._time_finished)

    def _time_finished(self) -> None:
        moment = parse_time(self.time.text())
        if moment is None:
            self.date.problem.show_problem(self._time_problem())
        else:
            self.time.setText(time_text(moment))
            if self.date.is_valid():
                self.date.problem.hide()

    def _time_problem(self) -> str:
        return _("Time: “{typed}” is not a time of day; type it as {time}.").format(
            typed=self.time.text().strip(), time=time_text(dt.time(14, 30)))

    def text(self) -> str:
        return f"{self.date.text()}|{self.time.text()}"

    def set_text(self, text: str) -> None:
        day, _bar, moment = text.partition("|")
        self.date.set_text(day)
        self.time.setText(moment)

    def moment(self) -> dt.datetime:
        """The day and time typed; DateTypoError (one sentence) when either is not one."""
        day = self.date.day()
        moment = parse_time(self.time.text())
        if moment is None:
            raise DateTypoError(self._time_problem())
        return dt.datetime.combine(day, moment)

    def set_moment(self, at: dt.datetime) -> None:
        self.date.set_day(at.date())
        self.time.setText(time_text(at))


def date_edit(day: dt.date, *, accessible_name: str, parent: QWidget | None = None) -> DateField:
    """The date field every dialog uses, set to `day`."""
    return DateField(day, accessible_name=accessible_name, parent=parent)


def edit_day(edit: DateField) -> dt.date:
    return edit.day()


def span_text(days: int) -> str:
    """A number of days in words: 1 day, 12 days."""
    return ngettext("{n} day", "{n} days", abs(days)).format(n=abs(days))


def ago_text(day: dt.date, *, today: dt.date) -> str:
    """How long ago a day was: today, yesterday, 12 days ago (or in 3 days, if it is ahead)."""
    days = (today - day).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    if days == -1:
        return _("tomorrow")
    if days > 0:
        return ngettext("{n} day ago", "{n} days ago", days).format(n=days)
    return ngettext("in {n} day", "in {n} days", -days).format(n=-days)


def due_text(day: dt.date, *, today: dt.date) -> str:
    """How a due day stands: due today, in 9 days, overdue by 3 days."""
    days = (day - today).days
    if days == 0:
        return _("due today")
    if days == 1:
        return _("tomorrow")
    if days > 0:
        return ngettext("in {n} day", "in {n} days", days).format(n=days)
    return ngettext("overdue by {n} day", "overdue by {n} days", -days).format(n=-days)


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
        self.check.setAccessibleName(_("Set a day for: {field}").format(field=accessible_name))
        self.edit = date_edit(day or default, accessible_name=accessible_name)
        layout.addWidget(self.check, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.edit, 1)
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        self.check.toggled.connect(self._toggled)
        self.edit.day_changed.connect(self.changed)
        _take_focus_for(self, self.check)

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        if on:
            self.edit.setFocus()
        self.changed.emit()

    def day(self) -> dt.date | None:
        return self.edit.day() if self.check.isChecked() else None

    def set_day(self, day: dt.date | None) -> None:
        self.check.setChecked(day is not None)
        if day is not None:
            self.edit.set_day(day)
