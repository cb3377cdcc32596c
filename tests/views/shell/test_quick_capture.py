"""Quick capture: Ctrl+N from anywhere, keyboard-only, Ctrl+Enter saves, drafts survive a crash."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desk_support import activate, open_desk, when_modal
from mentorapp.models.services import Services
from mentorapp.models.entities.starter import METHOD_OPENING_QUESTION
from mentorapp.models.vocabulary import Direction, EntryKind, Setting
from mentorapp.views.runtime import desk_state
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.shell.quick_capture import DRAFT_NAME, QuickCaptureDialog
from mentorapp.models.readmodels import EntryView

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def press_ctrl_n(qtbot, window: MainWindow) -> QuickCaptureDialog:
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_N, CTRL)
    dialog = window._quick_capture  # the dialog the shortcut opened
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    return dialog


def page_of(qtbot, services: Services, name: str) -> MainWindow:
    window = open_desk(qtbot, services)
    window.show_mentee(services.mentees.find(name).id)
    return window


def newest_note(services: Services, name: str) -> EntryView:
    return services.entries.page(services.mentees.find(name).id, limit=1)[0]


def test_quick_capture_saves_with_ctrl_enter(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    assert dialog.mentee.currentText() == "Marco Rossi"
    assert QApplication.focusWidget() is dialog.text
    qtbot.keyClicks(dialog.text, "Walked through the release plan together.")
    with qtbot.waitSignal(dialog.entry_saved):
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert not dialog.isVisible()
    note = newest_note(demo_services, "Marco Rossi")
    assert note.text == "Walked through the release plan together."
    assert (note.kind, note.direction) == (EntryKind.FEEDBACK, Direction.TO_MENTEE)
    assert window.mentee_page.timeline.model.index(0).data() == note.text


def test_quick_capture_saves_with_the_keypad_enter_too(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClicks(dialog.text, "From the keypad")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    assert not dialog.isVisible()
    assert newest_note(demo_services, "Marco Rossi").text == "From the keypad"


def test_a_plain_return_is_a_new_line_not_a_save(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClicks(dialog.text, "first line")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.text, "second line")
    assert dialog.isVisible()
    assert dialog.text.toPlainText() == "first line\nsecond line"
    dialog.save()


def test_direction_kind_and_setting_are_set_from_the_keyboard(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Priya Raman")
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: dialog.direction() is Direction.PRIVATE)  # a mnemonic clicks with a short animation
    assert QApplication.focusWidget() is dialog.text  # typing goes on where it was
    assert dialog.kind.value() is EntryKind.THOUGHT  # follows the direction until chosen
    qtbot.keyClick(dialog, Qt.Key.Key_K, ALT)
    assert QApplication.focusWidget() is dialog.kind
    qtbot.keyClicks(dialog.kind, "Concern")
    qtbot.keyClick(dialog, Qt.Key.Key_E, ALT)
    assert QApplication.focusWidget() is dialog.setting
    qtbot.keyClicks(dialog.setting, "Walk")
    qtbot.keyClick(dialog, Qt.Key.Key_F, ALT)  # from them: the chosen kind stays
    qtbot.waitUntil(lambda: dialog.direction() is Direction.FROM_MENTEE)
    assert dialog.kind.value() is EntryKind.CONCERN
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, "Worried about the on-call load.")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    note = newest_note(demo_services, "Priya Raman")
    assert (note.kind, note.direction, note.setting) == (EntryKind.CONCERN, Direction.FROM_MENTEE, Setting.WALK)


def test_without_a_page_open_the_last_mentee_used_is_preselected(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Sofía Hernández")
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClicks(dialog.text, "Coffee chat")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)  # the Today view: no mentee on screen
    dialog = press_ctrl_n(qtbot, window)
    assert dialog.mentee.currentText() == "Sofía Hernández"
    dialog.close()


def test_ctrl_n_works_from_another_desk_window(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    window.open_trash()
    trash = next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Trash" and w.isVisible())
    activate(qtbot, trash)
    qtbot.keyClick(trash, Qt.Key.Key_N, CTRL)
    assert window._quick_capture is not None and window._quick_capture.isVisible()
    window._quick_capture.close()


def test_escape_with_text_asks_before_discarding(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClicks(dialog.text, "Half a thought")
    asked: list[str] = []

    def keep_writing(box: QWidget) -> None:
        asked.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    when_modal(keep_writing)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert asked == ["Discard this note? What you typed will be lost."]
    assert dialog.isVisible() and dialog.text.toPlainText() == "Half a thought"

    def discard(box: QWidget) -> None:
        button = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    when_modal(discard)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert newest_note(demo_services, "Marco Rossi").text != "Half a thought"
    assert demo_services.journal.draft(DRAFT_NAME) is None


def test_escape_on_an_empty_note_just_closes(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_words_erased_before_escape_do_not_come_back_as_a_draft(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClicks(dialog.text, "Not this after all")
    qtbot.waitUntil(lambda: demo_services.journal.draft(DRAFT_NAME) is not None, timeout=3000)
    qtbot.keyClick(dialog.text, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)  # at once, before the next pause in typing
    assert not dialog.isVisible()
    assert demo_services.journal.draft(DRAFT_NAME) is None
    activate(qtbot, window)
    reopened = press_ctrl_n(qtbot, window)
    assert reopened.text.toPlainText() == "" and not reopened.notice.isVisible()


def test_the_draft_survives_a_crash_and_is_offered_back(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_F, ALT)
    qtbot.waitUntil(lambda: dialog.direction() is Direction.FROM_MENTEE)
    qtbot.keyClicks(dialog.text, "They want to lead the next retro")
    qtbot.waitUntil(lambda: demo_services.journal.draft(DRAFT_NAME) is not None, timeout=3000)
    draft = json.loads(demo_services.journal.draft(DRAFT_NAME))
    assert draft["text"] == "They want to lead the next retro" and draft["direction"] == "from_mentee"
    # A crash: the window goes without any chance to save or ask.
    dialog.hide()
    dialog.deleteLater()
    window._quick_capture = None
    window.close()

    reopened = open_desk(qtbot, demo_services)
    reopened.show_view(reopened.today_view)
    dialog = press_ctrl_n(qtbot, reopened)
    assert dialog.text.toPlainText() == "They want to lead the next retro"
    assert dialog.mentee.currentText() == "Marco Rossi"
    assert dialog.direction() is Direction.FROM_MENTEE
    assert dialog.notice.isVisible() and "had not saved about Marco Rossi" in dialog.draft_notice.text()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert newest_note(demo_services, "Marco Rossi").text == "They want to lead the next retro"
    assert demo_services.journal.draft(DRAFT_NAME) is None


def test_start_afresh_drops_a_restored_draft(qtbot, demo_services: Services) -> None:
    demo_services.journal.save_draft(DRAFT_NAME, json.dumps({"text": "old words", "mentee_id": None}))
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    assert dialog.text.toPlainText() == "old words"
    qtbot.keyClick(dialog, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: dialog.text.toPlainText() == "")
    assert not dialog.notice.isVisible()
    assert demo_services.journal.draft(DRAFT_NAME) is None
    assert QApplication.focusWidget() is dialog.text


def test_a_gentle_hint_once_a_note_grows_past_bite_size(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClicks(dialog.text, "x" * 400)
    assert "bite-size" not in dialog.hint.text()
    qtbot.keyClicks(dialog.text, "yz")
    assert "402 characters: past bite-size" in dialog.hint.text()
    dialog.save()  # still allowed: a hint, not a rule
    assert len(newest_note(demo_services, "Marco Rossi").text) == 402


def test_an_empty_note_is_refused_in_one_sentence(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClicks(dialog.text, "   ")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert dialog.problem.text() == "The note cannot be empty."
    dialog.text.clear()
    dialog.close()


def test_a_starter_is_offered_and_inserted(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    dialog.starters.menu_.aboutToShow.emit()
    assert dialog.kind.value() is EntryKind.FEEDBACK
    dialog.starters.menu_.actions()[0].trigger()
    assert dialog.text.toPlainText() == METHOD_OPENING_QUESTION
    assert dialog.kind.value() is EntryKind.QUESTION  # a starter is a question put to them
    dialog.set_direction(Direction.FROM_MENTEE)
    assert dialog.kind.value() is EntryKind.QUESTION  # and stays one when the direction changes


def test_a_kind_the_lead_chose_stays_when_a_starter_is_inserted(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    dialog.kind.set_value(EntryKind.PRAISE)
    dialog.kind.activated.emit(dialog.kind.currentIndex())
    dialog.starters.menu_.aboutToShow.emit()
    dialog.starters.menu_.actions()[0].trigger()
    assert dialog.kind.value() is EntryKind.PRAISE


def test_a_saved_note_is_undone_from_the_desk(qtbot, demo_services: Services) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    marco = demo_services.mentees.find("Marco").id
    before = demo_services.entries.count(marco)
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClicks(dialog.text, "Oops, wrong person")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert demo_services.entries.count(marco) == before + 1
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert demo_services.entries.count(marco) == before
    assert window.undo_action.text() == "&Undo" or "Add note" not in window.undo_action.text()
    assert window.context.state.value(desk_state.QUICK_CAPTURE_MENTEE, 0, int) == marco


def test_quick_capture_takes_an_earlier_day_and_time_and_refuses_a_later_one(qtbot, demo_services: Services,
                                                                             clock) -> None:
    import datetime as dt

    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClicks(dialog.text, "Said at Tuesday's retro, written down now.")
    qtbot.keyClick(dialog, Qt.Key.Key_W, ALT)  # When: the day first
    assert QApplication.focusWidget() is dialog.when.date.line
    earlier = clock.now() - dt.timedelta(days=2)
    dialog.when.date.line.selectAll()
    qtbot.keyClicks(dialog.when.date.line, earlier.date().isoformat())
    qtbot.keyClick(dialog.when.date.line, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.when.time  # Tab went on to the time, not into the date's parts
    dialog.when.time.selectAll()
    qtbot.keyClicks(dialog.when.time, "16:45")
    # A day ahead first: refused in one sentence, the dialog stays with the words.
    ahead = clock.now() + dt.timedelta(days=3)
    dialog.when.date.set_day(ahead.date())
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and "future" in dialog.problem.text()
    dialog.when.date.set_day(earlier.date())
    with qtbot.waitSignal(dialog.entry_saved):
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    saved = demo_services.entries.page(demo_services.mentees.find("Marco Rossi").id, limit=50)
    backdated = next(e for e in saved if e.text.startswith("Said at Tuesday's retro"))
    assert backdated.at == dt.datetime.combine(earlier.date(), dt.time(16, 45))


def test_a_note_left_at_now_is_dated_when_it_is_saved(qtbot, demo_services: Services, clock) -> None:
    window = page_of(qtbot, demo_services, "Marco Rossi")
    dialog = press_ctrl_n(qtbot, window)
    qtbot.keyClicks(dialog.text, "A quick word after standup.")
    with qtbot.waitSignal(dialog.entry_saved) as saved:
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert saved.args[0].at == clock.now()  # not the minute the dialog showed
