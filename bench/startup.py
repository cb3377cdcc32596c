"""Start-up measures (issue 13): first paint, usable, and the terminal's commands, each against its floor.

Every figure is a fresh process, app and floor interleaved so both see the same machine:

- first paint of the desk (its frame and placeholder) against an empty QMainWindow's;
- usable (roster listed, Today filled) against an empty window that first imports
  SQLAlchemy's ORM, keyring and sqlcipher3 (the stack the desk cannot start without);
- `mentorapp --version`, `--help` and `note` against a bare
  `python -c "import sqlalchemy.orm, sqlcipher3"`, wall clock of the whole command.

The window figures are taken inside the probe (bench/probes.py) from the moment the
parent started it, so they include the interpreter's own start.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.journals import BenchJournal, bench_env
from bench.results import Result, median

FIRST_PAINT_TARGET = 1.5
USABLE_TARGET = 1.3
VERSION_HELP_TARGET = 0.35
NOTE_TARGET = 1.5


def _probe(*args: str) -> dict:
    settings = tempfile.mkdtemp(prefix="mentorapp-probe-")  # every start as the first: no remembered layout
    env = {**bench_env(), "XDG_CONFIG_HOME": settings, "BENCH_T0_NS": str(time.monotonic_ns())}
    done = subprocess.run([sys.executable, "-m", "bench.probes", *args], capture_output=True, text=True,
                          env=env, timeout=600)
    shutil.rmtree(settings, ignore_errors=True)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip().startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"probe {args} failed: {done.stderr[-800:]}")
    return lines[0]


def _command(args: list[str]) -> float:
    """Wall-clock milliseconds of one whole command in a fresh interpreter."""
    settings = tempfile.mkdtemp(prefix="mentorapp-cli-")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          env={**bench_env(), "XDG_CONFIG_HOME": settings}, timeout=600)
    took = (time.perf_counter() - started) * 1000
    shutil.rmtree(settings, ignore_errors=True)
    if done.returncode != 0:
        raise RuntimeError(f"{args} failed: {done.stderr[-800:]}")
    return took


def window(journal: BenchJournal, *, repeat: int = 7) -> list[Result]:
    first, usable, empty, stack, rows = [], [], [], [], 0
    for _ in range(repeat):  # interleaved
        desk = _probe("desk", str(journal.path))
        first.append(desk["first_paint_ms"])
        usable.append(desk["usable_ms"])
        rows = desk["roster_rows"]
        empty.append(_probe("empty")["paint_ms"])
        stack.append(_probe("stack")["paint_ms"])
    paint, floor = median(first), median(empty)
    ready, stack_floor = median(usable), median(stack)
    return [
        Result(
            measure=f"First paint of the desk ({journal.entries:,} entries)",
            app=paint, floor=floor,
            target=f"≤ {FIRST_PAINT_TARGET} × an empty PySide6 window",
            met=paint / floor <= FIRST_PAINT_TARGET,
            note="process start to the frame's first paint (title, menus, placeholder), offscreen, "
                 "measured inside the process; floor: QApplication + empty QMainWindow, painted once",
        ),
        Result(
            measure=f"Desk usable ({journal.entries:,} entries)",
            app=ready, floor=stack_floor,
            target=f"≤ {USABLE_TARGET} × an empty window after the stack's imports",
            met=ready / stack_floor <= USABLE_TARGET,
            note=f"process start to the desk painted with the roster listed ({rows} mentees) and Today filled; "
                 "floor: the empty window after importing SQLAlchemy's ORM, keyring and sqlcipher3",
        ),
    ]


def terminal(journal: BenchJournal, *, repeat: int = 7) -> list[Result]:
    from mentorapp.models.services import Services
    from mentorapp.models.storage.store import Store

    folder = Path(tempfile.mkdtemp(prefix="mentorapp-cli-note-"))  # a fresh copy: the store keeps sidecars
    copy = BenchJournal(path=folder / journal.path.name, entries=journal.entries)
    shutil.copyfile(journal.path, copy.path)
    with Store.open(copy.path, copy.key) as store:
        name = Services(store).mentees.list()[0].name
    floor_args = ["-c", "import sqlalchemy.orm, sqlcipher3"]
    commands = {
        "--version": ["-m", "mentorapp", "--version"],
        "--help": ["-m", "mentorapp", "--help"],
        "note": ["-m", "mentorapp", "--db", str(copy.path), "note", name, "Quick word after the stand-up"],
    }
    samples: dict[str, list[float]] = {key: [] for key in ("floor", *commands)}
    for _ in range(repeat):  # interleaved
        samples["floor"].append(_command(floor_args))
        for key, args in commands.items():
            samples[key].append(_command(args))
    shutil.rmtree(folder, ignore_errors=True)
    floor = median(samples["floor"])
    results = []
    for key, target in (("--version", VERSION_HELP_TARGET), ("--help", VERSION_HELP_TARGET), ("note", NOTE_TARGET)):
        app = median(samples[key])
        results.append(Result(
            measure=f"`mentorapp {key}`" + (f" ({journal.entries:,} entries)" if key == "note" else ""),
            app=app, floor=floor,
            target=f"≤ {target} × `python -c \"import sqlalchemy.orm, sqlcipher3\"`",
            met=app / floor <= target,
            note="the whole command in a fresh interpreter, wall clock; floor: the bare imports, same way",
        ))
    return results


if __name__ == "__main__":  # python -m bench.startup [ENTRIES...]: the start-up measures alone
    from bench.journals import journal as bench_journal
    from bench.report import results_table

    sizes = [int(arg) for arg in sys.argv[1:]] or [10_000, 50_000]
    measured = []
    for size in sizes:
        measured += window(bench_journal(size), repeat=5)
    measured += terminal(bench_journal(sizes[-1]), repeat=5)
    print(results_table(measured))
    raise SystemExit(0 if all(r.met for r in measured) else 1)
