"""The fonts of a review packet: the bundled DejaVu Sans family, and a system font for what it lacks.

DejaVu Sans covers Latin, Cyrillic, Greek, Arabic and Hebrew and is embedded in
every packet; the bundled monochrome Noto Emoji draws the emoji it lacks (per
character, loaded only when a packet has one). For characters no bundled face has
(CJK, some symbols) a system font that has them is found in the platform's font folders,
read once per process (`FontIndex`, no other program is asked), and embedded too. When
no installed font has a character, it prints
as a visible U+FFFD replacement rather than as an empty box.
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import uharfbuzz as hb
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

# Installed faces ReportLab cannot embed (CFF outlines, colour bitmaps) fail to load and
# are skipped; this many candidates are tried per character at most.
_MAX_CANDIDATES = 12
_FONT_SUFFIXES = (".ttf", ".ttc", ".otf")
_MAX_FONT_FILES = 5_000  # a font folder larger than any real one is read only this far


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


# Fallback fonts are registered in ReportLab's process-wide table and their coverage is
# cached by name, so every name is given once per process, whichever SystemFonts asks.
_fallback_numbers = itertools.count(1)


class SystemFonts:
    """Finds, loads and remembers installed fonts for characters the bundled faces lack.

    `find` is how candidates are discovered (the process's `FontIndex` by default); tests pass their own.
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
        name = f"MentorAppFallback{next(_fallback_numbers)}"
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
    """Installed faces that have `char`, sans and regular weights first (from the process's font index)."""
    yield from font_index().faces_with(char)[:_MAX_CANDIDATES]


class FontIndex:
    """Which installed face has which characters: every font folder read once, in this process.

    Each face's character map is read with HarfBuzz when the first character the bundled
    faces lack is met, and kept for the life of the process; no other program is asked
    (a child would see the characters and inherit the environment's passphrase).
    """

    def __init__(self, folders: Iterable[Path] | None = None) -> None:
        self._folders = list(folders) if folders is not None else None
        self._lock = threading.Lock()
        self._faces: list[tuple[FontFile, frozenset[int]]] | None = None

    def faces_with(self, char: str) -> list[FontFile]:
        code = ord(char)
        return [face for face, codes in self._read() if code in codes]

    def _read(self) -> list[tuple[FontFile, frozenset[int]]]:
        with self._lock:
            if self._faces is None:
                folders = self._folders if self._folders is not None else font_folders()
                faces = [entry for path in _font_files(folders) for entry in _faces_of(path)]
                # Prefer sans faces and regular weights: packets are set in a sans.
                faces.sort(key=lambda entry: (_style_rank(entry[0].path), entry[0].path, entry[0].index))
                self._faces = faces
            return self._faces


def font_folders() -> list[Path]:
    """The folders where this platform keeps installed fonts, the person's own first."""
    home = Path.home()
    if sys.platform == "darwin":
        return [home / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        windows = os.environ.get("WINDIR", "C:/Windows")
        return [*([Path(local) / "Microsoft/Windows/Fonts"] if local else []), Path(windows) / "Fonts"]
    data_home = os.environ.get("XDG_DATA_HOME") or str(home / ".local/share")
    data_dirs = (os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":")
    return [Path(data_home) / "fonts", home / ".fonts", *(Path(d) / "fonts" for d in data_dirs if d)]


def _font_files(folders: Iterable[Path]) -> Iterator[Path]:
    """TrueType and OpenType files under `folders` (readable ones; folder links are not followed)."""
    seen: set[Path] = set()
    for folder in folders:
        for root, _dirs, files in os.walk(folder):  # an unreadable or missing folder yields nothing
            for name in sorted(files):
                path = Path(root, name)
                if path.suffix.lower() not in _FONT_SUFFIXES or len(seen) >= _MAX_FONT_FILES:
                    continue
                try:
                    real = path.resolve()
                except OSError:
                    continue
                if real not in seen and os.access(real, os.R_OK):
                    seen.add(real)
                    yield path


def _faces_of(path: Path) -> list[tuple[FontFile, frozenset[int]]]:
    """Each face in one font file with its characters; nothing for a file HarfBuzz cannot read."""
    try:
        blob = hb.Blob.from_file_path(str(path))
        count = hb.Face(blob).count
        return [(FontFile(str(path), index), frozenset(hb.Face(blob, index).unicodes)) for index in range(count)]
    except (OSError, ValueError, RuntimeError, MemoryError):
        return []


def _style_rank(path: str) -> int:
    name = Path(path).stem.lower()
    rank = 0 if "sans" in name else 1
    if any(word in name for word in ("bold", "black", "heavy", "light", "thin", "italic", "oblique")):
        rank += 2
    return rank


_index = FontIndex()
_system = SystemFonts()


def font_index() -> FontIndex:
    """The process-wide index of installed fonts (read once, at the first character that needs it)."""
    return _index


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
