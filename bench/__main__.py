"""`python -m bench` (make bench): run every measure, print the table, write docs/performance.md.

Options: --quick (fewer repetitions, for trying things out), --no-doc (print only).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The desk remembers its layout and last mentee; benchmark runs must neither read the
# lead's own settings nor leave theirs behind, and every run starts from the same state.
_SETTINGS = tempfile.mkdtemp(prefix="mentorapp-bench-settings-")
os.environ["XDG_CONFIG_HOME"] = _SETTINGS

from bench import capture, core, desk, startup
from bench.journals import ROOT, journal
from bench.packet import packet, uncovered_characters
from bench.report import growth_table, machine, phases_table, results_table, write_doc

SIZES = (10_000, 50_000, 200_000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite docs/performance.md")
    parser.add_argument("--only", choices=("packet",), help="run one measure and print it (the page is kept)")
    args = parser.parse_args(argv)
    scale = 3 if args.quick else 1
    if args.only == "packet":  # one measure, without building the smaller journals or touching the page
        result = packet(journal(SIZES[-1]), repeat=max(3, 5 // scale))
        print(results_table([result]))
        print(f"\n- {result.measure}: {result.note}")
        return 0 if result.met else 1

    journals = {size: journal(size) for size in SIZES}
    big = journals[SIZES[-1]]
    print(f"measuring on {machine()}", file=sys.stderr, flush=True)

    growth: dict[str, dict[int, float]] = {"search": {}, "roster": {}, "open mentee": {}}
    query_counts: dict[int, int] = {}
    results = []
    for size, bench_journal in journals.items():
        print(f"… {size:,} entries", file=sys.stderr, flush=True)
        search, _ = core.search(bench_journal, repeat=max(3, 7 // scale))
        roster, queries = core.roster(bench_journal, repeat=max(5, 15 // scale))
        opened = desk.open_mentee(bench_journal, repeat=max(3, 9 // scale))
        growth["search"][size], growth["roster"][size], growth["open mentee"][size] = (
            search.app, roster.app, opened.app,
        )
        query_counts[size] = queries
        if bench_journal is big:
            fixed = len(set(query_counts.values())) == 1
            roster = roster.__class__(**{**roster.__dict__, "met": roster.met and fixed,
                                         "note": roster.note + ("; the same at every size" if fixed else
                                                                f"; varies with size: {query_counts}")})
            results += [search, roster, opened]
    print("… start-up, saving, packets, memory", file=sys.stderr, flush=True)
    # Start-up (issue 13): first paint and usable at 10k and 50k entries, then the terminal's commands.
    started = [r for size in (10_000, 50_000) for r in startup.window(journals[size], repeat=max(3, 7 // scale))]
    started += startup.terminal(journals[50_000], repeat=max(3, 7 // scale))
    started += [capture.capture(journals[size], repeat=max(3, 5 // scale)) for size in (10_000, 50_000)]
    results[0:0] = started
    phases = desk.startup_phases(big, repeat=max(3, 5 // scale))
    results.insert(len(started) + 2, core.save_note(big, notes=max(60, 200 // scale)))
    results.append(packet(big, repeat=max(3, 5 // scale)))
    results.append(uncovered_characters(repeat=max(3, 5 // scale)))
    results.append(desk.memory(big))

    table = results_table(results)
    print(table)
    print()
    print(growth_table(growth, SIZES))
    print()
    print(phases_table(phases))
    if not args.no_doc:
        path = write_doc(ROOT / "docs" / "performance.md", results=results, growth=growth, sizes=SIZES,
                         phases=phases)
        print(f"\nwrote {path.relative_to(ROOT)}", file=sys.stderr)
    shutil.rmtree(_SETTINGS, ignore_errors=True)
    return 0 if all(result.met for result in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
