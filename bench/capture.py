"""Capture latency: from `mentorapp capture NAME` to quick capture painted in a running desk.

Part of `make bench`; `python -m bench.capture [ENTRIES...]` runs it alone. A desk runs
offscreen on a copy of a benchmark journal; each sample runs the command in a fresh
interpreter and times it until it exits, which it does once the desk has answered that the
dialog was painted. The floor is a bare `python -c pass` started the same way in the same
run. The first sample opens the dialog; later ones bring the open one forward.
The target (issue 13): at most 150 ms with the desk running.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.journals import BenchJournal, bench_env
from bench.results import Result, median

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 150.0


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, timeout=120)
    return (time.perf_counter() - start) * 1000


def capture(journal: BenchJournal, *, repeat: int = 5) -> Result:
    from mentorapp.models.services import Services
    from mentorapp.models.storage.store import Store

    work = Path(tempfile.mkdtemp(prefix="mentorapp-bench-capture-"))
    runtime = work / "rt"
    runtime.mkdir(mode=0o700)
    db = work / journal.path.name  # a copy: the desk keeps sidecars and its day's backup beside it
    shutil.copyfile(journal.path, db)
    with Store.open(db, journal.key) as store:
        name = Services(store).mentees.list()[0].name
    env = {**bench_env(), "XDG_RUNTIME_DIR": str(runtime), "XDG_CONFIG_HOME": str(work / "config"),
           "PYTHONPATH": str(ROOT)}
    mentorapp = [sys.executable, "-m", "mentorapp", "--db", str(db)]
    desk = subprocess.Popen(mentorapp, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not any((runtime / "mentorapp").glob("*.sock")):
            if time.monotonic() > deadline or desk.poll() is not None:
                raise RuntimeError("the desk did not start for the capture measure")
            time.sleep(0.1)
        time.sleep(2)  # the desk's first look settles (Today, the roster)
        floor, brought = [], []
        first = _timed([*mentorapp, "capture", name], env)
        for _ in range(repeat):  # interleaved
            floor.append(_timed([sys.executable, "-c", "pass"], env))
            brought.append(_timed([*mentorapp, "capture", name], env))
    finally:
        desk.terminate()
        desk.wait(30)
        shutil.rmtree(work, ignore_errors=True)
    return Result(
        measure=f"`mentorapp capture` to the dialog ({journal.entries:,} entries)",
        app=first, floor=median(floor),
        target=f"≤ {TARGET_MS:.0f} ms with the desk running",
        met=first <= TARGET_MS,
        note=f"a fresh interpreter until the running desk answers that quick capture is painted "
             f"(already open and brought forward: {median(brought):.0f} ms); floor: `python -c pass`",
    )


if __name__ == "__main__":  # python -m bench.capture [ENTRIES...]
    from bench.journals import journal
    from bench.report import results_table

    sizes = [int(arg) for arg in sys.argv[1:]] or [10_000]
    print(results_table([capture(journal(size)) for size in sizes]))
