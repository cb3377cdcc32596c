"""The layout of a review packet: PacketData in, ReportLab flowables out (no database here).

Sections, in order: cover, summary, notes over the period (chart), goals, feedback
threads, concerns, no surprises, recognition, asks advocated for, watchlist and
signatures. Every section is always present; an empty one says so in a sentence.
All user text goes through packets.text, so it is printed literally.
"""

from __future__ import annotations

import datetime as dt
import re
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

from mentorapp.i18n import _, day_text, ngettext, number_text, pgettext
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

# The section headings, in order, in English (section_title gives them in the packet's language).
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


def section_titles() -> dict[str, str]:
    """Each section's heading (by its English one) in the language spoken now."""
    return {
        "Summary": pgettext("packet section", "Summary"),
        "Notes over the period": pgettext("packet section", "Notes over the period"),
        "Goals": pgettext("packet section", "Goals"),
        "Feedback threads": pgettext("packet section", "Feedback threads"),
        "Concerns": pgettext("packet section", "Concerns"),
        "No surprises": pgettext("packet section", "No surprises"),
        "Recognition": pgettext("packet section", "Recognition"),
        "Asks advocated for": pgettext("packet section", "Asks advocated for"),
        "Watchlist": pgettext("packet section", "Watchlist"),
        "Signatures": pgettext("packet section", "Signatures"),
    }


def section_title(english: str) -> str:
    return section_titles()[english]


_SEP = "  ·  "
_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def day(value: dt.date | dt.datetime) -> str:
    """A date as a lead reads it on paper, in the language the packet is written in: 3 Mar 2026, 03.03.2026."""
    return day_text(value.date() if isinstance(value, dt.datetime) else value)


def period_text(start: dt.date, end: dt.date) -> str:
    return f"{day(start)} – {day(end)}"


def days_text(count: int) -> str:
    return ngettext("{n} day", "{n} days", count).format(n=number_text(count))


def sentence(template: str, **values: str | Said) -> list[str | Said]:
    """A translated sentence as the parts `line` takes: the packet's words, and user text where its
    placeholders are (in whatever order the translation puts them)."""
    parts: list[str | Said] = []
    position = 0
    for match in _FIELD.finditer(template):
        if match.start() > position:
            parts.append(template[position:match.start()])
        parts.append(values[match.group(1)])
        position = match.end()
    if position < len(template):
        parts.append(template[position:])
    return parts


def packet_title(data: PacketData) -> str:
    return _("Review packet — {name}").format(name=one_line(data.mentee.name))


