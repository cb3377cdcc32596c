"""Retention in the desk: chosen in Preferences, announced on Today at least 14 days before, on a shifted clock."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import Qt

from desk_support import open_desk
from mentorapp.models.services import Services
from mentorapp.views.journal.preferences import PreferencesDialog
from mentorapp.views.widgets.date_fields import day_text

SHOTS = os.environ.get("MENTORAPP_SHOTS")


def test_the_policy_is_chosen_in_preferences(qtbot, services: Services) -> None:
    dialog = PreferencesDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.retention.currentText() == "Never (keep them)"
    dialog.retention.setFocus()
    for _ in range(3):
        qtbot.keyClick(dialog.retention, Qt.Key.Key_Down)
    assert dialog.retention.value() == 18
    dialog.accept()
    assert services.retention.months() == 18


def test_today_says_who_will_be_erased_and_when_then_the_day_comes(qtbot, demo_services: Services, clock) -> None:
    s = demo_services
    yusuf = s.mentees.find("Yusuf Demir")
    s.mentees.set_archived(yusuf.id, True)
    s.retention.set_months(6)
    due = s.retention.schedule()[0]
    clock.set(dt.datetime.combine(due.erase_on - dt.timedelta(days=20), dt.time(9)))
    window = open_desk(qtbot, s)
    notice = window.today_view.retention_notice
    assert not notice.isVisible()
    clock.set(dt.datetime.combine(due.erase_on - dt.timedelta(days=10), dt.time(9)))
    window.today_view.refresh()
    assert notice.isVisible()
    assert f"Yusuf Demir will be erased on {day_text(due.erase_on + dt.timedelta(days=4))}" in notice.text()
    if SHOTS:
        window.resize(1024, 640)
        window.grab().save(str(Path(SHOTS) / "retention-notice.png"))
    assert s.retention.schedule()[0].noticed_on == clock.today()  # shown: the notice period runs
    clock.set(dt.datetime.combine(due.erase_on + dt.timedelta(days=3), dt.time(9)))
    assert s.retention.erase_due() == []  # 13 days of notice: not yet
    clock.advance(dt.timedelta(days=1))
    assert [r.what for r in s.retention.erase_due()] == ["Yusuf Demir"]
    window.today_view.refresh()
    assert not notice.isVisible()
    assert "Yusuf Demir" not in {m.name for m in s.mentees.list(include_archived=True)}
