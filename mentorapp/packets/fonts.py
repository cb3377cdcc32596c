"""Registers the bundled DejaVu Sans family with ReportLab, once per process."""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from mentorapp.resources import resource

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
BOLD_OBLIQUE = "DejaVuSans-BoldOblique"


@cache
def register_fonts() -> str:
    """Make the DejaVu Sans faces available to ReportLab; returns the family name.

    Paragraph markup <b> and <i> map to the bold and oblique faces.
    """
    for name in (FAMILY, BOLD, OBLIQUE, BOLD_OBLIQUE):
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, OBLIQUE)
    addMapping(FAMILY, 1, 1, BOLD_OBLIQUE)
    return FAMILY
