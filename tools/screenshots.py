"""Render each main screen of the desk, light and dark, into docs/screenshots/ (`make screenshots`).

Runs offscreen on the demo team (seed 7, as of a fixed day) in a temporary journal,
so the pictures are the same on every machine. Each screen is one `Screen` line in
SCREENS: a name and a function that puts the desk in that state and returns what
to photograph (the main window, or a dialog, which is drawn over the window).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# MENTORAPP_SCREENSHOTS_DIR and MENTORAPP_SCREENSHOTS_SIZE (e.g. 1024x640) take the pictures
# elsewhere and at another window size, to look at a small screen without touching docs/.
OUT = Path(os.environ.get("MENTORAPP_SCREENSHOTS_DIR", ROOT / "docs" / "screenshots"))
TODAY = dt.date(2026, 11, 29)
SIZE = tuple(int(n) for n in os.environ.get("MENTORAPP_SCREENSHOTS_SIZE", "1180x760").split("x"))
# MENTORAPP_SCREENSHOTS_LANG=de_DE photographs the desk speaking German (docs/screenshots/de/ with
# `make screenshots-languages`); MENTORAPP_SCREENSHOTS_PALETTES=light only the light palette.
LANGUAGE = os.environ.get("MENTORAPP_SCREENSHOTS_LANG", "en_GB")
PALETTES = tuple(os.environ.get("MENTORAPP_SCREENSHOTS_PALETTES", "light,dark").split(","))
os.environ["MENTORAPP_LANG"] = LANGUAGE

_SANDBOX = Path(tempfile.mkdtemp(prefix="mentorapp-screens-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")  # never the real settings

sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QLocale, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from mentorapp import i18n
from mentorapp.app import build_main_window, make_application
from mentorapp.models.clock import FixedClock
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Key, Store
from mentorapp.views.mentee.section import MenteeSection, RecordSection
from mentorapp.views.shell.main_window import MainWindow
from mentorapp.views.widgets.theme import dark_palette, light_palette

Shot = Callable[[MainWindow], QWidget]


@dataclass(frozen=True)
class Screen:
    name: str
    shoot: Shot
    empty_journal: bool = False


# What the lead types in quick capture, in the language the desk speaks.
CAPTURED = {
    "en": "Walked through the release plan over coffee. They want to run the retro themselves next time; "
          "agreed, with the team's format as the only boundary.",
    "de": "Beim Kaffee den Release-Plan durchgesprochen. Die nächste Retro will Marco selbst moderieren; "
          "einverstanden, einzige Grenze ist das Format des Teams.",
    "fr": "Passé en revue le plan de livraison autour d'un café. Marco veut animer lui-même la prochaine "
          "rétro ; d'accord, le format de l'équipe comme seule limite.",
    "es": "Repasamos el plan de entrega con un café. Marco quiere dirigir la próxima retro; de acuerdo, "
          "con el formato del equipo como único límite.",
}


def shown(english: str) -> set[str]:
    """A control's English text (no mnemonic) as the desk shows it in the language it speaks."""
    def plain(text: str) -> str:
        return text.replace("&", "").rstrip("…").strip()

    found = {english}
    for msgid, msgstr in getattr(i18n.translations(i18n.language()), "_catalog", {}).items():
        source = (msgid[0] if isinstance(msgid, tuple) else msgid).rpartition("\x04")[2]
        if plain(source) == english:
            found.add(plain(msgstr))
    return found


# -- helpers a screen line can use --------------------------------------------------------------
def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def mentee(window: MainWindow, name: str, tab: str = "Timeline") -> QWidget:
    """The window on one mentee's page, on the tab with this title."""
    window.show_mentee(window.services.mentees.find(name).id)
    tabs = window.mentee_page.tabs
    for index in range(tabs.count()):
        if tabs.tabText(index).replace("&", "") in shown(tab):
            tabs.setCurrentIndex(index)
    return window


def view(window: MainWindow, title: str) -> QWidget:
    """The window on a team-wide view (Today, Watchlist…)."""
    for row in range(window.navigation.count()):
        item = window.navigation.item(row)
        if item.text() in shown(title):
            window.show_view(item.data(Qt.ItemDataRole.UserRole))
    return window


def timeline(window: MainWindow) -> QWidget:
    mentee(window, "Priya Raman")
    window.mentee_page.timeline.list.setCurrentIndex(window.mentee_page.timeline.model.index(1))
    return window


def quick_capture(window: MainWindow) -> QWidget:
    mentee(window, "Marco Rossi")
    window.quick_capture()
    dialog = window._quick_capture  # the dialog Ctrl+N opened
    assert dialog is not None
    dialog.text.setPlainText(CAPTURED.get(i18n.language(), CAPTURED["en"]))
    dialog.setting.set_value(dialog.setting.value().__class__("coffee"))
    return dialog


def search(window: MainWindow) -> QWidget:
    view(window, "Today")
    window.open_search()
    dialog = window._search
    assert dialog is not None
    dialog.field.setText("release")
    dialog.run_query()
    dialog.resize(620, 480)
    return dialog


