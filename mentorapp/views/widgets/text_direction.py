"""Names and notes in any script, shown the way their writer reads them.

A Hebrew or Arabic name inside one of the desk's English lines must neither drag
the whole line to the right nor reorder the line's separators and dates around
itself; a note written in Hebrew must read right to left, with its numbers and
Latin words where the writer put them. These helpers follow the Unicode
bidirectional algorithm's own tools: the first strong character decides a
paragraph's direction, and isolates keep a user's text one unit inside a sentence.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt

LRM, RLM = "\u200e", "\u200f"  # marks that set a paragraph's direction without being seen
FSI, PDI = "\u2068", "\u2069"  # first-strong isolate: the text inside takes its own direction

_RIGHT_TO_LEFT = frozenset(("R", "AL"))
_ISOLATE_OPENERS = frozenset(("LRI", "RLI", "FSI"))


def is_right_to_left(text: str) -> bool:
    """True when the text's first strong character (outside isolates) is written right to left."""
    depth = 0
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in _ISOLATE_OPENERS:
            depth += 1
        elif kind == "PDI":
            depth = max(0, depth - 1)
        elif depth == 0 and kind == "L":
            return False
        elif depth == 0 and kind in _RIGHT_TO_LEFT:
            return True
    return False


def has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(character) in _RIGHT_TO_LEFT for character in text)


def isolate(text: str) -> str:
    """A user's text as one unit inside the desk's own sentence (unchanged when it is all left to right)."""
    return f"{FSI}{text}{PDI}" if has_right_to_left(text) else text


def in_reading_order(sentence: str, direction: Qt.LayoutDirection) -> str:
    """The desk's own sentence laid out in the interface's direction, whatever script it starts with.

    The mark is explicit whenever the sentence holds right-to-left text: a selectable
    QLabel guesses its direction without looking past isolates, a plain one does not.
    """
    right_to_left = direction == Qt.LayoutDirection.RightToLeft
    if not right_to_left and not has_right_to_left(sentence):
        return sentence
    return (RLM if right_to_left else LRM) + sentence


def paragraph_direction(text: str) -> Qt.LayoutDirection:
    """The direction a note's writer wrote it in, as Qt lays out a paragraph."""
    return Qt.LayoutDirection.RightToLeft if is_right_to_left(text) else Qt.LayoutDirection.LeftToRight
