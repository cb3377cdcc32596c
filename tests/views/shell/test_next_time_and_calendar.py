"""From the desk's frame: quick capture "for next time", and the check-in calendar in the File menu."""

from __future__ import annotations

from pathlib import Path

import icalendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_support import activate, open_desk, when_modal
from mentorapp.models.services import Services
from mentorapp.models.vocabulary import Side
from mentorapp.views.journal.check_in_calendar import export_check_in_calendar, import_check_in_calendar
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.shell.quick_capture import QuickCaptureDialog

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def quick_capture(qtbot, services: Services, name: str) -> tuple[MainWindow, QuickCaptureDialog]:
    window = open_desk(qtbot, services)
    window.show_mentee(services.mentees.find(name).id)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_N, CTRL)
    dialog: QuickCaptureDialog = window._quick_capture
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    return window, dialog


def test_alt_x_in_quick_capture_keeps_the_words_for_the_next_1_1(qtbot, demo_services: Services) -> None:
    window, dialog = quick_capture(qtbot, demo_services, "Marco Rossi")
    marco = demo_services.mentees.find("Marco Rossi").id
    notes_before = len(demo_services.entries.page(marco, limit=500))
    qtbot.keyClicks(dialog.text, "Ask how the on-call week went")
    qtbot.keyClick(dialog.text, Qt.Key.Key_X, ALT)
    qtbot.waitUntil(dialog.next_time.isChecked)
    assert dialog.save_button.text() == "Add to next 1:1" and not dialog.kind.isEnabled()
    with qtbot.waitSignal(dialog.point_saved):
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    [point] = [p for p in demo_services.agenda.points(marco) if p.text == "Ask how the on-call week went"]
    assert point.raised_by is Side.LEAD
    assert len(demo_services.entries.page(marco, limit=500)) == notes_before  # a point, not a note
    assert "talking point" in window.context.undo_stack.undoText()


def test_a_point_they_raised_comes_from_them_in_quick_capture(qtbot, demo_services: Services) -> None:
    _window, dialog = quick_capture(qtbot, demo_services, "Marco Rossi")
    qtbot.keyClicks(dialog.text, "Wants to talk about the conference")
    qtbot.keyClick(dialog.text, Qt.Key.Key_F, ALT)  # From them
    qtbot.keyClick(dialog.text, Qt.Key.Key_X, ALT)
    qtbot.waitUntil(lambda: dialog.next_time.isChecked() and dialog.direction().value == "from_mentee")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    points = demo_services.agenda.points(demo_services.mentees.find("Marco Rossi").id)
    assert [p.raised_by for p in points if p.text == "Wants to talk about the conference"] == [Side.MENTEE]


def test_file_menu_exports_the_check_in_calendar_and_imports_the_leads_own(qtbot, demo_services: Services,
                                                                         tmp_path: Path) -> None:
    window = open_desk(qtbot, demo_services)
    assert window.calendar_export_action in window.menuBar().actions()[0].menu().actions()
    target = tmp_path / "check-ins.ics"
    when_modal(lambda box: box.accept())
    count = export_check_in_calendar(window.context, window, path=target)
    active = demo_services.mentees.list()
    assert count == len(active)
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == sorted(f"1:1 with {m.name}" for m in active)

    own = icalendar.Calendar()
    own.add("prodid", "-//Lead//Calendar//EN")
    own.add("version", "2.0")
    meeting = icalendar.Event()
    meeting.add("summary", "Coffee 1:1 with Priya Raman")
    meeting.add("uid", "lead-1")
    day = demo_services.clock.today()
    meeting.add("dtstart", day.replace(day=1) if day.day > 1 else day)
    meeting.add("rrule", {"freq": "weekly", "interval": 1})
    own.add_component(meeting)
    mine = tmp_path / "mine.ics"
    mine.write_bytes(own.to_ical())
    when_modal(lambda box: box.accept())
    report = import_check_in_calendar(window.context, window, path=mine)
    assert report is not None and [name for name, _d in report.matched] == ["Priya Raman"]
    priya = demo_services.mentees.find("Priya Raman")
    assert priya.next_meeting_on is not None and 0 <= (priya.next_meeting_on - day).days < 7


def test_a_file_that_is_not_a_calendar_is_refused_in_one_dialog(qtbot, demo_services: Services,
                                                                tmp_path: Path) -> None:
    window = open_desk(qtbot, demo_services)
    said: list[str] = []
    window.context.report = said.append
    bad = tmp_path / "notes.ics"
    bad.write_text("not a calendar at all", encoding="utf-8")
    assert import_check_in_calendar(window.context, window, path=bad) is None
    assert said == [f"{bad} is not an iCalendar (.ics) file."]
