"""Measures of the desk: where its start-up goes, opening a big mentee, memory (first paint, usable: startup.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time

from bench.journals import BenchJournal, bench_env
from bench.results import Result, median, timed


def _probe(*args: str) -> tuple[float, list[dict]]:
    """Start a probe process; seconds until its 'ready' line, and every line it printed."""
    settings = tempfile.mkdtemp(prefix="mentorapp-probe-")  # every start as the first: no remembered layout
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.probes", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**bench_env(), "XDG_CONFIG_HOME": settings, "BENCH_T0_NS": str(time.monotonic_ns())},
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    ready_at = time.perf_counter() - started
    rest = process.stdout.read()
    _, errors = process.communicate(timeout=600)
    shutil.rmtree(settings, ignore_errors=True)
    if process.returncode != 0 or not first:
        raise RuntimeError(f"probe {args} failed: {errors[-800:]}")
    lines = [json.loads(line) for line in [first, *rest.splitlines()] if line.strip()]
    return ready_at * 1000, lines


def startup_phases(journal: BenchJournal, *, repeat: int = 5) -> dict[str, float]:
    """Median time each phase of the desk's start adds, in milliseconds."""
    runs = [_probe("breakdown", str(journal.path))[1][0] for _ in range(repeat)]
    names = list(runs[0])
    marks = {name: median([run[name] for run in runs]) for name in names}
    previous = 0.0
    added = {}
    for name in names:
        added[name] = marks[name] - previous
        previous = marks[name]
    return added


def memory(journal: BenchJournal) -> Result:
    _, lines = _probe("desk", str(journal.path), "--work")
    worked = next(line for line in lines if line.get("worked"))
    _, empty_lines = _probe("empty")
    peak = worked["rss_mb_peak"]
    return Result(
        measure="Peak memory (RSS) of the desk with the journal open",
        app=peak,
        floor=None,
        target="≤ 300 MB",
        met=peak <= 300,
        unit="MB",
        note=f"after opening the busiest mentee, {worked['rows']} timeline rows, four searches and Today",
    )


def open_mentee(journal: BenchJournal, *, repeat: int = 9) -> Result:
    """Open the mentee with the most entries in a live desk window; rows built and time to a painted page."""
    from PySide6.QtWidgets import QApplication

    from mentorapp.app import build_main_window, make_application
    from mentorapp.models.services import Services
    from mentorapp.models.storage.store import Store

    app = make_application()
    with Store.open(journal.path, journal.key) as store:
        services = Services(store)
        window = build_main_window(services)
        window.resize(1180, 760)
        window.show()
        QApplication.processEvents()
        roster = services.mentees.roster()
        busiest = max(roster, key=lambda row: row.entry_count)
        other = min(roster, key=lambda row: row.entry_count)
        page = window.mentee_page
        rows_built: list[int] = []

        def open_busiest() -> None:
            window.show_mentee(other.mentee.id)  # leave it, so each sample opens it afresh
            QApplication.processEvents()
            started = time.perf_counter()
            window.show_mentee(busiest.mentee.id)
            window.repaint()
            samples.append((time.perf_counter() - started) * 1000)
            rows_built.append(page.timeline.model.rowCount())

        samples: list[float] = []
        for _ in range(repeat + 1):
            open_busiest()
        samples = samples[1:]
        visible = page.timeline.list.viewport().height()
        first_row = page.timeline.list.sizeHintForRow(0) or 1
        screenful = max(1, visible // first_row)
        empty_page = timed(lambda: (window.show_mentee(other.mentee.id), window.repaint()), repeat=repeat)
        window.close()
        app.processEvents()
    app_ms = median(samples)
    most_rows = max(rows_built)
    return Result(
        measure=f"Open the mentee with the most entries ({busiest.entry_count:,} of {journal.entries:,})",
        app=app_ms,
        floor=median(empty_page),
        target="first screen < 100 ms; ≤ 2 screenfuls of rows built",
        met=app_ms < 100 and most_rows <= 2 * max(screenful, 25),
        note=(f"{most_rows} rows built, about {screenful} fit on screen; "
              "floor: opening the mentee with the fewest entries"),
    )
