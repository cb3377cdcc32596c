"""Fonts for characters the bundled faces lack are looked up in this process, never by asking another program."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorapp.packets import fonts
from mentorapp.packets.fonts import FAMILY, REPLACEMENT, FontIndex, SystemFonts, font_runs
from mentorapp.packets.render import write_packet
from tests.packets.conftest import pdf_text

DEJAVU_MONO = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
RECORDER = "\u2315"  # ⌕: in DejaVu Sans Mono, not in DejaVu Sans
# 3,000 assigned characters that neither bundled face has: CJK ideographs.
UNCOVERED = "".join(chr(0x4E00 + i) for i in range(3000))


@pytest.fixture
def no_children(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every way Python starts another program, each recorded and refused."""
    started: list[str] = []

    def refuse(name: str) -> Callable[..., object]:
        def started_child(*args: object, **kwargs: object) -> object:
            started.append(name)
            raise AssertionError(f"a child process was started through {name}")
        return started_child

    monkeypatch.setattr(subprocess.Popen, "_execute_child", refuse("subprocess"))
    for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp", "system", "execv", "execve", "execvp"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refuse(f"os.{name}"))
    return started


def test_a_packet_with_3000_uncovered_characters_starts_no_other_program(
        demo_services, no_children: list[str], tmp_path: Path) -> None:
    mentee = demo_services.mentees.list()[0]
    demo_services.entries.add(mentee_id=mentee.id, text=f"Glyphs {UNCOVERED} end",
                              at=dt.datetime(2026, 11, 20, 10, 0))
    path = write_packet(demo_services, mentee_id=mentee.id, start=dt.date(2026, 1, 1), end=dt.date(2026, 11, 29),
                        path=tmp_path / "packet.pdf", today=dt.date(2026, 11, 29))
    assert no_children == []
    text = pdf_text(path)
    assert "Glyphs" in text and "end" in text
    # Each character is either set in an installed font that has it or printed as a visible replacement.
    assert all(char in text or REPLACEMENT in text for char in UNCOVERED[:50])


def test_installed_fonts_are_read_once_per_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    opened: list[str] = []
    real = fonts._faces_of

    def counting(path: Path) -> list:
        opened.append(path.name)
        return real(path)

    monkeypatch.setattr(fonts, "_faces_of", counting)
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / "broken.ttf").write_bytes(b"not a font")
    (folder / "notes.txt").write_text("not a font either")
    if DEJAVU_MONO.is_file():
        shutil.copyfile(DEJAVU_MONO, folder / "DejaVuSansMono.ttf")
    index = FontIndex([folder, tmp_path / "missing"])
    finder = SystemFonts(find=lambda char: iter(index.faces_with(char)))
    font_runs(UNCOVERED + RECORDER * 3, FAMILY, fallback=finder)
    font_runs(UNCOVERED, FAMILY, fallback=finder)
    assert sorted(opened) == sorted(["broken.ttf", *(["DejaVuSansMono.ttf"] if DEJAVU_MONO.is_file() else [])])
    if DEJAVU_MONO.is_file():
        assert finder.font_for(RECORDER) is not None  # found in the copied file

