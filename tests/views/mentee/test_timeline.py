"""The mentee page: a lazy timeline with filters, edits and trash with undo, and the sections' tabs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desk_support import activate, open_desk, when_modal
from mentorapp.models.services import Services, Topic
from mentorapp.models.vocabulary import Direction, EntryKind
from mentorapp.views.mentee import page as mentee_page
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.mentee.section import MenteeSection
from mentorapp.views.mentee.timeline import EntryRole, LinkRole, TimelineModel, TimelineView


def open_page(qtbot, services: Services, name: str) -> MainWindow:
    window = open_desk(qtbot, services)
    window.show_mentee(services.mentees.find(name).id)
    return window


def test_a_mentee_with_20000_entries_opens_with_only_a_screenful_loaded(qtbot, busy_services: Services) -> None:
    window = open_desk(qtbot, busy_services)
    mentee = busy_services.mentees.list()[0]
    window.show_mentee(mentee.id)
    qtbot.wait(50)  # let the view lay out and ask for more if the screen were not full
    timeline = window.mentee_page.timeline
    screenful = timeline.rows_per_screen()
    assert timeline.model.rowCount() <= 2 * screenful
    assert timeline.count_label.text() == "20,000 notes"
    first = timeline.model.index(0).data(EntryRole)
    assert first.at == max(e.at for e in busy_services.entries.page(mentee.id, limit=200))
    # Scrolling to the end fetches the next page, not everything.
    before = timeline.model.rowCount()
    timeline.list.scrollToBottom()
    qtbot.keyClick(timeline.list, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: timeline.model.rowCount() > before)
    assert timeline.model.rowCount() <= before + 2 * screenful


def test_timeline_is_newest_first_and_shows_what_an_entry_belongs_to(qtbot, demo_services: Services) -> None:
    window = open_page(qtbot, demo_services, "Priya Raman")
    model = window.mentee_page.timeline.model
    while model.canFetchMore():  # as if the lead scrolled to the end
        model.fetchMore()
    stamps = [model.index(r).data(EntryRole).at for r in range(model.rowCount())]
    assert stamps == sorted(stamps, reverse=True)
    links = [model.index(r).data(LinkRole) for r in range(model.rowCount())]
    assert any(link.startswith("Thread: ") for link in links)
    assert any(link.startswith("Goal: ") for link in links)


def test_filtering_by_kind_and_direction_from_the_keyboard(qtbot, demo_services: Services) -> None:
    window = open_page(qtbot, demo_services, "Priya Raman")
    timeline = window.mentee_page.timeline
    timeline.kind_filter.setFocus()
    qtbot.keyClicks(timeline.kind_filter, "Concern")
    model = timeline.model
    kinds = {model.index(r).data(EntryRole).kind for r in range(model.rowCount())}
    assert kinds == {EntryKind.CONCERN}
    timeline.direction_filter.setFocus()
    qtbot.keyClicks(timeline.direction_filter, "Private")
    rows = [model.index(r).data(EntryRole) for r in range(model.rowCount())]
    assert rows and all(e.kind is EntryKind.CONCERN and e.direction is Direction.PRIVATE for e in rows)
    priya = demo_services.mentees.find("Priya").id
    expected = demo_services.entries.count(priya, kinds=[EntryKind.CONCERN], directions=[Direction.PRIVATE])
    assert timeline.count_label.text() == f"{expected} note{'s' * (expected != 1)}"


def test_a_filter_that_matches_nothing_says_so(qtbot, services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    services.entries.add(mentee_id=ana.id, text="Shipped it", kind="progress")
    window = open_desk(qtbot, services)
    window.show_mentee(ana.id)
    timeline = window.mentee_page.timeline
    timeline.kind_filter.setFocus()
    qtbot.keyClicks(timeline.kind_filter, "Praise")
    assert timeline.stack.currentWidget() is timeline.empty
    assert "No notes of this kind" in timeline.empty.text()


def test_a_mentee_without_notes_gets_an_invitation(qtbot, services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    window = open_desk(qtbot, services)
    window.show_mentee(ana.id)
    timeline = window.mentee_page.timeline
    assert timeline.stack.currentWidget() is timeline.empty
    assert "Ctrl+N" in timeline.empty.text()


def timeline_at_row(qtbot, services: Services, mentee_id: int, row: int) -> tuple[MainWindow, TimelineView]:
    """The desk on the mentee's page, with the timeline focused on `row`: (window, timeline)."""
    window = open_desk(qtbot, services)
    window.show_mentee(mentee_id)
    timeline = window.mentee_page.timeline
    timeline.list.setFocus()
    timeline.list.setCurrentIndex(timeline.model.index(row))
    return window, timeline