def packet_info(data: PacketData) -> PacketInfo:
    return PacketInfo(
        key=new_key(),
        mentee_name=data.mentee.name,
        period=period_text(data.start, data.end),
        made=_("Made {day}").format(day=day(data.made_on)),
        kind=pgettext("packet", "Review packet"),
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
        self.full_mentee = one_line(data.mentee.name) or pgettext("packet", "Mentee")
        self.full_lead = one_line(data.lead_name) or pgettext("packet", "Lead")
        self.mentee = short(self.full_mentee)
        self.lead = short(self.full_lead)

    def of(self, direction: Direction) -> tuple[str, str, str]:
        """(name, role, colour) of whoever spoke."""
        if direction is Direction.FROM_MENTEE:
            return self.mentee, _mentee_role(), MENTEE_VOICE.hexval()[2:]
        if direction is Direction.TO_MENTEE:
            return self.lead, _lead_role(), LEAD_VOICE.hexval()[2:]
        return pgettext("packet", "Private note"), pgettext("packet", "not shared"), PRIVATE_VOICE.hexval()[2:]


def _mentee_role() -> str:
    # Translators: the role after a name, "Ana Diaz (mentee)", and on the signature line "Ana Diaz, mentee".
    return pgettext("role", "mentee")


def _lead_role() -> str:
    # Translators: the role after a name, "Sam Rivera (lead)", and on the signature line "Sam Rivera, lead".
    return pgettext("role", "lead")


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
        return [Run("● ", color=ink), Run(name, bold=True, color=ink)]
    return [Run("● ", color=ink), Run(name, bold=True, color=ink), Run(f" ({role})")]


def _opinion_template() -> str:
    # Translators: beside a record the lead marked as their impression rather than a fact; {lead} is their name.
    return _("Opinion of {lead}")


def opinion_label(lead: str) -> list[str | Said]:
    """The label beside a record the lead marked as their impression rather than a fact."""
    colour = ACCENT.hexval()[2:]
    parts = sentence(_opinion_template(), lead=Said(lead or pgettext("packet", "the lead"), bold=True))
    return [f'<font color="#{colour}"><b>', *parts, "</b></font>"]


def opinion_runs(lead: str) -> list[Run]:
    """The same label as runs, for the line over an entry."""
    parts = sentence(_opinion_template(), lead=Said(lead or pgettext("packet", "the lead")))
    return [Run(part.text if isinstance(part, Said) else part, bold=True, color=ACCENT) for part in parts]


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
    lead = one_line(data.lead_name) or pgettext("packet", "the lead")
    rows = [
        (pgettext("packet", "Period"),
         Paragraph(f"{period_text(data.start, data.end)} ({days_text(data.days)})", s.cell)),
        (pgettext("packet", "Lead"),
         user_text(data.lead_name, s.cell) if data.lead_name.strip() else Paragraph("—", s.cell)),
        (pgettext("packet", "Made on"), Paragraph(day(data.made_on), s.cell)),
    ]
    if mentee.started_on is not None:
        rows.insert(1, (pgettext("packet", "In the team since"), Paragraph(day(mentee.started_on), s.cell)))
    if mentee.held_on is not None:
        rows.append((pgettext("packet", "On hold"), line(sentence(
            _("since {day}: {reason}. Nothing already written about them may be changed or deleted."),
            day=day(mentee.held_on), reason=Said(mentee.hold_reason)), s.cell)))
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
        [[Paragraph('<font color="{colour}"><b>{word}</b></font>'.format(
            colour=CONFIDENTIAL.hexval().replace("0x", "#"), word=pgettext("packet", "CONFIDENTIAL")), s.confidential)],
         [line(sentence(
             _("Prepared by {lead} for a review conversation with {mentee}. It holds personal notes: keep it "
               "private, and shred the printed copy when it is no longer needed."),
             lead=Said(short(lead, SIGNATURE_NAME_LIMIT)), mentee=Said(short(mentee.name, SIGNATURE_NAME_LIMIT))),
             s.confidential)]],
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
        # Translators: {sections} is the list of the packet's section headings, separated by dots.
        _("In this packet: {sections}, and signatures.").format(
            sections=_SEP.join(section_title(section) for section in SECTIONS[:-1])),
        s.small,
    )
    flow: list[Flowable] = [
        Spacer(1, 28 * mm),
        # Translators: the cover's kicker above the mentee's name, in capitals.
        Paragraph(_("REVIEW PACKET"), s.kicker),
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


def _percent(share: float) -> str:
    return number_text(round(share * 100))


# -- summary --------------------------------------------------------------------------------------
def _summary(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading(section_title("Summary"), s)
    if not data.entries:
        flow.append(line(sentence(_("There are no entries for {name} between {start} and {end}."),
                                  name=Said(voices.mentee), start=day(data.start), end=day(data.end)), s.warning))
    voice = data.voice
    share = (_("{percent}% of the two-way entries").format(percent=_percent(voice.share))
             if voice.share is not None else _("no two-way entries"))
    by_status = data.goals_by_status
    goals = (", ".join(f"{number_text(n)} {status.label.lower()}" for status, n in by_status.items())
             or pgettext("packet", "none"))
    gap = data.longest_gap
    gap_text = (_("{days}, {start} to {end}").format(days=days_text(gap.days), start=day(gap.start),
                                                     end=day(gap.end)) if gap is not None
                else _("fewer than two touchpoints, so no gap to measure"))
    concerns = len(data.concerns)
    undiscussed = len(data.undiscussed)
    concerns_text = number_text(concerns)
    if undiscussed:
        concerns_text = ngettext("{total} ({n} never discussed)", "{total} ({n} never discussed)",
                                 undiscussed).format(total=concerns_text, n=number_text(undiscussed))
    rows = [
        (pgettext("packet", "Touchpoints"), ngettext("{n} two-way entry over {days}", "{n} two-way entries over {days}",
                                    data.touchpoints).format(n=number_text(data.touchpoints),
                                                             days=days_text(data.days))),
        (_("Entries each way"), _("{to_mentee} lead → mentee, {from_mentee} mentee → lead, {private}").format(
            to_mentee=number_text(voice.to_mentee), from_mentee=number_text(voice.from_mentee),
            private=ngettext("{n} private note", "{n} private notes", data.private_notes).format(
                n=number_text(data.private_notes)))),
        (_("Mentee's voice"), share),
        (pgettext("packet", "Recognitions"), number_text(len(data.recognitions))),
        (section_title("Goals"), goals),
        (section_title("Concerns"), concerns_text),
        (_("Longest gap between touchpoints"), gap_text),
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
            # Translators: {section} is the heading "No surprises", printed in bold.
            ngettext("{n} concern in this period was never discussed: see <b>{section}</b>.",
                     "{n} concerns in this period were never discussed: see <b>{section}</b>.",
                     undiscussed).format(n=number_text(undiscussed), section=section_title("No surprises")), s.warning))
    return flow


# -- chart ----------------------------------------------------------------------------------------
def _chart(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading(section_title("Notes over the period"), s)
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
        flow.append(_empty(_("No notes were written in this period, so there is no balance to show."), s))
    else:
        percent = _percent(recency.last_quarter_share)
        # (a month without notes is only counted when there are notes, so in a period of two months or more)
        empty = (ngettext("{empty} of {months} months has no notes.", "{empty} of {months} months have no notes.",
                          recency.empty_months).format(empty=number_text(recency.empty_months),
                                                       months=number_text(recency.months))
                 if recency.empty_months else _("Every month has notes."))
        if recency.crowded_at_end:
            said = _("{percent}% of the notes fall in the last quarter of the period (from {day}): the record is "
                     "crowded into the last weeks, so earlier months may weigh too little in the review.").format(
                         percent=percent, day=day(late_from))
            style = s.warning
        else:
            said = _("The record is spread over the period: {percent}% of the notes fall in its last quarter "
                     "(from {day}).").format(percent=percent, day=day(late_from))
            style = s.note
        flow.append(line([f"{said} {empty}", *_balance_scope(data, voices)], style))
    return flow


def _balance_scope(data: PacketData, voices: _Voices) -> list[str | Said]:
    """Says when the balance was judged on less than the whole period, and why."""
    later_start = data.balance_start > data.start
    earlier_end = data.balance_end < data.end
    if later_start and earlier_end:
        template = _("Counted from {start}, when {name} joined, up to {end}, the day this packet was made.")
    elif later_start:
        template = _("Counted from {start}, when {name} joined.")
    elif earlier_end:
        template = _("Counted up to {end}, the day this packet was made.")
    else:
        return []
    return [" ", *sentence(template, start=day(data.balance_start), end=day(data.balance_end),
                           name=Said(voices.mentee))]


# -- goals ----------------------------------------------------------------------------------------
def _goals(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading(section_title("Goals"), s)
    if not data.goals:
        flow.append(_empty(_("No goals were set or worked on in this period."), s))
        return flow
    for record in data.goals:
        goal = record.goal
        flow.append(user_text(goal.outcome, s.subheading))
        meta = [f"<b>{goal.status.label}</b>", _("set {day}").format(day=day(goal.set_on))]
        if goal.check_in_on is not None and goal.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED):
            meta.append(_("check in {day}").format(day=day(goal.check_in_on)))
        flow.append(_meta(meta, s))
        flow += _labelled(pgettext("packet", "Success looks like"), goal.success_criteria, s)
        flow += _labelled(_("Room to decide (latitude)"), goal.latitude, s)
        flow.append(Paragraph(_("Progress in this period"), s.label))
        if record.progress:
            for entry in record.progress:
                flow += _entry(entry, s, voices)
        else:
            flow.append(_empty(_("No progress notes in this period."), s))
    return flow


# -- threads --------------------------------------------------------------------------------------
def _dot(colour: Color) -> str:
    return f'<font color="#{colour.hexval()[2:]}">●</font>'


def _threads(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading(section_title("Feedback threads"), s)
    flow.append(Paragraph(
        # Translators: each {…} is a coloured dot, the key to the dots beside every entry.
        _("Both voices are marked: {lead} the lead, {mentee} the mentee, {private} a private note.").format(
            lead=_dot(LEAD_VOICE), mentee=_dot(MENTEE_VOICE), private=_dot(PRIVATE_VOICE)), s.note))
    if not data.threads:
        flow.append(_empty(_("No feedback threads in this period."), s))
    for record in data.threads:
        thread = record.thread
        flow.append(user_text(thread.topic, s.subheading))
        opener = Said(voices.mentee) if thread.opened_by is Side.MENTEE else Said(voices.lead)
        meta: list[str | Said] = [*sentence(_("Opened by {name} on {day}"), name=opener, day=day(thread.opened_on)),
                                  _SEP]
        if thread.status is ThreadStatus.RESOLVED and thread.resolved_on is not None:
            meta.append(_("resolved {day}").format(day=day(thread.resolved_on)))
        else:
            meta.append(thread.status.label.lower())
        if thread.is_upward:
            meta += [_SEP, _("acted on {day}").format(day=day(thread.acted_on)) if thread.acted_on
                     else _("not yet acted on")]
        flow.append(line(meta, s.meta))
        if thread.is_upward and thread.acted_on and thread.acted_on_note.strip():
            flow += _labelled(pgettext("packet", "What the lead changed"), thread.acted_on_note, s)
        if record.entries:
            for entry in record.entries:
                flow += _entry(entry, s, voices)
        else:
            flow.append(_empty(_("Nothing was added to this thread in this period."), s))
    flow.append(Paragraph(_("Other feedback, both ways"), s.subheading))
    if not data.other_feedback:
        flow.append(_empty(_("No other two-way notes in this period."), s))
    for entry in data.other_feedback:
        flow += _entry(entry, s, voices)
    return flow


# -- concerns -------------------------------------------------------------------------------------
def _concerns(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading(section_title("Concerns"), s)
    if not data.concerns:
        flow.append(_empty(_("No concerns were recorded in this period."), s))
        return flow
    for entry in data.concerns:
        if entry.discussed_on is not None:
            status = Run(_("discussed with the mentee {day}").format(day=day(entry.discussed_on)))
        else:
            status = Run(_("never discussed with the mentee"), bold=True, color=WARN)
        flow += _entry(entry, s, voices, extra=[status])
    return flow


def _no_surprises(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading(section_title("No surprises"), s)
    name = Said(voices.mentee)
    if not data.concerns:
        flow.append(line(sentence(_("No concerns were recorded in this period, so there is nothing to raise with "
                                    "{name} before the review."), name=name), s.body))
        return flow
    if not data.undiscussed:
        flow.append(line(sentence(_("Every concern in this period has been discussed with {name}. Nothing in this "
                                    "packet should come as a surprise."), name=name), s.body))
        return flow
    count = len(data.undiscussed)
    flow.append(line(sentence(ngettext(
        "{n} concern in this period was never discussed with {name}. Raise it before the review, so that nothing "
        "in it comes as a surprise.",
        "{n} concerns in this period were never discussed with {name}. Raise them before the review, so that "
        "nothing in it comes as a surprise.", count), n=number_text(count), name=name), s.warning))
    for entry in data.undiscussed:
        flow += _entry(entry, s, voices)
    return flow


# -- recognition ----------------------------------------------------------------------------------
def _recognitions(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading(section_title("Recognition"), s)
    if data.mentee.thanks_preference.strip():
        flow.append(line(sentence(_("How {name} likes to be thanked: {preference}"), name=Said(voices.mentee),
                                  preference=Said(data.mentee.thanks_preference)), s.note))
    if not data.recognitions:
        flow.append(_empty(_("No recognition was logged in this period."), s))
        return flow
    for recognition in data.recognitions:
        flow.append(_meta([day(recognition.given_on), f"<b>{recognition.kind.label}</b>"], s))
        flow.append(user_text(recognition.what_for, s.quote))
    return flow


# -- asks -----------------------------------------------------------------------------------------
def _asks(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading(section_title("Asks advocated for"), s)
    if not data.asks:
        flow.append(_empty(_("No asks were advocated for in this period."), s))
        return flow
    for ask in data.asks:
        flow.append(user_text(ask.what, s.subheading))
        meta = [_("raised {day}").format(day=day(ask.raised_on))]
        if ask.status is AskStatus.OPEN:
            meta.append("<b>{}</b>".format(_("still open")))
        else:
            settled = f" {day(ask.resolved_on)}" if ask.resolved_on else ""
            meta.append(f"<b>{ask.status.label.lower()}</b>{settled}")
        flow.append(_meta(meta, s))
        if ask.details.strip():
            flow.append(user_text(ask.details, s.quote))
    return flow


# -- watchlist ------------------------------------------------------------------------------------
def _watchlist(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    flow = _heading(section_title("Watchlist"), s)
    if not data.watch_cases:
        flow.append(line(sentence(_("{name} was not on the watchlist in this period."), name=Said(voices.mentee)),
                         s.empty))
        return flow
    for case in data.watch_cases:
        meta = [_("opened {day}").format(day=day(case.opened_on))]
        if case.status is CaseStatus.OPEN:
            meta.append("<b>{}</b>".format(pgettext("watchlist case", "open")))
            if case.next_review_on is not None:
                meta.append(_("next review {day}").format(day=day(case.next_review_on)))
        else:
            outcome = case.outcome.label if case.outcome else pgettext("watchlist case", "closed")
            closed = (_("closed {day}").format(day=day(case.closed_on)) if case.closed_on
                      else pgettext("watchlist case", "closed"))
            meta.append(f"<b>{closed}</b>: {outcome}")
        flow.append(Paragraph(pgettext("watchlist", "Case"), s.subheading))
        flow.append(_meta(meta, s))
        if case.opinion:
            flow.append(line(opinion_label(voices.lead), s.meta))
        flow += _labelled(pgettext("watchlist case", "Concern"), case.concern, s)
        flow += _labelled(pgettext("packet", "Support plan"), case.support_plan, s)
        flow += _labelled(pgettext("packet", "Toxicity concern"), case.toxicity_concern, s)
        flow += _labelled(pgettext("packet", "Decision and reason"), case.decision_reason, s)
        flow.append(Paragraph(_("Chances ({count})").format(count=number_text(len(case.chances))), s.label))
        if not case.chances:
            flow.append(_empty(_("No chances have been given yet."), s))
        for number, chance in enumerate(case.chances, start=1):
            result = chance.result.label
            if chance.result is ChanceResult.NOT_MET:
                result = f'<font color="#{WARN.hexval()[2:]}">{result}</font>'
            chance_title = _("Chance {number}").format(number=number_text(number))
            flow.append(_meta([f"<b>{chance_title}</b>",
                               _("given {day}").format(day=day(chance.given_on)), f"<b>{result}</b>"], s))
            if chance.opinion:
                flow.append(line(opinion_label(voices.lead), s.meta))
            flow += _labelled(pgettext("packet", "Expectation"), chance.expectation, s)
            flow += _labelled(pgettext("watchlist chance", "Support"), chance.support, s)
            flow += _labelled(pgettext("watchlist chance", "Outcome"), chance.outcome, s)
    return flow


# -- signatures -----------------------------------------------------------------------------------
def _signatures(data: PacketData, s: PacketStyles, voices: _Voices) -> list[Flowable]:
    heading = _heading(section_title("Signatures"), s)
    intro = Paragraph(_("We went through this packet together in the review conversation."), s.body)
    column = (FRAME_WIDTH - 12 * mm) / 2

    def block(name: str, role: str) -> list[Flowable]:
        return [
            Spacer(1, 16 * mm),
            HRFlowable(width="100%", thickness=0.7, color=INK, spaceAfter=3),
            line([Said(name, bold=True), f", {role}"], s.cell),
            Spacer(1, 12 * mm),
            HRFlowable(width="55%", thickness=0.7, color=INK, spaceAfter=3, hAlign="LEFT"),
            Paragraph(pgettext("signature", "Date"), s.small),
        ]

    table = Table(
        [[block(short(voices.full_mentee, SIGNATURE_NAME_LIMIT), _mentee_role()), "",
          block(short(voices.full_lead, SIGNATURE_NAME_LIMIT), _lead_role())]],
        colWidths=[column, 12 * mm, column],
        hAlign="LEFT",
    )
    table.setStyle(_table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ))
    return [KeepTogether(heading + [intro, table])]
