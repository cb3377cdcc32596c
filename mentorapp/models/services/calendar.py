"""The rhythm of check-ins in the lead's own calendar: an iCalendar file out, the real dates back in.

Export writes one recurring event per active person, every `cadence_days` days (an
RRULE), named for the person and nothing more: no note, concern or goal ever leaves
the journal this way. Import reads the lead's own calendar export (.ics from Outlook,
Google Calendar, Thunderbird or Apple Calendar), offline, and sets each person's next
meeting date from the first event on or after today whose title holds their name.
Both go through the `icalendar` library, never string formatting.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from mentorapp.i18n import _, ngettext
from mentorapp.models.entities.entry import Entry
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.errors import MentorAppError
from mentorapp.models.insights import check_in
from mentorapp.models.services.base import Service, mebibytes
from mentorapp.models.services.changes import Topic
from mentorapp.models.storage.atomic import describe_os_error, write_atomically
from mentorapp.models.trust.outputs import check_output
from mentorapp.models.validation import EARLIEST_YEAR, LATEST_YEAR, name_key
from mentorapp.models.vocabulary import Direction, isolate

MAX_CALENDAR_BYTES = 64 * 1024**2
PRODUCT_ID = "-//MentorApp//Check-in calendar//EN"


def event_title(name: str) -> str:
    """What a check-in event is called in the calendar: the person, and nothing of the notes."""
    # Translators: the title of a check-in event in the lead's calendar app; "1:1" stays short.
    return _("1:1 with {name}").format(name=" ".join(name.split()))


def recurrence(cadence_days: int) -> dict[str, Any]:
    """The RRULE of a cadence: weekly when it is whole weeks (calendars show that better), else daily."""
    if cadence_days % 7 == 0:
        return {"freq": "weekly", "interval": cadence_days // 7}
    return {"freq": "daily", "interval": cadence_days}


@dataclass(frozen=True, slots=True)
class CalendarImport:
    """What an imported calendar set: each matched person's next meeting, and who was not found in it."""

    matched: tuple[tuple[str, dt.date], ...]  # (name, next meeting day), by name
    unmatched: tuple[str, ...]
    events: int

    @property
    def summary(self) -> str:
        if not self.matched:
            return ngettext(
                "No event in the calendar ({n} event) names anyone in the team; nothing was changed.",
                "No event in the calendar ({n} events) names anyone in the team; nothing was changed.",
                self.events).format(n=self.events)
        people = ngettext("{n} person", "{n} people", len(self.matched)).format(n=len(self.matched))
        events = ngettext("{n} event", "{n} events", self.events).format(n=self.events)
        if self.unmatched:
            # Translators: {people} is "2 people", {events} "5 events", {names} a list of names.
            return _("Set the next meeting of {people} from {events}; no upcoming event names {names}.").format(
                people=people, events=events, names=_(", ").join(isolate(name) for name in self.unmatched))
        # Translators: {people} is "2 people", {events} "5 events".
        return _("Set the next meeting of {people} from {events}.").format(people=people, events=events)


