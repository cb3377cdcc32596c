"""The layout of a review packet: PacketData in, ReportLab flowables out (no database here).

Sections, in order: cover, summary, notes over the period (chart), goals, feedback
threads, concerns, no surprises, recognition, asks advocated for, watchlist and
signatures. Every section is always present; an empty one says so in a sentence.
All user text goes through packets.text, so it is printed literally.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from mentorapp.models.readmodels import EntryView
from mentorapp.models.vocabulary import (
    AskStatus,
    CaseStatus,
    ChanceResult,
    Direction,
    GoalStatus,
    Side,
    ThreadStatus,
)
from mentorapp.packets.chart import notes_chart
from mentorapp.packets.data import PacketData
from mentorapp.packets.fonts import BOLD, FAMILY
from mentorapp.packets.pages import PacketInfo, PacketMark, new_key
from mentorapp.packets.styles import (
    ACCENT,
    CONFIDENTIAL,
    INK,
    LEAD_VOICE,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MENTEE_VOICE,
    MUTED,
    PAGE_SIZE,
    PANEL,
    PRIVATE_VOICE,
    RULE,
    WARN,
    PacketStyles,
    packet_styles,
)
from mentorapp.packets.text import Run, Said, line, one_line, runs_line, user_text
from mentorapp.packets.kept import KeptPair

FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT

SECTIONS = (
    "Summary",
    "Notes over the period",
    "Goals",
    "Feedback threads",
    "Concerns",
    "No surprises",
    "Recognition",
    "Asks advocated for",
    "Watchlist",
    "Signatures",
)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SEP = "  ·  "


def day(value: dt.date | dt.datetime) -> str:
    """A date as a lead reads it on paper, the same in every locale: 3 Mar 2026."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def period_text(start: dt.date, end: dt.date) -> str:
    return f"{day(start)} – {day(end)}"


def plural(number: int, word: str, many: str | None = None) -> str:
    return f"{number} {word if number == 1 else many or word + 's'}"


def packet_title(data: PacketData) -> str:
    return f"Review packet — {one_line(data.mentee.name)}"


def packet_info(data: PacketData) -> PacketInfo:
    return PacketInfo(
        key=new_key(),
        mentee_name=data.mentee.name,
        period=period_text(data.start, data.end),
        made=f"Made {day(data.made_on)}",
    )


class SectionHeading(Paragraph):
    """A section title that also becomes an entry in the PDF's outline (bookmarks)."""

    def __init__(self, text: str, style: ParagraphStyle, *, outline: str, level: int = 1) -> None:
        super().__init__(text, style)
        self.outline = outline
        self.level = level

    def draw(self) -> None:
        super().draw()
        key = f"section-{id(self)}"
        self.canv.bookmarkHorizontal(key, 0, self.height)
        self.canv.addOutlineEntry(self.outline, key, level=self.level, closed=True)


# The most of a name a signature line or the cover's confidentiality box prints: a few lines
# at most, so the box and the signature block each stay on one page (the cover's details print it whole).
SIGNATURE_NAME_LIMIT = 120


def short(name: str, limit: int = 48) -> str:
    """A name as it fits in a running line, cut with an ellipsis; the cover's title and details print it whole."""
    name = one_line(name)
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


class _Voices:
    """How each side of a conversation is named and coloured in the packet."""

    def __init__(self, data: PacketData) -> None:
        self.full_mentee = one_line(data.mentee.name) or "Mentee"
        self.full_lead = one_line(data.lead_name) or "Lead"
        self.mentee = short(self.full_mentee)
        self.lead = short(self.full_lead)

    def of(self, direction: Direction) -> tuple[str, str, str]:
        """(name, role, colour) of whoever spoke."""
        if direction is Direction.FROM_MENTEE:
            return self.mentee, "mentee", MENTEE_VOICE.hexval()[2:]
        if direction is Direction.TO_MENTEE:
            return self.lead, "lead", LEAD_VOICE.hexval()[2:]
        return "Private note", "not shared", PRIVATE_VOICE.hexval()[2:]


def build_story(data: PacketData) -> list[Flowable]:
    """The whole packet for one mentee, as flowables ready for a document."""
    s = packet_styles()
    voices = _Voices(data)
    story: list[Flowable] = [PacketMark(packet_info(data))]
    story += _cover(data, s)
    story.append(PageBreak())
    for section in (_summary, _chart, _goals, _threads, _concerns, _no_surprises, _recognitions, _asks,
                    _watchlist, _signatures):
        story += section(data, s, voices)
    return story


