"""The look of a review packet: page size, palette, and paragraph styles, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from mentorapp.packets.fonts import BOLD, FAMILY, OBLIQUE, register_fonts

PAGE_SIZE = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#616E7C")
RULE = colors.HexColor("#CBD2D9")
ACCENT = colors.HexColor("#2F5D8A")
LEAD_VOICE = colors.HexColor("#2F5D8A")
MENTEE_VOICE = colors.HexColor("#2E7D5B")
PRIVATE_VOICE = colors.HexColor("#7B8794")
WARN = colors.HexColor("#B44D12")
CONFIDENTIAL = colors.HexColor("#A61B1B")
PANEL = colors.HexColor("#F5F7FA")


@dataclass(frozen=True)
class PacketStyles:
    """The paragraph styles of a packet, each named for what it sets."""

    kicker: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    label: ParagraphStyle
    meta: ParagraphStyle
    note: ParagraphStyle
    quote: ParagraphStyle
    empty: ParagraphStyle
    warning: ParagraphStyle
    confidential: ParagraphStyle
    cell: ParagraphStyle
    cell_label: ParagraphStyle
    small: ParagraphStyle


@cache
def packet_styles() -> PacketStyles:
    register_fonts()
    base = ParagraphStyle(
        "body", fontName=FAMILY, fontSize=9.5, leading=13.5, textColor=INK, alignment=TA_LEFT, spaceAfter=4,
    )

    def style(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return PacketStyles(
        kicker=style("kicker", fontName=BOLD, fontSize=9, leading=12, textColor=ACCENT, spaceAfter=10),
        title=style("title", fontName=BOLD, fontSize=26, leading=31, spaceAfter=6),
        subtitle=style("subtitle", fontSize=13, leading=17, textColor=MUTED, spaceAfter=18),
        heading=style("heading", fontName=BOLD, fontSize=15, leading=19, textColor=ACCENT, spaceBefore=14,
                      spaceAfter=3, keepWithNext=1),
        subheading=style("subheading", fontName=BOLD, fontSize=11, leading=14.5, spaceBefore=9, spaceAfter=2,
                         keepWithNext=1),
        body=base,
        label=style("label", fontName=BOLD, fontSize=8.5, leading=11.5, textColor=MUTED, spaceBefore=3,
                    spaceAfter=1, keepWithNext=1),
        meta=style("meta", fontSize=8.5, leading=11.5, textColor=MUTED, spaceBefore=5, spaceAfter=1,
                   keepWithNext=1),
        note=style("note", fontName=OBLIQUE, fontSize=8.5, leading=12, textColor=MUTED, spaceBefore=2),
        quote=style("quote", leftIndent=12, spaceAfter=5),
        empty=style("empty", fontName=OBLIQUE, textColor=MUTED, spaceBefore=2, spaceAfter=6),
        warning=style("warning", fontName=BOLD, textColor=WARN, spaceBefore=2, spaceAfter=6),
        confidential=style("confidential", fontSize=9, leading=13, textColor=INK, spaceAfter=0),
        cell=style("cell", spaceAfter=0),
        cell_label=style("cell_label", textColor=MUTED, spaceAfter=0),
        small=style("small", fontSize=8, leading=11, textColor=MUTED, spaceAfter=0),
    )
