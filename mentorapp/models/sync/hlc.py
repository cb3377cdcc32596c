"""A hybrid logical clock: an order of events that machines with disagreeing wall clocks share.

A stamp is (physical milliseconds, counter, device id). A device's stamps only ever grow,
even when its wall clock steps back; receiving a stamp from another device moves this
clock past it, so anything written after reading a change is ordered after that change.
Stamps compare as tuples, and the device id breaks ties, so every machine orders the
same two stamps the same way. The physical part comes from the journal's one clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mentorapp.i18n import _
from mentorapp.models.clock import Clock
from mentorapp.models.errors import MentorAppError

_TEXT = re.compile(r"^(\d{15})-(\d{6})-([0-9a-f]{32})$")
MAX_COUNTER = 999_999


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    """One moment on the hybrid clock; `str()` gives a text that sorts as the stamps do."""

    physical_ms: int
    counter: int
    device: str

    def __str__(self) -> str:
        return f"{self.physical_ms:015d}-{self.counter:06d}-{self.device}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        match = _TEXT.match(text)
        if match is None:
            raise MentorAppError(_("A sync stamp is not in the form this MentorApp writes."))
        return cls(int(match.group(1)), int(match.group(2)), match.group(3))


class HybridClock:
    """This device's hybrid clock, starting from the last stamp it issued or saw (`last`)."""

    def __init__(self, clock: Clock, device: str, last: Stamp | None = None) -> None:
        self._clock = clock
        self.device = device
        self.last = last

    def _wall_ms(self) -> int:
        moment = self._clock.utcnow()
        epoch = moment.replace(year=1970, month=1, day=1, hour=0, minute=0, second=0)
        return int((moment - epoch).total_seconds()) * 1000

    def tick(self) -> Stamp:
        """A new stamp, after every stamp this clock has issued or seen."""
        wall = self._wall_ms()
        if self.last is None or wall > self.last.physical_ms:
            stamp = Stamp(wall, 0, self.device)
        else:
            stamp = Stamp(self.last.physical_ms, self._next_counter(self.last.counter), self.device)
        self.last = stamp
        return stamp

    def receive(self, seen: Stamp) -> None:
        """Move past a stamp read from another device, so what is written next comes after it."""
        if self.last is None or seen > self.last:
            self.last = Stamp(seen.physical_ms, seen.counter, self.device)

    @staticmethod
    def _next_counter(counter: int) -> int:
        if counter >= MAX_COUNTER:
            raise MentorAppError(_("Too many changes in one millisecond for the sync clock; wait a moment."))
        return counter + 1
