"""Always at hand: `mentorapp capture` through the desk's channel, the tray icon, the morning reminder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mentorapp.models.clock import FixedClock
from mentorapp.models.services import Services
from mentorapp.models.trust import desk_channel
from mentorapp.views.runtime.single_instance import DeskClaim, claim_journal
from mentorapp.views.shell.at_hand import keep_at_hand
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.shell.quick_capture import QuickCaptureDialog
from mentorapp.views.shell.reminders import Reminders
from mentorapp.views.shell.today import build_today
from tests.conftest import TEST_KEY

ROOT = Path(__file__).resolve().parents[3]
MONDAY = dt.date(2026, 11, 30)
SATURDAY = dt.date(2026, 12, 5)


@pytest.fixture
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private runtime folder of our own (short: a socket's path has a length limit)."""
    folder = Path(tempfile.mkdtemp(prefix="rt-"))
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def claim(runtime_dir: Path, demo_services: Services) -> Iterator[DeskClaim]:
    held = claim_journal(demo_services.store.path)
    assert held.acquired
    yield held
    held.release()


def capture_command(journal: Path, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env["MENTORAPP_PASSPHRASE"] = f"x'{TEST_KEY.secret}'"  # were a desk started, it could open the journal
    return subprocess.Popen([sys.executable, "-m", "mentorapp", "--db", str(journal), "capture", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def open_capture(window: MainWindow) -> QuickCaptureDialog | None:
    dialog = window._quick_capture
    return dialog if dialog is not None and dialog.isVisible() else None


def finished(qtbot, command: subprocess.Popen[str]) -> tuple[int, str]:
    qtbot.waitUntil(lambda: command.poll() is not None, timeout=30_000)
    return command.returncode, command.stderr.read()


# -- capture through the channel ------------------------------------------------------------------------------
def test_capture_from_the_command_line_opens_quick_capture_on_the_named_mentee(
        qtbot, demo_desk: MainWindow, claim: DeskClaim) -> None:
    keep_at_hand(demo_desk, claim, tray_available=False)
    name = demo_desk.mentee_names()[1]
    command = capture_command(demo_desk.services.store.path, name.split()[0].lower())
    status, stderr = finished(qtbot, command)
    assert (status, stderr) == (0, "")
    dialog = open_capture(demo_desk)
    assert dialog is not None, "quick capture is on screen when the command returns"
    assert dialog.mentee.currentText() == name
    assert dialog.problem.isHidden()


def test_capture_of_an_unknown_name_opens_the_note_and_says_so(qtbot, demo_desk: MainWindow,
                                                                claim: DeskClaim) -> None:
    keep_at_hand(demo_desk, claim, tray_available=False)
    status, stderr = finished(qtbot, capture_command(demo_desk.services.store.path, "Zebulon"))
    assert status == 2
    assert stderr.count("\n") == 1 and "Zebulon" in stderr
    dialog = open_capture(demo_desk)
    assert dialog is not None
    assert dialog.problem.isVisible() and "Zebulon" in dialog.problem.text()


def test_a_socket_folder_others_can_open_is_refused_and_nothing_is_sent(
        qtbot, demo_desk: MainWindow, claim: DeskClaim, runtime_dir: Path) -> None:
    keep_at_hand(demo_desk, claim, tray_available=False)
    folder = runtime_dir / "mentorapp"
    folder.chmod(0o755)
    status, stderr = finished(qtbot, capture_command(demo_desk.services.store.path))
    assert status == 2
    assert stderr.count("\n") == 1 and "open to other users" in stderr
    qtbot.wait(200)
    assert open_capture(demo_desk) is None


def test_a_socket_owned_by_someone_else_is_refused(qtbot, demo_desk: MainWindow, claim: DeskClaim) -> None:
    keep_at_hand(demo_desk, claim, tray_available=False)
    socket = desk_channel.find_desk_socket(demo_desk.services.store.path)
    assert socket is not None and desk_channel.channel_problem(socket) is None
    # Seen as another user would see it: the folder and the socket are not theirs.
    assert "belongs to someone else" in (desk_channel.channel_problem(socket, uid=os.getuid() + 4242) or "")
    os.chown(socket, os.getuid() + 4242, -1)  # the suite runs as root here; elsewhere this is skipped
    status, stderr = finished(qtbot, capture_command(demo_desk.services.store.path))
    assert status == 2 and "not one your own desk made" in stderr
    assert open_capture(demo_desk) is None


def test_a_folder_belonging_to_someone_else_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    fake_socket = folder / "x.sock"
    import socket as sockets

    with sockets.socket(sockets.AF_UNIX) as listening:
        listening.bind(str(fake_socket))
        assert desk_channel.channel_problem(fake_socket) is None
        stranger = os.getuid() + 777
        assert "belongs to someone else" in (desk_channel.channel_problem(fake_socket, uid=stranger) or "")
        os.chown(folder, stranger, -1)
        assert "belongs to someone else" in (desk_channel.channel_problem(fake_socket) or "")


def test_a_desk_started_by_capture_opens_with_the_note_on_the_mentee(qtbot, demo_desk: MainWindow) -> None:
    name = demo_desk.mentee_names()[2]
    keep_at_hand(demo_desk, None, capture=name, tray_available=False)
    qtbot.waitUntil(lambda: open_capture(demo_desk) is not None)
    assert open_capture(demo_desk).mentee.currentText() == name


# -- the tray ---------------------------------------------------------------------------------------------------
def test_each_tray_action_does_what_it_says(qtbot, demo_desk: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    tray = keep_at_hand(demo_desk, None, tray_available=True).tray
    menu_texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert menu_texts == ["New note…", "Today", "Lock", "Quit MentorApp"]

    tray.new_note_action.trigger()
    qtbot.waitUntil(lambda: open_capture(demo_desk) is not None)
    open_capture(demo_desk).reject()
    qtbot.waitUntil(lambda: open_capture(demo_desk) is None)

    demo_desk.show_mentee(demo_desk.selected_mentee_id() or 1)
    tray.today_action.trigger()
    assert demo_desk.current_view() is demo_desk.today_view

    tray.lock_action.trigger()
    assert demo_desk.auto_lock.is_locked
    assert tray.icon.toolTip() == "MentorApp (locked)" and not tray.lock_action.isEnabled()
    demo_desk.services.store.unlock(TEST_KEY)  # as the unlock dialog would, given the key
    assert demo_desk.auto_lock.unlock()
    assert tray.lock_action.isEnabled()

    tray.quit_action.trigger()
    qtbot.waitUntil(lambda: bool(quits))
    assert not demo_desk.isVisible()


def test_the_tooltip_counts_check_ins_due_and_names_nobody(qtbot, demo_desk: MainWindow) -> None:
    tray = keep_at_hand(demo_desk, None, tray_available=False).tray
    services = demo_desk.services
    groups = {g.title: g for g in build_today(services, today=services.clock.today(), recognition_gap_days=60)}
    due = len(groups["Check-ins due"].items)
    assert due > 0
    assert tray.icon.toolTip() == f"MentorApp: {due} check-in{'s' if due != 1 else ''} due"
    assert not any(name in tray.icon.toolTip() for name in demo_desk.mentee_names())


def test_keep_running_hides_the_window_on_close_and_quit_ends_it(
        qtbot, demo_desk: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    demo_desk.services.journal.set_preferences(keep_running=True)
    tray = keep_at_hand(demo_desk, None, tray_available=True).tray
    assert tray.keep_running
    demo_desk.close()
    assert not demo_desk.isVisible() and not quits  # hidden, still running
    tray.today_action.trigger()
    assert demo_desk.isVisible()
    tray.quit_action.trigger()
    qtbot.waitUntil(lambda: bool(quits))
    assert not demo_desk.isVisible()


def test_without_keep_running_closing_the_window_quits_as_ever(qtbot, demo_desk: MainWindow) -> None:
    tray = keep_at_hand(demo_desk, None, tray_available=True).tray
    assert not tray.keep_running
    assert QApplication.quitOnLastWindowClosed()


# -- reminders --------------------------------------------------------------------------------------------------
class Shown:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, title: str, text: str) -> None:
        self.texts.append(text)


def reminders_at(services: Services, clock: FixedClock, moment: dt.datetime) -> tuple[Reminders, Shown]:
    clock.set(moment)
    shown = Shown()
    return Reminders(services, notify=shown, check_every_ms=20), shown


def test_the_reminder_comes_at_nine_on_a_workday_with_counts_only(qtbot, demo_services: Services,
                                                                   clock: FixedClock) -> None:
    reminders, shown = reminders_at(demo_services, clock, dt.datetime.combine(MONDAY, dt.time(8, 59)))
    qtbot.wait(100)
    assert shown.texts == []
    clock.advance(dt.timedelta(minutes=1))
    with qtbot.waitSignal(reminders.notified, timeout=5000):
        pass
    expected = demo_services.due.report()
    assert shown.texts == ["\n".join(expected.lines())]
    assert not any(name in shown.texts[0] for name in {r.mentee.name for r in demo_services.mentees.roster()})
    assert "Check-ins" in shown.texts[0]
    qtbot.wait(100)
    assert len(shown.texts) == 1  # once a day


def test_with_the_option_the_reminder_names_who_is_due(qtbot, demo_services: Services, clock: FixedClock) -> None:
    demo_services.journal.set_preferences(reminder_names=True, reminder_time=dt.time(7, 15))
    reminders, shown = reminders_at(demo_services, clock, dt.datetime.combine(MONDAY, dt.time(7, 0)))
    clock.set(dt.datetime.combine(MONDAY, dt.time(7, 15)))
    with qtbot.waitSignal(reminders.notified, timeout=5000):
        pass
    report = demo_services.due.report()
    assert shown.texts == ["\n".join(report.lines(names=True))]
    assert (report.check_ins_due + report.check_ins_overdue)[0] in shown.texts[0]


def test_no_reminder_on_a_weekend_or_when_off(qtbot, demo_services: Services, clock: FixedClock) -> None:
    _weekend, shown = reminders_at(demo_services, clock, dt.datetime.combine(SATURDAY, dt.time(8, 59)))
    clock.set(dt.datetime.combine(SATURDAY, dt.time(9, 30)))
    qtbot.wait(200)
    assert shown.texts == []
    demo_services.journal.set_preferences(reminders=False)
    _off, off_shown = reminders_at(demo_services, clock, dt.datetime.combine(MONDAY, dt.time(8, 59)))
    clock.set(dt.datetime.combine(MONDAY, dt.time(9, 30)))
    qtbot.wait(200)
    assert off_shown.texts == []


def test_a_machine_that_slept_past_the_time_catches_up_once_that_day(
        qtbot, demo_services: Services, clock: FixedClock) -> None:
    reminders, shown = reminders_at(demo_services, clock, dt.datetime.combine(MONDAY, dt.time(8, 30)))
    clock.set(dt.datetime.combine(MONDAY, dt.time(10, 45)))  # the lid opens long after nine
    with qtbot.waitSignal(reminders.notified, timeout=5000):
        pass
    qtbot.wait(150)
    assert len(shown.texts) == 1
    # Asleep from Monday night until Wednesday morning: Tuesday's reminder is not shown late.
    clock.set(dt.datetime.combine(MONDAY + dt.timedelta(days=2), dt.time(8, 0)))
    qtbot.wait(150)
    assert len(shown.texts) == 1
    clock.set(dt.datetime.combine(MONDAY + dt.timedelta(days=2), dt.time(9, 0)))
    with qtbot.waitSignal(reminders.notified, timeout=5000):
        pass
    assert len(shown.texts) == 2


def test_preferences_dialog_holds_the_reminder_choices(qtbot, demo_desk: MainWindow) -> None:
    from mentorapp.views.journal.preferences import PreferencesDialog

    dialog = PreferencesDialog(demo_desk.services, demo_desk)
    qtbot.addWidget(dialog)
    assert dialog.reminders.isChecked() and dialog.reminder_time.time().hour() == 9
    assert not dialog.reminder_names.isChecked() and not dialog.keep_running.isChecked()
    dialog.reminder_time.setTime(dialog.reminder_time.time().addSecs(-3600))
    dialog.reminder_names.setChecked(True)
    dialog.keep_running.setChecked(True)
    dialog.accept()
    saved = demo_desk.services.journal.preferences()
    assert (saved.reminder_time, saved.reminder_names, saved.keep_running) == (dt.time(8, 0), True, True)
    dialog = PreferencesDialog(demo_desk.services, demo_desk)
    qtbot.addWidget(dialog)
    dialog.reminders.setChecked(False)
    assert not dialog.reminder_time.isEnabled()




def test_a_reminder_on_a_chosen_saturday_comes_and_none_on_an_unchosen_monday(
        qtbot, demo_services: Services, clock: FixedClock) -> None:
    demo_services.journal.set_preferences(reminder_days=frozenset({5}))  # Saturday only
    reminders, shown = reminders_at(demo_services, clock, dt.datetime.combine(SATURDAY, dt.time(8, 59)))
    clock.set(dt.datetime.combine(SATURDAY, dt.time(9, 0)))
    with qtbot.waitSignal(reminders.notified, timeout=5000):
        pass
    assert len(shown.texts) == 1
    clock.set(dt.datetime.combine(SATURDAY + dt.timedelta(days=2), dt.time(9, 30)))  # the Monday after
    qtbot.wait(200)
    assert len(shown.texts) == 1
    assert reminders.next_at == dt.datetime.combine(SATURDAY + dt.timedelta(days=7), dt.time(9, 0))


def test_by_default_the_reminder_follows_the_workdays_of_the_lead_s_locale(
        qtbot, demo_services: Services, clock: FixedClock) -> None:
    from mentorapp import i18n

    sunday = SATURDAY + dt.timedelta(days=1)
    with i18n.speaking("en_IL"):  # the weekend is Friday and Saturday: Sunday is a workday
        reminders, shown = reminders_at(demo_services, clock, dt.datetime.combine(sunday, dt.time(8, 59)))
        clock.set(dt.datetime.combine(sunday, dt.time(9, 0)))
        with qtbot.waitSignal(reminders.notified, timeout=5000):
            pass
        assert reminders.next_at == dt.datetime.combine(sunday + dt.timedelta(days=1), dt.time(9, 0))
    # In Britain, Saturday and Sunday are the weekend.
    _british, british_shown = reminders_at(demo_services, clock, dt.datetime.combine(sunday, dt.time(8, 59)))
    clock.set(dt.datetime.combine(sunday, dt.time(9, 0)))
    qtbot.wait(200)
    assert british_shown.texts == [] and len(shown.texts) == 1


def test_preferences_offer_the_days_in_the_week_s_order_and_refuse_none(qtbot, demo_desk: MainWindow) -> None:
    from mentorapp import i18n
    from mentorapp.views.journal.preferences import PreferencesDialog

    with i18n.speaking("en_US"):
        american = PreferencesDialog(demo_desk.services, demo_desk)
    qtbot.addWidget(american)
    assert [box.text() for box in american.reminder_days.values()][:2] == ["Sun", "Mon"]
    dialog = PreferencesDialog(demo_desk.services, demo_desk)
    qtbot.addWidget(dialog)
    assert [box.text() for box in dialog.reminder_days.values()] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert dialog.chosen_days() == frozenset(range(5))
    dialog.accept()  # unchanged: the days still follow the locale
    with i18n.speaking("en_IL"):
        assert demo_desk.services.journal.preferences().reminder_days == frozenset({6, 0, 1, 2, 3})
    dialog = PreferencesDialog(demo_desk.services, demo_desk)
    qtbot.addWidget(dialog)
    dialog.show()
    for box in dialog.reminder_days.values():
        box.setChecked(False)
    dialog.accept()
    assert dialog.isVisible() and dialog.problem.text() == (
        "Choose at least one day for the reminder; to have none, turn reminders off.")
    assert demo_desk.services.journal.preferences().reminder_days == frozenset(range(5))
    dialog.reminder_days[5].setFocus()
    qtbot.keyClick(dialog.reminder_days[5], Qt.Key.Key_Space)  # the keyboard ticks a day
    assert dialog.reminder_days[5].isChecked()
    dialog.accept()
    assert not dialog.isVisible()
    assert demo_desk.services.journal.preferences().reminder_days == frozenset({5})
