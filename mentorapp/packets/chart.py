"""The notes-over-time chart: is the record spread over the period, or crowded into its last weeks?

Months are grouped into quarters, then years, when there are too many to label
legibly; bars in the last quarter of the period are drawn in a second colour so a
record written in the final weeks shows at a glance.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from mentorapp.i18n import N_, _, speech
from mentorapp.models.insights import MonthCount

MAX_MONTH_BARS = 24
MAX_QUARTER_BARS = 24

# The chart's title per kind of bar (translated where it is drawn).
TITLES = {"month": N_("Notes per month"), "quarter": N_("Notes per quarter"), "year": N_("Notes per year")}


def month_label(first_day: dt.date) -> str:
    """A month's short name as the language writes it on its own: Jan, Mär, janv., ene."""
    from babel.dates import format_date

    return format_date(first_day, "LLL", locale=speech().locale)


def quarter_label(quarter: int) -> str:
    # Translators: a quarter of the year under a bar of the chart: Q1 … Q4 (T1 in French and Spanish).
    return _("Q{quarter}").format(quarter=quarter)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    first_day: dt.date


@dataclass(frozen=True, slots=True)
class Buckets:
    """The bars of the chart and what each stands for ("month", "quarter" or "year")."""

    unit: str
    bars: tuple[Bar, ...]


def buckets(months: Sequence[MonthCount]) -> Buckets:
    """Group month counts into as few kinds of bars as keep the chart legible."""
    if len(months) <= MAX_MONTH_BARS:
        bars = []
        for i, m in enumerate(months):
            label = month_label(m.first_day)
            if i == 0 or m.month == 1:
                label += f"\n{m.year}"
            bars.append(Bar(label, m.count, m.first_day))
        return Buckets("month", tuple(bars))
    quarters: dict[tuple[int, int], int] = {}
    for m in months:
        key = (m.year, (m.month - 1) // 3 + 1)
        quarters[key] = quarters.get(key, 0) + m.count
    if len(quarters) <= MAX_QUARTER_BARS:
        return Buckets(
            "quarter",
            tuple(
                Bar(quarter_label(q) + (f"\n{y}" if i == 0 or q == 1 else ""), count, dt.date(y, 3 * q - 2, 1))
                for i, ((y, q), count) in enumerate(quarters.items())
            ),
        )
    years: dict[int, int] = {}
    for m in months:
        years[m.year] = years.get(m.year, 0) + m.count
    every = max(1, math.ceil(len(years) / 30))
    return Buckets(
        "year",
        tuple(
            Bar(str(y) if i % every == 0 else "", count, dt.date(y, 1, 1))
            for i, (y, count) in enumerate(years.items())
        ),
    )


def _nice_step(top: int) -> int:
    """A tick step giving at most about five labelled ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 5:
            return step
    return 10 ** len(str(top))


def notes_chart(
    months: Sequence[MonthCount],
    *,
    width: float,
    late_from: dt.date | None,
    font: str,
    bold_font: str,
    ink: colors.Color,
    muted: colors.Color,
    bar_colour: colors.Color,
    late_colour: colors.Color,
) -> Drawing:
    """A bar chart of notes per month (or quarter, or year) as a ReportLab drawing.

    Bars that lie mostly in the last quarter of the period (from `late_from`) take
    `late_colour`.
    """
    grouped = buckets(months)
    height = 150.0
    drawing = Drawing(width, height)
    # The renderer starts from these; ReportLab's default would pull in an unembedded Helvetica.
    drawing.initialFontName = font
    drawing.initialFontSize = 7
    chart = VerticalBarChart()
    chart.x, chart.y = 32, 34
    chart.width, chart.height = width - 40, height - 50
    counts = [bar.count for bar in grouped.bars] or [0]
    chart.data = [counts]
    top = max(counts)
    step = _nice_step(max(top, 1))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(step, math.ceil(max(top, 1) / step) * step)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = muted
    chart.valueAxis.strokeColor = muted
    chart.valueAxis.strokeWidth = 0.5
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.88, 0.9, 0.93)
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.labelTextFormat = "%d"
    chart.categoryAxis.categoryNames = [bar.label for bar in grouped.bars] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7 if len(grouped.bars) <= 16 else 6
    chart.categoryAxis.labels.fillColor = ink
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.labels.leading = 8
    chart.categoryAxis.strokeColor = muted
    chart.categoryAxis.strokeWidth = 0.5
    chart.categoryAxis.tickDown = 2
    chart.barWidth = 6
    chart.groupSpacing = 4 if len(grouped.bars) > 12 else 8
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = bar_colour
    if late_from is not None:
        for i, bar in enumerate(grouped.bars):
            if _midpoint(grouped, i) >= late_from and bar.count:
                chart.bars[(0, i)].fillColor = late_colour
    drawing.add(chart)
    drawing.add(String(0, height - 8, _(TITLES[grouped.unit]), fontName=bold_font, fontSize=8, fillColor=ink))
    if late_from is not None:
        legend_x = width - 150
        drawing.add(Line(legend_x, height - 5, legend_x + 10, height - 5, strokeColor=late_colour, strokeWidth=6))
        drawing.add(String(legend_x + 14, height - 8, _("last quarter of the period"), fontName=font, fontSize=7,
                           fillColor=muted))
    return drawing


def _midpoint(grouped: Buckets, index: int) -> dt.date:
    bars = grouped.bars
    start = bars[index].first_day
    if index + 1 < len(bars):
        end = bars[index + 1].first_day
    else:
        end = _next_start(start, grouped.unit)
    return start + (end - start) / 2


def _next_start(start: dt.date, unit: str) -> dt.date:
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
