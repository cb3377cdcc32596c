"""The one clock of a journal's services: where "now" and "today" come from.

Services, insights and the desk never read the system time themselves; they ask the
clock they were given. The desk and the command line use `SystemClock`; tests,
screenshots and the sample packet use `FixedClock`, so "12 days ago" or "overdue by
one day" reads the same on any day the suite runs.

Local time is what a lead reads and types (a note "at 10:00", a check-in "today");
UTC is what audit stamps use (`utcnow`).
"""

from __future__ import annotations

import datetime as dt


class Clock:
    """The current moment, at second precision."""

    def now(self) -> dt.datetime:
        """Local wall-clock time, without tzinfo."""
        return dt.datetime.now().replace(microsecond=0)

    def utcnow(self) -> dt.datetime:
        """UTC time without tzinfo, as stored in audit stamps."""
        return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)

    def today(self) -> dt.date:
        """The lead's calendar day."""
        return self.now().date()


class SystemClock(Clock):
    """The machine's clock."""


class FixedClock(Clock):
    """A clock that stands still at a given local moment until moved."""

    def __init__(self, moment: dt.datetime | dt.date, *, utc_offset: dt.timedelta = dt.timedelta(0)) -> None:
        self._moment = _as_moment(moment)
        self._utc_offset = utc_offset

    def now(self) -> dt.datetime:
        return self._moment

    def utcnow(self) -> dt.datetime:
        return self._moment - self._utc_offset

    def set(self, moment: dt.datetime | dt.date) -> None:
        self._moment = _as_moment(moment)

    def advance(self, delta: dt.timedelta) -> None:
        self._moment = self._moment + delta


def _as_moment(moment: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment.replace(microsecond=0, tzinfo=None)
    return dt.datetime.combine(moment, dt.time(12, 0))


SYSTEM_CLOCK = SystemClock()
