"""Renders the mentee-page sections and the team Watchlist on the demo team, light and dark.

    python tools/section_screens.py [OUT_DIR]      # default: docs/screenshots

`render_section_screens(out_dir, palette, suffix=...)` is the function a wider
screenshot script calls; it opens a demo journal of its own unless given services,
and fixes "today" so every run draws the same pictures.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtGui import QColor, QPalette, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from mentorapp.app import make_application  # noqa: E402
from mentorapp.models.insights import days_since  # noqa: E402
from mentorapp.models.services import Services  # noqa: E402
from mentorapp.models.store import Key, Store  # noqa: E402
from mentorapp.views.asks_section import AsksSection  # noqa: E402
from mentorapp.views.background import BackgroundRunner  # noqa: E402
from mentorapp.views.context import DeskContext  # noqa: E402
from mentorapp.views.goals_section import GoalsSection  # noqa: E402
from mentorapp.views.qt_changes import QtChanges  # noqa: E402
from mentorapp.views.recognition_section import RecognitionSection  # noqa: E402
from mentorapp.views.threads_section import ThreadsSection  # noqa: E402
from mentorapp.views.watch_section import WatchSection  # noqa: E402
from mentorapp.views.watchlist_view import WatchlistView  # noqa: E402

DEMO_SEED = 7
DEMO_TODAY = dt.date(2026, 11, 29)
SIZE = QSize(900, 640)


def dark_palette() -> QPalette:
    """A plain dark palette, like a desktop's dark theme, to check that every section stays readable."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.Midlight: "#3e3e3e",
        QPalette.ColorRole.Mid: "#303030",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#6ea8ff",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def light_palette() -> QPalette:
    app = QApplication.instance() or make_application()
    return app.style().standardPalette()


def _context(services: Services) -> DeskContext:
    return DeskContext(services=services, changes=QtChanges(services.changes), undo_stack=QUndoStack(),
                       runner=BackgroundRunner(), report=lambda message: print(f"section_screens: {message}"))


def _showcase_mentees(services: Services, today: dt.date) -> dict[str, int]:
    """Whom each picture shows: the busiest person, the longest unthanked, the watched one."""
    roster = services.mentees.roster()
    busiest = max(roster, key=lambda r: r.entry_count).mentee.id
    unthanked = max(roster, key=lambda r: days_since(r.last_recognition, today=today) or 0).mentee.id
    most_asks = max(roster, key=lambda r: len(services.asks.for_mentee(r.mentee.id))).mentee.id
    cases = services.watchlist.open_cases()
    watched = cases[0].mentee_id if cases else busiest
    return {"threads": busiest, "goals": busiest, "recognition": unthanked, "asks": most_asks, "watch": watched}


def _save(widget: QWidget, path: Path) -> Path:
    widget.resize(SIZE)
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    return path


def render_section_screens(out_dir: Path, palette: QPalette, *, suffix: str, services: Services | None = None,
                           today: dt.date = DEMO_TODAY) -> list[Path]:
    """Draw each section, two of their dialogs and the team Watchlist into out_dir/section-*-{suffix}.png."""
    app = make_application()
    previous = app.palette()
    app.setPalette(palette)
    try:
        return _render_all(out_dir, suffix=suffix, services=services, today=today)
    finally:
        app.setPalette(previous)


def _render_all(out_dir: Path, *, suffix: str, services: Services | None, today: dt.date) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    if services is None:
        with tempfile.TemporaryDirectory(prefix="mentorapp-screens-") as folder:
            with Store.open(Path(folder) / "demo.db", Key(secret="screens " * 4)) as store:
                demo = Services(store)
                demo.demo.generate(seed=DEMO_SEED, today=today)
                return _render_all(out_dir, suffix=suffix, services=demo, today=today)

    context = _context(services)
    who = _showcase_mentees(services, today)
    written: list[Path] = []
    for name, section_type in (("threads", ThreadsSection), ("goals", GoalsSection),
                               ("recognition", RecognitionSection), ("asks", AsksSection),
                               ("watch", WatchSection)):
        section = section_type(context, today=lambda: today)
        section.set_mentee(who[name])
        written.append(_save(section, out_dir / f"section-{name}-{suffix}.png"))
        if name == "recognition":
            section.add()
            written.append(_save_dialog(section.open_dialog, out_dir / f"section-recognition-dialog-{suffix}.png"))
        if name == "goals":
            section.edit_goal()
            written.append(_save_dialog(section.open_dialog, out_dir / f"section-goal-dialog-{suffix}.png"))
        if name == "watch":
            section.close_or_reopen()
            written.append(_save_dialog(section.open_dialog, out_dir / f"section-close-case-dialog-{suffix}.png"))
        section.close()
        section.deleteLater()
    view = WatchlistView(context, today=lambda: today)
    written.append(_save(view, out_dir / f"watchlist-{suffix}.png"))
    view.close()
    view.deleteLater()
    QApplication.processEvents()
    return written


def _save_dialog(dialog: QWidget | None, path: Path) -> Path:
    assert dialog is not None
    dialog.adjustSize()
    QApplication.processEvents()
    dialog.grab().save(str(path))
    dialog.done(0)
    return path


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    make_application()
    for suffix, palette in (("light", light_palette()), ("dark", dark_palette())):
        for path in render_section_screens(out_dir, palette, suffix=suffix):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
