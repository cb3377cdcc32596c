"""Nothing is cut off at 1024×640, nor at 200 % scale, on any screen, tab or dialog of the desk.

The walk runs in a process of its own, on an offscreen screen of 1024×640 logical pixels (at
scale 2 a 2048×1280 one), over the demo team plus the names that break layouts: 110
characters, one unbroken 60-character word, Arabic, emoji. Each window is read by
`layout_walker.window_problems` (clipped, elided-although-it-fits, outside the view, nested
scroll areas, larger than the screen).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from layout_walker import window_problems
from mentorapp.models.services import Services
from mnemonic_walker import all_menu_actions, in_desk_language, opens_dialog, plain, read_opened_dialog

ROOT = Path(__file__).resolve().parents[2]
WALK = "MENTORAPP_LAYOUT_WALK"

LONG_NAME = ("Maximiliane Alexandra Konstantina von Hohenzollern-Sigmaringen und Württemberg-"
             "Teck Schwarzenberg-Lichtenstein")
UNBROKEN = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunte"  # 60 letters, no break
ARABIC = "محمد عبد الرحمن"
EMOJI = "Zoë 🧑‍💻 Okafor-Lindqvist 🌻"
# Actions that end the session, change the screen for later steps, or need a printer.
_NOT_DIALOGS = ("Quit", "Lock now", "Undo", "Redo", "Print review packet", "Archive", "Unarchive",
                "Move to trash", "Show archived mentees", "Go to the team list")


def add_long_names(services: Services) -> list[int]:
    """The people whose names and words a layout must survive, each with a goal, a thread and notes."""
    assert len(LONG_NAME) == 110 and len(UNBROKEN) == 60
    made = []
    for name, role in ((LONG_NAME, "Principal platform engineer, developer experience and internal tooling"),
                       (ARABIC, "مهندس برمجيات"), (EMOJI, "")):
        mentee = services.mentees.add(name=name, role=role)
        made.append(mentee.id)
        services.entries.add(mentee_id=mentee.id, text=f"Talked through {UNBROKEN} and the rest of the plan.")
        services.goals.add(mentee_id=mentee.id, outcome=f"Lead the {UNBROKEN} migration for {name}",
                           success_criteria=f"{UNBROKEN} runs without a page for a quarter")
        services.threads.open(mentee_id=mentee.id,
                              topic=f"How we handle {UNBROKEN} incidents across the three teams",
                              first_text=f"{UNBROKEN}: who owns the pager when {name} is away?")
    return made


@pytest.mark.skipif(not os.environ.get(WALK), reason="run by the tests below, on a screen of their own")
def test_walk(qtbot, demo_services: Services) -> None:
    from desk_support import open_desk

    people = add_long_names(demo_services)
    window = open_desk(qtbot, demo_services)
    window.showMaximized()
    qtbot.waitUntil(lambda: window.width() >= 1000, timeout=2000)
    # The screen the walk is about: 1024×640 logical pixels, at the scale asked for.
    assert window.screen().availableGeometry().size() == QSize(1024, 640)
    assert window.devicePixelRatioF() == float(os.environ.get("QT_SCALE_FACTOR", "1"))
    problems: list[str] = []
    looked: list[str] = []
    not_dialogs = in_desk_language(_NOT_DIALOGS)

    def look(where: str, widget: QWidget = window) -> None:
        QApplication.processEvents()
        looked.append(where)
        problems.extend(f"{where}: {problem}" for problem in window_problems(widget))

    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        look(window.navigation.item(row).text())
    for person in people:
        window.show_mentee(person)
        tabs = window.mentee_page.tabs
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            title = f"{window.services.mentees.get(person).name[:20]}… {plain(tabs.tabText(index))} tab"
            look(title)
            page = tabs.currentWidget()
            for button in page.findChildren(QPushButton):
                if button.isVisibleTo(window) and button.isEnabled() and opens_dialog(button.text()) \
                        and button.menu() is None:
                    name, found = read_opened_dialog(qtbot, button.click, window_problems)
                    looked.append(name)
                    problems.extend(f"{title} → {name or plain(button.text())}: {p}" for p in found)
    window.show_mentee(people[0])
    for action in all_menu_actions(window.menuBar()):
        text = plain(action.text())
        if not action.isEnabled() or not opens_dialog(action.text()) or text in not_dialogs:
            continue
        name, found = read_opened_dialog(qtbot, action.trigger, window_problems)
        looked.append(name)
        problems.extend(f"{name or text}: {p}" for p in found)
    report = {"problems": sorted(set(problems)), "looked": looked}
    Path(os.environ[WALK]).write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


# The desk in each of its languages: German runs about a third longer than English.
LANGUAGES = ("en_GB", "de_DE", "fr_FR", "es_ES")


def _walk(tmp_path: Path, *, scale: int, language: str) -> list[str]:
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1024 * scale,
                                              "height": 640 * scale, "logicalDpi": 96, "logicalBaseDpi": 96,
                                              "dpr": 1}]}))
    report = tmp_path / "problems.json"
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", QT_SCALE_FACTOR=str(scale),
               PYTHONPATH=str(ROOT), MENTORAPP_TEST_LANG=language, **{WALK: str(report)})
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider",
                           f"{Path(__file__)}::test_walk"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0 and report.exists(), done.stdout[-3000:] + done.stderr[-3000:]
    walked = json.loads(report.read_text(encoding="utf-8"))
    # Every view, each tab of three people, and the dialogs behind their buttons and the menus.
    assert len(walked["looked"]) >= 60 and all(walked["looked"]), walked["looked"]
    return walked["problems"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_is_cut_off_at_1024_by_640(tmp_path: Path, language: str) -> None:
    problems = _walk(tmp_path, scale=1, language=language)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_is_cut_off_at_200_percent(tmp_path: Path, language: str) -> None:
    problems = _walk(tmp_path, scale=2, language=language)
    assert problems == [], "\n".join(problems)


def test_a_word_wider_than_a_timeline_card_breaks_inside_the_card(qtbot, services: Services) -> None:
    from PySide6.QtGui import QFontMetrics, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QListView, QStyleOptionViewItem

    from mentorapp.views.mentee.timeline import EntryRole, TimelineDelegate

    person = services.mentees.add(name="Ana Lima")
    services.entries.add(mentee_id=person.id, text=UNBROKEN)
    services.entries.add(mentee_id=person.id, text="Short")
    view = QListView()
    qtbot.addWidget(view)
    word = QFontMetrics(view.font()).horizontalAdvance(UNBROKEN)
    view.resize(word // 2, 400)  # the card is half as wide as the word
    view.show()
    model = QStandardItemModel()
    for entry in services.entries.page(person.id, limit=2):
        item = QStandardItem()
        item.setData(entry, EntryRole)
        model.appendRow(item)
    view.setModel(model)
    delegate = TimelineDelegate(view)
    option = QStyleOptionViewItem()
    option.font = view.font()
    heights = {model.index(row, 0).data(EntryRole).text: delegate.sizeHint(option, model.index(row, 0)).height()
               for row in range(2)}
    line = QFontMetrics(view.font()).lineSpacing()
    # The word goes on over a second (and third) line, rather than running off the card's edge.
    assert heights[UNBROKEN] >= heights["Short"] + 2 * line - 2