def trash(window: MainWindow) -> QWidget:
    services = window.services
    priya = services.mentees.find("Priya Raman").id
    for entry in services.entries.page(priya, limit=2):
        services.entries.trash(entry.id)
    services.starters.trash(services.starters.list()[-1].id)
    view(window, "Today")
    window.open_trash()
    dialog = window._windows["trash"]
    dialog.resize(760, 400)
    return dialog


def starters(window: MainWindow) -> QWidget:
    view(window, "Today")
    window.open_starters()
    dialog = window._windows["starters"]
    dialog.resize(640, 420)
    return dialog


def section(window: MainWindow, name: str, tab: str) -> MenteeSection:
    mentee(window, name, tab)
    shown = window.mentee_page.tabs.currentWidget()
    assert isinstance(shown, MenteeSection)
    return shown


def section_dialog(window: MainWindow, name: str, tab: str, opener: str) -> QWidget:
    """A section's dialog (opened the way its button does) over the window."""
    shown = section(window, name, tab)
    assert isinstance(shown, RecordSection)
    getattr(shown, opener)()
    dialog = shown.open_dialog
    assert dialog is not None
    dialog.adjustSize()
    return dialog


def packet(window: MainWindow) -> QWidget:
    mentee(window, "Priya Raman")
    dialog = window.open_packet()
    dialog.resize(min(1000, SIZE[0] - 24), min(700, SIZE[1] - 24))  # over the window, as on a small screen
    deadline = 600
    while dialog.document.pageCount() == 0 and deadline:
        QApplication.processEvents()
        window.context.runner.wait(100)
        deadline -= 1
    for _ in range(40):  # QPdfView renders pages on its own thread
        QApplication.processEvents()
        time.sleep(0.05)
    return dialog


def backups(window: MainWindow) -> QWidget:
    from mentorapp.views.journal.backups import BackupsDialog

    window.services.backups.back_up_now()
    view(window, "Today")
    dialog = BackupsDialog(window.services, window.context.runner, undo_stack=window.context.undo_stack,
                           parent=window)
    dialog.resize(700, 460)
    return dialog


def next_one_on_one(window: MainWindow) -> QWidget:
    """Priya's Next 1:1: points of both sides, one carried over three times, and suggestions below."""
    services = window.services
    priya = services.mentees.find("Priya Raman").id
    now = services.clock.now()
    services.agenda.add(mentee_id=priya, text="Whether the on-call rota is fair to the new hires",
                        at=now - dt.timedelta(days=150))
    services.agenda.add(mentee_id=priya, text="Budget for the accessibility conference in March",
                        raised_by="mentee", at=now - dt.timedelta(days=10))
    services.agenda.add(mentee_id=priya, text="How the design review went from her side")
    return mentee(window, "Priya Raman", "Next 1:1")


def access_request(window: MainWindow) -> QWidget:
    from mentorapp.views.journal.privacy import AccessRequestDialog

    mentee(window, "Priya Raman")
    dialog = AccessRequestDialog(window.context, mentee_id=window.current_mentee_id(), parent=window)
    dialog.folder.setText("/home/sam/Documents/Priya Raman-access-2026-11-29")
    dialog.adjustSize()
    return dialog


def hold_banner(window: MainWindow) -> QWidget:
    marco = window.services.mentees.find("Marco Rossi")
    window.services.mentees.hold(marco.id, reason="Access request of 27 Nov")
    return mentee(window, "Marco Rossi")


def retention_notice(window: MainWindow) -> QWidget:
    services = window.services
    yusuf = services.mentees.find("Yusuf Demir")
    clock = services.clock
    assert isinstance(clock, FixedClock)
    clock.set(dt.datetime.combine(TODAY - dt.timedelta(days=720), dt.time(10, 30)))  # left two years ago
    services.mentees.set_archived(yusuf.id, True)
    clock.set(dt.datetime.combine(TODAY, dt.time(10, 30)))
    services.retention.set_months(24)
    view(window, "Today")
    window.today_view.refresh()
    return window


LONG_NAME = ("Maximiliane Alexandra Konstantina von Hohenzollern-Sigmaringen und Württemberg-"
             "Teck Schwarzenberg-Lichtenstein")  # 110 characters
LONG_WORD = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunte"  # 60, unbroken


def long_name(window: MainWindow, tab: str, name: str = LONG_NAME) -> QWidget:
    """A mentee whose name and words break layouts: 110 characters (or right-to-left), a 60-letter word."""
    services = window.services
    person = services.mentees.add(name=name, role="Principal platform engineer, developer experience")
    services.entries.add(mentee_id=person.id, text=f"Talked through {LONG_WORD} and the rest of the plan.")
    services.goals.add(mentee_id=person.id, outcome=f"Lead the {LONG_WORD} migration",
                       success_criteria=f"{LONG_WORD} runs without a page for a quarter")
    services.threads.open(mentee_id=person.id, topic="How we handle incidents across the three teams",
                          first_text=f"{LONG_WORD}: who owns the pager when they are away?")
    return mentee(window, name, tab)


def long_name_goal_dialog(window: MainWindow) -> QWidget:
    long_name(window, "Goals")
    return section_dialog(window, LONG_NAME, "Goals", "edit_goal")


