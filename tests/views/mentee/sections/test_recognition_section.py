"""Recognition on the mentee page: the log, days since the last, and how they like to be thanked."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from mentorapp.models.vocabulary import RecognitionKind
from mentorapp.views.mentee.recognition import GIVEN_ON, KIND, WHAT_FOR, RecognitionModel
from mentorapp.views.mentee.recognition import RecognitionSection
from mentorapp.models.readmodels import RecognitionView
from tests.views.mentee.sections.conftest import TODAY, today
from tests.views.mentee.sections.helpers import cell, click, column_texts, press, save


@pytest.fixture
def section(desk, shown, ana) -> RecognitionSection:
    widget = shown(RecognitionSection(desk, today=today))
    widget.set_mentee(ana.id)
    return widget


def log(services, ana, days_ago: int, what: str, kind: RecognitionKind = RecognitionKind.THANKS) -> RecognitionView:
    return services.recognitions.add(mentee_id=ana.id, what_for=what, kind=kind,
                                     given_on=TODAY - dt.timedelta(days=days_ago))


def test_the_log_is_newest_first_with_days_since_the_last(services, section, ana) -> None:
    log(services, ana, 40, "Calm through the incident")
    log(services, ana, 12, "Great demo", RecognitionKind.PUBLIC_PRAISE)
    assert column_texts(section.table, WHAT_FOR) == ["Great demo", "Calm through the incident"]
    assert cell(section.table, 0, KIND) == "Public praise"
    assert cell(section.table, 0, GIVEN_ON) == "17 Nov 2026"
    assert section.since_figure.value.text() == "12"
    assert section.since_line.text() == "Last recognised 12 days ago, on 17 Nov 2026."
    assert not section.since_line.warned()
    assert section.preference_line.text() == "Ana Lima likes to be thanked with: A specific note in the team channel"


def test_a_long_silence_is_flagged(services, section, ana) -> None:
    log(services, ana, 75, "A thoughtful write-up")
    assert section.since_figure.value.text() == "75"
    assert section.since_line.warned()
    assert "more than 60 days ago" in section.since_line.text()


def test_someone_never_recognised_is_told_in_a_sentence(section) -> None:
    assert section.since_line.text() == "Ana Lima has not been recognised yet."
    assert section.since_line.warned()  # she started 400 days ago
    assert "Nothing logged for Ana Lima yet" in section.empty.title.text()


def test_the_add_dialog_shows_how_this_person_likes_to_be_thanked(qtbot, services, desk, section, ana) -> None:
    click(qtbot, section.add_button)
    dialog = section.open_dialog
    assert dialog.preference.preference.text() == "A specific note in the team channel"
    assert dialog.preference.preference.font().bold()
    assert dialog.body.indexOf(dialog.preference) == 0  # above every field
    qtbot.keyClicks(dialog.what_for, "Mentored the new hire through their first week")
    dialog.kind.setFocus()
    qtbot.keyClicks(dialog.kind, "Public")  # chosen from the keyboard
    save(qtbot, dialog)

    made = services.recognitions.for_mentee(ana.id)[0]
    assert (made.kind, made.given_on, made.what_for) == (
        RecognitionKind.PUBLIC_PRAISE, TODAY, "Mentored the new hire through their first week")
    assert section.since_figure.value.text() == "0"
    assert section.since_line.text() == "Last recognised today, on 29 Nov 2026."
    desk.undo_stack.undo()
    assert services.recognitions.for_mentee(ana.id) == []


def test_without_a_preference_the_dialog_says_to_ask(qtbot, services, desk, shown) -> None:
    bo = services.mentees.add(name="Bo Chen")
    section = shown(RecognitionSection(desk, today=today))
    section.set_mentee(bo.id)
    click(qtbot, section.add_button)
    assert section.open_dialog.preference.preference.text().startswith("Not noted yet. Ask them")


def test_a_recognition_needs_a_reason(qtbot, services, section, ana) -> None:
    click(qtbot, section.add_button)
    dialog = section.open_dialog
    save(qtbot, dialog)
    assert dialog.problem.text.text() == "The reason for the recognition cannot be empty."
    assert services.recognitions.for_mentee(ana.id) == []


def test_edit_with_enter_and_delete_with_the_delete_key_both_undo(qtbot, services, desk, section, ana) -> None:
    made = log(services, ana, 5, "Good catch")
    press(qtbot, section.table, Qt.Key.Key_Return)
    dialog = section.open_dialog
    qtbot.keyClicks(dialog.what_for, " in the billing review")
    save(qtbot, dialog)
    assert services.recognitions.for_mentee(ana.id)[0].what_for == "Good catch in the billing review"
    press(qtbot, section.table, Qt.Key.Key_Delete)
    assert services.recognitions.for_mentee(ana.id) == []
    desk.undo_stack.undo()
    desk.undo_stack.undo()
    assert services.recognitions.for_mentee(ana.id)[0].what_for == "Good catch"
    assert column_texts(section.table, WHAT_FOR) == ["Good catch"]
    assert made.id == section.table.current_id()


def test_recognition_model_passes_the_model_tester(qtmodeltester, demo_services) -> None:
    model = RecognitionModel()
    model.reload(demo_services.recognitions.for_mentee(demo_services.mentees.find("Priya").id))
    qtmodeltester.check(model)