# -- building blocks ------------------------------------------------------------------------------
def _table_style(*commands: tuple) -> TableStyle:
    # Tables set a font for every cell, even one holding paragraphs: make it the embedded one.
    return TableStyle([("FONT", (0, 0), (-1, -1), FAMILY, 9), *commands])


def _heading(title: str, s: PacketStyles) -> list[Flowable]:
    return [
        CondPageBreak(40 * mm),
        SectionHeading(title, s.heading, outline=title),
        HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=1, spaceAfter=6),
    ]


def _empty(sentence: str, s: PacketStyles) -> Flowable:
    return Paragraph(sentence, s.empty)


def _meta(parts: Iterable[str | Said], s: PacketStyles) -> Flowable:
    pieces: list[str | Said] = []
    for part in parts:
        if pieces:
            pieces.append(_SEP)
        pieces.append(part)
    return line(pieces, s.meta)


def _labelled(label: str, text: str, s: PacketStyles) -> list[Flowable]:
    if not text.strip():
        return []
    return [Paragraph(label, s.label), user_text(text, s.quote)]


def _entry_meta(entry: EntryView, voices: _Voices) -> list[Run]:
    name, role, colour = voices.of(entry.direction)
    ink = _voice_color(colour)
    if entry.direction is Direction.PRIVATE:
        return [Run("● ", color=ink), Run("Private note", bold=True, color=ink)]
    return [Run("● ", color=ink), Run(name, bold=True, color=ink), Run(f" ({role})")]


def opinion_label(lead: str) -> list[str | Said]:
    """The label beside a record the lead marked as their impression rather than a fact."""
    colour = ACCENT.hexval()[2:]
    return [f'<font color="#{colour}"><b>Opinion of ', Said(lead or "the lead", bold=True), "</b></font>"]


def opinion_runs(lead: str) -> list[Run]:
    """The same label as runs, for the line over an entry."""
    return [Run("Opinion of ", bold=True, color=ACCENT), Run(lead or "the lead", bold=True, color=ACCENT)]


@cache
def _voice_color(hex_value: str) -> Color:
    return HexColor(f"#{hex_value}")


def _entry(entry: EntryView, s: PacketStyles, voices: _Voices, *, extra: Iterable[Run] = ()) -> list[Flowable]:
    head = _entry_meta(entry, voices)
    head.append(Run(f"{_SEP}{day(entry.at)}{_SEP}{entry.kind.label}{_SEP}{entry.setting.label}"))
    for part in extra:
        head += [Run(_SEP), part]
    if entry.opinion:
        head += [Run(_SEP), *opinion_runs(voices.lead)]
    return [KeptPair(runs_line(head, s.meta), user_text(entry.text, s.quote))]


# -- cover ----------------------------------------------------------------------------------------
def _cover(data: PacketData, s: PacketStyles) -> list[Flowable]:
    mentee = data.mentee
    lead = one_line(data.lead_name) or "the lead"
    rows = [
        ("Period", Paragraph(f"{period_text(data.start, data.end)} ({plural(data.days, 'day')})", s.cell)),
        ("Lead", user_text(data.lead_name, s.cell) if data.lead_name.strip() else Paragraph("—", s.cell)),
        ("Made on", Paragraph(day(data.made_on), s.cell)),
    ]
    if mentee.started_on is not None:
        rows.insert(1, ("In the team since", Paragraph(day(mentee.started_on), s.cell)))
    if mentee.held_on is not None:
        rows.append(("On hold", line([f"since {day(mentee.held_on)}: ", Said(mentee.hold_reason),
                                      ". Nothing already written about them may be changed or deleted."], s.cell)))
    details = Table(
        [[Paragraph(label, s.cell_label), value] for label, value in rows],
        colWidths=[38 * mm, FRAME_WIDTH - 38 * mm],
        hAlign="LEFT",
        splitInRow=1,  # a lead name of any length flows on, across pages if it must
    )
    details.setStyle(_table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
    ))
    confidential = Table(
        [[Paragraph(f'<font color="{CONFIDENTIAL.hexval().replace("0x", "#")}"><b>CONFIDENTIAL</b></font>',
                    s.confidential)],
         [line(["Prepared by ", Said(short(lead, SIGNATURE_NAME_LIMIT)), " for a review conversation with ",
                Said(short(mentee.name, SIGNATURE_NAME_LIMIT)),
                ". It holds personal notes: keep it private, and shred the printed copy when it is no "
                "longer needed."], s.confidential)]],
        colWidths=[FRAME_WIDTH],
    )
    confidential.setStyle(_table_style(
        ("BOX", (0, 0), (-1, -1), 0.8, CONFIDENTIAL),
        ("BACKGROUND", (0, 0), (-1, -1), PANEL),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (0, 0), 8),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
    ))
    contents = Paragraph(
        "In this packet: " + _SEP.join(SECTIONS[:-1]) + ", and signatures.",
        s.small,
    )
    flow: list[Flowable] = [
        Spacer(1, 28 * mm),
        Paragraph("REVIEW PACKET", s.kicker),
        user_text(mentee.name, _title_style(mentee.name, s)),
    ]
    flow.append(user_text(mentee.role, s.subtitle) if mentee.role.strip() else Spacer(1, 12))
    flow += [details, Spacer(1, 14 * mm), confidential, Spacer(1, 10 * mm), contents]
    return flow


