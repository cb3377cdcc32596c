"""A paragraph for text with Arabic or Hebrew in it: shaped, broken into lines, ordered right to left.

ReportLab shapes words with HarfBuzz (uharfbuzz), which joins Arabic letters and
turns each right-to-left word into glyphs in visual order. Its paragraphs do not
reorder the words of a line without the separate `rlbidi` package, which is not
published on PyPI, so this flowable does that part: it resolves a level for each
word following the Unicode Bidirectional Algorithm at word granularity (strong
direction of the word, numbers, neutrals between two runs), breaks the paragraph
into lines in logical order, then draws each line's words in visual order (rule L2).
A paragraph whose first strong letter is right-to-left is right-aligned.

Isolates (FSI, LRI, RLI … PDI, rules X5a–X6a) are honoured: a name the packet puts
inside its own sentence is isolated, so "⁨محمد عبد الرحمن⁩ was not on the watchlist"
stays an English sentence with an Arabic name in it, rather than turning the whole
line around. The isolate marks themselves are never drawn.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import shapeStr
from reportlab.platypus import Flowable

from mentorapp.packets.fonts import font_runs

_LEFT, _RIGHT, _NUMBER, _NEUTRAL = "L", "R", "EN", "N"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
ISOLATE_MARKS = frozenset((LRI, RLI, FSI, PDI))


def word_class(word: str) -> str:
    """The word's direction: its first strong letter, else number or neutral."""
    number = False
    for char in word:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return _LEFT
        if kind in ("R", "AL"):
            return _RIGHT
        if kind in ("EN", "AN"):
            number = True
    return _NUMBER if number else _NEUTRAL


def base_level(text: str, default: int = 0) -> int:
    """1 when the first strong letter of `text` is right-to-left, 0 when left-to-right (rules P2, P3).

    Letters inside an isolate do not count: they are someone's name, not the sentence.
    """
    depth = 0
    for char in text:
        if char in (LRI, RLI, FSI):
            depth += 1
        elif char == PDI:
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind == "L":
                return 0
            if kind in ("R", "AL"):
                return 1
    return default


@dataclass(slots=True)
class _Isolate:
    """An isolate in a paragraph: its opening mark and what it holds (words and nested isolates)."""

    mark: str
    items: list[tuple[str, bool] | _Isolate]  # (word, glued to the one before it)

    def direction(self) -> int:
        if self.mark == LRI:
            return 0
        if self.mark == RLI:
            return 1
        for item in self.items:
            if isinstance(item, tuple):
                found = base_level(item[0], -1)
                if found >= 0:
                    return found
        return 0


def _parse(paragraph: str) -> _Isolate:
    """The paragraph's words, grouped by isolate; a word is glued when no space comes before it."""
    top = _Isolate("", [])
    stack = [top]
    word: list[str] = []
    spaced = True

    def flush() -> None:
        nonlocal spaced
        if word:
            stack[-1].items.append(("".join(word), not spaced))
            word.clear()
            spaced = False

    for char in paragraph:
        if char.isspace():
            flush()
            spaced = True
        elif char in (LRI, RLI, FSI):
            flush()
            opened = _Isolate(char, [])
            stack[-1].items.append(opened)
            stack.append(opened)
        elif char == PDI:
            flush()
            if len(stack) > 1:  # a PDI with no isolate open is ignored (X6a)
                stack.pop()
        else:
            word.append(char)
    flush()
    return top


def isolated_words(paragraph: str, base: int) -> list[tuple[str, int, bool]]:
    """Each word of `paragraph` with its embedding level and whether it is glued to the word before.

    Outside an isolate a word's level follows `word_levels`; an isolate counts there as
    one neutral, and its own words are resolved at the next level of its direction (X5a–X5c).
    """
    found: list[tuple[str, int, bool]] = []

    def resolve(group: _Isolate, embedding: int) -> None:
        parity = embedding % 2
        classes = [word_class(item[0]) if isinstance(item, tuple) else _NEUTRAL for item in group.items]
        levels = [level + embedding - parity for level in word_levels(classes, parity)]
        for item, level in zip(group.items, levels):
            if isinstance(item, tuple):
                found.append((item[0], level, item[1]))
            else:
                direction = item.direction()
                inner = embedding + 1
                if inner % 2 != direction:
                    inner += 1
                resolve(item, inner)

    resolve(_parse(paragraph), base)
    return found


