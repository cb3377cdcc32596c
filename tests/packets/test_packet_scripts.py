"""Emoji and right-to-left names on paper: glyphs rather than replacement marks, and sentences that stay whole."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from mentorapp.models.services import Services
from mentorapp.models.vocabulary import FSI, PDI, isolate
from mentorapp.packets.bidi import base_level, isolated_words, visual_order
from mentorapp.packets.fonts import EMOJI, FAMILY, font_runs
from mentorapp.packets.render import write_packet, write_story
from mentorapp.packets.styles import packet_styles
from mentorapp.packets.text import Said, line
from tests.packets.conftest import TODAY, YEAR_START

ARABIC_NAME = "محمد عبد الرحمن"
EMOJI_NAME = "Zoë 🌻 Park"
NOTE = "Shipped the release 🚀🎉, thanks 👍🏽 ❤️ (and 😀)"

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def _pdftotext(path: Path) -> str:
    """The PDF's text as poppler reads it back, with Arabic presentation forms and its own direction marks folded."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = re.sub("[\u202a-\u202e]", "", unicodedata.normalize("NFKC", text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def _faces(path: Path) -> set[str]:
    faces = set()
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            faces.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return faces


def _visual(text: str) -> list[str]:
    words = isolated_words(text, base_level(text))
    return [words[i][0] for i in visual_order([level for _, level, _ in words])]


def test_isolate_wraps_only_text_that_could_turn_a_sentence_around() -> None:
    assert isolate(ARABIC_NAME) == f"{FSI}{ARABIC_NAME}{PDI}"
    assert isolate("Priya Raman") == "Priya Raman"  # nothing to isolate in a left-to-right sentence
    assert isolate("") == ""
    assert isolate("Dana \u202eevil") == f"{FSI}Dana \u202eevil{PDI}"  # an override is contained too


def test_an_isolated_arabic_name_leaves_an_english_sentence_in_order() -> None:
    sentence = f"{isolate(ARABIC_NAME)} was not on the watchlist."
    assert base_level(sentence) == 0  # the sentence is English although it starts with Arabic
    assert _visual(sentence) == ["الرحمن", "عبد", "محمد", "was", "not", "on", "the", "watchlist."]
    # Without the isolate the Arabic would have made it a right-to-left line.
    assert base_level(f"{ARABIC_NAME} was not on the watchlist.") == 1


def test_punctuation_after_an_isolated_name_stays_glued_to_it() -> None:
    words = isolated_words(f"Discussed with {isolate(ARABIC_NAME)}.", 0)
    assert words[-1] == (".", 0, True)
    assert [level for _, level, _ in words] == [0, 0, 1, 1, 1, 0]


def test_a_stray_pdi_or_an_unclosed_isolate_breaks_nothing() -> None:
    assert _visual(f"a {PDI} b") == ["a", "b"]
    assert _visual(f"a {FSI}שלום עולם") == ["a", "עולם", "שלום"]


def test_emoji_the_bundled_face_lacks_come_from_the_bundled_emoji_font() -> None:
    runs = font_runs("Go 🚀 now 😀", FAMILY)
    assert runs == [(FAMILY, "Go "), (EMOJI, "🚀"), (FAMILY, " now 😀")]  # 😀 is in DejaVu Sans already


@needs_pdftotext
def test_a_packet_prints_emoji_as_glyphs_and_keeps_sentences_with_arabic_names_whole(
        services: Services, tmp_path: Path) -> None:
    services.journal.set_lead_name("Sam 🌟 Rivera")
    arabic = services.mentees.add(name=ARABIC_NAME, role="Engineer", started_on=dt.date(2025, 1, 6))
    flower = services.mentees.add(name=EMOJI_NAME, role="Designer 🎨", started_on=dt.date(2025, 1, 6))
    for mentee in (arabic, flower):
        services.entries.add(mentee_id=mentee.id, text=NOTE, at=dt.datetime(2026, 6, 3, 10))
    for mentee, name in ((arabic, "arabic"), (flower, "flower")):
        path = write_packet(services, mentee_id=mentee.id, start=YEAR_START, end=TODAY,
                            path=tmp_path / f"{name}.pdf", today=TODAY)
        text = _pdftotext(path)
        assert "\ufffd" not in text, "an emoji printed as a replacement mark"
        assert "Shipped the release 🚀🎉, thanks 👍 ❤" in text
        assert "Sam 🌟 Rivera" in text
        assert any(face.startswith(EMOJI) for face in _faces(path))
        assert "\u2068" not in text and "\u2069" not in text  # the marks are never drawn
    flower_text = _pdftotext(tmp_path / "flower.pdf")
    assert "Zoë 🌻 Park was not on the watchlist in this period." in flower_text
    arabic_text = _pdftotext(tmp_path / "arabic.pdf")
    # pdftotext gives back each line in reading order: the English words stay after the name
    # (it moves the space between the two directions inside its own marks, hence \s*).
    sentence = next(line for line in arabic_text.splitlines() if "was not on the watchlist" in line)
    assert re.fullmatch(rf"{ARABIC_NAME}\s*was not on the watchlist in this period\.", sentence), sentence


@needs_pdftotext
def test_a_packet_line_with_an_arabic_name_is_left_aligned_english(tmp_path: Path) -> None:
    style = packet_styles().body
    flowable = line(["Every concern has been discussed with ", Said(ARABIC_NAME), "."], style)
    flowable.wrap(400, 1000)
    [placed] = flowable._layout(400)
    assert placed.base == 0  # drawn from the left, as English
    path = write_story([flowable], tmp_path / "line.pdf")
    assert f"Every concern has been discussed with {ARABIC_NAME}." in _pdftotext(path)
