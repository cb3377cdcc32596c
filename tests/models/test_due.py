"""What is due today: the report behind the reminder, the tray's count and `mentorapp due`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mentorapp.models.clock import FixedClock
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.services.due import next_reminder
from mentorapp.models.services.journal import parse_time_of_day
from tests.test_cli import run

MONDAY = dt.date(2026, 11, 30)


def test_overdue_check_ins_goals_and_reviews_are_counted_and_named_only_on_request(
        services: Services, clock: FixedClock) -> None:
    clock.set(dt.datetime.combine(MONDAY, dt.time(9, 0)))
    ada = services.mentees.add(name="Ada Quiet", cadence_days=7, started_on=MONDAY - dt.timedelta(days=60))
    services.mentees.add(name="Ben New", cadence_days=14, started_on=MONDAY)
    services.goals.add(mentee_id=ada.id, outcome="Ship the parser rewrite", check_in_on=MONDAY)
    services.goals.add(mentee_id=ada.id, outcome="Later goal", check_in_on=MONDAY + dt.timedelta(days=3))
    report = services.due.report()
    assert report.check_ins_overdue == ("Ada Quiet",)
    assert report.check_ins_due == ()
    assert report.goals == ("Ada Quiet",)
    counts = report.lines()
    assert counts == ["Check-ins overdue: 1", "Goals to check in on: 1"]
    assert "Ada" not in " ".join(counts) and "parser" not in " ".join(counts)
    assert report.lines(names=True) == ["Check-ins overdue: 1 (Ada Quiet)", "Goals to check in on: 1 (Ada Quiet)"]
    clock.advance(dt.timedelta(days=3))
    assert services.due.report().goals == ("Ada Quiet", "Ada Quiet")


def test_nothing_due_says_so(services: Services) -> None:
    assert services.due.report().lines() == ["Nothing is due today."]


def test_the_demo_teams_check_ins_match_what_today_lists(demo_services: Services) -> None:
    from mentorapp.views.shell.today import build_today

    report = demo_services.due.report()
    groups = {g.title: g for g in build_today(demo_services, today=demo_services.clock.today(),
                                              recognition_gap_days=60)}
    listed = groups.get("Check-ins due")
    assert report.check_ins == (len(listed.items) if listed else 0)
    reviews = groups.get("Watchlist reviews due")
    assert len(report.watchlist_reviews) == (len(reviews.items) if reviews else 0)


@pytest.mark.parametrize(("after", "expected"), [
    (dt.datetime(2026, 11, 30, 8, 59), dt.datetime(2026, 11, 30, 9, 0)),   # Monday, before the time
    (dt.datetime(2026, 11, 30, 9, 0), dt.datetime(2026, 12, 1, 9, 0)),     # at it: the next workday's
    (dt.datetime(2026, 12, 4, 17, 0), dt.datetime(2026, 12, 7, 9, 0)),     # Friday evening: Monday
    (dt.datetime(2026, 12, 5, 8, 0), dt.datetime(2026, 12, 7, 9, 0)),      # Saturday: Monday
])
def test_the_next_reminder_comes_on_workdays_at_the_chosen_time(after: dt.datetime, expected: dt.datetime) -> None:
    assert next_reminder(after, at=dt.time(9, 0), days=frozenset(range(5))) == expected


def test_reminder_preferences_are_kept_in_the_journal(services: Services) -> None:
    before = services.journal.preferences()
    assert (before.reminders, before.reminder_time, before.reminder_names, before.keep_running) == (
        True, dt.time(9, 0), False, False)
    after = services.journal.set_preferences(reminders=False, reminder_time=dt.time(7, 45), reminder_names=True,
                                             keep_running=True)
    assert (after.reminders, after.reminder_time, after.reminder_names, after.keep_running) == (
        False, dt.time(7, 45), True, True)
    with pytest.raises(MentorAppError, match="not a time of day"):
        parse_time_of_day("25:00")


def test_mentorapp_due_prints_counts_or_names_for_scripts(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    # Started long ago with no talk since: overdue on any day the suite runs.
    assert run("mentee", "add", "Old Timer", "--cadence", "7", "--started", "2001-01-01", db=db).returncode == 0
    assert run("mentee", "add", "Fresh Face", db=db).returncode == 0
    assert run("note", "old", "A private worry about the move", "--kind", "concern", "--private", db=db).returncode == 0
    counts = run("due", db=db)
    assert counts.returncode == 0, counts.stderr
    assert "Old Timer" not in counts.stdout and "worry" not in counts.stdout
    named = run("due", "--names", db=db)
    assert named.returncode == 0, named.stderr
    assert "worry" not in named.stdout
    # A note is a touchpoint only when it was two-way; a private concern is not, so the check-in stays overdue.
    assert "Check-ins overdue: 1" in counts.stdout.splitlines()
    assert "Check-ins overdue: 1 (Old Timer)" in named.stdout.splitlines()
    assert "Fresh Face" not in named.stdout


def test_mentorapp_preferences_sets_the_reminder(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert run("mentee", "add", "Someone", db=db).returncode == 0
    shown = run("preferences", "--reminder-time", "7:30", "--reminder-names", "on", "--keep-running", "on", db=db)
    assert shown.returncode == 0, shown.stderr
    assert "workdays at 07:30" in shown.stdout and "shown" in shown.stdout
    bad = run("preferences", "--reminder-time", "half past", db=db)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "not a time of day" in bad.stderr


def test_reminder_days_follow_the_locale_until_chosen_and_none_is_refused(services: Services) -> None:
    from mentorapp import i18n

    assert services.journal.preferences().reminder_days == frozenset(range(5))
    with i18n.speaking("fr_DZ"):  # Algeria: the weekend is Friday and Saturday
        assert services.journal.preferences().reminder_days == frozenset({6, 0, 1, 2, 3})
    with pytest.raises(MentorAppError, match="^Choose at least one day for the reminder"):
        services.journal.set_preferences(reminder_days=frozenset(), reminder_time=dt.time(6, 0))
    assert services.journal.preferences().reminder_time == dt.time(9, 0)  # nothing half-written
    services.journal.set_preferences(reminder_days=frozenset({5, 6}))
    with i18n.speaking("fr_DZ"):
        assert services.journal.preferences().reminder_days == frozenset({5, 6})
    services.journal.set_preferences(reminder_days=None)
    assert services.journal.preferences().reminder_days == frozenset(range(5))


def test_mentorapp_preferences_sets_the_reminder_days(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert run("mentee", "add", "Someone", db=db).returncode == 0
    weekend = run("preferences", "--reminder-days", "sat,sun", db=db)
    assert weekend.returncode == 0, weekend.stderr
    assert "Sat, Sun at 09:00" in weekend.stdout
    german = run("--language", "de", "preferences", "--reminder-days", "Mo-Mi", db=db)
    assert german.returncode == 0, german.stderr
    assert "Mo, Di, Mi um 09:00" in german.stdout
    none = run("preferences", "--reminder-days", "", db=db)
    assert none.returncode == 2 and none.stderr.count("\n") == 1 and "at least one day" in none.stderr
    odd = run("preferences", "--reminder-days", "mon,funday", db=db)
    assert odd.returncode == 2 and odd.stderr.count("\n") == 1 and "“funday” is not a day of the week" in odd.stderr
    back = run("preferences", "--reminder-days", "workdays", db=db)
    assert back.returncode == 0 and "workdays at 09:00" in back.stdout
