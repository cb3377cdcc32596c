"""The starter library editor, the trash window, and colours that stay readable in any palette."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLineEdit

from desk_support import activate, open_desk
from mentorapp.models.insights import Badge
from mentorapp.models.services import Services
from mentorapp.models.entities.starter import METHOD_OPENING_QUESTION
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.journal.starters import StartersDialog
from mentorapp.views.journal.starters import StartersModel
from mentorapp.views.widgets.theme import (
    BADGE_TONES,
    READABLE_CONTRAST,
    Tone,
    badge_colors,
    contrast,
    dark_palette,
    is_dark,
    light_palette,
    secondary_text,
)
from mentorapp.views.journal.trash import TrashDialog
from mentorapp.views.journal.trash import TrashModel

CTRL = Qt.KeyboardModifier.ControlModifier


def starters_window(qtbot, window: MainWindow) -> StartersDialog:
    window.starters_action.trigger()
    dialog = window._windows["starters"]
    activate(qtbot, dialog)
    return dialog


def texts(dialog: StartersDialog) -> list[str]:
    return [dialog.model.index(r).data() for r in range(dialog.model.rowCount())]


def test_the_library_starts_with_the_methods_opening_question(qtbot, services: Services) -> None:
    services.mentees.add(name="Ana")
    dialog = starters_window(qtbot, open_desk(qtbot, services))
    assert texts(dialog)[0] == METHOD_OPENING_QUESTION
    assert texts(dialog) == [s.text for s in services.starters.list()]


def test_a_starter_is_added_by_typing_and_enter_and_undone(qtbot, services: Services) -> None:
    services.mentees.add(name="Ana")
    window = open_desk(qtbot, services)
    dialog = starters_window(qtbot, window)
    before = texts(dialog)
    dialog.new_text.setFocus()
    qtbot.keyClicks(dialog.new_text, "What surprised you this week?")
    qtbot.keyClick(dialog.new_text, Qt.Key.Key_Return)
    assert texts(dialog) == [*before, "What surprised you this week?"]
    assert dialog.new_text.text() == ""
    assert dialog.list.currentIndex().data() == "What surprised you this week?"
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Z, CTRL)
    assert texts(dialog) == before


def test_a_starter_is_edited_in_place_with_f2(qtbot, services: Services) -> None:
    services.mentees.add(name="Ana")
    added = services.starters.add("What went well?")
    dialog = starters_window(qtbot, open_desk(qtbot, services))
    row = dialog.model.row_of(added.id)
    dialog.list.setFocus()
    dialog.list.setCurrentIndex(dialog.model.index(row))
    qtbot.keyClick(dialog.list, Qt.Key.Key_F2)
    editor = dialog.list.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "What went really well?")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [s.text for s in services.starters.list()][row] == "What went really well?")
    assert texts(dialog)[row] == "What went really well?"
    qtbot.keyClick(dialog.list, Qt.Key.Key_Z, CTRL)
    assert [s.text for s in services.starters.list()][row] == "What went well?"


def test_starters_are_reordered_with_alt_arrows_and_undone(qtbot, services: Services) -> None:
    services.mentees.add(name="Ana")
    first, second = (s.text for s in services.starters.list()[:2])
    dialog = starters_window(qtbot, open_desk(qtbot, services))
    rest = texts(dialog)[2:]
    dialog.list.setFocus()
    dialog.list.setCurrentIndex(dialog.model.index(1))
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert texts(dialog) == [second, first, *rest]
    assert dialog.list.currentIndex().data() == second
    assert not dialog.up_button.isEnabled()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert texts(dialog) == [first, rest[0], second, *rest[1:]]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Z, CTRL)
    assert texts(dialog) == [first, second, *rest]


def test_a_deleted_starter_goes_to_the_trash_and_comes_back(qtbot, services: Services) -> None:
    services.mentees.add(name="Ana")
    dialog = starters_window(qtbot, open_desk(qtbot, services))
    before = texts(dialog)
    dialog.list.setFocus()
    dialog.list.setCurrentIndex(dialog.model.index(1))
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert texts(dialog) == [before[0], *before[2:]]
    assert [(i.kind, i.text) for i in services.trash.items()] == [("starter", before[1])]
    assert dialog.list.currentIndex().data() == before[2]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Z, CTRL)
    assert texts(dialog) == before


def test_starters_model_passes_the_model_tester(qtmodeltester, services: Services) -> None:
    services.starters.add("Second")
    model = StartersModel(rename=lambda _s, _t: None)
    model.reload(services.starters.list())
    qtmodeltester.check(model)


# -- trash --------------------------------------------------------------------------------------
def trash_window(qtbot, window: MainWindow) -> TrashDialog:
    window.trash_action.trigger()
    dialog = window._windows["trash"]
    activate(qtbot, dialog)
    return dialog


def test_the_trash_window_lists_deleted_things_and_restores_with_enter(qtbot, services: Services) -> None:
    ana = services.mentees.add(name="Ana Costa")
    note = services.entries.add(mentee_id=ana.id, text="Too harsh, rewrite")
    services.entries.trash(note.id)
    window = open_desk(qtbot, services)
    dialog = trash_window(qtbot, window)
    model = dialog.model
    assert [model.index(0, c).data() for c in (1, 2, 3)] == ["Note", "Ana Costa", "Feedback: Too harsh, rewrite"]
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert services.entries.get(note.id).text == "Too harsh, rewrite"
    assert dialog.stack.currentWidget() is dialog.empty
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL)
    assert [i.id for i in services.trash.items()] == [note.id]
    assert dialog.stack.currentWidget() is dialog.table


def test_a_note_deleted_on_the_desk_shows_up_in_an_open_trash_window(qtbot, services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    services.entries.add(mentee_id=ana.id, text="keep me")
    window = open_desk(qtbot, services)
    dialog = trash_window(qtbot, window)
    assert "empty" in dialog.empty.text()
    window.show_mentee(ana.id)
    timeline = window.mentee_page.timeline
    timeline.list.setCurrentIndex(timeline.model.index(0))
    qtbot.mouseClick(timeline.trash_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1


def test_an_emptied_roster_offers_the_trash_on_the_welcome_page(qtbot, services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    window = open_desk(qtbot, services)
    window.show_mentee(ana.id)
    window.trash_mentee_action.trigger()
    assert window.pages.currentWidget() is window.empty_page
    assert window.welcome_trash_button.isVisible()
    qtbot.mouseClick(window.welcome_trash_button, Qt.MouseButton.LeftButton)
    dialog = window._windows["trash"]
    activate(qtbot, dialog)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert window.mentee_names() == ["Ana"]


def test_trash_model_passes_the_model_tester(qtmodeltester, services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    services.entries.trash(services.entries.add(mentee_id=ana.id, text="x").id)
    services.starters.trash(services.starters.list()[0].id)
    model = TrashModel()
    model.reload(services.trash.items())
    qtmodeltester.check(model)


# -- palette --------------------------------------------------------------------------------------
@pytest.mark.parametrize("palette", [light_palette(), dark_palette()], ids=["light", "dark"])
def test_badges_and_quiet_text_are_readable_in_light_and_dark(palette: QPalette) -> None:
    for tone in Tone:
        background, foreground = badge_colors(palette, tone)
        assert contrast(background, foreground) >= READABLE_CONTRAST, tone
    assert contrast(secondary_text(palette), palette.color(QPalette.ColorRole.Base)) >= READABLE_CONTRAST


def test_badge_backgrounds_follow_the_palette() -> None:
    light, dark = badge_colors(light_palette(), Tone.ALERT)[0], badge_colors(dark_palette(), Tone.ALERT)[0]
    assert light.lightness() > 180 and dark.lightness() < 100
    assert is_dark(dark_palette()) and not is_dark(light_palette())
    assert set(BADGE_TONES) == set(Badge)


def test_the_desk_renders_in_a_dark_palette(qtbot, demo_services: Services) -> None:
    app = QApplication.instance()
    original = app.palette()
    app.setPalette(dark_palette())
    try:
        window = open_desk(qtbot, demo_services)
        window.show_mentee(demo_services.mentees.find("Priya").id)
        image = window.grab().toImage()
        samples = sorted(
            image.pixelColor(image.width() * x // 10, image.height() * y // 10).lightness()
            for x in range(3, 10) for y in range(3, 10)
        )
        assert samples[len(samples) // 2] < 110  # the page follows the palette instead of staying white
    finally:
        app.setPalette(original)
