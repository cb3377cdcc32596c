"""The reminder as a lead sees it on a desktop without a tray: a notification from the session's service.

A private session bus and a notification service of the test's own (tests/support/notification_server.py)
stand in for the desktop's; the desk's tray sends to it exactly as it would to GNOME Shell or dunst.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator

import pytest

from mentorapp.models.clock import FixedClock
from mentorapp.models.services import Services
from mentorapp.views.shell.at_hand import keep_at_hand
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.shell.notifications import notify_over_session_bus
from tests.support import notification_server
from tests.support.notification_server import NotificationServer

MONDAY = dt.date(2026, 11, 30)


@pytest.fixture
def notifications(monkeypatch: pytest.MonkeyPatch) -> Iterator[NotificationServer]:
    """The session bus the desk sees is a private one, with a recording notification service on it."""
    server, why_not = notification_server.start()
    if server is None:
        if shutil.which("dbus-daemon") is not None or os.environ.get("CI") == "true":
            pytest.fail(why_not)  # dbus-daemon is there (.ci/run installs it): a skip would hide a gap
        pytest.skip(why_not)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", server.address)
    try:
        yield server
    finally:
        server.stop()


def note_texts(services: Services) -> list[str]:
    return [entry.text for row in services.mentees.roster() for entry in services.entries.page(row.mentee.id,
                                                                                                limit=50)]


def fire_reminder(qtbot, desk: MainWindow, clock: FixedClock) -> None:
    """The desk loaded before nine on a Monday, without a tray; the clock reaches nine."""
    clock.set(dt.datetime.combine(MONDAY, dt.time(8, 59)))
    reminders = keep_at_hand(desk, None, tray_available=False).reminders
    reminders._poll.setInterval(20)
    clock.set(dt.datetime.combine(MONDAY, dt.time(9, 0)))
    with qtbot.waitSignal(reminders.notified, timeout=10_000):
        pass


def test_the_reminder_reaches_the_notification_service_with_counts_and_no_names(
        qtbot, demo_desk: MainWindow, clock: FixedClock, notifications: NotificationServer) -> None:
    fire_reminder(qtbot, demo_desk, clock)
    qtbot.waitUntil(lambda: bool(notifications.shown), timeout=10_000)
    assert notifications.refused == []
    [shown] = notifications.shown
    report = demo_desk.services.due.report()
    assert (shown.app_name, shown.summary) == ("MentorApp", "MentorApp: due today")
    assert shown.body == "\n".join(report.lines())
    assert report.check_ins_overdue and f"Check-ins overdue: {len(report.check_ins_overdue)}" in shown.body.splitlines()
    names = {row.mentee.name for row in demo_desk.services.mentees.roster()}
    assert not any(name in shown.body or name.split()[0] in shown.body for name in names)
    texts = note_texts(demo_desk.services)
    assert texts and not any(text[:30] in shown.body for text in texts)
    assert shown.hints.get("desktop-entry") == ("s", "mentorapp")


def test_with_names_chosen_the_notification_says_who_is_due_and_still_no_note(
        qtbot, demo_desk: MainWindow, clock: FixedClock, notifications: NotificationServer) -> None:
    demo_desk.services.journal.set_preferences(reminder_names=True)
    fire_reminder(qtbot, demo_desk, clock)
    qtbot.waitUntil(lambda: bool(notifications.shown), timeout=10_000)
    [shown] = notifications.shown
    report = demo_desk.services.due.report()
    assert shown.body == "\n".join(report.lines(names=True))
    who = report.check_ins_due + report.check_ins_overdue
    assert who and all(name in shown.body for name in who)
    assert not any(text[:30] in shown.body for text in note_texts(demo_desk.services))


def test_a_service_that_checks_types_accepts_the_call(notifications: NotificationServer) -> None:
    # The specification's types (an unsigned replaces_id, a list of strings): a service that checks,
    # as GNOME Shell and dunst do, shows it instead of refusing it.
    assert notify_over_session_bus("Summary", "Body", expire_ms=1000)
    assert notifications.refused == []
    assert [(s.summary, s.body) for s in notifications.shown] == [("Summary", "Body")]


def test_without_a_session_bus_nothing_is_sent_and_nothing_breaks(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert notify_over_session_bus("Summary", "Body", expire_ms=1000) is False
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus-here'}")
    assert notify_over_session_bus("Summary", "Body", expire_ms=1000) is False
