"""The main window: the roster with health badges, navigation, mentees added and changed with undo."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox, QWidget

from desk_support import DEMO_TODAY, activate, open_desk, when_modal
from mnemonic_walker import all_menu_actions
from mentorapp.models.services import Services
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.shell.roster import BadgesRole, RosterModel


def roster_index(window: MainWindow, name: str) -> QModelIndex:
    row = window.mentee_names().index(name)
    return window.roster_model.index(row)


def click_mentee(qtbot, window: MainWindow, name: str) -> None:
    rect = window.roster_view.visualRect(roster_index(window, name))
    qtbot.mouseClick(window.roster_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_main_window_lists_the_demo_team_with_health_badges(demo_desk: MainWindow) -> None:
    names = demo_desk.mentee_names()
    assert "Priya Raman" in names and "Олег Петров" in names
    assert names == sorted(names, key=str.casefold)
    assert demo_desk.pages.currentWidget() is demo_desk.splitter
    badges = {name: [text for text, _tone, _s in roster_index(demo_desk, name).data(BadgesRole)] for name in names}
    priya = demo_desk.services.mentees.find("Priya Raman")
    unraised = len(demo_desk.services.entries.undiscussed_concerns(priya.id))
    assert unraised > 0
    assert "overdue" in badges["Priya Raman"]
    assert (f"{unraised} concerns" if unraised > 1 else "1 concern") in badges["Priya Raman"]
    assert badges["Νίκη Παππά"] == ["watchlist"]
    assert badges["Amélie Dubois"] == []
    tooltip = roster_index(demo_desk, "Priya Raman").data(Qt.ItemDataRole.ToolTipRole)
    assert "Check-in overdue: last talked 40 days ago, every 14 days agreed." in tooltip


def test_first_start_on_an_empty_journal_explains_and_offers_the_demo_team(qtbot, desk: MainWindow) -> None:
    assert desk.pages.currentWidget() is desk.empty_page
    assert "Add the people you mentor" in desk.findChild(QLabel, "welcome_text").text()
    qtbot.mouseClick(desk.findChild(QPushButton, "load_demo"), Qt.MouseButton.LeftButton)
    assert desk.pages.currentWidget() is desk.splitter
    assert "Priya Raman" in desk.mentee_names()
    assert desk.current_view() is desk.today_view


def test_clicking_a_mentee_shows_their_page(qtbot, demo_desk: MainWindow) -> None:
    click_mentee(qtbot, demo_desk, "Marco Rossi")
    assert demo_desk.current_view() is demo_desk.mentee_page
    assert demo_desk.mentee_page.header.name.text() == "Marco Rossi"
    assert "Frontend engineer" in demo_desk.mentee_page.header.details.text()
    qtbot.keyClick(demo_desk, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert demo_desk.current_view() is demo_desk.today_view
    assert demo_desk.selected_mentee_id() is None


def test_a_mentee_is_added_from_the_desk_and_undone(qtbot, desk: MainWindow) -> None:
    def fill(dialog: QWidget) -> None:
        name = dialog.findChild(QLineEdit)  # the first field, focused
        qtbot.keyClicks(name, "Ana Costa")
        qtbot.keyClicks(dialog.role, "Designer")
        dialog.cadence.selectAll()
        qtbot.keyClicks(dialog.cadence, "7")
        qtbot.keyClicks(dialog.thanks, "Coffee")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(fill)
    qtbot.mouseClick(desk.findChild(QPushButton, "add_first_mentee"), Qt.MouseButton.LeftButton)
    assert desk.mentee_names() == ["Ana Costa"]
    mentee = desk.services.mentees.list()[0]
    assert (mentee.role, mentee.cadence_days, mentee.thanks_preference) == ("Designer", 7, "Coffee")
    assert desk.mentee_page.header.name.text() == "Ana Costa"
    desk.undo_action.trigger()
    assert desk.services.mentees.list() == []
    assert desk.pages.currentWidget() is desk.empty_page
    desk.redo_action.trigger()
    assert desk.mentee_names() == ["Ana Costa"]


def test_a_duplicate_name_is_refused_in_one_sentence_and_the_dialog_stays(qtbot, demo_desk: MainWindow) -> None:
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.name, "priya raman")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        seen.append(dialog.problem.text())
        # Closing with typed words asks first; the test throws them away.
        QTimer.singleShot(
            0, lambda: QApplication.activeModalWidget().button(QMessageBox.StandardButton.Discard).click())
        dialog.reject()

    when_modal(fill)
    qtbot.keyClick(demo_desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert seen == ["There is already a mentee named 'Priya Raman'."]
    assert demo_desk.mentee_names().count("Priya Raman") == 1


def test_editing_the_cadence_updates_the_header_and_can_be_undone(qtbot, demo_desk: MainWindow) -> None:
    click_mentee(qtbot, demo_desk, "Marco Rossi")

    def change(dialog: QWidget) -> None:
        spin: QSpinBox = dialog.cadence
        spin.selectAll()
        qtbot.keyClicks(spin, "30")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(change)
    qtbot.keyClick(demo_desk, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "check in every 30 days" in demo_desk.mentee_page.header.details.text()
    activate(qtbot, demo_desk)
    qtbot.keyClick(demo_desk, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "check in every 30 days" not in demo_desk.mentee_page.header.details.text()
    qtbot.keyClick(demo_desk, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "check in every 30 days" in demo_desk.mentee_page.header.details.text()


def test_archiving_hides_a_mentee_until_shown_and_undo_brings_them_back(qtbot, demo_desk: MainWindow) -> None:
    click_mentee(qtbot, demo_desk, "Marco Rossi")
    demo_desk.archive_action.trigger()
    assert "Marco Rossi" not in demo_desk.mentee_names()
    assert demo_desk.current_view() is demo_desk.today_view
    demo_desk.show_archived_action.trigger()
    assert "Marco Rossi" in demo_desk.mentee_names()
    assert "archived" in roster_index(demo_desk, "Marco Rossi").data(Qt.ItemDataRole.ToolTipRole).lower()
    demo_desk.show_archived_action.trigger()
    demo_desk.undo_action.trigger()
    assert "Marco Rossi" in demo_desk.mentee_names()


def test_a_mentee_moved_to_the_trash_comes_back_with_undo(qtbot, demo_desk: MainWindow) -> None:
    click_mentee(qtbot, demo_desk, "Marco Rossi")
    marco = demo_desk.selected_mentee_id()
    notes = demo_desk.services.entries.count(marco)
    demo_desk.trash_mentee_action.trigger()
    assert "Marco Rossi" not in demo_desk.mentee_names()
    assert "Ctrl+Z brings them back" in demo_desk.statusBar().currentMessage()
    qtbot.keyClick(demo_desk, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Marco Rossi" in demo_desk.mentee_names()
    assert demo_desk.services.entries.count(marco) == notes


def test_a_refused_trash_says_why_and_does_not_claim_it_happened(qtbot, demo_desk: MainWindow, monkeypatch) -> None:
    from mentorapp.models.errors import MentorAppError

    click_mentee(qtbot, demo_desk, "Sofía Hernández")
    demo_desk.trash_mentee_action.trigger()  # someone is in the trash already
    click_mentee(qtbot, demo_desk, "Marco Rossi")
    demo_desk.statusBar().clearMessage()
    seen: list[str] = []
    demo_desk.context.report = seen.append

    def refuse(_mentee_id: int) -> None:
        raise MentorAppError("The journal is locked; unlock it to go on.")

    monkeypatch.setattr(demo_desk.services.mentees, "trash", refuse)
    demo_desk.trash_mentee_action.trigger()
    assert seen == ["The journal is locked; unlock it to go on."]
    assert "Marco Rossi" in demo_desk.mentee_names()
    assert "Moved Marco Rossi" not in demo_desk.statusBar().currentMessage()


def test_the_layout_and_last_mentee_are_remembered(qtbot, demo_services: Services) -> None:
    first = open_desk(qtbot, demo_services)
    click_mentee(qtbot, first, "Sofía Hernández")
    first.resize(790, 640)  # within the small virtual screen of offscreen Qt
    first.splitter.setSizes([300, 490])
    sizes = first.splitter.sizes()
    first.close()
    second = open_desk(qtbot, demo_services)
    assert second.current_view() is second.mentee_page
    assert second.mentee_page.header.name.text() == "Sofía Hernández"
    assert second.splitter.sizes() == sizes
    assert (second.width(), second.height()) == (790, 640)


def test_the_team_views_are_reached_from_navigation_and_shortcuts(qtbot, demo_desk: MainWindow) -> None:
    watchlist = demo_desk.watchlist_view
    titles = [demo_desk.navigation.item(r).text() for r in range(demo_desk.navigation.count())]
    assert titles == ["Today", "Watchlist"]
    qtbot.keyClick(demo_desk, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert demo_desk.current_view() is watchlist
    click_mentee(qtbot, demo_desk, "Marco Rossi")
    assert demo_desk.current_view() is demo_desk.mentee_page
    rect = demo_desk.navigation.visualItemRect(demo_desk.navigation.item(1))
    qtbot.mouseClick(demo_desk.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert demo_desk.current_view() is watchlist
    assert "Watchlist" in [a.text() for a in demo_desk.view_menu.actions()]


def test_the_roster_refreshes_only_for_changes_it_shows(demo_desk: MainWindow) -> None:
    reloads: list[str] = []
    demo_desk.roster_model.dataChanged.connect(lambda *_: reloads.append("data"))
    demo_desk.roster_model.modelReset.connect(lambda: reloads.append("reset"))
    demo_desk.services.starters.add("What would you change first?")
    assert reloads == []
    priya = demo_desk.services.mentees.find("Priya")
    demo_desk.services.recognitions.add(mentee_id=priya.id, what_for="the release")
    assert reloads == ["data"]
    badges = [t for t, _tone, _s in roster_index(demo_desk, "Priya Raman").data(BadgesRole)]
    assert "unthanked" not in badges


def test_selection_survives_a_roster_refresh(qtbot, demo_desk: MainWindow) -> None:
    click_mentee(qtbot, demo_desk, "Marco Rossi")
    demo_desk.services.mentees.add(name="Aaron Abel")
    assert demo_desk.mentee_names()[0] == "Aaron Abel"
    assert demo_desk.mentee_page.header.name.text() == "Marco Rossi"
    assert roster_index(demo_desk, "Marco Rossi") == demo_desk.roster_view.currentIndex()


def test_ctrl_l_puts_the_keyboard_in_the_team_list_and_arrows_walk_it(qtbot, demo_desk: MainWindow) -> None:
    qtbot.keyClick(demo_desk, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is demo_desk.roster_view
    qtbot.keyClick(demo_desk.roster_view, Qt.Key.Key_Down)
    qtbot.keyClick(demo_desk.roster_view, Qt.Key.Key_Down)
    assert demo_desk.current_view() is demo_desk.mentee_page
    assert demo_desk.mentee_page.mentee_id == demo_desk.selected_mentee_id()


def test_preferences_change_the_recognition_nudge(qtbot, demo_desk: MainWindow) -> None:
    def set_gap(dialog: QWidget) -> None:
        dialog.gap.selectAll()
        qtbot.keyClicks(dialog.gap, "400")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(set_gap)
    demo_desk.preferences_action.trigger()
    # Kept in the journal, where the command line and the packets read it too.
    assert demo_desk.services.journal.preferences().recognition_gap_days == 400
    badges = [t for r in range(demo_desk.roster_model.rowCount())
              for t, _tone, _s in demo_desk.roster_model.index(r).data(BadgesRole)]
    assert "unthanked" not in badges
    assert all("Not recognised" not in g.title for g in demo_desk.today_view.model.groups())


def test_the_leads_name_for_review_packets_is_set_in_preferences(qtbot, desk: MainWindow) -> None:
    from mentorapp.packets.data import build_packet_data

    def set_name(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.lead_name, "Sam Okafor")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(set_name)
    desk.preferences_action.trigger()
    ana = desk.services.mentees.add(name="Ana")
    packet = build_packet_data(desk.services, mentee_id=ana.id, start=DEMO_TODAY, end=DEMO_TODAY, today=DEMO_TODAY)
    assert packet.lead_name == "Sam Okafor"


def test_roster_model_passes_the_model_tester(qtmodeltester, demo_services: Services) -> None:
    model = RosterModel(today=lambda: DEMO_TODAY)
    model.reload(demo_services.mentees.roster())
    qtmodeltester.check(model)


def test_a_mentee_trashed_elsewhere_leaves_their_page_calmly_for_today(qtbot, demo_desk: MainWindow) -> None:
    click_mentee(qtbot, demo_desk, "Marco Rossi")
    marco = demo_desk.selected_mentee_id()
    demo_desk.services.mentees.trash(marco)  # as another window of the desk or a restore would
    assert demo_desk.current_view() is demo_desk.today_view
    assert "Marco Rossi" not in demo_desk.mentee_names() and demo_desk.mentee_names()
    assert not demo_desk.trash_mentee_action.isEnabled()
    assert not isinstance(QApplication.activeModalWidget(), QDialog)  # no error dialog about it


def test_ctrl_e_opens_the_review_packet_for_the_mentee_on_screen(qtbot, demo_desk: MainWindow) -> None:
    from mentorapp.views.shell.packet_dialog import PacketDialog

    priya = demo_desk.services.mentees.find("Priya")
    demo_desk.show_mentee(priya.id)
    qtbot.keyClick(demo_desk, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = demo_desk.findChild(PacketDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.mentee_id == priya.id
    with qtbot.waitSignal(dialog.preview_ready, timeout=60_000) as ready:
        pass
    assert ready.args[0] >= 3  # pages in the preview
    dialog.close()
    demo_desk.context.runner.wait()


def test_records_open_in_their_own_tab_of_the_mentee_page(demo_desk: MainWindow) -> None:
    services = demo_desk.services
    priya = services.mentees.find("Priya")
    thread = services.threads.for_mentee(priya.id)[0]
    goal = services.goals.for_mentee(priya.id)[0]
    for doc_type, doc_id, title in (("thread", thread.id, "Threads"), ("goal", goal.id, "Goals")):
        assert demo_desk.show_item(priya.id, doc_type, doc_id)
        page = demo_desk.mentee_page
        assert page.tabs.tabText(page.tabs.currentIndex()) == title


def test_a_case_on_the_team_watchlist_opens_on_the_mentees_page(qtbot, demo_desk: MainWindow) -> None:
    case = demo_desk.services.watchlist.open_cases()[0]
    demo_desk.show_view(demo_desk.watchlist_view)
    demo_desk.watchlist_view.table.select_id(case.id)
    qtbot.mouseClick(demo_desk.watchlist_view.go_button, Qt.MouseButton.LeftButton)
    page = demo_desk.mentee_page
    assert demo_desk.current_view() is page and page.mentee_id == case.mentee_id
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Watchlist"


def test_the_team_list_never_scrolls_sideways_however_narrow(qtbot, demo_desk: MainWindow) -> None:
    demo_desk.resize(760, 420)
    demo_desk.splitter.setSizes([200, 560])
    qtbot.wait(20)
    roster = demo_desk.roster_view
    assert not roster.horizontalScrollBar().isVisible()
    assert roster.horizontalScrollBar().maximum() == 0


def test_ctrl_enter_saves_a_new_mentee(qtbot, demo_desk: MainWindow) -> None:
    def type_and_save(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.name, "Zoe Novak")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    when_modal(type_and_save)
    demo_desk.add_mentee_action.trigger()
    assert "Zoe Novak" in [m.name for m in demo_desk.services.mentees.list()]


def test_a_mentee_without_a_role_takes_no_blank_line_in_the_roster(qtbot, desk: MainWindow) -> None:
    desk.services.mentees.add(name="Ana Lima", role="Backend engineer")
    desk.services.mentees.add(name="Bo Chen")
    view = desk.roster_view
    rows = {view.model().index(r).data(): view.sizeHintForIndex(view.model().index(r))
            for r in range(view.model().rowCount())}
    line = view.fontMetrics().height() // 2
    assert rows["Bo Chen"].height() < rows["Ana Lima"].height() - line


def test_the_shortcuts_list_is_read_from_the_actions_and_f10_opens_the_menus(qtbot, demo_desk: MainWindow) -> None:
    from mentorapp.views.shell.shortcuts_help import shortcut_rows

    rows = {(row.what, row.keys) for row in shortcut_rows(demo_desk)}
    assert ("New note", "Ctrl+N") in rows and ("Today", "Ctrl+1") in rows
    assert ("A mentee's Goals tab", "Alt+3") in rows and ("Open the menu bar", "F10") in rows
    # Every menu action with a shortcut is listed: nothing written down by hand to go stale.
    with_keys = [a for a in all_menu_actions(demo_desk.menuBar()) if not a.shortcut().isEmpty()]
    listed = {what for what, _keys in rows}
    assert all(a.text().replace("&", "").rstrip("…") in listed for a in with_keys)
    added = demo_desk._action("Brand-new thing", lambda: None, "Ctrl+Alt+B")
    demo_desk.view_menu.addAction(added)
    assert ("Brand-new thing", "Ctrl+Alt+B") in {(r.what, r.keys) for r in shortcut_rows(demo_desk)}

    def look_and_close(dialog: QWidget) -> None:
        assert dialog.windowTitle() == "Keyboard shortcuts" and dialog.tree.topLevelItemCount() >= 4
        dialog.reject()

    when_modal(look_and_close)
    demo_desk.shortcuts_action.trigger()
    activate(qtbot, demo_desk)
    qtbot.keyClick(demo_desk, Qt.Key.Key_F10)
    assert demo_desk.menuBar().activeAction() is demo_desk.menuBar().actions()[0]