def _title_style(name: str, s: PacketStyles) -> ParagraphStyle:
    """Smaller type for a long name, so the cover still fits on its page."""
    length = len(one_line(name))
    if length <= 40:
        return s.title
    size = 20 if length <= 100 else 15
    return ParagraphStyle(f"title-{size}", parent=s.title, fontSize=size, leading=size * 1.2)


# -- summary --------------------------------------------------------------------------------------
def _summary(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading("Summary", s)
    if not data.entries:
        flow.append(line(["There are no entries for ", Said(voices.mentee), " between ", day(data.start),
                          " and ", day(data.end), "."], s.warning))
    voice = data.voice
    share = f"{round(voice.share * 100)}% of the two-way entries" if voice.share is not None else "no two-way entries"
    by_status = data.goals_by_status
    goals = ", ".join(f"{n} {status.label.lower()}" for status, n in by_status.items()) or "none"
    gap = data.longest_gap
    gap_text = (f"{plural(gap.days, 'day')}, {day(gap.start)} to {day(gap.end)}" if gap is not None
                else "fewer than two touchpoints, so no gap to measure")
    concerns = len(data.concerns)
    undiscussed = len(data.undiscussed)
    rows = [
        ("Touchpoints", f"{data.touchpoints} two-way {'entry' if data.touchpoints == 1 else 'entries'} "
                        f"over {plural(data.days, 'day')}"),
        ("Entries each way", f"{voice.to_mentee} lead → mentee, {voice.from_mentee} mentee → lead, "
                             f"{plural(data.private_notes, 'private note')}"),
        ("Mentee's voice", share),
        ("Recognitions", str(len(data.recognitions))),
        ("Goals", goals),
        ("Concerns", f"{concerns}" + (f" ({undiscussed} never discussed)" if undiscussed else "")),
        ("Longest gap between touchpoints", gap_text),
    ]
    table = Table(
        [[Paragraph(label, s.cell_label), Paragraph(value, s.cell)] for label, value in rows],
        colWidths=[66 * mm, FRAME_WIDTH - 66 * mm],
        hAlign="LEFT",
    )
    table.setStyle(_table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
    ))
    flow.append(table)
    if undiscussed:
        flow.append(Spacer(1, 4))
        flow.append(Paragraph(
            f"{plural(undiscussed, 'concern')} in this period {'was' if undiscussed == 1 else 'were'} never "
            "discussed: see <b>No surprises</b>.", s.warning))
    return flow


