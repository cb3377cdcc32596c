"""Facts about the journal as a whole: the lead's name, whether it is empty, the trash."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from mentorapp import i18n
from mentorapp.i18n import _, folded
from mentorapp.models.entities.ask import Ask
from mentorapp.models.entities.entry import Entry, Thread
from mentorapp.models.entities.goal import Goal
from mentorapp.models.entities.mentee import JournalInfo, Mentee
from mentorapp.models.entities.recognition import Recognition
from mentorapp.models.services.base import Service
from mentorapp.models.services.changes import Topic
from mentorapp.models.storage.store import connect_raw
from mentorapp.models.validation import optional_text
from mentorapp.models.entities.watchlist import Chance, WatchCase
from mentorapp.models.errors import MentorAppError
from mentorapp.models.insights import DEFAULT_RECOGNITION_GAP_DAYS
from mentorapp.models.readmodels import Preferences

LEAD_NAME = "lead_name"
RECOGNITION_GAP = "preferences.recognition_gap_days"
AUTO_LOCK = "preferences.auto_lock_minutes"
REMINDERS = "preferences.reminders"
REMINDER_TIME = "preferences.reminder_time"
REMINDER_NAMES = "preferences.reminder_names"
REMINDER_DAYS = "preferences.reminder_days"  # "0,1,2,3,4": weekday numbers, 0 is Monday; absent: the locale's
KEEP_RUNNING = "preferences.keep_running"
DEFAULT_REMINDER_TIME = dt.time(9, 0)
DRAFT_PREFIX = "draft."
MAX_RECOGNITION_GAP_DAYS = 730
MAX_AUTO_LOCK_MINUTES = 24 * 60
DEFAULT_AUTO_LOCK_MINUTES = 0  # never: the lead chooses to lock an unattended desk
_UNSET: object = object()


@dataclass(frozen=True, slots=True)
class JournalCounts:
    mentees: int
    entries: int
    threads: int
    goals: int
    recognitions: int
    asks: int
    watch_cases: int
    chances: int

    @property
    def total(self) -> int:
        return sum(
            (self.mentees, self.entries, self.threads, self.goals, self.recognitions,
             self.asks, self.watch_cases, self.chances)
        )


class JournalService(Service):
    """The journal's own details and a census of what it holds."""

    def lead_name(self) -> str:
        return self.preferences().lead_name

    def set_lead_name(self, name: str) -> None:
        self.set_preferences(lead_name=name)

    # -- preferences -----------------------------------------------------------------------
    def preferences(self) -> Preferences:
        """The lead's choices for this journal (defaults for what was never chosen)."""
        with self.store.read() as session:
            rows = {row.key: row.value for row in session.scalars(
                select(JournalInfo).where(JournalInfo.key.in_(
                (LEAD_NAME, RECOGNITION_GAP, AUTO_LOCK, REMINDERS, REMINDER_TIME, REMINDER_NAMES, REMINDER_DAYS,
                 KEEP_RUNNING))))}
        return Preferences(
            lead_name=rows.get(LEAD_NAME) or "",
            recognition_gap_days=_stored_number(rows.get(RECOGNITION_GAP), DEFAULT_RECOGNITION_GAP_DAYS,
                                                low=1, high=MAX_RECOGNITION_GAP_DAYS),
            auto_lock_minutes=_stored_number(rows.get(AUTO_LOCK), DEFAULT_AUTO_LOCK_MINUTES,
                                             low=0, high=MAX_AUTO_LOCK_MINUTES),
            reminders=rows.get(REMINDERS, "1") != "0",
            reminder_time=_stored_time(rows.get(REMINDER_TIME)),
            reminder_names=rows.get(REMINDER_NAMES) == "1",
            reminder_days=_stored_days(rows.get(REMINDER_DAYS)),
            keep_running=rows.get(KEEP_RUNNING) == "1",
        )

    def set_preferences(self, *, lead_name: str | object = _UNSET, recognition_gap_days: int | object = _UNSET,
                        auto_lock_minutes: int | object = _UNSET, reminders: bool | object = _UNSET,
                        reminder_time: dt.time | object = _UNSET, reminder_names: bool | object = _UNSET,
                        reminder_days: frozenset[int] | None | object = _UNSET,
                        keep_running: bool | object = _UNSET) -> Preferences:
        """Change the given preferences; the rest stay. Returns them as they now are.

        `reminder_days`: the weekdays the reminder comes (0 is Monday), at least one; None goes back
        to the workdays of the lead's locale.

        Nothing is written (and nothing announced) when every given value is already the one held.
        """
        wanted: dict[str, str] = {}
        if lead_name is not _UNSET:
            wanted[LEAD_NAME] = optional_text(str(lead_name))
        if recognition_gap_days is not _UNSET:
            wanted[RECOGNITION_GAP] = str(_checked_number(
                recognition_gap_days, low=1, high=MAX_RECOGNITION_GAP_DAYS,
                sentence=_("The recognition gap must be a whole number of days from 1 to {most}.").format(
                    most=MAX_RECOGNITION_GAP_DAYS)))
        if auto_lock_minutes is not _UNSET:
            wanted[AUTO_LOCK] = str(_checked_number(
                auto_lock_minutes, low=0, high=MAX_AUTO_LOCK_MINUTES,
                sentence=_("Auto-lock must be a whole number of minutes from 0 (never) to {most}.").format(
                    most=MAX_AUTO_LOCK_MINUTES)))
        for key, flag in ((REMINDERS, reminders), (REMINDER_NAMES, reminder_names), (KEEP_RUNNING, keep_running)):
            if flag is not _UNSET:
                wanted[key] = "1" if flag else "0"
        if reminder_time is not _UNSET:
            if not isinstance(reminder_time, dt.time):
                raise MentorAppError(_("The reminder time must be a time of day, such as 09:00."))
            wanted[REMINDER_TIME] = reminder_time.strftime("%H:%M")
        forget = set()
        if reminder_days is None:
            forget.add(REMINDER_DAYS)
        elif reminder_days is not _UNSET:
            wanted[REMINDER_DAYS] = _checked_days(reminder_days)
        changed = False
        with self.store.write() as session:
            for key in forget:
                row = session.get(JournalInfo, key)
                if row is not None:
                    session.delete(row)
                    changed = True
            for key, value in wanted.items():
                row = session.get(JournalInfo, key)
                if row is None:
                    session.add(JournalInfo(key=key, value=value))
                    changed = True
                elif row.value != value:
                    row.value = value
                    changed = True
        if changed:
            self.announce(Topic.JOURNAL)
        return self.preferences()

    # -- drafts ----------------------------------------------------------------------------
    # What the lead is typing is kept inside the encrypted journal, never in plain
    # settings files, so a crash loses nothing and a stolen disk shows nothing.
    # Nobody else displays a draft, so saving one announces no change.
    def save_draft(self, name: str, text: str) -> None:
        """Keep (or replace) the unsaved text called `name`."""
        with self.store.write() as session:
            session.merge(JournalInfo(key=DRAFT_PREFIX + name, value=text))

    def draft(self, name: str) -> str | None:
        """The unsaved text called `name`, or None when there is none."""
        with self.store.read() as session:
            row = session.get(JournalInfo, DRAFT_PREFIX + name)
            return row.value if row else None

    def clear_draft(self, name: str) -> None:
        with self.store.write() as session:
            row = session.get(JournalInfo, DRAFT_PREFIX + name)
            if row is not None:
                session.delete(row)

    def draft_names(self) -> list[str]:
        """The names of every unsaved text kept, in name order (for saying so at start-up)."""
        with self.store.read() as session:
            keys = session.scalars(select(JournalInfo.key).where(JournalInfo.key.startswith(DRAFT_PREFIX))
                                   .order_by(JournalInfo.key))
            return [key.removeprefix(DRAFT_PREFIX) for key in keys]

    def counts(self) -> JournalCounts:
        """How many rows of each kind the journal holds, the trash included."""
        models = (Mentee, Entry, Thread, Goal, Recognition, Ask, WatchCase, Chance)
        with self.store.read() as session:
            numbers = [session.scalar(select(func.count()).select_from(m)) or 0 for m in models]
        return JournalCounts(*numbers)

    def is_empty(self) -> bool:
        """True when the journal holds no mentee at all (not even in the trash)."""
        with self.store.read() as session:
            return session.scalar(select(func.count()).select_from(Mentee)) == 0

    # -- the file --------------------------------------------------------------------------
    def watch_connection(self) -> Any:  # a keyed sqlcipher3 connection
        """A connection of its own, outside the pool, for watching other programs' commits.

        SQLite's `PRAGMA data_version` on it changes whenever another connection committed.
        The caller closes it (and opens a new one when `self.store.generation` changes).
        """
        return connect_raw(self.store.path, self.store.key)


