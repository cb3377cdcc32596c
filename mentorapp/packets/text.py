"""User text on paper: cleaned, escaped and given fonts, so that text is always data, never markup.

Every string a lead typed reaches the packet through `user_text` (a whole note) or
`inline` (a piece of a line the packet writes itself): a note reading
`a < b & <b>x</b>` prints exactly that. Control characters are dropped (they have
no visible form and would break the PDF's text); line breaks are kept.
Text with Arabic or Hebrew goes to the bidirectional paragraph, which orders it
right to left and shapes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import unescape
from xml.sax.saxutils import escape

from functools import cache

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from mentorapp.models.vocabulary import isolate
from mentorapp.packets.bidi import BidiParagraph
from mentorapp.packets.fonts import BOLD, REPLACEMENT, font_has, font_runs, invisible, register_fonts

# C0 and C1 controls other than tab and line breaks, DEL, and the explicit bidi
# embeddings and overrides (the packet orders text itself; they would only confuse it).
# Isolates (U+2066–U+2069) stay: the bidirectional paragraph honours them, and every
# other path drops them before drawing (`_ISOLATES`).
_DROPPED = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e]")
_ISOLATES = re.compile("[\u2066-\u2069]")
# A skin tone after an emoji: monochrome glyphs cannot show it, and drawn on its own it
# would print as a stray swatch beside the hand or face it belongs to.
_SKIN_TONE_AFTER = re.compile(r"(?<=[^\s])[\U0001f3fb-\U0001f3ff]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0c\x85\u2028\u2029]")
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Text as it can be printed: one kind of line break, no control characters."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _DROPPED.sub("", text).replace("\t", "    ")
    text = _SKIN_TONE_AFTER.sub("", text)
    return _NONCHARACTERS.sub(REPLACEMENT, text)


def one_line(text: str) -> str:
    """Clean text folded onto one line (for names and headings)."""
    return " ".join(clean(text).split())


def is_rtl_char(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


# Every character of bidi class R or AL lies in these blocks (Hebrew to Arabic Extended,
# the presentation forms, the right-to-left scripts beyond U+FFFF): text with none of
# them, nearly every note, needs no look at each character.
_MAYBE_RTL = re.compile("[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")


def has_rtl(text: str) -> bool:
    return _MAYBE_RTL.search(text) is not None and any(is_rtl_char(c) for c in text)


def markup(text: str, face: str) -> str:
    """Paragraph markup for plain `text`: escaped, fonts for what `face` lacks, line breaks kept."""
    text = _ISOLATES.sub("", clean(text))
    if _covered(text, face):
        return escape(text).replace("\n", "<br/>")  # the face has every character: one run, as font_runs gives
    parts = []
    for font, run in font_runs(text, face):
        body = escape(run).replace("\n", "<br/>")
        parts.append(body if font == face else f'<font name="{font}">{body}</font>')
    return "".join(parts)


def inline(text: str, face: str) -> str:
    """Markup for a piece of user text inside the packet's own markup (kept on one line)."""
    return markup(one_line(text), face)


def user_text(text: str, style: ParagraphStyle) -> Flowable:
    """One flowing paragraph of user text in `style`, right to left where the text is."""
    text = clean(text).strip("\n")
    if has_rtl(text):
        return BidiParagraph(text, style)
    plain = _ISOLATES.sub("", text)
    if "\n" not in plain and _covered(plain, style.fontName):
        # One line of text the face fully covers: one fragment, as ReportLab's parser would
        # make it from the escaped text, without parsing it.
        return Paragraph(plain, style, frags=[_template(style).clone(text=plain)])
    return Paragraph(markup(text, style.fontName), style)


def _covered(text: str, face: str) -> bool:
    """Whether `face` draws every character of `text` itself (no fallback font, nothing invisible)."""
    register_fonts()
    drawn = _DRAWN.setdefault(face, set(" \n"))
    new = set(text) - drawn
    if any(not font_has(face, char) or invisible(char) for char in new):
        return False
    drawn |= new
    return True


# The characters each face was found to draw itself, so that a note is checked against
# a set rather than character by character (only ever grows; a font's glyphs do not change).
_DRAWN: dict[str, set[str]] = {}


@dataclass(frozen=True, slots=True)
class Said:
    """A piece of user text inside a line the packet writes (escaped, never read as markup)."""

    text: str
    bold: bool = False


