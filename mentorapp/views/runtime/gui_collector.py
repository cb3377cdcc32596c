"""Python's cycle collector, run on the GUI thread only (see GuiThreadCollector).

Qt objects freed by the cycle collector outside the GUI thread crash the desk, so the
desk collects cyclic garbage itself, from a timer on the GUI thread.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported when the collector is made, not when this module is
    from PySide6.QtCore import QCoreApplication, QObject


class GuiThreadCollector:
    """Runs Python's cycle collector on the GUI thread only.

    CPython collects cyclic garbage in whichever thread happens to allocate when a
    generation fills up, and that is often a background task's pool thread (packets,
    backups and imports allocate a lot). Garbage can hold Qt wrappers, and a widget
    deleted outside the GUI thread crashes the desk. So automatic collection is
    turned off and a timer on the GUI thread collects, generation by generation, with
    the interpreter's own thresholds.
    """

    INTERVAL_MS = 500

    def __init__(self, parent: QObject) -> None:  # parent lives on the GUI thread
        from PySide6.QtCore import QTimer

        gc.disable()
        self.timer = QTimer(parent)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(collect_due_generations)
        self.timer.start()


def collect_due_generations() -> int:
    """Collect the generations that are due, as the interpreter would have; returns the objects found.

    Call it on the GUI thread only (the collector's timer does, and so do the tests between tests).
    """
    found = 0
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (0, 1, 2):
        if counts[generation] <= thresholds[generation]:
            break
        found = gc.collect(generation)
    return found


def collect_garbage_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """Install the GUI-thread collector once for `app`; later calls return the same one."""
    collector = app.property("mentorapp_collector")
    if not isinstance(collector, GuiThreadCollector):
        collector = GuiThreadCollector(app)
        app.setProperty("mentorapp_collector", collector)  # kept as long as the application lives
    return collector