def _checked_number(value: object, *, low: int, high: int, sentence: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise MentorAppError(sentence)
    return value


def parse_time_of_day(text: str) -> dt.time:
    """A time of day as a lead types it (9:00, 09:30, 17:45); one sentence when it is not one."""
    hours, _sep, minutes = text.strip().partition(":")
    try:
        return dt.time(int(hours), int(minutes or "0"))
    except ValueError:
        raise MentorAppError(_("“{text}” is not a time of day; write it as HH:MM, such as 09:00.").format(
            text=text.strip())) from None


WORKDAYS_WORD = "workdays"  # on the command line: back to the workdays of the lead's locale


def parse_weekdays(text: str) -> frozenset[int] | None:
    """Days as a lead types them: "mon,wed,fri", "sun-thu", "Samstag, Sonntag"; None for "workdays".

    Names in English or the lead's language, whole or short; a range runs forward and may wrap
    (fri-mon is Friday to Monday). One sentence for a word that is not a day.
    """
    if folded(text) == WORKDAYS_WORD:
        return None
    words = i18n.weekday_words()
    days: set[int] = set()
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        ends = []
        for word in part.split("-"):
            day = words.get(folded(word))
            if day is None:
                raise MentorAppError(_("“{word}” is not a day of the week; write days such as mon,tue,fri or "
                                       "sun-thu.").format(word=word.strip()))
            ends.append(day)
        if len(ends) > 2:
            raise MentorAppError(_("“{word}” is not a day of the week; write days such as mon,tue,fri or "
                                   "sun-thu.").format(word=part.strip()))
        first, last = ends[0], ends[-1]
        days.update((first + step) % 7 for step in range((last - first) % 7 + 1))
    return frozenset(days)


def _stored_time(text: str | None) -> dt.time:
    """The reminder time kept in the journal; the default if it is missing or unreadable."""
    try:
        return parse_time_of_day(text) if text else DEFAULT_REMINDER_TIME
    except MentorAppError:
        return DEFAULT_REMINDER_TIME


def _checked_days(days: object) -> str:
    """The weekdays chosen for the reminder, as kept in the journal; one sentence when there are none."""
    if not isinstance(days, (set, frozenset, list, tuple)) or not all(
            isinstance(day, int) and not isinstance(day, bool) and 0 <= day <= 6 for day in days):
        raise MentorAppError(_("The reminder days must be days of the week, such as Monday or Saturday."))
    if not days:
        raise MentorAppError(_("Choose at least one day for the reminder; to have none, turn reminders off."))
    return ",".join(str(day) for day in sorted(set(days)))


def _stored_days(text: str | None) -> frozenset[int]:
    """The reminder days kept in the journal; the locale's workdays if none were chosen or they are unreadable."""
    try:
        days = frozenset(int(part) for part in text.split(",")) if text else frozenset()
    except ValueError:
        days = frozenset()
    return days if days and days <= frozenset(range(7)) else i18n.workdays()


def _stored_number(text: str | None, default: int, *, low: int, high: int) -> int:
    """A number kept as text in the journal; the default if it is missing or out of range."""
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return value if low <= value <= high else default
