"""The hybrid logical clock orders changes the same way on every machine, whatever their wall clocks say."""

from __future__ import annotations

import datetime as dt

from mentorapp.models.clock import FixedClock
from mentorapp.models.sync.hlc import HybridClock, Stamp

LAPTOP = "a" * 32
DESKTOP = "b" * 32


def test_stamps_grow_while_the_wall_clock_stands_still_or_steps_back() -> None:
    clock = FixedClock(dt.datetime(2026, 12, 3, 10, 0))
    hlc = HybridClock(clock, LAPTOP)
    first, second = hlc.tick(), hlc.tick()
    assert first < second
    clock.advance(dt.timedelta(hours=-2))  # the laptop's clock is set back
    third = hlc.tick()
    assert second < third
    clock.advance(dt.timedelta(hours=3))
    assert third < hlc.tick()


def test_an_edit_made_after_reading_a_change_comes_after_it_even_on_a_slow_clock() -> None:
    fast = HybridClock(FixedClock(dt.datetime(2026, 12, 3, 12, 0)), DESKTOP)
    slow = HybridClock(FixedClock(dt.datetime(2026, 12, 3, 9, 0)), LAPTOP)  # three hours behind
    remote = fast.tick()
    slow.receive(remote)
    assert slow.tick() > remote


def test_stamps_written_as_text_sort_and_read_back_as_they_compare() -> None:
    stamps = [Stamp(1_700_000_000_000, 3, LAPTOP), Stamp(1_700_000_000_000, 3, DESKTOP),
              Stamp(999, 0, DESKTOP), Stamp(1_700_000_000_000, 12, LAPTOP)]
    assert sorted(str(s) for s in stamps) == [str(s) for s in sorted(stamps)]
    assert [Stamp.parse(str(s)) for s in stamps] == stamps
