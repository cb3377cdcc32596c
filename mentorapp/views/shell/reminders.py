"""The morning reminder: at the lead's time on the lead's days, a desktop notification of what is due.

The next moment comes from the journal's clock (`services.clock`), never the system time, and
a single-shot timer waits for it. A timer does not run while the machine sleeps, so a check
every minute also compares the clock with the moment due: a lead who opens the laptop at 10:00
after a 9:00 reminder still gets it, once. A reminder missed on an earlier day is not shown
late (the Today view has it), and nothing comes on a day not chosen (until the lead chooses, the
workdays of their locale: Sunday to Thursday where the weekend is Friday and Saturday).

The text counts (notifications appear on locked screens); names only when the lead chose so
in Preferences; never note text. Nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from mentorapp.i18n import N_, _
from mentorapp.models.errors import MentorAppError, describe_exception
from mentorapp.models.services import Services
from mentorapp.models.services.due import next_reminder

log = logging.getLogger(__name__)

TITLE = N_("MentorApp: due today")  # shown as _(TITLE)
CHECK_EVERY_MS = 60_000
MAX_WAIT_MS = 6 * 60 * 60 * 1000  # wake at least this often to look at the clock again


class Reminders(QObject):
    """Schedules the next reminder from the clock and shows it through `notify(title, text)`."""

    notified = Signal(str, str)  # title, text: each reminder shown

    def __init__(self, services: Services, *, notify: Callable[[str, str], None],
                 is_locked: Callable[[], bool] = lambda: False, check_every_ms: int = CHECK_EVERY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._notify = notify
        self._is_locked = is_locked
        self.next_at: dt.datetime | None = None  # the moment of the next reminder, None when they are off
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self._poll = QTimer(self)
        self._poll.setInterval(check_every_ms)
        self._poll.timeout.connect(self.check)
        self.reschedule()

    def reschedule(self) -> None:
        """Take the preferences as they now are and wait for the next reminder moment."""
        try:
            preferences = self.services.journal.preferences()
        except MentorAppError:
            return  # the journal is locked: the moment kept stays
        if not preferences.reminders:
            self.next_at = None
            self._timer.stop()
            self._poll.stop()
            return
        self.next_at = next_reminder(self.services.clock.now(), at=preferences.reminder_time,
                                     days=preferences.reminder_days)
        self._arm()

    def _arm(self) -> None:
        assert self.next_at is not None
        wait = (self.next_at - self.services.clock.now()).total_seconds() * 1000
        self._timer.start(int(min(max(wait, 0), MAX_WAIT_MS)))
        if not self._poll.isActive():
            self._poll.start()

    def check(self) -> None:
        """Show the reminder if its moment has come today (also after a sleep); then wait for the next one."""
        if self.next_at is None:
            return
        now = self.services.clock.now()
        if now < self.next_at:
            self._arm()
            return
        due_day = self.next_at.date()
        if due_day == now.date():  # a reminder from an earlier day is stale: Today shows what it said
            self._show()
        self.reschedule()

    def _show(self) -> None:
        if self._is_locked():
            log.info("Reminder not shown: the desk is locked")
            return
        try:
            preferences = self.services.journal.preferences()
            report = self.services.due.report()
        except MentorAppError as exc:
            log.warning("Reminder not shown: %s", describe_exception(exc))
            return
        if report.empty:
            return  # nothing due: no notification to wave away
        text = "\n".join(report.lines(names=preferences.reminder_names))
        title = _(TITLE)
        self._notify(title, text)
        self.notified.emit(title, text)
        log.info("Reminder shown")
