"""The 1:1 sheet: one page to take into the next conversation with a person.

The opening question, the open talking points (who raised each, how often carried), what
was agreed last time, goals due for a check-in, and space to write. Ten points fit on one
page and thirty on two, with long and right-to-left text: point texts are set small, and
the space to write takes whatever room the page has left (at least a few lines). Built in
memory, then written by the one atomic-write policy, after the output guard has refused
the journal, its sidecars and its backups.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from mentorapp.i18n import _, ngettext, number_text, pgettext, speech
from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import AgendaPointView, GoalView, MenteeView
from mentorapp.models.services import Services
from mentorapp.models.storage.atomic import write_atomically
from mentorapp.models.trust.outputs import check_output
from mentorapp.models.vocabulary import AgendaSource, GoalStatus, Side
from mentorapp.packets.fonts import BOLD, FAMILY, register_fonts
from mentorapp.packets.render import speaking
from mentorapp.packets.story import day, sentence
from mentorapp.packets.styles import ACCENT, INK, MUTED, PAGE_SIZE, PANEL, RULE, WARN
from mentorapp.packets.text import Said, line, one_line, user_text

MARGIN = 16 * mm
FRAME_PADDING = 6  # ReportLab's frames keep 6 points inside each margin
WIDTH = PAGE_SIZE[0] - 2 * MARGIN - 2 * FRAME_PADDING
WRITING_LINE = 8 * mm
MIN_WRITING_LINES = 3
BOX = 3.2 * mm


@dataclass(frozen=True)
class SheetData:
    """What goes on one person's sheet, read through the services at one moment."""

    mentee: MenteeView
    points: tuple[AgendaPointView, ...]
    last_time: tuple[AgendaPointView, ...]
    goals_due: tuple[GoalView, ...]
    opening_question: str
    meeting_on: dt.date
    printed_on: dt.date


def sheet_data(services: Services, *, mentee_id: int) -> SheetData:
    today = services.clock.today()
    mentee = services.mentees.get(mentee_id)
    meeting = mentee.next_meeting_on if mentee.next_meeting_on and mentee.next_meeting_on >= today else today
    points = services.agenda.points(mentee_id)
    # The question they will be asked: one already on the list, else the library's suggestion.
    asked = next((p.text for p in points if p.source is AgendaSource.QUESTION), None)
    offered = next((s.text for s in services.agenda.suggestions(mentee_id) if s.source is AgendaSource.QUESTION),
                   None)
    starters = services.starters.list()
    question = asked or offered or (starters[0].text if starters else _("What is on your mind since we last talked?"))
    goals = tuple(
        g for g in services.goals.for_mentee(mentee_id)
        if g.status is GoalStatus.ACTIVE and g.check_in_on is not None and g.check_in_on <= meeting
    )
    return SheetData(
        mentee=mentee,
        points=tuple(p for p in points if p.text != asked),
        last_time=tuple(services.agenda.last_discussed(mentee_id)),
        goals_due=goals,
        opening_question=question,
        meeting_on=meeting,
        printed_on=today,
    )


class _Box(Flowable):
    """An empty square to tick during the conversation."""

    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = BOX

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, BOX, BOX)


