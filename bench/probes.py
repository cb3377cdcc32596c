"""Child processes for start-up and memory measures: each prints one JSON line when ready.

Run as `python -m bench.probes desk PATH` or `python -m bench.probes empty`. Both
start the same way (a fresh interpreter, offscreen Qt) and report when their
window has been shown and painted once.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the probes time the imports themselves
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication, QWidget


def _when_painted(app: QApplication, window: QWidget, then: Callable[[], object]) -> None:
    from PySide6.QtCore import QTimer

    window.repaint()  # paint once, synchronously, before saying "ready"
    QTimer.singleShot(0, then)


def empty() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 720)
    window.show()
    _when_painted(app, window, lambda: (print(json.dumps({"ready": True}), flush=True), app.quit()))
    app.exec()


def stack() -> None:
    """The empty window again, after importing the libraries the desk is built on.

    Not a target: it shows how much of the desk's start-up the mandated stack alone costs.
    """
    import keyring
    import sqlalchemy.orm
    import sqlcipher3

    keyring.get_keyring()
    empty()


def desk(path: str) -> None:
    from mentorapp.app import open_desk

    app, window, store = open_desk(Path(path))
    if window is None or store is None:
        raise SystemExit(2)

    def report() -> None:
        ready = {"ready": True, "rss_mb_at_ready": _peak_rss_mb()}
        print(json.dumps(ready), flush=True)
        # Then work the way a lead would for a minute, for the memory measure: open
        # the busiest mentee, scroll their timeline, search, and look at Today.
        if "--work" in sys.argv:
            services = window.services
            busiest = max(services.mentees.roster(), key=lambda row: row.entry_count)
            window.show_mentee(busiest.mentee.id)
            model = window.mentee_page.timeline.model
            for _ in range(20):
                if model.canFetchMore():
                    model.fetchMore()
                app.processEvents()
            for word in ("release", "review", "sprint", "incident"):
                services.search.query(word)
            window.show_view(window.today_view)
            app.processEvents()
            print(json.dumps({"worked": True, "rss_mb_peak": _peak_rss_mb(), "rows": model.rowCount()}),
                  flush=True)
        store.close()
        app.quit()

    _when_painted(app, window, report)
    app.exec()


def breakdown(path: str) -> None:
    """Where the desk's start-up goes, phase by phase, in milliseconds since the interpreter began."""
    import time

    started = time.perf_counter()
    phases: dict[str, float] = {}

    def mark(name: str) -> None:
        phases[name] = (time.perf_counter() - started) * 1000

    from PySide6.QtWidgets import QApplication

    mark("Python and PySide6")
    import keyring
    import sqlalchemy.orm
    import sqlcipher3

    keyring.get_keyring()
    mark("SQLAlchemy, keyring, sqlcipher3")
    import mentorapp.models.services

    mark("MentorApp's core")
    import mentorapp.app
    import mentorapp.views.shell.main_window

    mark("MentorApp's views")
    from mentorapp.app import open_desk

    app, window, store = open_desk(Path(path))
    if window is None or store is None:
        raise SystemExit(2)
    window.repaint()
    mark("unlock, first queries, window built and painted")
    print(json.dumps(phases), flush=True)
    store.close()


def _peak_rss_mb() -> float:
    """The peak resident memory of this process image (VmHWM).

    Not getrusage's ru_maxrss: Linux carries that across exec, so a probe started from
    a large benchmark process would report its parent's size.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    if sys.argv[1] == "empty":
        empty()
    elif sys.argv[1] == "stack":
        stack()
    elif sys.argv[1] == "breakdown":
        breakdown(sys.argv[2])
    else:
        desk(sys.argv[2])
