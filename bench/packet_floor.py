"""The packet benchmark's floor, as a child process: the packet's texts as bare ReportLab paragraphs.

Run as `python -m bench.packet_floor SPEC.json OUT.pdf`. SPEC holds the texts (every
user text the packet prints), the font file and the type size, page size and margins
of a packet. Nothing of MentorApp is imported: this is what ReportLab alone costs
for the same words in the same font, process start and imports included.
"""

from __future__ import annotations

import json
import sys
from xml.sax.saxutils import escape


def main(spec_path: str, out: str) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    with open(spec_path, encoding="utf-8") as file:
        spec = json.load(file)
    pdfmetrics.registerFont(TTFont("Floor", spec["font"]))
    style = ParagraphStyle("floor", fontName="Floor", fontSize=spec["size"], leading=spec["leading"])
    story = [Paragraph(escape(text).replace("\n", "<br/>"), style) for text in spec["texts"]]
    left, right, top, bottom = spec["margins"]
    document = SimpleDocTemplate(out, pagesize=tuple(spec["page"]), leftMargin=left, rightMargin=right,
                                 topMargin=top, bottomMargin=bottom)
    document.build(story)


if __name__ == "__main__":
    main(*sys.argv[1:3])
