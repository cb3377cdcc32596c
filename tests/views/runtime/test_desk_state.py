"""The desk remembers its state per journal, and the lead's preferences live in the journal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from mentorapp.models.clock import FixedClock
from mentorapp.models.services import Services, Topic
from mentorapp.models.storage.store import Store
from mentorapp.views.runtime import desk_state
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.shell.roster import BadgesRole
from mentorapp.views.shell.quick_capture import QuickCaptureDialog
from tests.conftest import TEST_KEY
from tests.views.desk_support import open_desk


def test_a_second_journal_does_not_preselect_whoever_has_the_same_id_there(
        qtbot, desk: MainWindow, tmp_path: Path, clock: FixedClock) -> None:
    desk.services.mentees.add(name="Ana Lima")
    bruno = desk.services.mentees.add(name="Bruno Costa")
    first = QuickCaptureDialog(desk.context, mentee_id=bruno.id, parent=desk)
    qtbot.keyClicks(first.text, "Asked for a design review")
    first.save()
    assert desk.context.state.value(desk_state.QUICK_CAPTURE_MENTEE, 0, int) == bruno.id
    with Store.open(tmp_path / "other.db", TEST_KEY) as store:
        services = Services(store, clock=clock)
        services.mentees.add(name="Carla Diaz")
        dan = services.mentees.add(name="Dan Eriksen")
        assert dan.id == bruno.id  # the same id names someone else in this journal
        other = open_desk(qtbot, services)
        dialog = QuickCaptureDialog(other.context, parent=other)
        assert dialog.mentee.currentText() == "Carla Diaz"
        dialog.reject()
        other.close()
    again = QuickCaptureDialog(desk.context, parent=desk)
    assert again.mentee.currentText() == "Bruno Costa"  # the first journal still remembers its own
    again.reject()


def test_settings_of_an_earlier_version_move_into_the_first_journal_opened(qtbot, services: Services) -> None:
    settings = QSettings()
    settings.setValue("preferences/recognition_gap_days", 21)
    settings.setValue("security/auto_lock_minutes", 10)
    settings.setValue("quick_capture/last_mentee", 1)
    window = open_desk(qtbot, services)
    preferences = services.journal.preferences()
    assert (preferences.recognition_gap_days, preferences.auto_lock_minutes) == (21, 10)
    assert window.auto_lock.minutes == 10 and window.roster_model.recognition_gap_days == 21
    assert not any(QSettings().contains(key) for key in (
        "preferences/recognition_gap_days", "security/auto_lock_minutes", "quick_capture/last_mentee"))


def test_preferences_changed_by_another_process_reach_the_open_desk(qtbot, demo_desk: MainWindow) -> None:
    assert "unthanked" in badges_shown(demo_desk)
    with Store.open(demo_desk.services.store.path, TEST_KEY) as store:  # e.g. `mentorapp preferences`
        Services(store).journal.set_preferences(recognition_gap_days=400)
    demo_desk.services.changes.publish(Topic.JOURNAL)  # what the journal watcher announces for it
    assert demo_desk.roster_model.recognition_gap_days == 400
    assert "unthanked" not in badges_shown(demo_desk)


def badges_shown(window: MainWindow) -> list[str]:
    model = window.roster_model
    return [tag for row in range(model.rowCount()) for tag, _tone, _text in model.index(row).data(BadgesRole)]
