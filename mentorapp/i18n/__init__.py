"""MentorApp in the lead's language: one gettext catalogue system for the core, the command line,
the packets and the desk (no Qt here; the desk adds Qt's own translations for its standard dialogs).

Strings are marked where they are written: ``_("Save")``, ``ngettext("{n} note", "{n} notes", n)``,
``pgettext("menu", "Edit")``; a string that must stay a constant at import time is marked with
``N_("…")`` and translated where it is shown. Placeholders are named (``{name}``) and filled with
``str.format`` after translation, so a translation may put them in any order; a name inserted into
a sentence is isolated (``vocabulary.isolate``) by the caller.

Which language: the system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG on Linux; the user's UI language
on Windows and macOS), overridden by the one chosen in Preferences (`saved_language`), by
``MENTORAPP_LANG`` and by ``--language`` on a command. A packet written in another language than
the desk's runs inside ``speaking(language)``, which changes the language of this thread only.

Sources are `.po` files beside this module (``<language>/<area>.po``, one per part of the code, so
each part is translated on its own); `tools/catalogues.py` extracts, updates and compiles them, and
the install step (the build hook in hatch_build.py, `make`) writes ``<language>/LC_MESSAGES/mentorapp.mo``.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import gettext
import logging
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from babel import Locale

log = logging.getLogger(__name__)

DOMAIN = "mentorapp"
HERE = Path(__file__).resolve().parent
SOURCE = "en"
# The languages MentorApp speaks, each in its own words (for the Preferences choice and --language).
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español"}
# The territory whose dates a language gets when nothing names one (British English: "29 Nov 2026").
DEFAULT_TERRITORY = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES"}
# A development aid, never offered to leads: every marked string comes back bracketed, so a screen
# walk can tell a string that was never marked from one that was.
PSEUDO = "qps"


class Speech(NamedTuple):
    """A language and the locale its dates and numbers follow (``de`` and ``de_AT``)."""

    language: str
    locale: str


def parse_tag(tag: str | None) -> Speech | None:
    """``de_AT.UTF-8@euro``, ``fr-CA``, ``es``: the language MentorApp speaks for it, or None."""
    if not tag:
        return None
    base = tag.strip().split(".")[0].split("@")[0].replace("-", "_")
    language, _sep, territory = base.partition("_")
    language = language.lower()
    if language == PSEUDO:
        return Speech(PSEUDO, "en_GB")
    if language not in LANGUAGES:
        return None
    territory = territory.upper() if territory.isalpha() and len(territory) == 2 else DEFAULT_TERRITORY[language]
    return Speech(language, f"{language}_{territory}")


def system_tags(environ: Mapping[str, str] | None = None) -> list[str]:
    """The user's languages as the platform lists them, most wanted first."""
    env = os.environ if environ is None else environ
    tags: list[str] = []
    # POSIX order: LANGUAGE (a list) is read only when a locale is set at all, then LC_ALL, LC_MESSAGES, LANG.
    posix = next((env[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(name)), "")
    if env.get("LANGUAGE") and posix not in ("C", "POSIX"):
        tags.extend(part for part in env["LANGUAGE"].split(":") if part)
    if posix:
        tags.append(posix)
    if tags or environ is not None:
        return tags
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes
        import locale

        lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()
        name = locale.windows_locale.get(lcid)
        return [name] if name else []
    if sys.platform == "darwin":  # pragma: no cover - macOS only
        import subprocess

        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(["/usr/bin/defaults", "read", "-g", "AppleLanguages"],
                                 capture_output=True, text=True, timeout=2, check=False).stdout
            return [part.strip(' "\n,') for part in out.strip("()\n").split("\n") if part.strip(' "\n,')]
    return []


def system_speech(environ: Mapping[str, str] | None = None) -> Speech:
    for tag in system_tags(environ):
        speech = parse_tag(tag)
        if speech is not None and speech.language != PSEUDO:
            return speech
    return Speech(SOURCE, "en_GB")


# -- the language chosen in Preferences: a one-line file in the user's config folder, so the command line
# and the desk know it before any journal is open (a refusal to open one is already in that language).
def preference_file() -> Path:
    from platformdirs import user_config_path

    return user_config_path("MentorApp", appauthor=False) / "language"


def saved_language() -> str | None:
    """The language chosen in Preferences, or None to follow the system."""
    try:
        text = preference_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    speech = parse_tag(text)
    return speech.language if speech is not None and speech.language != PSEUDO else None


def save_language(language: str | None) -> None:
    """Remember `language` (one of LANGUAGES) for the desk and the command line; None follows the system."""
    path = preference_file()
    if language is None:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    if language not in LANGUAGES:
        raise ValueError(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(language + "\n", encoding="utf-8")
    os.replace(temporary, path)


def choose(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> Speech:
    """The language to speak: --language, else MENTORAPP_LANG, else Preferences, else the system.

    An explicit choice MentorApp does not speak raises ValueError (the command line says so);
    MENTORAPP_LANG or a saved choice it does not speak is passed over.
    """
    env = os.environ if environ is None else environ
    system = system_speech(env)
    if explicit:
        speech = parse_tag(explicit)
        if speech is None:
            raise ValueError(explicit)
        return _with_system_territory(speech, explicit, system)
    wanted = env.get("MENTORAPP_LANG")
    speech = parse_tag(wanted)
    if speech is not None:
        return _with_system_territory(speech, wanted or "", system)
    saved = saved_language()
    if saved is not None:
        return _with_system_territory(Speech(saved, f"{saved}_{DEFAULT_TERRITORY[saved]}"), saved, system)
    return system


def _with_system_territory(speech: Speech, tag: str, system: Speech) -> Speech:
    """A bare ``de`` takes the system's territory when the system speaks it too (``de`` on de_AT → de_AT)."""
    named_territory = "_" in tag.replace("-", "_").split(".")[0]
    if not named_territory and system.language == speech.language:
        return system
    return speech


# -- the catalogues -----------------------------------------------------------------------------------------
def catalogue_path(language: str) -> Path:
    return HERE / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


_loaded: dict[str, gettext.NullTranslations] = {}


def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of `language` (English and a missing catalogue give the source strings)."""
    found = _loaded.get(language)
    if found is not None:
        return found
    result: gettext.NullTranslations
    if language == PSEUDO:
        result = _Pseudo()
    elif language == SOURCE:
        result = gettext.NullTranslations()
    else:
        try:
            with catalogue_path(language).open("rb") as handle:
                result = gettext.GNUTranslations(handle)
        except OSError:
            # An install without compiled catalogues still works, in English; the log says why.
            log.warning("no compiled catalogue for %s; run `make` or reinstall", language)
            result = gettext.NullTranslations()
    _loaded[language] = result
    return result


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"⟦{msgid1 if n == 1 else msgid2}⟧"

    def pgettext(self, context: str, message: str) -> str:
        return f"⟦{message}⟧"


_process = Speech(SOURCE, "en_GB")
_thread: contextvars.ContextVar[Speech | None] = contextvars.ContextVar("mentorapp_speech", default=None)


def set_language(speech: Speech) -> Speech:
    """Speak `speech` from now on in this process (the command line and the desk call it once, early)."""
    global _process
    _process = speech
    return speech


def speech() -> Speech:
    return _thread.get() or _process


def language() -> str:
    return speech().language


@contextlib.contextmanager
def speaking(language_or_tag: str) -> Iterator[Speech]:
    """Within the block, this thread speaks another language (a packet in English from a German desk)."""
    found = parse_tag(language_or_tag)
    if found is None:
        raise ValueError(language_or_tag)
    current = speech()
    if found.language == current.language and "_" not in language_or_tag.replace("-", "_"):
        found = current
    token = _thread.set(found)
    try:
        yield found
    finally:
        _thread.reset(token)


def _(message: str) -> str:
    """`message` in the language spoken now."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form (as many as the language has) for `n`; `n` is filled by the caller."""
    return translations(language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` translated within `context`, for one English word that other languages tell apart."""
    return translations(language()).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extraction tools look for
    """Marks `message` for translation where it is written; it is translated where it is shown."""
    return message


# -- dates, times and numbers as the locale writes them -------------------------------------------------------
def _locale() -> Locale:
    from babel import Locale

    return Locale.parse(speech().locale)


def day_text(day: dt.date) -> str:
    """A day in the locale's medium form: 29 Nov 2026, 29.11.2026, 29 nov. 2026, 29 nov 2026."""
    from babel.dates import format_date

    return format_date(day, "medium", locale=_locale())


def long_day_text(day: dt.date) -> str:
    """A day in the locale's long form: 29 November 2026, 29. November 2026, 29 de noviembre de 2026."""
    from babel.dates import format_date

    return format_date(day, "long", locale=_locale())


def short_day_text(day: dt.date) -> str:
    """A day and month without the year: 29 Nov, 29. Nov., 29 nov."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", day, locale=_locale())


def month_text(day: dt.date) -> str:
    """A month and year: Nov 2026, Nov. 2026, nov. 2026."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMM", day, locale=_locale())


def time_text(at: dt.time | dt.datetime) -> str:
    """A time of day as the locale writes it: 15:30, or 3:30 PM in the US."""
    from babel.dates import format_time

    return format_time(at, "short", locale=_locale())


def moment_text(at: dt.datetime) -> str:
    """A day and a time joined as the locale joins them: 29 Nov 2026, 15:30 · 29.11.2026, 15:30."""
    pattern = str(_locale().datetime_formats["medium"])
    return pattern.replace("{1}", day_text(at.date())).replace("{0}", time_text(at))


def number_text(value: float | int) -> str:
    """A number with the locale's separators: 1,234.5, 1.234,5, 1 234,5."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale())


def first_weekday() -> int:
    """The day a week starts on where the lead is: 0 for Monday … 6 for Sunday."""
    return int(_locale().first_week_day)


MONDAY_TO_FRIDAY = frozenset(range(5))  # weekdays as `date.weekday()` numbers them: 0 is Monday


def workdays() -> frozenset[int]:
    """The days people work where the lead is: the week without the locale's weekend.

    Saturday and Sunday off in Germany, Friday and Saturday in Israel or Algeria (Babel's CLDR data,
    by territory); Monday to Friday when the locale says nothing usable.
    """
    from babel.core import UnknownLocaleError

    try:
        locale = _locale()
        start, end = int(locale.weekend_start), int(locale.weekend_end)
    except (UnknownLocaleError, ValueError, LookupError, TypeError):
        return MONDAY_TO_FRIDAY
    weekend = {(start + step) % 7 for step in range((end - start) % 7 + 1)}
    return frozenset(range(7)) - weekend or MONDAY_TO_FRIDAY


def weekday_names(*, short: bool = False) -> list[tuple[int, str]]:
    """The seven days in the lead's language, from the locale's first day of the week on.

    Each as (its `date.weekday()` number, its name standing alone: Monday, Montag; with `short`:
    Mon, Mo, lun.).
    """
    locale = _locale()
    names = locale.days["stand-alone"]["abbreviated" if short else "wide"]
    first = int(locale.first_week_day)
    return [((first + step) % 7, str(names[(first + step) % 7])) for step in range(7)]


def folded(word: str) -> str:
    """A word as typed, for matching: case, accents and a closing full stop set aside (Mié. → mie)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word.strip().rstrip(".").casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def weekday_words() -> dict[str, int]:
    """Each way of writing a weekday a lead may type: in English and in the lead's language, whole or short.

    Keys are `folded`; values are `date.weekday()` numbers (0 is Monday).
    """
    from babel import Locale

    words: dict[str, int] = {}
    for locale in (Locale.parse("en_GB"), _locale()):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for day, name in locale.days[context][width].items():
                    words.setdefault(folded(str(name)), int(day))
    return words
