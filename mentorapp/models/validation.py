"""Checks on what users type, at the edge of the core: each failure is one clear sentence."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TypeVar, overload

from mentorapp.models.errors import MentorAppError
from mentorapp.models.vocabulary import Labelled, isolate

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
MAX_CADENCE_DAYS = 366

_SURROGATES = re.compile("[\ud800-\udfff]")
_WHITESPACE = re.compile(r"\s+")

E = TypeVar("E", bound=Labelled)


def shortened(text: str, *, limit: int = 40) -> str:
    """Text cut to `limit` characters (with an ellipsis), to be named inside a one-line message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: object, *, limit: int = 40) -> str:
    """What the person typed, quoted inside a message, in at most `limit` characters between the quotes.

    Cut short so that a pasted page stays one sentence; measured after escaping, because
    each control character or astral symbol shows as several characters (\\x1f, \\U0002ebe1).
    Isolated (FSI…PDI) when it holds right-to-left letters, so that it cannot turn the
    sentence around it.
    """
    text = str(text)
    for end in range(min(len(text), limit), -1, -1):
        shown = repr(text[:end] + ("…" if end < len(text) else ""))
        if len(shown) <= limit + 2:
            return isolate(shown)
    return "'…'"


def storable(text: str) -> str:
    """Text as it can be kept: lone surrogates (undecodable bytes) become U+FFFD."""
    return _SURROGATES.sub("\ufffd", text)


def required_text(value: str | None, *, what: str) -> str:
    """A non-blank text, kept exactly as typed apart from the ends' whitespace."""
    if value is None or not value.strip():
        raise MentorAppError(f"The {what} cannot be empty.")
    return storable(value.strip())


def optional_text(value: str | None) -> str:
    return storable(value.strip()) if value else ""


def one_line(value: str | None, *, what: str) -> str:
    """A name-like text: required, on one line, inner whitespace collapsed, accents composed (NFC)."""
    return unicodedata.normalize("NFC", _WHITESPACE.sub(" ", required_text(value, what=what)))


def name_key(name: str) -> str:
    """How two names compare: case folded, and é the same whether typed as one character or e + ◌́."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


@overload
def check_date(value: dt.date, *, what: str) -> dt.date: ...
@overload
def check_date(value: dt.date | None, *, what: str) -> dt.date | None: ...
def check_date(value: dt.date | None, *, what: str) -> dt.date | None:
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise MentorAppError(f"The {what} must fall between {EARLIEST_YEAR} and {LATEST_YEAR}.")
    return value


# How far ahead of this machine's clock a moment may be and still count as "now": another
# machine's clock (an import, a synced note) may run a little fast.
CLOCK_SKEW = dt.timedelta(minutes=5)


def not_in_future(at: dt.datetime, *, now: dt.datetime, what: str = "A note") -> dt.datetime:
    """`at`, unless it lies after now: a note dated ahead hides an overdue check-in."""
    if at > now + CLOCK_SKEW:
        raise MentorAppError(f"{what} cannot be dated in the future ({at:%Y-%m-%d %H:%M}); "
                             f"it is now {now:%Y-%m-%d %H:%M}.")
    return at


@overload
def not_after_today(day: dt.date, *, today: dt.date, what: str) -> dt.date: ...
@overload
def not_after_today(day: dt.date | None, *, today: dt.date, what: str) -> dt.date | None: ...
def not_after_today(day: dt.date | None, *, today: dt.date, what: str) -> dt.date | None:
    """`day`, unless it is after today (a thank-you given next year, a start date to come)."""
    if day is not None and day > today:
        raise MentorAppError(f"The {what} cannot be after today ({day:%Y-%m-%d}); today is {today:%Y-%m-%d}.")
    return day


@overload
def past_day(day: dt.date, *, today: dt.date, what: str) -> dt.date: ...
@overload
def past_day(day: dt.date | None, *, today: dt.date, what: str) -> dt.date | None: ...
def past_day(day: dt.date | None, *, today: dt.date, what: str) -> dt.date | None:
    """A day that has been: within the supported years, and not after today."""
    return not_after_today(check_date(day, what=what), today=today, what=what)


@overload
def not_before(day: dt.date, earliest: dt.date, *, what: str, before: str) -> dt.date: ...
@overload
def not_before(day: dt.date | None, earliest: dt.date, *, what: str, before: str) -> dt.date | None: ...
def not_before(day: dt.date | None, earliest: dt.date, *, what: str, before: str) -> dt.date | None:
    """`day`, unless it comes before `earliest` (a chance given before its case was opened)."""
    if day is not None and day < earliest:
        raise MentorAppError(f"The {what} ({day:%Y-%m-%d}) cannot be before {before} ({earliest:%Y-%m-%d}).")
    return day


def cadence(days: int) -> int:
    if not 1 <= days <= MAX_CADENCE_DAYS:
        raise MentorAppError(f"The check-in cadence must be between 1 and {MAX_CADENCE_DAYS} days.")
    return days


def choice(enum: type[E], value: E | str, *, what: str) -> E:
    """One value of a vocabulary, given as the member, its value or its label."""
    if isinstance(value, enum):
        return value
    try:
        return enum.parse(str(value))
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise MentorAppError(f"Unknown {what} {quoted(value)}; use one of: {allowed}.") from None


def parse_date(text: str, *, what: str = "date", today: dt.date) -> dt.date:
    """Read a day as a lead would type it: YYYY-MM-DD, today or yesterday (relative to `today`)."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        value = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise MentorAppError(f"{quoted(text)} is not a {what}; write it as YYYY-MM-DD.") from None
    return check_date(value, what=what)


def parse_when(text: str, *, now: dt.datetime) -> dt.datetime:
    """Read a moment: YYYY-MM-DD[ HH:MM], now, today or yesterday (the time of day kept, relative to `now`)."""
    word = text.strip().lower()
    if word in ("now", "today"):
        return now
    if word == "yesterday":
        return now - dt.timedelta(days=1)
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise MentorAppError(
            f"{quoted(text)} is not a date or time; write it as YYYY-MM-DD or 'YYYY-MM-DD HH:MM'."
        ) from None
    if value.tzinfo is not None:
        check_date(value.date(), what="date")
        try:
            value = value.astimezone().replace(tzinfo=None)
        except (OverflowError, ValueError):  # year 1 or 9999 moved across the date line
            raise MentorAppError(
                f"The date must fall between {EARLIEST_YEAR} and {LATEST_YEAR}."
            ) from None
    check_date(value.date(), what="date")
    return value.replace(microsecond=0)
