"""Checks on what users type, at the edge of the core: each failure is one clear sentence, in the lead's language.

Callers name what they check in English (``what="start date"``); `field` gives those words in the language
spoken now, with the article the sentence needs, so that each refusal is translated as a whole sentence.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TypeVar, overload

from mentorapp.i18n import _, pgettext
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
        # Translators: {what} is a field named in your language with its article ("the note": "die Notiz").
        raise MentorAppError(_sentence(_("The {what} cannot be empty.").format(what=field(what))))
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
        raise MentorAppError(_sentence(_("The {what} must fall between {earliest} and {latest}.").format(
            what=field(what), earliest=EARLIEST_YEAR, latest=LATEST_YEAR)))
    return value


# How far ahead of this machine's clock a moment may be and still count as "now": another
# machine's clock (an import, a synced note) may run a little fast.
CLOCK_SKEW = dt.timedelta(minutes=5)


def not_in_future(at: dt.datetime, *, now: dt.datetime) -> dt.datetime:
    """`at`, unless it lies after now: a note dated ahead hides an overdue check-in."""
    if at > now + CLOCK_SKEW:
        raise MentorAppError(_("A note cannot be dated in the future ({at}); it is now {now}.").format(
            at=f"{at:%Y-%m-%d %H:%M}", now=f"{now:%Y-%m-%d %H:%M}"))
    return at


@overload
def not_after_today(day: dt.date, *, today: dt.date, what: str) -> dt.date: ...
@overload
def not_after_today(day: dt.date | None, *, today: dt.date, what: str) -> dt.date | None: ...
def not_after_today(day: dt.date | None, *, today: dt.date, what: str) -> dt.date | None:
    """`day`, unless it is after today (a thank-you given next year, a start date to come)."""
    if day is not None and day > today:
        raise MentorAppError(_sentence(_("The {what} cannot be after today ({day}); today is {today}.").format(
            what=field(what), day=day.isoformat(), today=today.isoformat())))
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
        # Translators: {before} is a day named in your language ("the day the case opened"), see context "before".
        raise MentorAppError(_sentence(_("The {what} ({day}) cannot be before {before} ({earliest}).").format(
            what=field(what), day=day.isoformat(), before=_before(before), earliest=earliest.isoformat())))
    return day


def cadence(days: int) -> int:
    if not 1 <= days <= MAX_CADENCE_DAYS:
        raise MentorAppError(_("The check-in cadence must be between 1 and {most} days.").format(most=MAX_CADENCE_DAYS))
    return days


def choice(enum: type[E], value: E | str, *, what: str) -> E:
    """One value of a vocabulary, given as the member, its value or its label."""
    if isinstance(value, enum):
        return value
    try:
        return enum.parse(str(value))
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        # Translators: {what} is a field with its article ("the kind": "die Art"); {allowed} lists the values
        # a lead may type (the English words stay valid in every language).
        raise MentorAppError(_sentence(_("Unknown {what} {value}; use one of: {allowed}.").format(
            what=field(what), value=quoted(value), allowed=allowed))) from None


def parse_date(text: str, *, what: str = "date", today: dt.date) -> dt.date:
    """Read a day as a lead would type it: YYYY-MM-DD, today or yesterday (relative to `today`, in English
    or in the language spoken now)."""
    word = text.strip().casefold()
    if word in _words("today"):
        return today
    if word in _words("yesterday"):
        return today - dt.timedelta(days=1)
    try:
        value = dt.date.fromisoformat(text.strip())
    except ValueError:
        # Translators: {what} is a date field with its article ("the start date": "das Anfangsdatum").
        raise MentorAppError(_sentence(_("{value} is not a {what}; write it as YYYY-MM-DD.").format(
            value=quoted(text), what=field(what)))) from None
    return check_date(value, what=what)


def parse_when(text: str, *, now: dt.datetime) -> dt.datetime:
    """Read a moment: YYYY-MM-DD[ HH:MM], now, today or yesterday (the time of day kept, relative to `now`)."""
    word = text.strip().casefold()
    if word in _words("now") | _words("today"):
        return now
    if word in _words("yesterday"):
        return now - dt.timedelta(days=1)
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise MentorAppError(
            _("{value} is not a date or time; write it as YYYY-MM-DD or 'YYYY-MM-DD HH:MM'.").format(value=quoted(text))
        ) from None
    if value.tzinfo is not None:
        check_date(value.date(), what="date")
        try:
            value = value.astimezone().replace(tzinfo=None)
        except (OverflowError, ValueError):  # year 1 or 9999 moved across the date line
            raise MentorAppError(_sentence(_("The {what} must fall between {earliest} and {latest}.").format(
                what=field("date"), earliest=EARLIEST_YEAR, latest=LATEST_YEAR))) from None
    check_date(value.date(), what="date")
    return value.replace(microsecond=0)


# -- the words of a refusal ---------------------------------------------------------------------------------
def field(what: str) -> str:
    """What a caller checks (`what`, in English), named in the language spoken now.

    English gives the words as they are ("start date", the sentence has its article); the other
    languages give them with the article their sentence needs ("das Anfangsdatum"). Words this
    table does not know (a caller's own, already translated) are returned as they are.
    """
    return _fields().get(what, what)


def _fields() -> dict[str, str]:
    # Translators: each is a field named in a refusal; give it with its definite article in the
    # nominative ("the note" is "die Notiz", "la note", "la nota"): the sentences around it have none.
    return {
        "thread's topic": pgettext("field", "thread's topic"),
        "note": pgettext("field", "note"),
        "reply": pgettext("field", "reply"),
        "talking point": pgettext("field", "talking point"),
        "template name": pgettext("field", "template name"),
        "mentee's name": pgettext("field", "mentee's name"),
        "reason for the hold": pgettext("field", "reason for the hold"),
        "conversation starter": pgettext("field", "conversation starter"),
        "reason for the recognition": pgettext("field", "reason for the recognition"),
        "goal's outcome": pgettext("field", "goal's outcome"),
        "ask": pgettext("field", "ask"),
        "concern": pgettext("field", "concern"),
        "expectation": pgettext("field", "expectation"),
        "reason for the decision": pgettext("field", "reason for the decision"),
        "side": pgettext("field", "side"),
        "setting": pgettext("field", "setting"),
        "direction": pgettext("field", "direction"),
        "kind": pgettext("field", "kind"),
        "who raised it": pgettext("field", "who raised it"),
        "recognition kind": pgettext("field", "recognition kind"),
        "goal status": pgettext("field", "goal status"),
        "ask status": pgettext("field", "ask status"),
        "result": pgettext("field", "result"),
        "outcome": pgettext("field", "outcome"),
        "date": pgettext("field", "date"),
        "next meeting date": pgettext("field", "next meeting date"),
        "check-in date": pgettext("field", "check-in date"),
        "review date": pgettext("field", "review date"),
        "start of the period": pgettext("field", "start of the period"),
        "end of the period": pgettext("field", "end of the period"),
        "start date": pgettext("field", "start date"),
        "end date": pgettext("field", "end date"),
        "date the chance was given": pgettext("field", "date the chance was given"),
        "closing date": pgettext("field", "closing date"),
        "date it was acted on": pgettext("field", "date it was acted on"),
        "date it was asked": pgettext("field", "date it was asked"),
        "date it was settled": pgettext("field", "date it was settled"),
        "date the case opened": pgettext("field", "date the case opened"),
        "date the goal was set": pgettext("field", "date the goal was set"),
        "discussion date": pgettext("field", "discussion date"),
        "recognition date": pgettext("field", "recognition date"),
        "resolution date": pgettext("field", "resolution date"),
    }


def _before(day: str) -> str:
    """A day another must not come before ("the day the case opened"), in the language spoken now."""
    days = {
        # Translators: ends "The closing date (…) cannot be before the day the case opened (…)"; word it
        # as your translation of that sentence needs it (German: "der Eröffnung des Falls").
        "the day the case opened": pgettext("before", "the day the case opened"),
        # Translators: ends "The date it was settled (…) cannot be before the day it was asked (…)".
        "the day it was asked": pgettext("before", "the day it was asked"),
    }
    return days.get(day, day)


def _words(word: str) -> set[str]:
    """`word` ("today", "yesterday", "now") as a lead may type it: in English or in the language spoken now."""
    typed = {
        # Translators: a word a lead may type for a date, lower case, in place of YYYY-MM-DD.
        "today": pgettext("typed date", "today"),
        "yesterday": pgettext("typed date", "yesterday"),
        "now": pgettext("typed date", "now"),
    }
    return {word, typed[word].casefold()}


def _sentence(text: str) -> str:
    """A sentence that begins with its first letter in upper case (a field's article may start it)."""
    return text[:1].upper() + text[1:]
