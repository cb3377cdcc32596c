"""Writing for a terminal: columns that line up in any script, one-line snippets, no control characters."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Sequence
from typing import TextIO

from mentorapp.models.vocabulary import isolate

# -- output helpers ---------------------------------------------------------------------------
_ZERO_WIDTH = frozenset(("Mn", "Me", "Cf"))  # marks, variation selectors, joiners, direction marks


_ZWJ = "\u200d"


def display_width(text: str) -> int:
    """Terminal columns `text` takes: wide characters two, marks none, an emoji joined by ZWJ none more."""
    width, joined = 0, False
    for character in text:
        if unicodedata.category(character) in _ZERO_WIDTH:
            joined = character == _ZWJ
            continue
        if not joined:
            width += 2 if unicodedata.east_asian_width(character) in "WF" else 1
        joined = False
    return width


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


# Every run of white space but the no-break spaces (French puts U+202F before ':' and ';'; "14 Tage" may hold U+00A0).
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def one_line(text: str) -> str:
    return _BREAKING_SPACE.sub(" ", text).strip(" ")


# Embeddings and overrides reorder whatever a terminal prints after them; so does an isolate
# left open. A closed isolate (FSI…PDI on one line) keeps its text's direction to itself.
_DIRECTION_CONTROLS = frozenset(range(0x202A, 0x202F))
_ISOLATE_OPENERS = frozenset(range(0x2066, 0x2069))
_PDI = 0x2069


def terminal_safe(text: str) -> str:
    """Journal text as a terminal can show it harmlessly, one character for one.

    Control characters (the start of escape sequences that move the cursor or
    retitle the window) become their visible symbols (ESC shows as U+241B);
    direction overrides, isolates left open or closed without an opening, C1
    controls and lone surrogates become U+FFFD. Isolates that open and close on one
    line stay: they are how `named` keeps a right-to-left name from turning a sentence.
    """
    shown: list[str] = []
    open_at: list[int] = []  # where the isolates still open on this line begin in `shown`

    def end_line() -> None:
        for index in open_at:
            shown[index] = "\ufffd"
        open_at.clear()

    for character in text:
        code = ord(character)
        if character == "\n":
            end_line()
            shown.append(character)
        elif code < 0x20 and character != "\t":
            shown.append(chr(0x2400 + code))
        elif code == 0x7F:
            shown.append("\u2421")
        elif code in _ISOLATE_OPENERS:
            open_at.append(len(shown))
            shown.append(character)
        elif code == _PDI:
            shown.append(character if open_at else "\ufffd")
            if open_at:
                open_at.pop()
        elif 0x80 <= code < 0xA0 or code in _DIRECTION_CONTROLS or 0xD800 <= code <= 0xDFFF:
            shown.append("\ufffd")
        else:
            shown.append(character)
    end_line()
    return "".join(shown)


def named(text: object) -> str:
    """A user's string (a name, a topic, a file) for inside one of our sentences on a terminal.

    On one line, its own direction controls made harmless, then isolated (FSI…PDI, as the
    desk does) when it holds right-to-left letters: "محمد عبد الرحمن is on hold" keeps
    its words in order instead of the terminal moving ours to the far end.
    """
    return isolate(terminal_safe(one_line(str(text))))


def print_table(rows: Sequence[Sequence[str]], *, out: TextIO = sys.stdout) -> None:
    rows = [[terminal_safe(one_line(cell)) for cell in row] for row in rows]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [pad(cell, widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        print("  ".join(cells).rstrip(), file=out)


def size_text(size: int) -> str:
    from babel.numbers import format_decimal

    from mentorapp.i18n import ngettext, speech

    if size < 1024:
        return ngettext("{n} byte", "{n} bytes", size).format(n=size)
    amount = size / 1024
    for unit in ("KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{format_decimal(amount, '#,##0.0', locale=speech().locale)} {unit}"
        amount /= 1024
    return str(amount)
