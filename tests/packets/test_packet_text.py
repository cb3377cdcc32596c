"""Text on paper: right-to-left ordering, fonts for every character, escaping."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from mentorapp.packets.bidi import BidiParagraph, base_level, visual_order, word_class, word_levels
from mentorapp.packets.fonts import FAMILY, OBLIQUE, REPLACEMENT, FontFile, SystemFonts, font_runs
from mentorapp.packets.render import write_story
from mentorapp.packets.styles import packet_styles
from mentorapp.packets.text import clean, markup, user_text
from tests.packets.conftest import pdf_text

MONO_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
RECORDER = "\u2315"  # ⌕: in DejaVu Sans Mono, not in DejaVu Sans


def _order(words: list[str]) -> list[str]:
    base = base_level(" ".join(words))
    levels = word_levels([word_class(w) for w in words], base)
    return [words[i] for i in visual_order(levels)]


def test_a_right_to_left_sentence_reads_from_the_right() -> None:
    assert _order(["שלום", "עולם", "יפה"]) == ["יפה", "עולם", "שלום"]


def test_a_left_to_right_name_inside_arabic_keeps_its_own_order() -> None:
    words = ["اجتماع", "مع", "Priya", "Raman", "اليوم"]
    assert _order(words) == ["اليوم", "Priya", "Raman", "مع", "اجتماع"]


def test_hebrew_inside_english_is_reversed_only_where_it_is() -> None:
    words = ["Told", "her", "שלום", "עולם", "today"]
    assert _order(words) == ["Told", "her", "עולם", "שלום", "today"]


def test_numbers_after_hebrew_stay_with_it() -> None:
    assert _order(["Room", "שלום", "2024"]) == ["Room", "2024", "שלום"]


def test_clean_drops_controls_and_keeps_line_breaks() -> None:
    assert clean("a\x00b\x07c\r\nd\re\x0cf\u2028g\u202eh\tend") == "abc\nd\ne\nf\ng" + "h    end"
    assert clean("lone \udc80 surrogate") == f"lone {REPLACEMENT} surrogate"


def test_markup_escapes_everything_a_user_typed() -> None:
    assert markup("a < b & <b>x</b>", FAMILY) == "a &lt; b &amp; &lt;b&gt;x&lt;/b&gt;"
    assert markup("two\nlines", FAMILY) == "two<br/>lines"


def test_a_face_missing_a_script_borrows_the_regular_face() -> None:
    runs = font_runs("x مرحبا", OBLIQUE)  # DejaVu Sans Oblique has no Arabic
    assert runs == [(OBLIQUE, "x "), (FAMILY, "مرحبا")]


def test_a_character_no_font_has_becomes_a_visible_replacement() -> None:
    nowhere = SystemFonts(find=lambda char: iter(()))
    assert font_runs("a\u4e2db", FAMILY, fallback=nowhere) == [(FAMILY, f"a{REPLACEMENT}b")]


@pytest.mark.skipif(not MONO_FONT.is_file(), reason="DejaVu Sans Mono is not installed")
def test_a_system_font_that_has_the_character_is_used_and_embedded(tmp_path: Path) -> None:
    asked: list[str] = []

    def finder(char: str) -> Iterator[FontFile]:
        asked.append(char)
        return iter([FontFile(str(tmp_path / "missing.ttf")), FontFile(str(MONO_FONT))])

    fonts = SystemFonts(find=finder)
    runs = font_runs(f"A {RECORDER} B {RECORDER}", FAMILY, fallback=fonts)
    fallback = fonts.font_for(RECORDER)
    assert fallback is not None
    assert runs == [(FAMILY, "A "), (fallback, RECORDER), (FAMILY, " B "), (fallback, RECORDER)]
    assert asked == [RECORDER]  # found once, remembered after
    style = packet_styles().body
    paragraph = Paragraph("".join(
        text if font == FAMILY else f'<font name="{font}">{text}</font>' for font, text in runs), style)
    path = write_story([paragraph], tmp_path / "maths.pdf")
    assert RECORDER in pdf_text(path)


def test_right_to_left_paragraph_splits_across_pages(tmp_path: Path) -> None:
    style = packet_styles().body
    long_text = " ".join(["مرحبا بالعالم"] * 1500)
    flowable = user_text(long_text, style)
    assert isinstance(flowable, BidiParagraph)
    path = write_story([flowable], tmp_path / "rtl.pdf")
    text = pdf_text(path)
    assert text.count("مرحبا") == 1500


def test_a_right_to_left_word_longer_than_the_line_is_cut_to_fit(tmp_path: Path) -> None:
    style = packet_styles().body
    flowable = user_text("ש" * 3000, style)
    width, height = flowable.wrap(300, 10_000)
    assert height > style.leading * 10  # many lines, none wider than the frame
    assert all(line.width <= 300 for line in flowable._layout(300))


def test_an_entrys_line_is_never_left_alone_at_the_foot_of_a_page(tmp_path: Path) -> None:
    from reportlab.platypus import Spacer

    from mentorapp.packets.kept import KeptPair

    styles = packet_styles()
    story = []
    for number in range(60):  # pairs of every height fall at every place on the page
        story.append(Spacer(1, 7 * (number % 5)))
        body = " ".join(f"text{number}-{word}" for word in range(20 * (1 + number % 4)))
        story.append(KeptPair(Paragraph(f"Head {number}", styles.meta), Paragraph(body, styles.quote)))
    path = write_story(story, tmp_path / "kept.pdf")
    from pypdf import PdfReader

    pages = [page.extract_text() for page in PdfReader(str(path)).pages]
    assert len(pages) > 3
    for number in range(60):
        [page] = [text for text in pages if f"Head {number}\n" in text or text.endswith(f"Head {number}")]
        assert f"text{number}-0 " in page, f"the line of entry {number} was parted from its text"
    assert all(f"text{n}-{20 * (1 + n % 4) - 1}" in "".join(pages) for n in range(60))  # nothing lost
