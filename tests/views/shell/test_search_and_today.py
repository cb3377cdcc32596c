"""Search as you type with the match marked, and the Today view: each item opens where to act."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_support import DEMO_TODAY, activate, open_desk
from mentorapp.models.services import Services
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.shell.search import SearchDialog, highlighted_html
from mentorapp.views.shell.search import HitRole, SearchModel
from mentorapp.views.shell.today import ItemRole, TodayModel, build_today

CTRL = Qt.KeyboardModifier.ControlModifier


def open_search(qtbot, window: MainWindow) -> SearchDialog:
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    dialog = window._search  # the dialog the shortcut opened
    assert dialog is not None and dialog.isVisible()
    activate(qtbot, dialog)
    return dialog


def test_search_shows_results_as_you_type_with_the_match_marked(qtbot, demo_services: Services) -> None:
    window = open_desk(qtbot, demo_services)
    dialog = open_search(qtbot, window)
    assert QApplication.focusWidget() is dialog.field
    qtbot.keyClicks(dialog.field, "onboard")
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=2000)
    hit = dialog.model.index(0).data(HitRole)
    start, end = hit.highlights[0]
    assert hit.snippet[start:end].lower().startswith("onboard")
    assert "<span" in highlighted_html(hit, mark_bg="#ff0", mark_fg="#000")
    assert "best first" in dialog.status.text()


def test_search_escapes_what_it_shows(qtbot) -> None:
    from mentorapp.models.readmodels import SearchHit

    hit = SearchHit("entry", 1, 1, "Ana", None, "Note", "a <b>bold</b> & plan", ((16, 20),))
    html = highlighted_html(hit, mark_bg="#ff0", mark_fg="#000")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; " in html and ">plan</span>" in html


def test_nothing_found_is_said_plainly(qtbot, demo_services: Services) -> None:
    window = open_desk(qtbot, demo_services)
    dialog = open_search(qtbot, window)
    qtbot.keyClicks(dialog.field, "zzyzx")
    qtbot.waitUntil(lambda: "Nothing matches" in dialog.status.text(), timeout=2000)
    assert dialog.model.rowCount() == 0


def test_arrows_and_enter_open_a_hit_in_place(qtbot, demo_services: Services) -> None:
    window = open_desk(qtbot, demo_services)
    dialog = open_search(qtbot, window)
    qtbot.keyClicks(dialog.field, "curt junior")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)  # runs the query at once if it has not yet
    qtbot.keyClick(dialog.field, Qt.Key.Key_Up)
    hit = dialog.results.currentIndex().data(HitRole)
    assert hit.doc_type == "entry"
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.current_view() is window.mentee_page
    assert window.mentee_page.mentee_id == hit.mentee_id
    assert window.mentee_page.timeline.current_entry().id == hit.doc_id


def test_a_double_click_opens_a_hit(qtbot, demo_services: Services) -> None:
    window = open_desk(qtbot, demo_services)
    dialog = open_search(qtbot, window)
    qtbot.keyClicks(dialog.field, "Marco")
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=2000)
    row = next(r for r in range(dialog.model.rowCount()) if dialog.model.index(r).data(HitRole).doc_type == "mentee")
    dialog.results.scrollTo(dialog.model.index(row))
    rect = dialog.results.visualRect(dialog.model.index(row))
    # Qt 6's test double-click only counts after a first click, as a real one does.
    qtbot.mouseClick(dialog.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.mentee_page.header.name.text() == "Marco Rossi"


def test_search_model_passes_the_model_tester(qtmodeltester, demo_services: Services) -> None:
    model = SearchModel()
    model.reload(demo_services.search.query("release"))
    assert model.rowCount() > 0
    qtmodeltester.check(model)


# -- Today --------------------------------------------------------------------------------------
def test_today_lists_what_needs_the_lead(qtbot, demo_services: Services) -> None:
    window = open_desk(qtbot, demo_services)
    assert window.current_view() is window.today_view
    titles = [g.title for g in window.today_view.model.groups()]
    assert titles[:3] == ["Check-ins due", "Concerns not yet raised with them", "Threads waiting on you"]
    assert "Not recognised for over 60 days" in titles
    checks = window.today_view.model.groups()[0].items
    assert "Priya Raman" in [i.text for i in checks]
    assert window.today_view.heading.text() == f"Today, {DEMO_TODAY:%A %d %B %Y}"


def test_enter_on_a_concern_opens_it_in_the_timeline_ready_to_mark_raised(qtbot, demo_services: Services) -> None:
    window = open_desk(qtbot, demo_services)
    tree = window.today_view.tree
    model = window.today_view.model
    group = next(r for r, g in enumerate(model.groups()) if g.title.startswith("Concerns"))
    index = model.index(0, 0, model.index(group, 0))
    item = index.data(ItemRole)
    tree.setFocus()
    tree.setCurrentIndex(index)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    timeline = window.mentee_page.timeline
    assert window.mentee_page.mentee_id == item.mentee_id
    assert timeline.current_entry().id == item.doc_id
    assert timeline.discussed_button.isEnabled()
    qtbot.mouseClick(timeline.discussed_button, Qt.MouseButton.LeftButton)
    window.show_view(window.today_view)
    concerns = [i.doc_id for g in window.today_view.model.groups() if g.title.startswith("Concerns") for i in g.items]
    assert item.doc_id not in concerns


def test_an_unrecognised_mentee_opens_their_page(qtbot, demo_services: Services) -> None:
    window = open_desk(qtbot, demo_services)
    model = window.today_view.model
    group = next(r for r, g in enumerate(model.groups()) if g.title.startswith("Not recognised"))
    index = model.index(0, 0, model.index(group, 0))
    window.today_view.tree.setFocus()
    window.today_view.tree.setCurrentIndex(index)
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_Return)
    assert window.mentee_page.mentee_id == index.data(ItemRole).mentee_id
    assert "likes:" in index.data(ItemRole).detail


def test_when_all_is_in_hand_today_says_so(qtbot, services: Services) -> None:
    ana = services.mentees.add(name="Ana", started_on=DEMO_TODAY)
    services.recognitions.add(mentee_id=ana.id, what_for="first week", given_on=DEMO_TODAY)
    window = open_desk(qtbot, services)
    assert window.today_view.stack.currentWidget() is window.today_view.empty
    assert "Everything is in hand" in window.today_view.empty.text()


def test_today_follows_changes_made_elsewhere(qtbot, demo_services: Services) -> None:
    window = open_desk(qtbot, demo_services)
    priya = demo_services.mentees.find("Priya").id
    demo_services.entries.add(mentee_id=priya, text="Good 1:1 today")
    checks = [i.text for g in window.today_view.model.groups() if g.title == "Check-ins due" for i in g.items]
    assert "Priya Raman" not in checks


def test_watchlist_reviews_come_due(demo_services: Services) -> None:
    case = demo_services.watchlist.open_cases()[0]
    demo_services.watchlist.edit_case(case.id, next_review_on=DEMO_TODAY)
    groups = build_today(demo_services, today=DEMO_TODAY, recognition_gap_days=60)
    reviews = next(g for g in groups if g.title == "Watchlist reviews due")
    assert [(i.doc_type, i.doc_id) for i in reviews.items] == [("watch_case", case.id)]
    assert reviews.items[0].detail.startswith("Review was due today")


def test_today_model_passes_the_model_tester(qtmodeltester, demo_services: Services) -> None:
    model = TodayModel()
    model.reload(build_today(demo_services, today=DEMO_TODAY, recognition_gap_days=60))
    assert model.rowCount() >= 3
    qtmodeltester.check(model)