def locked(window: MainWindow) -> QWidget:
    view(window, "Today")
    window.auto_lock.lock_now()
    return window


SCREENS: list[Screen] = [
    Screen("timeline", timeline),
    Screen("threads", lambda w: mentee(w, "Priya Raman", "Threads")),
    Screen("goals", lambda w: mentee(w, "Priya Raman", "Goals")),
    Screen("goal-dialog", lambda w: section_dialog(w, "Priya Raman", "Goals", "edit_goal")),
    Screen("recognition", lambda w: mentee(w, "Kwame Mensah", "Recognition")),
    Screen("recognition-dialog", lambda w: section_dialog(w, "Kwame Mensah", "Recognition", "add")),
    Screen("asks", lambda w: mentee(w, "Marco Rossi", "Asks")),
    Screen("watch", lambda w: mentee(w, "Νίκη Παππά", "Watchlist")),
    Screen("watchlist", lambda w: view(w, "Watchlist")),
    Screen("next-1-1", next_one_on_one),
    Screen("packet", packet),
    Screen("backups", backups),
    Screen("locked", locked),
    Screen("today", lambda w: view(w, "Today")),
    Screen("quick-capture", quick_capture),
    Screen("search", search),
    Screen("starters", starters),
    Screen("trash", trash),
    Screen("first-start", lambda w: w, empty_journal=True),
    Screen("access-request", access_request),
    Screen("hold-banner", hold_banner),
    Screen("retention-notice", retention_notice),
    Screen("long-name-timeline", lambda w: long_name(w, "Timeline")),
    Screen("long-name-threads", lambda w: long_name(w, "Threads")),
    Screen("long-name-goals", lambda w: long_name(w, "Goals")),
    Screen("long-name-goal-dialog", long_name_goal_dialog),
    Screen("long-name-recognition", lambda w: long_name(w, "Recognition")),
    Screen("long-name-asks", lambda w: long_name(w, "Asks")),
    Screen("long-name-watch", lambda w: long_name(w, "Watchlist")),
    Screen("long-name-next-1-1", lambda w: long_name(w, "Next 1:1")),
    Screen("rtl-name-threads", lambda w: long_name(w, "Threads", "محمد عبد الرحمن")),
    Screen("rtl-name-watch", lambda w: long_name(w, "Watchlist", "محمد عبد الرحمن")),
]


# -- taking the pictures -----------------------------------------------------------------------
def _services(name: str, *, demo: bool) -> Services:
    store = Store.open(_SANDBOX / f"{name}.db", Key(secret="5a" * 32, raw=True, source="screenshots"))
    services = Services(store, clock=FixedClock(dt.datetime.combine(TODAY, dt.time(10, 30))))
    if demo:
        services.demo.generate(seed=7, today=TODAY)
    return services


def _compose(window: MainWindow, dialog: QWidget) -> QImage:
    """The window with the dialog centred over it, as it appears on screen."""
    canvas = window.grab().toImage()
    shot = dialog.grab().toImage()
    painter = QPainter(canvas)
    painter.fillRect(canvas.rect(), QColor(0, 0, 0, 60))
    # The painter works in logical pixels: at QT_SCALE_FACTOR=2 the images are twice as many device pixels.
    ratio = canvas.devicePixelRatio()
    size = QSize(round(shot.width() / shot.devicePixelRatio()), round(shot.height() / shot.devicePixelRatio()))
    top_left = QPoint(round((canvas.width() / ratio - size.width()) / 2),
                      round((canvas.height() / ratio - size.height()) / 2))
    frame = QRect(top_left, size).adjusted(-1, -1, 1, 1)
    painter.fillRect(frame.translated(3, 4), QColor(0, 0, 0, 70))
    painter.fillRect(frame, dialog.palette().color(QPalette.ColorRole.Dark))
    painter.drawImage(top_left, shot)
    painter.end()
    return canvas


def shoot(screen: Screen, palette_name: str) -> Path:
    services = _services(f"{screen.name}-{palette_name}", demo=not screen.empty_journal)
    window = build_main_window(services)
    window.resize(*SIZE)
    window.show()
    settle()
    target = screen.shoot(window)
    if target is not window:
        target.show()
    settle()
    image = window.grab().toImage() if target is window else _compose(window, target)
    path = OUT / f"{screen.name}-{palette_name}.png"
    image.save(str(path))
    for widget in QApplication.topLevelWidgets():
        widget.hide()
    return path


def main(names: list[str] | None = None) -> int:
    """Every screen (or only those named on the command line), light and dark."""
    i18n.set_language(i18n.choose())
    QLocale.setDefault(QLocale(i18n.speech().locale))
    app = make_application()
    app.setStyle("Fusion")
    OUT.mkdir(parents=True, exist_ok=True)
    chosen = [s for s in SCREENS if not names or s.name in names]
    for palette_name, palette in (("light", light_palette()), ("dark", dark_palette())):
        if palette_name not in PALETTES:
            continue
        app.setPalette(palette)
        for screen in chosen:  # `screenshots.py NAME…`: only those
            path = shoot(screen, palette_name)
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