class _WritingSpace(Flowable):
    """"Notes" and ruled lines to write on, taking the rest of the page (never fewer than a few lines)."""

    LABEL = 7 * mm

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = self.LABEL + MIN_WRITING_LINES * WRITING_LINE

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        lines = max(MIN_WRITING_LINES, int((avail_height - self.LABEL) // WRITING_LINE))
        self.height = self.LABEL + lines * WRITING_LINE
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # on the next page whole, rather than a line or two at the foot of this one

    def draw(self) -> None:
        self.canv.setFont(BOLD, 10.5)
        self.canv.setFillColor(ACCENT)
        # Translators: the heading over the ruled lines to write on during the 1:1.
        self.canv.drawString(0, self.height - 4.5 * mm, pgettext("1:1 sheet", "Notes"))
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        y = self.height - self.LABEL - WRITING_LINE
        while y >= -0.01:
            self.canv.line(0, y, self.width, y)
            y -= WRITING_LINE


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("sheet_body", fontName=FAMILY, fontSize=9, leading=11.4, textColor=INK)
    return {
        "title": ParagraphStyle("sheet_title", parent=body, fontName=BOLD, fontSize=18, leading=22),
        "subtitle": ParagraphStyle("sheet_subtitle", parent=body, textColor=MUTED, fontSize=9, leading=12,
                                   spaceAfter=4),
        "heading": ParagraphStyle("sheet_heading", parent=body, fontName=BOLD, fontSize=10.5, leading=13,
                                  textColor=ACCENT, spaceBefore=7, spaceAfter=3, keepWithNext=1),
        "question": ParagraphStyle("sheet_question", parent=body, fontSize=10.5, leading=14),
        "point": body,
        "meta": ParagraphStyle("sheet_meta", parent=body, fontSize=7.5, leading=9.5, textColor=MUTED),
        "warn": ParagraphStyle("sheet_warn", parent=body, fontSize=7.5, leading=9.5, textColor=WARN),
        "item": ParagraphStyle("sheet_item", parent=body, fontSize=8.5, leading=11, leftIndent=8,
                               firstLineIndent=-8),
        "empty": ParagraphStyle("sheet_empty", parent=body, textColor=MUTED, fontSize=8.5, leading=11),
    }


META_WIDTH = 30 * mm
# The sheet is a page to talk from, not the record: a point longer than this is printed up to
# a word boundary and marked as cut (the journal and the packet keep it whole).
SHEET_TEXT_LIMIT = 700
NAME_LIMIT = 160  # the title names the person in a line or two


def _cut(text: str, limit: int = SHEET_TEXT_LIMIT) -> str:
    """`text`, or its start up to a space near `limit` with a mark that the rest is in the journal."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    if space > limit * 0.8:
        head = head[:space]
    if limit >= SHEET_TEXT_LIMIT:
        # Translators: {text} is the start of a long talking point, cut short on the sheet.
        return _("{text}… (the rest is in the journal)").format(text=head.rstrip())
    return f"{head.rstrip()}…"


def _point_row(point: AgendaPointView, s: dict[str, ParagraphStyle]) -> Table:
    # Only what is worth a glance, in a narrow column of its own: their points, and points carried over.
    facts: list[Flowable] = []
    if point.raised_by is Side.MENTEE:
        facts.append(line([_("raised by them")], s["meta"]))
    if point.carried:
        carried = ngettext("carried over once", "carried over {n} times", point.carried).format(
            n=number_text(point.carried))
        facts.append(line([carried], s["warn"] if point.noticeable else s["meta"]))
    text_width = WIDTH - BOX - 3 * mm - META_WIDTH
    table = Table([[_Box(), user_text(_cut(point.text), s["point"]), facts or ""]],
                  colWidths=[BOX + 3 * mm, text_width, META_WIDTH])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (2, 0), (2, 0), 3 * mm),
        ("TOPPADDING", (0, 0), (0, 0), 1.8),
        ("TOPPADDING", (1, 0), (-1, 0), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
    ]))
    return table


def sheet_story(data: SheetData) -> list[Flowable]:
    s = _styles()
    story: list[Flowable] = [
        line(sentence(_("Next 1:1 with {name}"), name=Said(_cut(data.mentee.name, NAME_LIMIT), bold=True)),
             s["title"]),
        line([" · ".join([
            day(data.meeting_on),
            ngettext("check in every {n} day", "check in every {n} days", data.mentee.cadence_days).format(
                n=number_text(data.mentee.cadence_days)),
            _("printed {day}").format(day=day(data.printed_on)),
        ])], s["subtitle"]),
    ]
    question = Table([[user_text(_cut(data.opening_question), s["question"])]], colWidths=[WIDTH])
    question.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), PANEL),
        ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    story += [line([_("Open with")], s["heading"]), question]
    # What was agreed and what is due first: short, and the context for the points below.
    if data.last_time:
        when = data.last_time[0].closed_on
        story.append(line([_("Last time ({day})").format(day=day(when)) if when else _("Last time")], s["heading"]))
        for point in data.last_time:
            said: list[str | Said] = ["• ", Said(_cut(point.text))]
            if point.note:
                said += [" — ", Said(_cut(point.note))]
            story.append(line(said, s["item"]))
    if data.goals_due:
        story.append(line([_("Goals due for a check-in")], s["heading"]))
        for goal in data.goals_due:
            assert goal.check_in_on is not None  # only those are due
            due = _("(due {day})").format(day=day(goal.check_in_on))
            story.append(line(["• ", Said(_cut(goal.outcome)), f"  {due}"], s["item"]))
    story.append(line([_("Talking points ({count})").format(count=number_text(len(data.points)))], s["heading"]))
    if data.points:
        story += [_point_row(point, s) for point in data.points]
    else:
        story.append(line([_("Nothing on the list yet: bring what they want to talk about.")], s["empty"]))
    story += [Spacer(1, 2 * mm), _WritingSpace(WIDTH)]
    return story


def sheet_pdf(data: SheetData) -> bytes:
    """The sheet as PDF bytes (nothing written anywhere)."""
    family = register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=PAGE_SIZE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=14 * mm,
        bottomMargin=14 * mm, title=_("1:1 sheet — {name}").format(name=one_line(data.mentee.name)),
        author="MentorApp", subject=_("Next 1:1, {day}").format(day=day(data.meeting_on)), creator="MentorApp",
        initialFontName=family, lang=speech().locale.replace("_", "-"),
    )

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:  # ReportLab's page callback
        canvas.saveState()
        canvas.setFont(family, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 8 * mm, _("MentorApp · 1:1 sheet · {day}").format(day=day(data.printed_on)))
        canvas.drawRightString(PAGE_SIZE[0] - MARGIN, 8 * mm, _("Private · page {number}").format(number=doc.page))
        canvas.restoreState()

    try:
        document.build(sheet_story(data), onFirstPage=footer, onLaterPages=footer)
    except LayoutError:
        raise MentorAppError(
            _("The 1:1 sheet could not be laid out: one of its points does not fit on a page.")) from None
    return buffer.getvalue()


def write_sheet(services: Services, *, mentee_id: int, path: Path | str, language: str | None = None) -> Path:
    """Write one person's 1:1 sheet to `path` (never over the journal, a sidecar or a backup), in `language`
    when given, else in the language spoken now."""
    target = check_output(path, services.store.path)
    with speaking(language):
        data = sheet_pdf(sheet_data(services, mentee_id=mentee_id))
    write_atomically(target, lambda stream: stream.write(data), mode="wb")
    return target
