"""The Next 1:1 tab: points typed with Enter, ticked with Enter, dropped with Delete; suggestions apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pypdf import PdfReader

from mentorapp.models.vocabulary import AgendaSource, Direction, EntryKind, Setting, Side
from mentorapp.views.mentee.agenda import CARRIED, POINT, RAISED, NextMeetingSection, TemplatesDialog
from tests.views.desk_support import activate
from tests.views.mentee.sections.conftest import today
from tests.views.mentee.sections.helpers import cell, column_texts, press

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def section(desk, shown, ana) -> NextMeetingSection:
    widget = shown(NextMeetingSection(desk, today=today))
    widget.set_mentee(ana.id)
    return widget


def type_point(qtbot, section: NextMeetingSection, text: str) -> None:
    section.new_point.setFocus()
    qtbot.keyClicks(section.new_point, text)
    qtbot.keyClick(section.new_point, Qt.Key.Key_Return)


def test_typing_a_point_and_pressing_enter_puts_it_on_the_list(qtbot, services, section, ana) -> None:
    assert section.empty.isVisible() and "Nothing to talk about" in section.empty.title.text()
    activate(qtbot, section)
    type_point(qtbot, section, "The on-call rota")
    qtbot.keyClick(section.new_point, Qt.Key.Key_R, ALT)  # "They raised it"
    qtbot.waitUntil(section.theirs.isChecked)  # a mnemonic clicks after a short press animation
    type_point(qtbot, section, "Conference budget")
    assert column_texts(section.table, POINT) == ["The on-call rota", "Conference budget"]
    assert column_texts(section.table, RAISED) == ["You", "Ana Lima"]
    assert section.new_point.text() == "" and not section.theirs.isChecked()
    assert [p.raised_by for p in services.agenda.points(ana.id)] == [Side.LEAD, Side.MENTEE]
    assert section.summary.text() == "Next 1:1 with Ana Lima · 2 points to raise."


def test_a_blank_point_is_refused_in_one_sentence(qtbot, services, section, ana) -> None:
    type_point(qtbot, section, "   ")
    assert section.problem.isVisible() and section.problem.text()
    assert services.agenda.points(ana.id) == []


def test_enter_ticks_a_point_as_discussed_with_a_line_and_undo_takes_it_back(qtbot, services, desk, section,
                                                                              ana) -> None:
    services.agenda.add(mentee_id=ana.id, text="Release retro")
    press(qtbot, section.table, Qt.Key.Key_Return)
    dialog = section.open_dialog
    assert dialog is not None and "Release retro" in dialog.intro_text()
    qtbot.keyClicks(dialog.note, "Agreed to run it on Friday")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, CTRL)
    assert services.agenda.points(ana.id) == []
    note = services.entries.page(ana.id, limit=1)[0]
    assert note.text == "Release retro\nAgreed to run it on Friday"
    assert (note.direction, note.setting) == (Direction.TO_MENTEE, Setting.ONE_ON_ONE)
    assert section.empty.isVisible()
    desk.undo_stack.undo()
    assert column_texts(section.table, POINT) == ["Release retro"]
    assert services.entries.page(ana.id) == []


def test_delete_drops_a_point(qtbot, services, desk, section, ana) -> None:
    services.agenda.add(mentee_id=ana.id, text="Desk move")
    press(qtbot, section.table, Qt.Key.Key_Delete)
    assert services.agenda.points(ana.id) == []
    assert desk.undo_stack.undoText() == "drop talking point ‘Desk move’ for Ana Lima"


def test_a_point_carried_three_times_is_marked(qtbot, services, clock, section, ana) -> None:
    services.agenda.add(mentee_id=ana.id, text="Pairing with the new hire",
                        at=clock.now() - dt.timedelta(days=60))
    for days in (45, 30, 15):
        services.entries.add(mentee_id=ana.id, text="1:1", at=clock.now() - dt.timedelta(days=days))
    section.reload()
    assert cell(section.table, 0, CARRIED) == "3 times ⚑"
    assert cell(section.table, 0, CARRIED, Qt.ItemDataRole.FontRole).bold()
    assert "carried over three times or more" in section.summary.text()


def test_suggestions_are_apart_and_enter_accepts_delete_dismisses(qtbot, services, section, ana) -> None:
    concern = services.entries.add(mentee_id=ana.id, text="Curt in code reviews", kind=EntryKind.CONCERN,
                                   direction=Direction.PRIVATE)
    services.entries.add(mentee_id=ana.id, text="Misses stand-ups", kind=EntryKind.CONCERN,
                         direction=Direction.PRIVATE)
    section.reload()
    assert section.suggestion_box.isVisible() and section.suggestion_heading.text() == "Suggestions"
    offered = [r.suggestion for r in section.suggestion_model.records()]
    assert [s.source for s in offered[:2]] == [AgendaSource.CONCERN, AgendaSource.CONCERN]
    assert offered[0].key == f"concern:{concern.id}"
    press(qtbot, section.suggestions, Qt.Key.Key_Return)  # accept the first
    assert column_texts(section.table, POINT) == ["Curt in code reviews"]
    texts = [r.suggestion.text for r in section.suggestion_model.records()]
    assert "Curt in code reviews" not in texts and texts[0] == "Misses stand-ups"
    press(qtbot, section.suggestions, Qt.Key.Key_Delete)  # dismiss the next
    texts = [r.suggestion.text for r in section.suggestion_model.records()]
    assert "Misses stand-ups" not in texts
    assert column_texts(section.table, POINT) == ["Curt in code reviews"]


def test_a_template_adds_its_prompts_in_one_step(qtbot, services, desk, section, ana) -> None:
    section._fill_template_menu()
    action = next(a for a in section.template_menu.actions() if a.text() == "Career conversation")
    action.trigger()
    career = services.agenda.find_template("Career conversation")
    assert column_texts(section.table, POINT) == list(career.prompts)
    desk.undo_stack.undo()
    assert services.agenda.points(ana.id) == []


def test_the_templates_dialog_edits_prompts_by_keyboard(qtbot, services, desk) -> None:
    dialog = TemplatesDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    dialog.list.setCurrentRow(1)
    assert dialog.name.text() == "Regular 1:1"
    dialog.prompts.setFocus()
    dialog.prompts.selectAll()
    qtbot.keyClicks(dialog.prompts, "How are you, really?")
    qtbot.keyClick(dialog, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: services.agenda.find_template("Regular").prompts == ("How are you, really?",))
    qtbot.keyClick(dialog, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: dialog.name.text() == "")
    qtbot.keyClicks(dialog.name, "Hand-over")
    qtbot.keyClick(dialog, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: dialog.problem.isVisible())
    assert "at least one prompt" in dialog.problem.text()


def test_print_sheet_writes_a_one_page_pdf(qtbot, services, section, ana, tmp_path: Path) -> None:
    services.agenda.add(mentee_id=ana.id, text="Conference budget", raised_by=Side.MENTEE)
    written = section.save_sheet(tmp_path / "sheet.pdf")
    assert written is not None and len(PdfReader(written).pages) == 1
    assert "Conference budget" in PdfReader(written).pages[0].extract_text()
    assert section.save_sheet(services.store.path) is None  # never over the journal