# -- chart ----------------------------------------------------------------------------------------
def _chart(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading("Notes over the period", s)
    recency = data.recency
    span = (data.balance_end - data.balance_start).days + 1
    late_from = data.balance_end - dt.timedelta(days=span // 4) + dt.timedelta(days=1)
    drawing = notes_chart(
        data.notes_per_month,
        width=FRAME_WIDTH,
        late_from=late_from if data.entries else None,
        font=FAMILY,
        bold_font=BOLD,
        ink=INK,
        muted=MUTED,
        bar_colour=ACCENT,
        late_colour=WARN,
    )
    flow.append(drawing)
    if recency.last_quarter_share is None:
        flow.append(_empty("No notes were written in this period, so there is no balance to show.", s))
    else:
        percent = round(recency.last_quarter_share * 100)
        empty = (f" {recency.empty_months} of {plural(recency.months, 'month')} "
                 f"{'has' if recency.empty_months == 1 else 'have'} no notes."
                 if recency.empty_months else " Every month has notes.")
        if recency.crowded_at_end:
            said = (f"{percent}% of the notes fall in the last quarter of the period (from {day(late_from)}): "
                    "the record is crowded into the last weeks, so earlier months may weigh too little in the "
                    "review." + empty)
            style = s.warning
        else:
            said = (f"The record is spread over the period: {percent}% of the notes fall in its last quarter "
                    f"(from {day(late_from)})." + empty)
            style = s.note
        flow.append(line([said, *_balance_scope(data, voices)], style))
    return flow


def _balance_scope(data: PacketData, voices: _Voices) -> list[str | Said]:
    """Says when the balance was judged on less than the whole period, and why."""
    parts: list[str | Said] = []
    if data.balance_start > data.start:
        parts += [f" Counted from {day(data.balance_start)}, when ", Said(voices.mentee), " joined"]
    if data.balance_end < data.end:
        parts.append(f"{',' if parts else ' Counted'} up to {day(data.balance_end)}, the day this packet was made")
    return [*parts, "."] if parts else []


# -- goals ----------------------------------------------------------------------------------------
def _goals(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading("Goals", s)
    if not data.goals:
        flow.append(_empty("No goals were set or worked on in this period.", s))
        return flow
    for record in data.goals:
        goal = record.goal
        flow.append(user_text(goal.outcome, s.subheading))
        meta = [f"<b>{goal.status.label}</b>", f"set {day(goal.set_on)}"]
        if goal.check_in_on is not None and goal.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED):
            meta.append(f"check in {day(goal.check_in_on)}")
        flow.append(_meta(meta, s))
        flow += _labelled("Success looks like", goal.success_criteria, s)
        flow += _labelled("Room to decide (latitude)", goal.latitude, s)
        flow.append(Paragraph("Progress in this period", s.label))
        if record.progress:
            for entry in record.progress:
                flow += _entry(entry, s, voices)
        else:
            flow.append(_empty("No progress notes in this period.", s))
    return flow


# -- threads --------------------------------------------------------------------------------------
def _threads(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading("Feedback threads", s)
    flow.append(Paragraph(
        f'Both voices are marked: <font color="#{LEAD_VOICE.hexval()[2:]}">●</font> the lead, '
        f'<font color="#{MENTEE_VOICE.hexval()[2:]}">●</font> the mentee, '
        f'<font color="#{PRIVATE_VOICE.hexval()[2:]}">●</font> a private note.', s.note))
    if not data.threads:
        flow.append(_empty("No feedback threads in this period.", s))
    for record in data.threads:
        thread = record.thread
        flow.append(user_text(thread.topic, s.subheading))
        opener = Said(voices.mentee) if thread.opened_by is Side.MENTEE else Said(voices.lead)
        meta: list[str | Said] = ["Opened by ", opener, f" on {day(thread.opened_on)}", _SEP]
        if thread.status is ThreadStatus.RESOLVED and thread.resolved_on is not None:
            meta.append(f"resolved {day(thread.resolved_on)}")
        else:
            meta.append(thread.status.label.lower())
        if thread.is_upward:
            meta += [_SEP, f"acted on {day(thread.acted_on)}" if thread.acted_on else "not yet acted on"]
        flow.append(line(meta, s.meta))
        if thread.is_upward and thread.acted_on and thread.acted_on_note.strip():
            flow += _labelled("What the lead changed", thread.acted_on_note, s)
        if record.entries:
            for entry in record.entries:
                flow += _entry(entry, s, voices)
        else:
            flow.append(_empty("Nothing was added to this thread in this period.", s))
    flow.append(Paragraph("Other feedback, both ways", s.subheading))
    if not data.other_feedback:
        flow.append(_empty("No other two-way notes in this period.", s))
    for entry in data.other_feedback:
        flow += _entry(entry, s, voices)
    return flow


# -- concerns -------------------------------------------------------------------------------------
def _concerns(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading("Concerns", s)
    if not data.concerns:
        flow.append(_empty("No concerns were recorded in this period.", s))
        return flow
    for entry in data.concerns:
        if entry.discussed_on is not None:
            status = Run(f"discussed with the mentee {day(entry.discussed_on)}")
        else:
            status = Run("never discussed with the mentee", bold=True, color=WARN)
        flow += _entry(entry, s, voices, extra=[status])
    return flow


def _no_surprises(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading("No surprises", s)
    if not data.concerns:
        flow.append(line(["No concerns were recorded in this period, so there is nothing to raise with ",
                          Said(voices.mentee), " before the review."], s.body))
        return flow
    if not data.undiscussed:
        flow.append(line(["Every concern in this period has been discussed with ", Said(voices.mentee),
                          ". Nothing in this packet should come as a surprise."], s.body))
        return flow
    count = len(data.undiscussed)
    flow.append(line([
        f"{plural(count, 'concern')} in this period {'was' if count == 1 else 'were'} never discussed with ",
        Said(voices.mentee), ". Raise ", "it" if count == 1 else "them",
        " before the review, so that nothing in it comes as a surprise."], s.warning))
    for entry in data.undiscussed:
        flow += _entry(entry, s, voices)
    return flow


# -- recognition ----------------------------------------------------------------------------------
def _recognitions(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading("Recognition", s)
    if data.mentee.thanks_preference.strip():
        flow.append(line(["How ", Said(voices.mentee), " likes to be thanked: ",
                          Said(data.mentee.thanks_preference)], s.note))
    if not data.recognitions:
        flow.append(_empty("No recognition was logged in this period.", s))
        return flow
    for recognition in data.recognitions:
        flow.append(_meta([day(recognition.given_on), f"<b>{recognition.kind.label}</b>"], s))
        flow.append(user_text(recognition.what_for, s.quote))
    return flow


# -- asks -----------------------------------------------------------------------------------------
def _asks(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading("Asks advocated for", s)
    if not data.asks:
        flow.append(_empty("No asks were advocated for in this period.", s))
        return flow
    for ask in data.asks:
        flow.append(user_text(ask.what, s.subheading))
        meta = [f"raised {day(ask.raised_on)}"]
        if ask.status is AskStatus.OPEN:
            meta.append("<b>still open</b>")
        else:
            settled = f" {day(ask.resolved_on)}" if ask.resolved_on else ""
            meta.append(f"<b>{ask.status.label.lower()}</b>{settled}")
        flow.append(_meta(meta, s))
        if ask.details.strip():
            flow.append(user_text(ask.details, s.quote))
    return flow


# -- watchlist ------------------------------------------------------------------------------------
def _watchlist(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading("Watchlist", s)
    if not data.watch_cases:
        flow.append(line([Said(voices.mentee), " was not on the watchlist in this period."], s.empty))
        return flow
    for case in data.watch_cases:
        meta = [f"opened {day(case.opened_on)}"]
        if case.status is CaseStatus.OPEN:
            meta.append("<b>open</b>")
            if case.next_review_on is not None:
                meta.append(f"next review {day(case.next_review_on)}")
        else:
            outcome = case.outcome.label if case.outcome else "closed"
            meta.append(f"<b>closed {day(case.closed_on) if case.closed_on else ''}</b>: {outcome}")
        flow.append(Paragraph("Case", s.subheading))
        flow.append(_meta(meta, s))
        if case.opinion:
            flow.append(line(opinion_label(voices.lead), s.meta))
        flow += _labelled("Concern", case.concern, s)
        flow += _labelled("Support plan", case.support_plan, s)
        flow += _labelled("Toxicity concern", case.toxicity_concern, s)
        flow += _labelled("Decision and reason", case.decision_reason, s)
        flow.append(Paragraph(f"Chances ({len(case.chances)})", s.label))
        if not case.chances:
            flow.append(_empty("No chances have been given yet.", s))
        for number, chance in enumerate(case.chances, start=1):
            result = chance.result.label
            if chance.result is ChanceResult.NOT_MET:
                result = f'<font color="#{WARN.hexval()[2:]}">{result}</font>'
            flow.append(_meta([f"<b>Chance {number}</b>", f"given {day(chance.given_on)}",
                               f"<b>{result}</b>"], s))
            if chance.opinion:
                flow.append(line(opinion_label(voices.lead), s.meta))
            flow += _labelled("Expectation", chance.expectation, s)
            flow += _labelled("Support", chance.support, s)
            flow += _labelled("Outcome", chance.outcome, s)
    return flow


# -- signatures -----------------------------------------------------------------------------------
def _signatures(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    heading = _heading("Signatures", s)
    intro = Paragraph("We went through this packet together in the review conversation.", s.body)
    column = (FRAME_WIDTH - 12 * mm) / 2

    def block(name: str, role: str) -> list[Flowable]:
        return [
            Spacer(1, 16 * mm),
            HRFlowable(width="100%", thickness=0.7, color=INK, spaceAfter=3),
            line([Said(name, bold=True), f", {role}"], s.cell),
            Spacer(1, 12 * mm),
            HRFlowable(width="55%", thickness=0.7, color=INK, spaceAfter=3, hAlign="LEFT"),
            Paragraph("Date", s.small),
        ]

    table = Table(
        [[block(short(voices.full_mentee, SIGNATURE_NAME_LIMIT), "mentee"), "",
          block(short(voices.full_lead, SIGNATURE_NAME_LIMIT), "lead")]],
        colWidths=[column, 12 * mm, column],
        hAlign="LEFT",
    )
    table.setStyle(_table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ))
    return [KeepTogether(heading + [intro, table])]
