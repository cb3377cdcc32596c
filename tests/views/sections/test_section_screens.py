"""The screenshot renderer draws every section and the team Watchlist on the demo team."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[3]


def _renderer():  # noqa: ANN202 - the tools/section_screens module
    spec = importlib.util.spec_from_file_location("section_screens", ROOT / "tools" / "section_screens.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_every_section_is_rendered_in_the_dark_palette(tmp_path: Path, demo_services) -> None:
    screens = _renderer()
    written = screens.render_section_screens(tmp_path, screens.dark_palette(), suffix="dark", services=demo_services)
    names = sorted(path.name for path in written)
    assert names == sorted([
        "section-threads-dark.png", "section-goals-dark.png", "section-goal-dialog-dark.png",
        "section-recognition-dark.png", "section-recognition-dialog-dark.png", "section-asks-dark.png",
        "section-watch-dark.png", "section-close-case-dialog-dark.png", "watchlist-dark.png",
    ])
    threads = QImage(str(tmp_path / "section-threads-dark.png"))
    assert (threads.width(), threads.height()) == (900, 640)
    # A dark page: its background is dark, not the light default.
    assert threads.pixelColor(threads.width() - 3, 3).lightness() < 100
