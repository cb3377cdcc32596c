"""Child processes for start-up and memory measures: each prints one JSON line when ready.

Run as `python -m bench.probes desk PATH` or `python -m bench.probes empty` (or `stack`).
All start the same way (a fresh interpreter, offscreen Qt) and report, measured inside
the process, the milliseconds from the process's start (BENCH_T0_NS) to their window's
first paint; the desk also to the moment it is usable (roster listed, Today filled).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def since_start() -> float:
    """Milliseconds since this process was started (the parent's monotonic clock at Popen, in BENCH_T0_NS).

    CLOCK_MONOTONIC is the machine's, so the child's reading is comparable with its parent's: the
    figure includes the interpreter's own start, as a person clicking the icon would wait for it.
    """
    return (time.monotonic_ns() - int(os.environ.get("BENCH_T0_NS", "0"))) / 1e6


def empty() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 720)
    window.show()
    window.repaint()
    painted = since_start()
    QTimer.singleShot(0, lambda: (print(json.dumps({"ready": True, "paint_ms": painted}), flush=True), app.quit()))
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
    """The real start (`mentorapp.app.start_desk`): when the frame is painted, then when the desk is usable."""
    from mentorapp.app import start_desk

    start = start_desk(Path(path))  # returns once the frame has been painted
    first_paint = (start.first_paint_ns - int(os.environ.get("BENCH_T0_NS", "0"))) / 1e6
    app = start.app

    def report(_start: object) -> None:
        window, store = start.window, start.store
        assert window is not None and store is not None
        window.repaint()  # the roster listed and Today filled, painted
        ready = {"ready": True, "first_paint_ms": first_paint, "usable_ms": since_start(),
                 "roster_rows": window.roster_model.rowCount(), "rss_mb_at_ready": _peak_rss_mb()}
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
        window.context.runner.wait()
        store.close()
        os._exit(0)  # measured; the desk's close (layout saved, backup timers) is not part of it

    start.when_loaded.append(report)
    start.in_event_loop = True
    code = app.exec()
    raise SystemExit(start.exit_code or code or 2)


def breakdown(path: str) -> None:
    """Where the desk's real (staged) start goes, phase by phase: milliseconds since the process began."""
    from mentorapp.app import start_desk

    start = start_desk(Path(path))
    t0 = int(os.environ.get("BENCH_T0_NS", "0"))

    def report(_start: object) -> None:
        window, store = start.window, start.store
        assert window is not None and store is not None
        window.repaint()
        usable = since_start()
        phases = {
            "Python, PySide6, the frame built and painted": (start.first_paint_ns - t0) / 1e6,
            "the stack and the desk's modules imported (a thread; log and crash reporter meanwhile)":
                (start.stack_loaded_ns - t0) / 1e6,
            "the journal opened (claim, key, schema check, retention)": (start.opened_ns - t0) / 1e6,
            "the first screen built (roster, Today, mentee page, watchlist)": (start.built_ns - t0) / 1e6,
            "shown in the frame's place, watcher, tray, channel; painted with the data": usable,
        }
        print(json.dumps(phases), flush=True)
        window.context.runner.wait()
        store.close()
        os._exit(0)

    start.when_loaded.append(report)
    start.in_event_loop = True
    code = start.app.exec()
    raise SystemExit(start.exit_code or code or 2)


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
