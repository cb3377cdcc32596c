"""The fonts of a review packet: the bundled DejaVu Sans family, and a system font for what it lacks.

DejaVu Sans covers Latin, Cyrillic, Greek, Arabic and Hebrew and is embedded in
every packet; the bundled monochrome Noto Emoji draws the emoji it lacks (per
character, loaded only when a packet has one). For characters no bundled face has
(CJK, some symbols) a system font
that has them is found with fontconfig (or at a few well-known paths where there is
no fontconfig) and embedded too. When no installed font has a character, it prints
as a visible U+FFFD replacement rather than as an empty box.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from mentorapp.resources import resource

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
BOLD_OBLIQUE = "DejaVuSans-BoldOblique"
BUNDLED = (FAMILY, BOLD, OBLIQUE, BOLD_OBLIQUE)
EMOJI = "NotoEmoji"

REPLACEMENT = "\ufffd"

# Where to look for a font with wide coverage when fontconfig is not there to ask.
_KNOWN_FONT_FILES = (
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/AppleSDGothicNeo.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/msgothic.ttc",
    "C:/Windows/Fonts/malgun.ttf",
    "C:/Windows/Fonts/seguisym.ttf",
    "C:/Windows/Fonts/seguiemj.ttf",
)
# Fonts fontconfig knows but ReportLab cannot embed (CFF outlines, colour bitmaps) fail
# to load and are skipped; this many candidates are tried per character at most.
_MAX_CANDIDATES = 12


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode map, with characters beyond U+FFFF written as UTF-16 pairs.

    ReportLab writes such a character (an emoji, a rare CJK ideograph) as five hex
    digits, which PDF readers reject, so the character could not be searched or copied.
    """
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(code)}>" for i, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


@cache
def register_fonts() -> str:
    """Make the DejaVu Sans faces available to ReportLab; returns the family name.

    Paragraph markup <b> and <i> map to the bold and oblique faces.
    """
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for name in BUNDLED:
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, OBLIQUE)
    addMapping(FAMILY, 1, 1, BOLD_OBLIQUE)
    return FAMILY


@cache
def emoji_font() -> str:
    """Register the bundled Noto Emoji on first use (most packets hold no emoji); returns its name."""
    pdfmetrics.registerFont(TTFont(EMOJI, str(resource("fonts", "NotoEmoji-Regular.ttf"))))
    return EMOJI


def font_has(font_name: str, char: str) -> bool:
    """True when the registered TrueType font `font_name` has a glyph for `char`."""
    return ord(char) in _coverage(font_name)


@cache
def _coverage(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def invisible(char: str) -> bool:
    """Format characters and variation selectors: they change nothing a reader could miss."""
    return unicodedata.category(char) == "Cf" or 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF


@dataclass(frozen=True, slots=True)
class FontFile:
    """One face in a font file (a .ttc collection holds several)."""

    path: str
    index: int = 0


class SystemFonts:
    """Finds, loads and remembers installed fonts for characters the bundled faces lack.

    `find` is how candidates are discovered (fontconfig by default); tests pass their own.
    """

    def __init__(self, find: Callable[[str], Iterable[FontFile]] | None = None) -> None:
        self._find = find or candidate_files
        self._lock = threading.Lock()
        self._loaded: list[str] = []  # registered ReportLab font names, in the order found
        self._by_file: dict[FontFile, str | None] = {}
        self._char: dict[str, str | None] = {}

    def font_for(self, char: str) -> str | None:
        """The registered name of an installed font that has `char`, or None if none does."""
        with self._lock:
            if char in self._char:
                return self._char[char]
            found = next((name for name in self._loaded if font_has(name, char)), None)
            if found is None:
                for candidate in self._find(char):
                    name = self._load(candidate)
                    if name is not None and font_has(name, char):
                        found = name
                        break
            self._char[char] = found
            return found

    @property
    def used(self) -> tuple[str, ...]:
        return tuple(self._loaded)

    def _load(self, file: FontFile) -> str | None:
        if file in self._by_file:
            return self._by_file[file]
        name = f"MentorAppFallback{len(self._by_file) + 1}"
        try:
            font = TTFont(name, file.path, subfontIndex=file.index)
        except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError):
            # Outlines ReportLab cannot embed (CFF, bitmap-only emoji) or a damaged file.
            self._by_file[file] = None
            return None
        pdfmetrics.registerFont(font)
        self._by_file[file] = name
        self._loaded.append(name)
        return name


def candidate_files(char: str) -> Iterator[FontFile]:
    """Installed fonts that claim to have `char`: fontconfig's answer, else well-known files."""
    fc_list = shutil.which("fc-list")
    if fc_list is not None:
        try:
            listed = subprocess.run(
                [fc_list, f":charset={ord(char):x}", "--format", "%{file}\t%{index}\n"],
                capture_output=True, text=True, timeout=10, check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            listed = ""
        files = []
        for line in listed.splitlines():
            path, _, index = line.partition("\t")
            if path and Path(path).suffix.lower() in (".ttf", ".ttc", ".otf"):
                files.append(FontFile(path, int(index) if index.isdigit() else 0))
        # Prefer sans faces and regular weights: packets are set in a sans.
        files.sort(key=lambda f: (_style_rank(f.path), f.path, f.index))
        yield from files[:_MAX_CANDIDATES]
        return
    if sys.platform != "linux":
        for path in _KNOWN_FONT_FILES:
            if Path(path).is_file():
                yield FontFile(path)


def _style_rank(path: str) -> int:
    name = Path(path).stem.lower()
    rank = 0 if "sans" in name else 1
    if any(word in name for word in ("bold", "black", "heavy", "light", "thin", "italic", "oblique")):
        rank += 2
    return rank


_system = SystemFonts()


def system_fonts() -> SystemFonts:
    """The process-wide fallback finder (fonts, once registered with ReportLab, stay registered)."""
    return _system


def font_runs(text: str, face: str, *, fallback: SystemFonts | None = None) -> list[tuple[str, str]]:
    """Split `text` into (font name, text) runs so that every character has a glyph.

    Each character is set in `face` when it has it, else in the regular DejaVu face,
    else in an installed font that has it, else it becomes U+FFFD in `face`. Invisible
    format characters stay with the run before them, or are dropped when its font lacks them.
    """
    register_fonts()
    fallback = fallback or _system
    runs: list[tuple[str, str]] = []
    current, chunk = face, []
    for char in text:
        if invisible(char) and char not in "\u200c\u200d":
            if font_has(current, char):
                chunk.append(char)
            continue
        if font_has(face, char) or char in "\n\t ":
            font = face
        elif font_has(FAMILY, char):
            font = FAMILY
        elif ord(char) > 0x7F and font_has(emoji_font(), char):
            font = EMOJI
        else:
            found = fallback.font_for(char) if not unicodedata.category(char).startswith("C") else None
            if found is None:
                font, char = face, REPLACEMENT
            else:
                font = found
        if font != current and chunk:
            runs.append((current, "".join(chunk)))
            chunk = []
        current = font
        chunk.append(char)
    if chunk:
        runs.append((current, "".join(chunk)))
    return runs