class CalendarService(Service):
    """The check-in calendar file, both ways."""

    def export(self, path: Path | str) -> int:
        """Write the calendar of check-ins to `path`; returns how many people it holds.

        Refuses (UnsafeTargetError) the journal, its sidecars, a backup or a device.
        """
        target = check_output(path, self.store.path)
        today = self.clock.today()
        import icalendar  # here, not at the top: only an export or import needs it, and it costs every command ~40 ms

        calendar = icalendar.Calendar()
        calendar.add("prodid", PRODUCT_ID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        # Translators: the name of the calendar as the lead's calendar app shows it.
        calendar.add("x-wr-calname", _("MentorApp check-ins"))
        stamp = self.clock.utcnow().replace(tzinfo=dt.UTC)
        with self.store.read() as session:
            mentees = session.scalars(select(Mentee).where(
                Mentee.deleted_at.is_(None), Mentee.archived.is_(False)).order_by(Mentee.id)).all()
            touches = dict(session.execute(
                select(Entry.mentee_id, func.max(Entry.at)).where(
                    Entry.deleted_at.is_(None), Entry.direction != Direction.PRIVATE.value)
                .group_by(Entry.mentee_id)).all())
            for mentee in mentees:
                start = mentee.next_meeting_on
                if start is None or start < today:
                    due = check_in(last_touch=touches.get(mentee.id), cadence_days=mentee.cadence_days,
                                   today=today, started_on=mentee.started_on).due_on
                    start = max(due, today)
                event = icalendar.Event()
                event.add("uid", f"mentorapp-check-in-{mentee.id}-{mentee.created_at:%Y%m%dT%H%M%S}")
                event.add("dtstamp", stamp)
                event.add("summary", event_title(mentee.name))
                event.add("dtstart", start)
                event.add("dtend", start + dt.timedelta(days=1))
                event.add("rrule", recurrence(mentee.cadence_days))
                event.add("transp", "TRANSPARENT")
                calendar.add_component(event)
            count = len(mentees)
        data = calendar.to_ical()
        write_atomically(target, lambda stream: stream.write(data), mode="wb")
        logging.getLogger(__name__).info("Exported the check-in calendar (%d events)", count)
        return count

    def import_file(self, path: Path | str) -> CalendarImport:
        """Set each person's next meeting from the lead's own calendar file, matched by name."""
        source = Path(path).expanduser()
        events = _events(_read(source), source=source)
        today = self.clock.today()
        with self.store.write() as session:
            mentees = session.scalars(select(Mentee).where(
                Mentee.deleted_at.is_(None), Mentee.archived.is_(False))).all()
            keys = {m.id: name_key(m.name) for m in mentees}
            found: dict[int, dt.date] = {}
            for title, occurs in events:
                title_key = name_key(title)
                # The longest name a title holds is the one it means ("Ana Lima", not "Ana").
                named = [m for m in mentees if keys[m.id] and _holds(title_key, keys[m.id])]
                if not named:
                    continue
                best = max(named, key=lambda m: len(keys[m.id]))
                day = occurs(today)
                if day is not None and (best.id not in found or day < found[best.id]):
                    found[best.id] = day
            for mentee in mentees:
                if mentee.id in found:
                    mentee.next_meeting_on = found[mentee.id]
            matched = tuple(sorted(((m.name, found[m.id]) for m in mentees if m.id in found),
                                   key=lambda pair: pair[0].casefold()))
            unmatched = tuple(sorted((m.name for m in mentees if m.id not in found), key=str.casefold))
        if matched:
            self.announce(Topic.MENTEES, Topic.AGENDA)
        logging.getLogger(__name__).info("Imported a calendar: %d of %d matched", len(matched), len(mentees))
        return CalendarImport(matched=matched, unmatched=unmatched, events=len(events))


def _holds(title: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title) is not None


def _read(path: Path) -> bytes:
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise MentorAppError(_("There is no file {path}.").format(path=path)) from None
    except IsADirectoryError:
        raise MentorAppError(_("{path} is a folder, not a calendar file.").format(path=path)) from None
    except OSError as exc:
        raise MentorAppError(_("Cannot read {path}: {problem}.").format(
            path=path, problem=describe_os_error(exc))) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise MentorAppError(_("{path} is not a regular file, so it is not a calendar file.").format(path=path))
        if status.st_size > MAX_CALENDAR_BYTES:
            raise MentorAppError(_("{path} is larger than {size}, the most MentorApp reads as a calendar.").format(
                path=path, size=mebibytes(64)))
        data = os.read(descriptor, MAX_CALENDAR_BYTES + 1)
        if len(data) > MAX_CALENDAR_BYTES:
            raise MentorAppError(_("{path} is larger than {size}, the most MentorApp reads as a calendar.").format(
                path=path, size=mebibytes(64)))
        return data
    except OSError as exc:
        raise MentorAppError(_("Cannot read {path}: {problem}.").format(
            path=path, problem=describe_os_error(exc))) from None
    finally:
        os.close(descriptor)


class _Occurrences:
    """When one event happens: its first day on or after a given day (its recurrence followed)."""

    def __init__(self, start: dt.date, rule: str | None) -> None:
        self.start, self.rule = start, rule

    def __call__(self, today: dt.date) -> dt.date | None:
        if self.rule is None:
            return self.start if self.start >= today else None
        from dateutil.rrule import rrulestr  # type: ignore[import-untyped]  # dateutil ships no stubs; one call

        first = dt.datetime.combine(self.start, dt.time())
        try:
            after = rrulestr(self.rule, dtstart=first, ignoretz=True).after(
                dt.datetime.combine(today, dt.time()), inc=True)
        except (ValueError, TypeError, OverflowError):
            return self.start if self.start >= today else None
        return after.date() if after is not None else None


def _events(data: bytes, *, source: Path) -> list[tuple[str, _Occurrences]]:
    """Each event's title and when it occurs; a file that is not iCalendar is refused in one sentence."""
    if not data.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCALENDAR"):
        raise MentorAppError(_("{source} is not an iCalendar (.ics) file.").format(source=source))
    import icalendar

    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
        events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    except Exception:  # noqa: BLE001  # the library's many parse errors all mean one thing to a person
        raise MentorAppError(_("{source} could not be read as an iCalendar file.").format(source=source)) from None
    found = []
    for event in events:
        try:
            title = str(event.get("summary", ""))
            start = event.decoded("dtstart")
        except Exception:  # noqa: BLE001  # an event without a usable start is skipped, not fatal
            continue
        if isinstance(start, dt.datetime):
            start = (start.astimezone() if start.tzinfo is not None else start).date()
        if not isinstance(start, dt.date) or not EARLIEST_YEAR <= start.year <= LATEST_YEAR:
            continue
        rule = event.get("rrule")
        found.append((title, _Occurrences(start, rule.to_ical().decode("ascii", "replace") if rule else None)))
    return found
