"""Writing for a terminal: columns that line up in any script, one-line snippets, no control characters."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from typing import TextIO

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


def one_line(text: str) -> str:
    return " ".join(text.split())


# Embeddings, overrides and isolates reorder whatever a terminal prints after them.
_DIRECTION_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


def terminal_safe(text: str) -> str:
    """Journal text as a terminal can show it harmlessly, one character for one.

    Control characters (the start of escape sequences that move the cursor or
    retitle the window) become their visible symbols (ESC shows as U+241B);
    direction overrides, C1 controls and lone surrogates become U+FFFD.
    """
    shown = []
    for character in text:
        code = ord(character)
        if code < 0x20 and character not in "\t\n":
            shown.append(chr(0x2400 + code))
        elif code == 0x7F:
            shown.append("\u2421")
        elif 0x80 <= code < 0xA0 or code in _DIRECTION_CONTROLS or 0xD800 <= code <= 0xDFFF:
            shown.append("\ufffd")
        else:
            shown.append(character)
    return "".join(shown)


def print_table(rows: Sequence[Sequence[str]], *, out: TextIO = sys.stdout) -> None:
    rows = [[terminal_safe(one_line(cell)) for cell in row] for row in rows]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [pad(cell, widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        print("  ".join(cells).rstrip(), file=out)


def size_text(size: int) -> str:
    amount: float = size
    for unit in ("bytes", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{amount:.1f} {unit}"
        amount /= 1024
    return str(amount)
