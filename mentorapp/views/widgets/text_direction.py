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

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPlainTextEdit

from mentorapp.models.vocabulary import FSI, PDI, isolate

__all__ = ["FSI", "LRM", "PDI", "RLM", "follow_text_direction", "has_right_to_left", "in_reading_order",
           "is_right_to_left", "isolate", "paragraph_direction", "sentence"]

LRM, RLM = "\u200e", "\u200f"  # marks that set a paragraph's direction without being seen

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


def sentence(text: str) -> str:
    """One of the desk's own (left-to-right) sentences, with user text already isolated in it.

    The leading mark matters where Qt guesses a label's direction without looking past
    isolates (selectable labels, rich text): a sentence that starts with an Arabic name
    is still an English sentence.
    """
    return in_reading_order(text, Qt.LayoutDirection.LeftToRight)


def follow_text_direction(edit: QPlainTextEdit) -> None:
    """Align a text box to the right while what is typed in it starts in a right-to-left script.

    QLineEdit does this on its own; a plain-text box keeps every line at the left
    (its layout does not mirror the alignment for right-to-left text), so a note typed
    in Hebrew or Arabic would sit at the wrong edge while it is written. Each paragraph
    still takes its own reading order from its first letter.
    """
    def update() -> None:
        document = edit.document()
        block = document.firstBlock()
        right_to_left = False
        while block.isValid():  # the first paragraph with a strong letter decides, as in a line edit
            text = block.text()
            if any(unicodedata.bidirectional(c) in ("L", "R", "AL") for c in text):
                right_to_left = is_right_to_left(text)
                break
            block = block.next()
        wanted = (Qt.AlignmentFlag.AlignRight if right_to_left else Qt.AlignmentFlag.AlignLeft) \
            | Qt.AlignmentFlag.AlignAbsolute
        option = document.defaultTextOption()
        if option.alignment() != wanted or option.textDirection() != Qt.LayoutDirection.LayoutDirectionAuto:
            option.setAlignment(wanted)
            option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
            document.setDefaultTextOption(option)

    # After the edit has been laid out: changing the layout's options from inside the
    # edit that is being laid out aborts Qt.
    edit.textChanged.connect(lambda: QTimer.singleShot(0, edit, update))
    update()