def line(parts: Sequence[str | Said], style: ParagraphStyle) -> Flowable:
    """One paragraph made of the packet's own markup (str) and user text (Said).

    When user text holds right-to-left script the paragraph is set as plain text by the
    bidirectional paragraph (the packet's own emphasis is then dropped, its words kept).
    """
    if any(isinstance(part, Said) and has_rtl(part.text) for part in parts):
        # Each piece of user text is isolated, so a right-to-left name cannot turn the
        # packet's own sentence around (nor a left-to-right one an Arabic sentence).
        plain = "".join(isolate(one_line(p.text)) if isinstance(p, Said) else _strip_tags(p) for p in parts)
        return BidiParagraph(plain, style)
    rendered = []
    for part in parts:
        if isinstance(part, Said):
            rendered.append(f"<b>{inline(part.text, BOLD)}</b>" if part.bold else inline(part.text, style.fontName))
        else:
            rendered.append(part)
    return Paragraph("".join(rendered), style)


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a line set in one weight and colour: the packet's words or user text alike, never markup."""

    text: str
    bold: bool = False
    color: Color | None = None


def runs_line(runs: Sequence[Run], style: ParagraphStyle) -> Flowable:
    """One paragraph of plain runs in `style`, built without ReportLab reading markup.

    The line over every entry (who, when, what kind) is one of these: parsing it as
    markup cost more than laying it out. Text is never markup here, so nothing needs
    escaping; right-to-left text goes to the bidirectional paragraph, each run isolated.
    """
    if any(has_rtl(run.text) for run in runs):
        return BidiParagraph("".join(isolate(one_line(run.text)) for run in runs), style)
    pieces: list[tuple[str, str, Color, bool]] = []
    for run in runs:
        face = BOLD if run.bold else style.fontName
        plain = _ISOLATES.sub("", clean(run.text))
        for font, text in [(face, plain)] if _covered(plain, face) else font_runs(plain, face):
            # White space collapses as in a Paragraph: one space, none doubled across two runs.
            text = _SPACES.sub(" ", text)
            if pieces and pieces[-1][1].endswith(" "):
                text = text.lstrip(" ")
            if not text:
                continue
            color = run.color if run.color is not None else style.textColor
            if pieces and pieces[-1][0] == font and pieces[-1][2] == color:
                # The same face and colour as the run before: one piece, so one text operator to draw.
                pieces[-1] = (font, pieces[-1][1] + text, color, run.bold)
            else:
                pieces.append((font, text, color, run.bold))
    return _RunsLine(pieces, style)


_SPACES = re.compile(r"\s+")


class _RunsLine(Flowable):
    """Plain runs on one line, drawn directly; a line too long for the width becomes a Paragraph.

    Nearly every entry's line fits on one line, and drawing it as measured runs costs
    a fraction of ReportLab's paragraph of several fragments; a long name still wraps.
    """

    def __init__(self, pieces: list[tuple[str, str, Color, bool]], style: ParagraphStyle) -> None:
        super().__init__()
        self.pieces, self.style = pieces, style
        self._width = sum(stringWidth(text, font, style.fontSize) for font, text, _, _ in pieces)
        self._paragraph: Paragraph | None = None

    def _wrapped(self) -> Paragraph:
        if self._paragraph is None:
            template = _template(self.style)
            frags = [template.clone(text=text, fontName=font, bold=int(bold), textColor=color)
                     for font, text, color, bold in self.pieces]
            self._paragraph = Paragraph("".join(text for _, text, _, _ in self.pieces), self.style, frags=frags)
        return self._paragraph

    def _fits(self, width: float) -> bool:
        return self._width <= width - self.style.leftIndent - self.style.rightIndent

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # ReportLab API
        if not self._fits(availWidth):
            self.width, self.height = self._wrapped().wrap(availWidth, availHeight)
        else:
            self.width, self.height = availWidth, self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # ReportLab API
        if not self._fits(availWidth):
            return self._wrapped().split(availWidth, availHeight)
        return [] if availHeight < self.style.leading else [self]

    def getSpaceBefore(self) -> float:  # ReportLab API
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:  # ReportLab API
        return self.style.spaceAfter

    def draw(self) -> None:
        if not self._fits(self.width):
            self._wrapped().drawOn(self.canv, 0, 0)
            return
        text = self.canv.beginText(self.style.leftIndent, self.height - self.style.fontSize)
        font_now, color_now = None, None
        for font, piece, color, _ in self.pieces:
            if font != font_now:  # each change is an operator in the page: set only what changes
                text.setFont(font, self.style.fontSize)
                font_now = font
            if color != color_now:
                text.setFillColor(color)
                color_now = color
            text.textOut(piece)
        self.canv.drawText(text)


@cache
def _template(style: ParagraphStyle) -> ParaFrag:
    """A fragment as ReportLab's own parser makes it for `style`, to be cloned for each run."""
    register_fonts()
    _, frags, _ = ParaParser().parse("x", style)
    return frags[0]


_TAGS = re.compile(r"<[^>]+>")


def _strip_tags(markup_text: str) -> str:
    return unescape(_TAGS.sub("", markup_text))
