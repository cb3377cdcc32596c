"""What every page of a packet carries: running header, confidential marking, "Page n of m".

Headers and footers are drawn once the whole document is laid out, so each page
knows its number within its own packet (a combined team PDF numbers each person's
packet from 1) and which packet it belongs to.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass
from itertools import count

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from mentorapp.i18n import _, pgettext
from mentorapp.packets.fonts import BOLD, FAMILY, register_fonts
from mentorapp.packets.styles import (
    CONFIDENTIAL,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_SIZE,
    RULE,
)
from mentorapp.packets.text import has_rtl, markup, one_line
from mentorapp.models.vocabulary import isolate
from mentorapp.packets.bidi import BidiParagraph


@dataclass(frozen=True, slots=True)
class PacketInfo:
    """What the running header and footer say about the packet a page belongs to."""

    key: int
    mentee_name: str
    period: str
    made: str
    kind: str = ""  # what the running header calls the document, translated (a review packet when empty)


_keys = count(1)


def new_key() -> int:
    return next(_keys)


class PacketMark(Flowable):
    """Placed first in a packet's story: pages from here on belong to that packet."""

    def __init__(self, info: PacketInfo) -> None:
        super().__init__()
        self.info = info
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        canvas.begin_packet(self.info)
        key = f"packet-{self.info.key}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(one_line(self.info.mentee_name) or pgettext("packet", "Mentee"), key, level=0)


_HEADER = ParagraphStyle("header", fontName=FAMILY, fontSize=8, leading=10, textColor=MUTED)


def _fitted(text: str, style: ParagraphStyle, width: float) -> Flowable:
    """One line of user text, cut with an ellipsis to fit `width`."""
    return _one_line(_fitted_text(one_line(text), style, width), style)


# No glyph of the packet's faces is narrower than a tenth of the font size, so no line holds more
# characters than this: a name of 100,000 characters is measured by its start, not whole on every page.
_NARROWEST_GLYPH = 0.1


@functools.lru_cache(maxsize=64)
def _fitted_text(text: str, style: ParagraphStyle, width: float) -> str:
    """`text`, or as much of its start as fits on one line of `width` with an ellipsis (the same on every page)."""
    most = int(width / (style.fontSize * _NARROWEST_GLYPH)) + 2
    if len(text) <= most and _lines(_one_line(text, style), width) <= 1:
        return text
    text = text[:most]
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if _lines(_one_line(text[:middle].rstrip() + "…", style), width) <= 1:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _one_line(text: str, style: ParagraphStyle) -> Flowable:
    return BidiParagraph(text, style) if has_rtl(text) else Paragraph(markup(text, style.fontName), style)


def _lines(flowable: Flowable, width: float) -> int:
    _, height = flowable.wrap(width, 10_000)
    return round(height / flowable.style.leading)


def draw_text_line(canvas: Canvas, text: str, *, x: float, baseline: float, width: float,
                   style: ParagraphStyle = _HEADER) -> None:
    """Draw user text on one line at `baseline`, shortened with an ellipsis when it is too long."""
    flowable = _fitted(text, style, width)
    _, height = flowable.wrap(width, 10_000)
    flowable.drawOn(canvas, x, baseline - height + style.fontSize)


class PacketCanvas(Canvas):
    """A canvas that keeps its pages until the end, then decorates each with header and footer."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        # Otherwise every page would name Helvetica, a font the packet neither uses nor embeds.
        if not kwargs.get("initialFontName"):
            kwargs["initialFontName"] = register_fonts()
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._packet_info: PacketInfo | None = None
        self._packet_first_page = False

    def begin_packet(self, info: PacketInfo) -> None:
        """From this page on, the pages belong to the packet `info` describes."""
        self._packet_info = info
        self._packet_first_page = True

    def showPage(self) -> None:  # ReportLab API
        self._pages.append(dict(self.__dict__))
        self._packet_first_page = False
        self._startPage()

    def save(self) -> None:
        totals: dict[int, int] = {}
        for state in self._pages:
            info = state["_packet_info"]
            if info is not None:
                totals[info.key] = totals.get(info.key, 0) + 1
        numbers: dict[int, int] = {}
        for state in self._pages:
            self.__dict__.update(state)
            info = state["_packet_info"]
            if info is not None:
                numbers[info.key] = numbers.get(info.key, 0) + 1
                self._decorate(info, numbers[info.key], totals[info.key], cover=state["_packet_first_page"])
            Canvas.showPage(self)
        Canvas.save(self)

    def _decorate(self, info: PacketInfo, number: int, total: int, *, cover: bool) -> None:
        width, height = PAGE_SIZE
        inner = width - MARGIN_LEFT - MARGIN_RIGHT
        self.saveState()
        top = height - MARGIN_TOP + 10
        self.setFont(BOLD, 8)
        self.setFillColor(CONFIDENTIAL)
        self.drawRightString(width - MARGIN_RIGHT, top, pgettext("packet", "CONFIDENTIAL"))
        if not cover:
            kind = info.kind or pgettext("packet", "Review packet")
            label = f"{kind} · "
            self.setFont(FAMILY, 8)
            self.setFillColor(MUTED)
            self.drawString(MARGIN_LEFT, top, label)
            offset = self.stringWidth(label, FAMILY, 8)
            # Isolated: the name continues the label's line; an Arabic one is not pushed to the right.
            draw_text_line(self, isolate(info.mentee_name), x=MARGIN_LEFT + offset, baseline=top,
                           width=inner * 0.62 - offset)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_LEFT, top - 5, width - MARGIN_RIGHT, top - 5)
        bottom = MARGIN_BOTTOM - 12
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN_LEFT, bottom + 10, width - MARGIN_RIGHT, bottom + 10)
        self.setFont(FAMILY, 8)
        self.setFillColor(MUTED)
        self.drawString(MARGIN_LEFT, bottom, info.period)
        self.drawCentredString(width / 2, bottom, _("Page {number} of {total}").format(number=number, total=total))
        self.drawRightString(width - MARGIN_RIGHT, bottom, info.made)
        self.restoreState()
