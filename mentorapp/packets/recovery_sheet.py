"""The printable recovery sheet: the journal's recovery key and what to do with it, on one page.

Built in memory (the desk prints it without a file; the command line can write it
to standard output), with the bundled DejaVu Sans so it prints the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from mentorapp.i18n import _, long_day_text, speech
from mentorapp.packets.fonts import BOLD, register_fonts
from mentorapp.packets.styles import ACCENT, INK, MUTED, PANEL, RULE  # one palette for every printed page


@dataclass(frozen=True)
class RecoverySheet:
    """What goes on the sheet (no other secret than the recovery key itself)."""

    journal: Path
    recovery_key: str  # as formatted by models.recovery.format_recovery_key
    sheet_id: str  # names the key without revealing it, e.g. "3F2A-91C0"
    made_on: dt.date


class _Rule(Flowable):
    """A thin horizontal line for the person to write on."""

    def __init__(self, width: float, height: float = 8 * mm) -> None:
        super().__init__()
        self.width, self.height = width, height

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 1, self.width, 1)


def _styles(family: str) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=family, fontSize=10, leading=14, textColor=INK)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=22, leading=27, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=body, textColor=MUTED, fontSize=10, leading=14,
                                   wordWrap="CJK"),
        "heading": ParagraphStyle("heading", parent=body, fontName=BOLD, fontSize=12, leading=16,
                                  textColor=ACCENT, spaceBefore=9, spaceAfter=2),
        "body": body,
        "step": ParagraphStyle("step", parent=body, leftIndent=14, firstLineIndent=-14, spaceAfter=3),
        "key_label": ParagraphStyle("key_label", parent=body, fontName=BOLD, fontSize=10, textColor=MUTED,
                                    alignment=TA_CENTER),
        "key": ParagraphStyle("key", parent=body, fontName=BOLD, fontSize=17, leading=19, alignment=TA_CENTER),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
    }


KEY_PADDING = 3
_UNLOCK = "<font name='Courier'>mentorapp --db JOURNAL unlock --recovery-key</font>"
_REKEY = "<font name='Courier'>mentorapp rekey</font>"


def _key_table(recovery_key: str, width: float, styles: dict[str, ParagraphStyle]) -> Table:
    groups = recovery_key.split("-")
    per_row = (len(groups) + 1) // 2
    rows = [groups[i:i + per_row] for i in range(0, len(groups), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    # Every group stays on one line whatever its letters: size the type for the widest
    # group there could be ("WWWW"), within the column less its padding.
    column = width / per_row
    widest = pdfmetrics.stringWidth("W" * len(groups[0]), styles["key"].fontName, 1)
    size = min(styles["key"].fontSize, (column - 2 * KEY_PADDING) / widest)
    style = ParagraphStyle("key_fitted", parent=styles["key"], fontSize=size, leading=size * 1.15)
    # Numbered groups, so a typing mistake can be found group by group.
    cells = [
        [
            Paragraph(
                f'<font size="7" color="#5a6473">{r * per_row + c + 1}</font><br/>{escape(group)}', style
            ) if group else ""
            for c, group in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=[column] * per_row, rowHeights=[15 * mm] * len(rows))
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), styles["body"].fontName),
        ("BACKGROUND", (0, 0), (-1, -1), PANEL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 1, ACCENT),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), KEY_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), KEY_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def build_recovery_sheet(sheet: RecoverySheet, *, page_size: tuple[float, float] = A4) -> bytes:
    """The sheet as PDF bytes, one page."""
    family = register_fonts()
    styles = _styles(family)
    buffer = io.BytesIO()
    margin = 20 * mm
    document = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("MentorApp recovery sheet"),
        author="MentorApp",
        subject=_("Recovery sheet {sheet}").format(sheet=sheet.sheet_id),
        creator="MentorApp",
        initialFontName=family,
        lang=speech().locale.replace("_", "-"),
    )
    width = page_size[0] - 2 * margin
    made = long_day_text(sheet.made_on)
    journal = escape(str(sheet.journal))

    story: list[Flowable] = [
        Paragraph(_("MentorApp recovery sheet"), styles["title"]),
        # Translators: {journal} is the journal's file name, printed in bold; {sheet} the sheet's id, e.g. 3F2A-91C0.
        Paragraph(_("For the journal {journal} · made on {day} · sheet {sheet}").format(
            journal=f"<b>{escape(sheet.journal.name)}</b>", day=made, sheet=escape(sheet.sheet_id)),
            styles["subtitle"]),
        Paragraph(_("Kept at {path} when the sheet was made").format(path=journal), styles["subtitle"]),
        Spacer(1, 6 * mm),
        KeepTogether([
            Paragraph(_("RECOVERY KEY"), styles["key_label"]),
            Spacer(1, 2 * mm),
            _key_table(sheet.recovery_key, width, styles),
        ]),
        Spacer(1, 2 * mm),
        Paragraph(_("Letters and digits only; capitals, small letters and dashes make no difference."),
                  ParagraphStyle("hint", parent=styles["small"], alignment=TA_CENTER)),
        Paragraph(_("What this key is for"), styles["heading"]),
        Paragraph(_(
            "Your journal is encrypted with a key that MentorApp keeps in this computer's keyring. "
            "If the keyring loses it (a new computer, another desktop session, a reinstalled system) "
            "this recovery key opens the journal again. Nothing else can: there is no back door and "
            "no server that could help."), styles["body"]),
        Paragraph(_("How to use it"), styles["heading"]),
        Paragraph("1.&nbsp;&nbsp;" + _("Put the journal file (and, if you have it, the folder of backups beside it) "
                                       "on the computer."), styles["step"]),
        # Translators: <b>…</b> is the unlock dialog's button, as the desk names it; {command} is the command line's.
        Paragraph("2.&nbsp;&nbsp;" + _("Start MentorApp. When it asks how to unlock the journal, choose "
                                       "<b>Use the recovery key</b> and type the key above. In a terminal, run "
                                       "{command} instead.").format(command=_UNLOCK), styles["step"]),
        Paragraph("3.&nbsp;&nbsp;" + _("MentorApp puts the key back into that computer's keyring; you will not "
                                       "need this sheet there again."), styles["step"]),
        Paragraph(_("Keep it safe"), styles["heading"]),
        Paragraph(_(
            "Anyone who holds this sheet and a copy of the journal can read every note in it. Keep the "
            "sheet away from the computer, as you would a spare house key: locked away, not in the laptop "
            "bag. Do not photograph it or store it online. If you saved it as a file to print, delete "
            "the file."), styles["body"]),
        Paragraph(_("When it stops working"), styles["heading"]),
        Paragraph(_(
            # Translators: <b>Change key</b> is the desk's command, as its File menu names it.
            "When the journal's key is changed (<b>Change key</b> in MentorApp, or {command}), this sheet no "
            "longer opens the journal. MentorApp then offers a new sheet; destroy this one. The sheet id above "
            "tells sheets apart.").format(command=_REKEY), styles["body"]),
        Spacer(1, 6 * mm),
        Paragraph(_("Notes (where the journal and its backups are kept):"), styles["small"]),
        Spacer(1, 1 * mm),
        _Rule(width),
        _Rule(width),
    ]

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:  # ReportLab's page callback
        canvas.saveState()
        canvas.setFont(family, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(margin, 9 * mm, _("MentorApp recovery sheet {sheet} · {day}").format(
            sheet=sheet.sheet_id, day=made))
        canvas.drawRightString(page_size[0] - margin, 9 * mm, _("Keep this page private."))
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
