"""Measure of review packets: the whole packet against the same texts as bare ReportLab paragraphs.

Both sides are a whole process each, run alternately so that noise hits both alike:
the app is `mentorapp packet` (start, open the journal, read the period, lay it out,
write the PDF); the floor is `bench.packet_floor`, which sets every user text the
packet prints as a plain Paragraph in the same font and size, with ReportLab alone.
What the packet adds over the floor (its own lines per entry, the chart, tables,
fonts for every character, right-to-left text) must cost at most as much again.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.journals import ROOT, BenchJournal, bench_env
from bench.results import Result, median, timed
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from mentorapp.packets.data import PacketData, build_packet_data
from mentorapp.packets.styles import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_SIZE, packet_styles
from mentorapp.resources import resource

TARGET_ENTRIES = 2_000
TARGET_RATIO = 2.0


def packet_texts(data: PacketData) -> list[str]:
    """Every piece of user text the packet prints, once each (entries, topics, goals, thanks, asks)."""
    texts = [entry.text for entry in data.entries]
    texts += [record.thread.topic for record in data.threads]
    texts += [record.goal.outcome for record in data.goals]
    texts += [recognition.what_for for recognition in data.recognitions]
    texts += [ask.what for ask in data.asks]
    return [text for text in texts if text.strip()]


def _run(command: list[str]) -> float:
    """Wall-clock milliseconds of one child process, which must succeed."""
    started = time.perf_counter()
    subprocess.run(command, check=True, env=bench_env(), cwd=ROOT, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def packet(journal: BenchJournal, *, repeat: int = 5) -> Result:
    with Store.open(journal.path, journal.key) as store:
        services = Services(store)
        # The mentee whose year of notes is closest to two thousand entries.
        row = min(services.mentees.roster(), key=lambda r: abs(r.entry_count - TARGET_ENTRIES))
        first = services.entries.page(row.mentee.id, limit=1)[0].at.date()
        entries = services.entries.in_period(row.mentee.id, start=first.replace(year=first.year - 1), end=first)
        start, end = entries[0].at.date(), first
        data = build_packet_data(services, mentee_id=row.mentee.id, start=start, end=end, today=end)
    quote = packet_styles().quote
    texts = packet_texts(data)
    with tempfile.TemporaryDirectory() as folder:
        spec = Path(folder) / "floor.json"
        spec.write_text(json.dumps({
            "texts": texts, "font": str(resource("fonts", "DejaVuSans.ttf")),
            "size": quote.fontSize, "leading": quote.leading, "page": list(PAGE_SIZE),
            "margins": [MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM],
        }), encoding="utf-8")
        target, bare = Path(folder) / "packet.pdf", Path(folder) / "floor.pdf"
        app_command = [sys.executable, "-m", "mentorapp", "--db", str(journal.path), "packet", row.mentee.name,
                       "--from", start.isoformat(), "--to", end.isoformat(), "-o", str(target)]
        floor_command = [sys.executable, "-m", "bench.packet_floor", str(spec), str(bare)]
        _run(app_command)  # warm the disk cache and the bytecode for both, untimed
        _run(floor_command)
        app, floor = [], []
        for _ in range(repeat):
            app.append(_run(app_command))
            floor.append(_run(floor_command))
        pages = _pages(target)
        floor_pages = _pages(bare)
    app_ms, floor_ms = median(app), median(floor)
    return Result(
        measure=f"Review packet for a mentee with {len(data.entries):,} entries in the period",
        app=app_ms,
        floor=floor_ms,
        target=f"≤ {TARGET_RATIO:g} × the same texts as bare ReportLab paragraphs",
        met=app_ms / floor_ms <= TARGET_RATIO,
        note=(f"{pages} pages; a whole process each, interleaved: `mentorapp packet` against "
              f"{len(texts):,} plain Paragraphs in DejaVu Sans {quote.fontSize:g} pt ({floor_pages} pages)"),
    )


def _pages(path: Path) -> int:
    data = path.read_bytes()
    return data.count(b"/Type /Page\n") or data.count(b"/Type /Page")


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