def word_levels(classes: list[str], base: int) -> list[int]:
    """Embedding level of each word of one paragraph (rules W2, W7, N1, N2, I1, I2)."""
    # Numbers take the direction of the strong word before them (W2, W7).
    strong: list[str] = []
    previous = _RIGHT if base else _LEFT
    for kind in classes:
        if kind in (_LEFT, _RIGHT):
            previous = kind
            strong.append(kind)
        elif kind == _NUMBER:
            strong.append(_NUMBER if previous == _RIGHT else _LEFT)
        else:
            strong.append(_NEUTRAL)
    # Neutrals between two runs of the same direction take it; others the base (N1, N2).
    as_direction = [_RIGHT if kind == _NUMBER else kind for kind in strong]
    sos = eos = _RIGHT if base else _LEFT
    resolved = list(as_direction)
    for i, kind in enumerate(as_direction):
        if kind != _NEUTRAL:
            continue
        before = next((k for k in reversed(as_direction[:i]) if k != _NEUTRAL), sos)
        after = next((k for k in as_direction[i + 1:] if k != _NEUTRAL), eos)
        resolved[i] = before if before == after else (_RIGHT if base else _LEFT)
    levels = []
    for kind, original in zip(resolved, strong):
        if base == 0:
            levels.append(2 if original == _NUMBER else 1 if kind == _RIGHT else 0)
        else:
            levels.append(1 if kind == _RIGHT and original != _NUMBER else 2)
    return levels


