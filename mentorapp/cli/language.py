"""The command line in the lead's language: `--language` read before anything is printed, and argparse's own words.

`--language TAG` (de, fr, es, en, de_DE, …) is accepted before or after any subcommand; it is read
from the arguments before the parser is built, so the parser's help is already in that language.
argparse looks its messages up through its module's `_` and `ngettext`; `speak` points them at
mentorapp.i18n, and the msgids below put argparse's sentences into the command line's catalogue.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from mentorapp import i18n
from mentorapp.i18n import N_, _, ngettext

OPTION = "--language"
# `preferences --language system`: back to the system's language (said to the parser as "system").
SYSTEM = "system"

# argparse's own sentences (Python 3.11's msgids, word for word), so the catalogue holds them.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)


def _argparse_plurals(count: int) -> tuple[str, ...]:  # never called: marks argparse's plural msgids
    return (ngettext("expected %s argument", "expected %s arguments", count),)


def _argparse_gettext(message: str) -> str:
    # argparse also asks for None (a subparsers group without a description) and never means the header.
    return _(message) if message else message


class UnknownLanguageError(ValueError):
    """`--language` names a language MentorApp does not speak."""


def requested(argv: Sequence[str]) -> str | None:
    """The value of the last `--language` (or an abbreviation argparse would take) before a `--`, if any."""
    found: str | None = None
    items = list(argv)
    for index, item in enumerate(items):
        if item == "--":
            break
        option, equals, value = item.partition("=")
        if len(option) < 4 or not OPTION.startswith(option):
            continue
        if equals:
            found = value
        elif index + 1 < len(items):
            found = items[index + 1]
    return found


def speak(argv: Sequence[str]) -> i18n.Speech:
    """Choose the language of this command (`--language`, MENTORAPP_LANG, Preferences, the system) and speak it.

    Raises UnknownLanguageError (its sentence already in the language otherwise chosen) for a tag
    MentorApp does not speak.
    """
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]  # argparse's module-level lookups
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
    tag = requested(argv)
    if tag is not None and tag.strip().casefold() == SYSTEM:
        tag = None
    try:
        return i18n.set_language(i18n.choose(tag))
    except ValueError:
        i18n.set_language(i18n.choose(None))
        raise UnknownLanguageError(unknown_language(tag or "")) from None


def unknown_language(tag: str) -> str:
    from mentorapp.models.validation import quoted

    return _("MentorApp does not speak {tag}; choose one of {languages}.").format(
        tag=quoted(tag[:40]), languages=", ".join(sorted(i18n.LANGUAGES)))


def language_tag(text: str) -> str:
    """argparse's check of `--language`: a tag MentorApp speaks, or 'system'."""
    if text.strip().casefold() == SYSTEM or i18n.parse_tag(text) is not None:
        return text
    raise argparse.ArgumentTypeError(unknown_language(text))
