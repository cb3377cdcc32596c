"""Measure of review packets: the whole packet against laying out the same story from loaded data."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.journals import BenchJournal
from bench.results import Result, median, timed
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from mentorapp.packets.data import build_packet_data
from mentorapp.packets.render import write_packet, write_story
from mentorapp.packets.story import build_story

TARGET_ENTRIES = 2_000


def packet(journal: BenchJournal, *, repeat: int = 5) -> Result:
    with Store.open(journal.path, journal.key) as store, tempfile.TemporaryDirectory() as folder:
        services = Services(store)
        # The mentee whose year of notes is closest to two thousand entries.
        row = min(services.mentees.roster(), key=lambda r: abs(r.entry_count - TARGET_ENTRIES))
        first = services.entries.page(row.mentee.id, limit=1)[0].at.date()
        entries = services.entries.in_period(row.mentee.id, start=first.replace(year=first.year - 1), end=first)
        start, end = entries[0].at.date(), first
        data = build_packet_data(services, mentee_id=row.mentee.id, start=start, end=end, today=end)
        target = Path(folder) / "packet.pdf"
        app, floor = [], []
        for _ in range(repeat):  # interleaved, so noise hits both alike
            app += timed(lambda: write_packet(services, mentee_id=row.mentee.id, start=start, end=end,
                                              path=target), repeat=1, warmup=0)
            floor += timed(lambda: write_story(build_story(data), target), repeat=1, warmup=0)
        pages = target.read_bytes().count(b"/Type /Page\n") or target.read_bytes().count(b"/Type /Page")
    app_ms, floor_ms = median(app), median(floor)
    return Result(
        measure=f"Review packet for a mentee with {len(data.entries):,} entries in the period",
        app=app_ms,
        floor=floor_ms,
        target="≤ 1.3 × the same story from loaded data",
        met=app_ms / floor_ms <= 1.3,
        note=f"{pages} pages; floor: build_story + write_story on an already-loaded PacketData",
    )


UNCOVERED_CHARACTERS = 3_000


def uncovered_characters(*, repeat: int = 5) -> Result:
    """Setting text none of the bundled faces has: the installed fonts are read once, in this process."""
    from mentorapp.packets.fonts import FAMILY, FontIndex, SystemFonts, font_runs

    text = "".join(chr(0x4E00 + i) for i in range(UNCOVERED_CHARACTERS))  # CJK ideographs

    def fresh() -> None:  # a new index each time: the scan of the font folders is part of the cost
        index = FontIndex()
        font_runs(text, FAMILY, fallback=SystemFonts(find=lambda char: iter(index.faces_with(char))))

    ms = median(timed(fresh, repeat=repeat))
    return Result(
        measure=f"Packet text of {UNCOVERED_CHARACTERS:,} characters no bundled font has",
        app=ms,
        floor=None,
        target="≤ 1 s, no other program started",
        met=ms <= 1000,
        note="font folders read in-process once per run (was one fc-list per character: 23 s)",
    )