def test_editing_an_entry_with_f2_and_undoing_it(qtbot, services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    entry = services.entries.add(mentee_id=ana.id, text="Shipped the parser")
    window, timeline = timeline_at_row(qtbot, services, ana.id, 0)

    def edit(dialog: QWidget) -> None:
        dialog.text.selectAll()
        qtbot.keyClicks(dialog.text, "Shipped the parser, on time")
        dialog.kind.setFocus()
        qtbot.keyClicks(dialog.kind, "Progress")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    when_modal(edit)
    qtbot.keyClick(timeline.list, Qt.Key.Key_F2)
    edited = services.entries.get(entry.id)
    assert (edited.text, edited.kind) == ("Shipped the parser, on time", EntryKind.PROGRESS)
    assert timeline.current_entry().text == "Shipped the parser, on time"
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.entries.get(entry.id).text == "Shipped the parser"
    assert timeline.model.index(0).data(EntryRole).kind is EntryKind.FEEDBACK


def test_editing_only_the_words_keeps_the_note_in_its_place(qtbot, services: Services) -> None:
    import datetime as dt

    ana = services.mentees.add(name="Ana")
    first = services.entries.add(mentee_id=ana.id, text="Frist", at=dt.datetime(2026, 11, 2, 10, 15, 30))
    services.entries.add(mentee_id=ana.id, text="Second", at=dt.datetime(2026, 11, 2, 10, 15, 42))
    _window, timeline = timeline_at_row(qtbot, services, ana.id, 1)

    def fix_typo(dialog: QWidget) -> None:
        dialog.text.selectAll()
        qtbot.keyClicks(dialog.text, "First")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    when_modal(fix_typo)
    qtbot.keyClick(timeline.list, Qt.Key.Key_F2)
    assert services.entries.get(first.id).at == dt.datetime(2026, 11, 2, 10, 15, 30)
    assert [timeline.model.index(r).data() for r in range(2)] == ["Second", "First"]


def test_deleting_an_entry_moves_it_to_the_trash_and_ctrl_z_brings_it_back(qtbot, services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    services.entries.add(mentee_id=ana.id, text="older")
    newer = services.entries.add(mentee_id=ana.id, text="newer")
    window, timeline = timeline_at_row(qtbot, services, ana.id, 0)
    qtbot.keyClick(timeline.list, Qt.Key.Key_Delete)
    assert [i.id for i in services.trash.items()] == [newer.id]
    assert timeline.model.rowCount() == 1
    assert timeline.current_entry().text == "older"
    qtbot.keyClick(timeline.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert timeline.model.rowCount() == 2
    assert services.trash.items() == []


def test_a_private_concern_is_marked_raised_with_ctrl_d_and_undone(qtbot, services: Services) -> None:
    ana = services.mentees.add(name="Ana")
    concern = services.entries.add(mentee_id=ana.id, text="Seems stretched", kind="concern", direction="private")
    window, timeline = timeline_at_row(qtbot, services, ana.id, 0)
    assert timeline.discussed_button.isEnabled()
    qtbot.keyClick(timeline.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert services.entries.get(concern.id).discussed_on is not None
    assert not timeline.discussed_button.isEnabled()
    assert "1 concern" not in window.mentee_page.header.status.text()
    qtbot.keyClick(timeline.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.entries.get(concern.id).discussed_on is None
    assert "1 concern not yet raised" in window.mentee_page.header.status.text()


def test_show_item_reaches_an_old_entry_past_the_loaded_pages_and_filters(qtbot, busy_services: Services) -> None:
    mentee = busy_services.mentees.list()[0]
    oldest = busy_services.entries.in_period(mentee.id, start=busy_services.entries.page(
        mentee.id, limit=1)[0].at.date().replace(year=2000), end=busy_services.entries.page(
        mentee.id, limit=1)[0].at.date())[0]
    window = open_desk(qtbot, busy_services)
    window.show_mentee(mentee.id)
    timeline = window.mentee_page.timeline
    timeline.kind_filter.set_value(EntryKind.PRAISE if oldest.kind is not EntryKind.PRAISE else EntryKind.ASK)
    assert window.show_item(mentee.id, "entry", oldest.id)
    assert timeline.current_entry().id == oldest.id
    assert timeline.kind_filter.value() is None


class NotesOnWalks(MenteeSection):
    """A tiny section for testing how the page hosts sections."""

    title = "Walks"
    topics = (Topic.RECOGNITIONS,)

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.label = QLabel(self)
        self.reloads = 0

    def reload(self) -> None:
        self.reloads += 1
        self.label.setText(f"mentee {self.mentee_id}")

    def show_item(self, doc_type: str, doc_id: int) -> bool:
        return doc_type == "recognition"


@pytest.fixture
def with_walks_section(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mentee_page, "SECTION_TYPES", [NotesOnWalks])


def test_sections_in_the_list_become_tabs_that_follow_the_mentee(qtbot, demo_services: Services,
                                                                 with_walks_section) -> None:
    window = open_page(qtbot, demo_services, "Priya Raman")
    page = window.mentee_page
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["Timeline", "Walks"]
    section = page.sections[0]
    assert section.label.text() == "mentee None"  # a hidden tab reads nothing until it is opened
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is section
    assert section.label.text() == f"mentee {page.mentee_id}"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.timeline


def test_show_item_asks_each_section_and_switches_to_the_one_that_has_it(qtbot, demo_services: Services,
                                                                         with_walks_section) -> None:
    window = open_desk(qtbot, demo_services)
    marco = demo_services.mentees.find("Marco").id
    assert window.show_item(marco, "recognition", 1)
    page = window.mentee_page
    assert page.mentee_id == marco
    assert page.tabs.currentWidget() is page.sections[0]
    assert not window.show_item(marco, "goal", 1)
    assert window.mentee_page.mentee_id == marco


def test_a_section_reloads_on_its_topics_for_its_mentee(qtbot, demo_services: Services, with_walks_section) -> None:
    window = open_page(qtbot, demo_services, "Priya Raman")
    section = window.mentee_page.sections[0]
    window.mentee_page.tabs.setCurrentWidget(section)
    before = section.reloads
    demo_services.recognitions.add(mentee_id=demo_services.mentees.find("Marco").id, what_for="elsewhere")
    assert section.reloads == before
    demo_services.recognitions.add(mentee_id=window.mentee_page.mentee_id, what_for="the release")
    assert section.reloads == before + 1


def test_timeline_model_passes_the_model_tester(qtmodeltester, demo_services: Services) -> None:
    model = TimelineModel(demo_services, page_size=10)
    model.set_mentee(demo_services.mentees.find("Priya").id)
    assert model.rowCount() == 10 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 20
    qtmodeltester.check(model)


def test_focus_starts_nowhere_surprising(qtbot, demo_services: Services) -> None:
    window = open_page(qtbot, demo_services, "Priya Raman")
    assert QApplication.focusWidget() is None or QApplication.focusWidget().window() is window
