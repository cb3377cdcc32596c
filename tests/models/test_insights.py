"""Insights: cadence, voice share, recognition gaps, undiscussed concerns, notes per month."""

from __future__ import annotations

import datetime as dt

from mentorapp.models import insights
from mentorapp.models.insights import Badge, CheckInState
from mentorapp.models.readmodels import EntryView, MenteeView, RosterRow
from mentorapp.models.vocabulary import Direction, EntryKind, Setting

TODAY = dt.date(2026, 6, 30)


def entry(day: str, *, direction: Direction = Direction.TO_MENTEE, kind: EntryKind = EntryKind.FEEDBACK,
          discussed: dt.date | None = None, ident: int = 1) -> EntryView:
    at = dt.datetime.fromisoformat(day)
    return EntryView(ident, 1, at, kind, direction, Setting.ONE_ON_ONE, "x", None, None, discussed)


def test_check_in_is_ok_then_due_then_overdue_against_the_cadence() -> None:
    last = dt.date(2026, 6, 1)
    states = {
        days: insights.check_in(last_touch=last, cadence_days=14, today=last + dt.timedelta(days=days)).state
        for days in (13, 14, 21, 22)
    }
    assert states == {13: CheckInState.OK, 14: CheckInState.DUE, 21: CheckInState.DUE, 22: CheckInState.OVERDUE}
    status = insights.check_in(last_touch=last, cadence_days=14, today=TODAY)
    assert (status.days_since, status.due_on) == (29, dt.date(2026, 6, 15))


def test_check_in_without_any_touchpoint_counts_from_the_start_date() -> None:
    status = insights.check_in(last_touch=None, cadence_days=7, today=TODAY, started_on=dt.date(2026, 6, 28))
    assert (status.state, status.days_since) == (CheckInState.OK, None)
    late = insights.check_in(last_touch=None, cadence_days=7, today=TODAY, started_on=dt.date(2026, 1, 1))
    assert late.state is CheckInState.OVERDUE


def test_private_notes_are_not_touchpoints() -> None:
    entries = [entry("2026-06-01"), entry("2026-06-20", direction=Direction.PRIVATE)]
    assert insights.last_touchpoint(entries) == dt.datetime(2026, 6, 1)


def test_voice_share_counts_the_mentee_among_two_way_entries_only() -> None:
    entries = [
        entry("2026-06-01", direction=Direction.FROM_MENTEE),
        entry("2026-06-02"),
        entry("2026-06-03"),
        entry("2026-06-04", direction=Direction.FROM_MENTEE),
        entry("2026-06-05", direction=Direction.PRIVATE),
    ]
    share = insights.voice_share(entries)
    assert (share.from_mentee, share.to_mentee, share.share) == (2, 2, 0.5)
    assert insights.voice_share([entry("2026-06-05", direction=Direction.PRIVATE)]).share is None


def test_days_since_recognition_and_the_sixty_day_gap() -> None:
    assert insights.days_since(dt.date(2026, 6, 1), today=TODAY) == 29
    assert insights.days_since(None, today=TODAY) is None
    assert not insights.recognition_overdue(dt.date(2026, 5, 1), today=TODAY)
    assert insights.recognition_overdue(dt.date(2026, 4, 1), today=TODAY)
    assert insights.recognition_overdue(None, today=TODAY)
    assert not insights.recognition_overdue(None, today=TODAY, started_on=dt.date(2026, 6, 1))
    assert not insights.recognition_overdue(dt.date(2026, 4, 1), today=TODAY, gap_days=120)


def test_undiscussed_concerns_are_the_private_ones_never_raised() -> None:
    raised = entry("2026-06-01", kind=EntryKind.CONCERN, discussed=dt.date(2026, 6, 1), ident=1)
    hidden = entry("2026-06-02", kind=EntryKind.CONCERN, direction=Direction.PRIVATE, ident=2)
    other = entry("2026-06-03", kind=EntryKind.THOUGHT, direction=Direction.PRIVATE, ident=3)
    assert insights.undiscussed_concerns([other, hidden, raised]) == [hidden]


def test_notes_per_month_includes_empty_months_across_a_year_end() -> None:
    entries = [entry("2025-11-03"), entry("2025-11-28"), entry("2026-02-01"), entry("2026-03-01")]
    months = insights.notes_per_month(entries, start=dt.date(2025, 11, 15), end=dt.date(2026, 2, 10))
    assert [(m.label, m.count) for m in months] == [
        ("Nov 2025", 1), ("Dec 2025", 0), ("Jan 2026", 0), ("Feb 2026", 1),
    ]


def test_recency_balance_flags_a_record_crowded_into_the_last_weeks() -> None:
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    crowded = [entry("2026-01-10")] + [entry(f"2026-12-{d:02d}") for d in range(1, 20)]
    spread = [entry(f"2026-{m:02d}-10") for m in range(1, 13)]
    assert insights.recency_balance(crowded, start=start, end=end).crowded_at_end
    balance = insights.recency_balance(spread, start=start, end=end)
    assert not balance.crowded_at_end and balance.empty_months == 0 and balance.months == 12


def test_longest_gap_between_touchpoints() -> None:
    entries = [entry("2026-01-01"), entry("2026-01-10"), entry("2026-03-01", direction=Direction.PRIVATE),
               entry("2026-03-20")]
    gap = insights.longest_gap(entries)
    assert (gap.start, gap.end, gap.days) == (dt.date(2026, 1, 10), dt.date(2026, 3, 20), 69)
    assert insights.longest_gap([entry("2026-01-01")]) is None


def test_health_badges_from_the_roster_aggregates() -> None:
    mentee = MenteeView(1, "Ana", "", dt.date(2025, 1, 1), 14, "", False)
    row = RosterRow(mentee, 10, dt.datetime(2026, 5, 1), dt.date(2026, 1, 1), 2, 5, dt.date(2026, 7, 1))
    health = insights.health(row, today=TODAY)
    assert health.badges == (Badge.OVERDUE, Badge.WATCHLIST, Badge.UNRECOGNISED, Badge.UNDISCUSSED)
    calm = RosterRow(mentee, 10, dt.datetime(2026, 6, 25), dt.date(2026, 6, 1), 0, None, None)
    assert insights.health(calm, today=TODAY).badges == ()
