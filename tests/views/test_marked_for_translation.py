"""Every text of the desk is marked for translation: on every view, tab, dialog and menu.

The walk runs in a process of its own, with the desk speaking the pseudo-language (every marked
string comes back as ⟦…⟧); `text_walker` reports any English word left outside the brackets that
is not the journal's own data. The catalogue test then makes sure every marked string has its
German, French and Spanish translation, so between them no English is left on a German desk.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from mentorapp import i18n
from mentorapp.models.services import Services
from mnemonic_walker import all_menu_actions, in_desk_language, opens_dialog, plain, read_opened_dialog
from text_walker import menu_texts, unmarked, window_unmarked

ROOT = Path(__file__).resolve().parents[2]
WALK = "MENTORAPP_TEXT_WALK"
_NOT_DIALOGS = ("Quit", "Lock now", "Undo", "Redo", "Print review packet", "Archive", "Unarchive",
                "Move to trash", "Show archived mentees", "Go to the team list")


def journal_data(services: Services) -> list[str]:
    """What the lead wrote (names, roles, emails): data, never translated."""
    data: list[str] = []
    for row in services.mentees.roster(include_archived=True):
        mentee = row.mentee
        data += [mentee.name, *mentee.name.split()]
        data += [value for value in (getattr(mentee, "role", None), getattr(mentee, "email", None)) if value]
    # Month and day names of the dates shown (the pseudo-language writes dates as British English does).
    locale = QLocale()
    for month in range(1, 13):
        for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
            data.append(locale.monthName(month, form))
            data.append(locale.standaloneMonthName(month, form))
    for day in range(1, 8):
        for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
            data.append(locale.dayName(day, form))
    # The languages a lead may choose, each in its own words (Preferences, the packet dialog): never translated.
    data += list(i18n.LANGUAGES.values())
    return data


@pytest.mark.skipif(not os.environ.get(WALK), reason="run by the test below, in the pseudo-language")
def test_walk(qtbot, demo_services: Services) -> None:
    from desk_support import open_desk

    assert i18n.language() == i18n.PSEUDO
    window = open_desk(qtbot, demo_services)
    window.resize(1280, 800)
    data = journal_data(demo_services)
    problems: list[str] = []
    looked: list[str] = []
    not_dialogs = in_desk_language(_NOT_DIALOGS)

    def look(where: str, widget: QWidget = window) -> None:
        QApplication.processEvents()
        looked.append(where)
        problems.extend(f"{where}: {problem}" for problem in window_unmarked(widget, data))

    for menu_action in window.menuBar().actions():
        if menu_action.menu() is not None:
            for where, text in menu_texts(menu_action.menu()):
                if words := unmarked(text, data):
                    problems.append(f"{where}: {words!r} in {text!r}")
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        look(plain(window.navigation.item(row).text()))
    fullest = max(demo_services.mentees.roster(), key=lambda r: (r.open_case_id is not None, r.entry_count))
    window.show_mentee(fullest.mentee.id)
    tabs = window.mentee_page.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        title = f"{plain(tabs.tabText(index))} tab"
        look(title)
        for button in tabs.currentWidget().findChildren(QPushButton):
            if button.isVisibleTo(window) and button.isEnabled() and opens_dialog(button.text()) \
                    and button.menu() is None:
                read = lambda dialog: window_unmarked(dialog, data)  # noqa: E731
                name, found = read_opened_dialog(qtbot, button.click, read)
                looked.append(name)
                problems.extend(f"{title} → {plain(name) or plain(button.text())}: {p}" for p in found)
    for action in all_menu_actions(window.menuBar()):
        text = plain(action.text())
        if not action.isEnabled() or not opens_dialog(action.text()) or text in not_dialogs:
            continue
        name, found = read_opened_dialog(qtbot, action.trigger, lambda dialog: window_unmarked(dialog, data))
        looked.append(name)
        problems.extend(f"{plain(name) or text}: {p}" for p in found)
    report = {"problems": sorted(set(problems)), "looked": looked}
    Path(os.environ[WALK]).write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


def test_every_text_on_every_screen_and_dialog_is_marked_for_translation(tmp_path: Path) -> None:
    report = tmp_path / "unmarked.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), MENTORAPP_TEST_LANG=i18n.PSEUDO, **{WALK: str(report)})
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider",
                           f"{Path(__file__)}::test_walk"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0 and report.exists(), done.stdout[-3000:] + done.stderr[-3000:]
    walked = json.loads(report.read_text(encoding="utf-8"))
    assert len(walked["looked"]) >= 30 and all(walked["looked"]), walked["looked"]
    assert walked["problems"] == [], f"{len(walked['problems'])} unmarked:\n" + "\n".join(walked["problems"])


def test_the_walk_tells_marked_text_from_unmarked_text_and_from_data() -> None:
    names = ["Priya Raman", "Priya", "Raman"]
    assert unmarked("⟦Notes about ⟦Priya Raman⟧⟧", names) is None
    assert unmarked("⟦{n} notes⟧ · Priya Raman · 29 Nov 2026", [*names, "Nov"]) is None
    assert unmarked("Ctrl+N ⟦New note⟧", names) is None
    assert unmarked("Overdue by 3 days", names) == "Overdue by days"
    assert unmarked("<b>⟦Goals⟧</b> for Priya", names) == "for"
