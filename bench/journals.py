"""Builds the benchmark journals once and keeps them in .bench-cache/.

Each is made by the real command line (`mentorapp demo --mentees 150 --entries N
--seed 1`) under a fixed raw key, so every run measures the same data.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from mentorapp.models.trust.recovery import mark_kit_made
from mentorapp.models.storage.store import SCHEMA_HEAD, Key, Store

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".bench-cache"
BENCH_KEY = "6d" * 32  # not a secret: benchmark journals hold generated data only
MENTEES = 150
SEED = 1


@dataclass(frozen=True)
class BenchJournal:
    path: Path
    entries: int

    @property
    def key(self) -> Key:
        return Key.from_hex(BENCH_KEY, source="benchmark")


def bench_env() -> dict[str, str]:
    """Environment for child processes: the journal's raw key comes from a stand-in keyring."""
    # PYTHONDONTWRITEBYTECODE is dropped: an installed app has its bytecode compiled,
    # and a start-up measure must not pay for compiling the sources each time.
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith("MENTORAPP_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        {
            "PYTHON_KEYRING_BACKEND": "bench.keyring_backend.EnvKeyring",
            "MENTORAPP_BENCH_KEY": BENCH_KEY,
            "PYTHONPATH": str(ROOT),
            "QT_QPA_PLATFORM": env.get("QT_QPA_PLATFORM", "offscreen"),
        }
    )
    return env


def _generator_version() -> str:
    """Changes whenever the demo generator or the schema does, so a stale cache is rebuilt."""
    source = (ROOT / "mentorapp" / "models" / "services" / "demo.py").read_bytes()
    return hashlib.sha256(source + SCHEMA_HEAD.encode()).hexdigest()[:8]


def journal(entries: int) -> BenchJournal:
    """The cached journal with `entries` entries, built on first use (minutes at 200k)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"journal-{MENTEES}-{entries}-seed{SEED}-{_generator_version()}.db"
    if not path.exists():
        partial = path.with_suffix(".building")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        started = time.perf_counter()
        print(f"building {path.name} (once; cached in {CACHE.name}/)…", file=sys.stderr, flush=True)
        # Create the empty journal under the raw key, then fill it through the real CLI.
        Store.open(partial, Key.from_hex(BENCH_KEY, source="benchmark")).close()
        subprocess.run(
            [sys.executable, "-m", "mentorapp", "--db", str(partial), "demo",
             "--mentees", str(MENTEES), "--entries", str(entries), "--seed", str(SEED)],
            check=True, env=bench_env(), stdout=subprocess.DEVNULL,
        )
        with Store.open(partial, Key.from_hex(BENCH_KEY, source="benchmark")) as store:
            # A desk past its first run: the recovery sheet was made, so none is offered.
            mark_kit_made(store)
            store.checkpoint()
        partial.rename(path)
        print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return BenchJournal(path=path, entries=entries)


def scratch_copy(source: BenchJournal, name: str) -> BenchJournal:
    """A throw-away copy for measures that write."""
    target = CACHE / f"scratch-{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    target.write_bytes(source.path.read_bytes())
    return BenchJournal(path=target, entries=source.entries)