def visual_order(levels: list[int]) -> list[int]:
    """Indices of a line's words from left to right (rule L2)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((level for level in levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


@dataclass(frozen=True, slots=True)
class _Piece:
    font: str
    text: str  # a ReportLab ShapedStr for shaped runs
    width: float


@dataclass(frozen=True, slots=True)
class _Word:
    pieces: tuple[_Piece, ...]  # in visual order
    width: float
    level: int
    index: int = 0  # its place in the paragraph, in logical order
    glued: bool = False  # no space between it and the word before it (an isolate's edge: "⁨name⁩.")


def _spaced(left: _Word, right: _Word) -> bool:
    """Whether a space is drawn between two words standing side by side on a line.

    The later of the two in reading order decides: glued to what came before it (the
    period after an isolated name), it stands against it, even when reordering has put
    the isolate's other end there.
    """
    return not max(left, right, key=lambda word: word.index).glued


@dataclass(frozen=True, slots=True)
class _Line:
    words: tuple[_Word, ...]  # in visual order
    width: float
    base: int


class BidiParagraph(Flowable):
    """A paragraph of plain user text that holds right-to-left script; splits across pages."""

    def __init__(self, text: str, style: ParagraphStyle, *, lines: list[_Line] | None = None,
                 width: float | None = None) -> None:
        super().__init__()
        self.text = text
        self.style = style
        # A part made by split() keeps the lines it was given; a whole paragraph lays itself out.
        self._lines = lines
        self._laid_width = width
        self._fixed = lines is not None
        self.height = 0.0

    # -- layout -------------------------------------------------------------------------
    def _content_width(self, avail_width: float) -> float:
        return max(1.0, avail_width - self.style.leftIndent - self.style.rightIndent)

    def _layout(self, width: float) -> list[_Line]:
        if self._lines is not None and (self._fixed or abs((self._laid_width or 0) - width) < 1e-6):
            return self._lines
        style = self.style
        space = stringWidth(" ", style.fontName, style.fontSize)
        overall = base_level(self.text)
        lines: list[_Line] = []
        for paragraph in self.text.split("\n"):
            base = base_level(paragraph, overall)
            placed = isolated_words(paragraph, base)
            if not placed:
                lines.append(_Line((), 0.0, overall))
                continue
            words = []
            for index, (text, level, glued) in enumerate(placed):
                for part, word in enumerate(self._fit(self._word(text, level), text, level, width)):
                    words.append(_Word(word.pieces, word.width, word.level, index=index,
                                       glued=glued and part == 0))
            lines.extend(self._break(words, width, space, base))
        self._lines, self._laid_width = lines, width
        return lines

    def _word(self, text: str, level: int) -> _Word:
        style = self.style
        pieces = []
        for font, run in font_runs(text, style.fontName):
            if any(unicodedata.bidirectional(c) in ("R", "AL") for c in run):
                shaped = shapeStr(run, font, style.fontSize)
                data = getattr(shaped, "__shapeData__", None)
                width = (sum(d.x_advance for d in data) * style.fontSize / 1000 if data
                         else stringWidth(run, font, style.fontSize))
                pieces.append(_Piece(font, shaped, width))
            else:
                pieces.append(_Piece(font, run, stringWidth(run, font, style.fontSize)))
        if level % 2:
            pieces.reverse()
        return _Word(tuple(pieces), sum(p.width for p in pieces), level)

    def _fit(self, word: _Word, text: str, level: int, width: float) -> list[_Word]:
        """A word wider than the line, cut into pieces that fit (never between a letter and its marks)."""
        if word.width <= width or len(text) < 2:
            return [word]
        parts: list[_Word] = []
        chunk = ""
        for char in text:
            joined = chunk + char
            if chunk and not unicodedata.combining(char) and self._word(joined, level).width > width:
                parts.append(self._word(chunk, level))
                chunk = char
            else:
                chunk = joined
        if chunk:
            parts.append(self._word(chunk, level))
        return parts

    @staticmethod
    def _break(words: list[_Word], width: float, space: float, base: int) -> list[_Line]:
        lines: list[_Line] = []
        current: list[_Word] = []
        used = 0.0
        for word in words:
            extra = word.width + (space if current and not word.glued else 0.0)
            if current and used + extra > width and not word.glued:
                lines.append(BidiParagraph._line(current, used, base))
                current, used = [], 0.0
                extra = word.width
            current.append(word)
            used += extra
        if current:
            lines.append(BidiParagraph._line(current, used, base))
        return lines

    @staticmethod
    def _line(words: list[_Word], width: float, base: int) -> _Line:
        order = visual_order([w.level for w in words])
        return _Line(tuple(words[i] for i in order), width, base)

    # -- the Flowable protocol -----------------------------------------------------------
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # ReportLab API
        lines = self._layout(self._content_width(availWidth))
        self.width = availWidth
        self.height = len(lines) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        width = self._content_width(availWidth)
        lines = self._layout(width)
        fits = int((availHeight + 1e-6) // self.style.leading)
        if fits <= 0:
            return []
        if fits >= len(lines):
            return [self]
        first = BidiParagraph(self.text, self.style, lines=lines[:fits], width=width)
        rest = BidiParagraph(self.text, self.style, lines=lines[fits:], width=width)
        return [first, rest]

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

    def draw(self) -> None:
        style = self.style
        canvas = self.canv
        width = self._content_width(self.width)
        lines = self._layout(width)
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        y = self.height - style.fontSize
        for line in lines:
            if style.alignment == TA_CENTER:
                x = style.leftIndent + (width - line.width) / 2
            elif line.base:
                x = style.leftIndent + width - line.width
            else:
                x = style.leftIndent
            # One text object per line, with real spaces, so the text extracts as a line.
            text = canvas.beginText(x, y)
            for i, word in enumerate(line.words):
                if i and _spaced(line.words[i - 1], word):
                    text.setFont(style.fontName, style.fontSize)
                    text.textOut(" ")
                for piece in word.pieces:
                    text.setFont(piece.font, style.fontSize)
                    text.textOut(piece.text)
            canvas.drawText(text)
            y -= style.leading
        canvas.restoreState()
