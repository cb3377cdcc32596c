"""A measured figure, its floor from the same run, and whether it meets its target."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    measure: str
    app: float  # median, in `unit`
    floor: float | None  # the comparison measured in the same run, in `unit`
    target: str  # the target, in words
    met: bool
    unit: str = "ms"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.app / self.floor if self.floor else None


def timed(fn: Callable[[], object], *, repeat: int, warmup: int = 1) -> list[float]:
    """Wall-clock milliseconds of `repeat` calls after `warmup` untimed ones."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
