"""Feedback threads on the mentee page: open from either side, reply both ways, resolve, act on."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desk_support import type_date
from PySide6.QtWidgets import QMessageBox

from mentorapp.models.entities.starter import METHOD_OPENING_QUESTION
from mentorapp.models.vocabulary import Direction, Side, ThreadStatus
from mentorapp.views.widgets.conversation_model import ConversationModel
from mentorapp.views.mentee.threads import ACTED_ON, OPENED_BY, STATUS, TOPIC, ThreadListModel
from mentorapp.views.mentee.threads import ThreadsSection
from mentorapp.models.readmodels import ThreadView
from tests.views.mentee.sections.conftest import TODAY, today
from tests.views.mentee.sections.helpers import cell, click, click_row, column_texts, press, save

EARLIER = dt.datetime.combine(TODAY - dt.timedelta(days=10), dt.time(10, 0))


@pytest.fixture
def section(desk, shown, ana) -> ThreadsSection:
    widget = shown(ThreadsSection(desk, today=today))
    widget.set_mentee(ana.id)
    return widget


@pytest.fixture
def upward(services, ana) -> ThreadView:
    """Feedback Ana gave the lead, which nobody has answered yet."""
    return services.threads.open(mentee_id=ana.id, topic="Our 1:1s keep moving", opened_by=Side.MENTEE,
                                 first_text="Can we protect our 1:1 slot?", at=EARLIER)


@pytest.fixture
def downward(services, ana) -> ThreadView:
    thread = services.threads.open(mentee_id=ana.id, topic="Release notes", opened_by=Side.LEAD,
                                   first_text="Your release notes were exactly right.",
                                   at=EARLIER - dt.timedelta(days=5))
    services.threads.reply(thread.id, text="Thanks, that helps.", direction=Direction.FROM_MENTEE,
                           at=EARLIER - dt.timedelta(days=4))
    services.threads.reply(thread.id, text="Pair with Leo on the next one?", direction=Direction.PRIVATE,
                           at=EARLIER - dt.timedelta(days=4, hours=-1))
    services.threads.reply(thread.id, text="Let's keep that format.", direction=Direction.TO_MENTEE,
                           at=EARLIER - dt.timedelta(days=3))
    return thread


def select_thread(qtbot, section: ThreadsSection, topic: str) -> None:
    click_row(qtbot, section.table, column_texts(section.table, TOPIC).index(topic))
    assert section.topic_label.text() == topic


def test_empty_states_explain_what_threads_are_for(desk, shown, ana) -> None:
    section = shown(ThreadsSection(desk, today=today))
    assert section.pages.currentWidget() is section.empty
    assert "Choose someone" in section.empty.text.text()
    section.set_mentee(ana.id)
    assert "No feedback threads with Ana Lima yet" in section.empty.title.text()
    assert section.empty.button.isVisible()


def test_threads_list_open_first_with_who_opened_them_and_their_markers(
    qtbot, services, section, upward, downward
) -> None:
    services.threads.resolve(downward.id, on=TODAY - dt.timedelta(days=1))
    services.threads.mark_acted_on(upward.id, on=TODAY, note="Fixed slot on Tuesdays")
    table = section.table
    assert column_texts(table, TOPIC) == ["Our 1:1s keep moving", "Release notes"]
    assert cell(table, 0, OPENED_BY).startswith("Ana Lima, ")
    assert cell(table, 1, OPENED_BY).startswith("You, ")
    assert cell(table, 0, STATUS) == "Open · waiting on you"
    assert cell(table, 0, STATUS, Qt.ItemDataRole.FontRole).bold()
    assert cell(table, 1, STATUS) == "Resolved 28 Nov 2026"
    assert cell(table, 0, ACTED_ON) == "✓ 29 Nov 2026"
    assert cell(table, 1, ACTED_ON) == ""  # only upward feedback is acted on


def test_conversation_tells_both_voices_and_private_notes_apart(qtbot, section, upward, downward) -> None:
    select_thread(qtbot, section, "Release notes")
    model = section.conversation_model
    speakers = [model.speaker(e) for e in model.entries()]
    assert speakers == ["You → Ana Lima", "Ana Lima → you", "Private note · only you see this", "You → Ana Lima"]
    assert [e.text for e in model.entries()][0] == "Your release notes were exactly right."
    # The lead's words sit on the right, the mentee's on the left, private notes span the width.
    view = section.conversation
    width = view.viewport().width()
    lead, mentee, private = (view.bubble_rect(e.id) for e in model.entries()[:3])
    assert lead.right() > width * 0.9 and lead.left() > width * 0.1
    assert mentee.left() < width * 0.1 and mentee.right() < width * 0.9
    assert private.left() < width * 0.1 and private.right() > width * 0.9


def test_open_a_thread_from_the_mentee_side_with_its_first_message(qtbot, services, desk, section, ana) -> None:
    click(qtbot, section.empty.button)
    dialog = section.open_dialog
    qtbot.keyClicks(dialog.topic, "Too many meetings")
    click(qtbot, dialog.by_mentee)
    qtbot.keyClicks(dialog.first, "I can't get focus time on Wednesdays.")
    save(qtbot, dialog)

    assert section.open_dialog is None
    assert column_texts(section.table, TOPIC) == ["Too many meetings"]
    assert cell(section.table, 0, STATUS) == "Open · waiting on you"
    entry = section.conversation_model.entries()[0]
    assert (entry.direction, entry.text) == (Direction.FROM_MENTEE, "I can't get focus time on Wednesdays.")
    assert services.threads.for_mentee(ana.id)[0].opened_by is Side.MENTEE

    desk.undo_stack.undo()
    assert services.threads.for_mentee(ana.id) == []
    assert section.pages.currentWidget() is section.empty
    desk.undo_stack.redo()
    assert column_texts(section.table, TOPIC) == ["Too many meetings"]
    assert len(services.entries.for_thread(services.threads.for_mentee(ana.id)[0].id)) == 1


def test_a_thread_needs_a_topic_and_says_so_in_the_dialog(qtbot, services, section, ana) -> None:
    click(qtbot, section.new_button)
    dialog = section.open_dialog
    qtbot.keyClicks(dialog.first, "Something to talk about")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.problem.text.text() == "The thread's topic cannot be empty."
    assert dialog.first.toPlainText() == "Something to talk about"
    assert services.threads.for_mentee(ana.id) == []


def test_replies_go_both_ways_and_as_private_notes_with_ctrl_enter(
    qtbot, services, desk, section, upward
) -> None:
    composer = section.composer
    qtbot.keyClicks(composer.text, "Yes: Tuesdays at ten, protected.")
    press(qtbot, composer.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    click(qtbot, composer.direction_buttons[Direction.FROM_MENTEE])
    qtbot.keyClicks(composer.text, "Works for me.")
    # The keypad's Enter key is a different key to Qt; it must submit too.
    press(qtbot, composer.text, Qt.Key.Key_Enter,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)
    click(qtbot, composer.direction_buttons[Direction.PRIVATE])
    qtbot.keyClicks(composer.text, "Check in a month whether it held.")
    click(qtbot, composer.button)

    texts = [(e.direction, e.text) for e in services.entries.for_thread(upward.id)]
    assert texts[1:] == [
        (Direction.TO_MENTEE, "Yes: Tuesdays at ten, protected."),
        (Direction.FROM_MENTEE, "Works for me."),
        (Direction.PRIVATE, "Check in a month whether it held."),
    ]
    assert section.conversation_model.rowCount() == 4
    assert composer.words() == ""
    assert "waiting on you" in cell(section.table, 0, STATUS)  # the mentee spoke last; the note is private
    desk.undo_stack.undo()
    assert len(services.entries.for_thread(upward.id)) == 3


def test_a_half_written_reply_stays_with_its_thread(qtbot, services, section, ana, upward, downward) -> None:
    select_thread(qtbot, section, "Release notes")
    qtbot.keyClicks(section.composer.text, "About the next release notes")
    select_thread(qtbot, section, "Our 1:1s keep moving")
    assert section.composer.words() == ""
    press(qtbot, section.composer.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(services.entries.for_thread(upward.id)) == 1  # nothing meant for another thread landed here
    bo = services.mentees.add(name="Bo Chen")
    services.threads.open(mentee_id=bo.id, topic="On-call load", first_text="Too many pages at night.")
    section.set_mentee(bo.id)
    assert section.composer.words() == ""
    section.set_mentee(ana.id)
    select_thread(qtbot, section, "Release notes")
    assert section.composer.words() == "About the next release notes"


def test_an_empty_reply_is_refused_in_one_sentence_and_nothing_is_written(
    qtbot, services, desk, section, upward
) -> None:
    qtbot.keyClicks(section.composer.text, "   ")
    click(qtbot, section.composer.button)
    assert section.composer.problem.isVisible()
    assert section.composer.problem.text.text() == "The reply cannot be empty."
    assert len(services.entries.for_thread(upward.id)) == 1
    assert desk.undo_stack.count() == 0


def test_resolve_and_reopen_with_undo(qtbot, services, desk, section, upward) -> None:
    click(qtbot, section.resolve_button)
    assert services.threads.get(upward.id).status is ThreadStatus.RESOLVED
    assert services.threads.get(upward.id).resolved_on == TODAY
    assert cell(section.table, 0, STATUS) == "Resolved 29 Nov 2026"
    assert section.resolve_button.text() == "Re&open"
    desk.undo_stack.undo()
    assert services.threads.get(upward.id).status is ThreadStatus.OPEN
    click(qtbot, section.resolve_button)
    click(qtbot, section.resolve_button)
    assert services.threads.get(upward.id).status is ThreadStatus.OPEN
    desk.undo_stack.undo()  # undoing the reopen resolves it again, on the same day
    assert services.threads.get(upward.id).resolved_on == TODAY


def test_replying_to_a_resolved_thread_reopens_it_and_undo_resolves_it_again(
    qtbot, services, desk, section, upward
) -> None:
    services.threads.resolve(upward.id, on=TODAY - dt.timedelta(days=2))
    qtbot.keyClicks(section.composer.text, "One more thing about this.")
    press(qtbot, section.composer.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert services.threads.get(upward.id).status is ThreadStatus.OPEN
    desk.undo_stack.undo()
    thread = services.threads.get(upward.id)
    assert (thread.status, thread.resolved_on) == (ThreadStatus.RESOLVED, TODAY - dt.timedelta(days=2))
    assert len(services.entries.for_thread(upward.id)) == 1


def test_upward_feedback_is_marked_acted_on_with_a_date_and_a_note_then_cleared(
    qtbot, services, desk, section, upward
) -> None:
    assert section.acted_line.text() == "Feedback from Ana Lima: not yet marked as acted on."
    click(qtbot, section.acted_button)
    dialog = section.open_dialog
    type_date(qtbot, dialog.on, dialog.on.day() - dt.timedelta(days=3))
    qtbot.keyClicks(dialog.note, "Moved our 1:1 to a fixed slot")
    save(qtbot, dialog)
    thread = services.threads.get(upward.id)
    assert (thread.acted_on, thread.acted_on_note) == (TODAY - dt.timedelta(days=3), "Moved our 1:1 to a fixed slot")
    assert section.acted_line.text() == "✓ You acted on this feedback on 26 Nov 2026 — Moved our 1:1 to a fixed slot"
    assert cell(section.table, 0, ACTED_ON) == "✓ 26 Nov 2026"

    click(qtbot, section.clear_acted_button)
    assert services.threads.get(upward.id).acted_on is None
    assert not section.clear_acted_button.isVisible()
    desk.undo_stack.undo()
    assert services.threads.get(upward.id).acted_on_note == "Moved our 1:1 to a fixed slot"
    desk.undo_stack.undo()
    assert services.threads.get(upward.id).acted_on is None


def test_feedback_the_lead_gave_cannot_be_marked_acted_on(qtbot, section, upward, downward) -> None:
    select_thread(qtbot, section, "Release notes")
    assert not section.acted_button.isVisible()
    assert not section.acted_line.isVisible()
    select_thread(qtbot, section, "Our 1:1s keep moving")
    assert section.acted_button.isVisible()


def test_delete_key_trashes_a_thread_with_its_messages_and_undo_brings_both_back(
    qtbot, services, desk, section, upward, ana
) -> None:
    press(qtbot, section.table, Qt.Key.Key_Delete)
    assert services.threads.for_mentee(ana.id) == []
    assert section.pages.currentWidget() is section.empty
    desk.undo_stack.undo()
    assert [t.id for t in services.threads.for_mentee(ana.id)] == [upward.id]
    assert section.conversation_model.rowCount() == 1


def test_enter_on_a_thread_renames_it(qtbot, services, desk, section, upward) -> None:
    press(qtbot, section.table, Qt.Key.Key_Return)
    dialog = section.open_dialog
    dialog.topic.clear()
    qtbot.keyClicks(dialog.topic, "Protecting 1:1s")
    press(qtbot, dialog.topic, Qt.Key.Key_Return)
    assert services.threads.get(upward.id).topic == "Protecting 1:1s"
    assert section.topic_label.text() == "Protecting 1:1s"
    desk.undo_stack.undo()
    assert services.threads.get(upward.id).topic == "Our 1:1s keep moving"


def test_a_message_is_edited_with_enter_and_deleted_with_the_delete_key(
    qtbot, services, desk, section, upward
) -> None:
    view = section.conversation
    first = section.conversation_model.entries()[0]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.point_of(first.id))
    press(qtbot, view, Qt.Key.Key_Return)
    dialog = section.open_dialog
    dialog.text.selectAll()
    qtbot.keyClicks(dialog.text, "Can we keep our 1:1 slot fixed?")
    save(qtbot, dialog)
    assert services.entries.get(first.id).text == "Can we keep our 1:1 slot fixed?"
    view.select_id(first.id)
    press(qtbot, view, Qt.Key.Key_Delete)
    assert services.entries.for_thread(upward.id) == []
    desk.undo_stack.undo()
    desk.undo_stack.undo()
    assert services.entries.get(first.id).text == "Can we protect our 1:1 slot?"


def test_starters_are_offered_while_writing_a_reply(qtbot, section, upward) -> None:
    picker = section.composer.starters
    picker.menu_.aboutToShow.emit()
    picker.menu_.actions()[0].trigger()
    assert section.composer.words() == METHOD_OPENING_QUESTION


def test_closing_a_dialog_with_typing_in_it_asks_first(qtbot, services, section, ana) -> None:
    click(qtbot, section.new_button)
    dialog = section.open_dialog
    qtbot.keyClicks(dialog.topic, "Half a thought")
    press(qtbot, dialog, Qt.Key.Key_Escape)
    box = dialog.discard_box
    assert box is not None and box.isVisible()
    click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
    assert dialog.isVisible() and dialog.topic.text() == "Half a thought"
    press(qtbot, dialog, Qt.Key.Key_Escape)
    click(qtbot, dialog.discard_box.button(QMessageBox.StandardButton.Discard))
    assert section.open_dialog is None
    assert services.threads.for_mentee(ana.id) == []


def test_show_item_reveals_a_thread_and_a_message_in_it(qtbot, section, upward, downward) -> None:
    assert section.show_item("thread", downward.id)
    assert section.topic_label.text() == "Release notes"
    private = next(e for e in section.conversation_model.entries() if e.direction is Direction.PRIVATE)
    section.show_item("thread", upward.id)
    assert section.show_item("entry", private.id)
    assert section.topic_label.text() == "Release notes"
    assert section.conversation.current_id() == private.id
    assert not section.show_item("goal", downward.id)
    assert not section.show_item("thread", 99_999)


def test_a_change_made_elsewhere_shows_up_at_once(qtbot, services, section, upward) -> None:
    services.threads.reply(upward.id, text="Typed from the command line.", direction=Direction.TO_MENTEE)
    assert section.conversation_model.entries()[-1].text == "Typed from the command line."
    assert cell(section.table, 0, STATUS) == "Open"


def test_thread_and_conversation_models_pass_the_model_tester(qtmodeltester, demo_services) -> None:
    mentee = demo_services.mentees.find("Priya")
    threads = demo_services.threads.for_mentee(mentee.id)
    model = ThreadListModel()
    model.reload_threads(threads, mentee_name=mentee.name)
    qtmodeltester.check(model)
    conversation = ConversationModel()
    conversation.reload(demo_services.entries.for_thread(threads[0].id), mentee_name=mentee.name)
    qtmodeltester.check(conversation)


def test_squeezed_short_the_list_still_shows_two_whole_threads(qtbot, section, upward, downward) -> None:
    # At 1024×640 the tab gets about 430 pixels: the splitter gives the list only its minimum.
    section.resize(720, 300)
    qtbot.wait(10)
    table = section.table
    assert table.model().rowCount() == 2
    last = table.visualRect(table.model().index(1, TOPIC))
    assert last.bottom() < table.viewport().height(), "the second thread is cut off"
