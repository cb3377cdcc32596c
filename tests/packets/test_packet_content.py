"""What a lead reads in a packet: every section, their data printed literally, in any script."""

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
from mentorapp.packets.data import build_packet_data, default_period
from mentorapp.packets.render import write_packet
from mentorapp.packets.story import SECTIONS, build_story
from tests.conftest import DEMO_TODAY
from tests.packets.conftest import (
    ESCAPED,
    LONG_NAME,
    SCRIPTS,
    THREAD_REPLIES,
    TODAY,
    YEAR_START,
    Hostile,
    page_count,
    pdf_text,
)


def _chart_text(text: str) -> str:
    """The chart's part of a packet: after its heading (the cover names it first), before the note."""
    start = text.index("Notes over the period", text.index("Summary"))
    return text[start:text.index("% of the notes", start)]


def _packet(services: Services, mentee_id: int, path: Path, *, start: dt.date = YEAR_START,
            end: dt.date = TODAY) -> str:
    write_packet(services, mentee_id=mentee_id, start=start, end=end, path=path, today=TODAY)
    return pdf_text(path)


def test_every_demo_packet_has_every_section_and_its_people(demo_services: Services, tmp_path: Path) -> None:
    start, end = default_period(DEMO_TODAY)
    for mentee in demo_services.mentees.list():
        path = tmp_path / f"{mentee.id}.pdf"
        write_packet(demo_services, mentee_id=mentee.id, start=start, end=end, path=path, today=DEMO_TODAY)
        text = pdf_text(path)
        for section in SECTIONS:
            assert section in text, (mentee.name, section)
        assert mentee.name in text
        assert "CONFIDENTIAL" in text
        assert "Sam Rivera" in text  # the demo lead, on the cover and in the threads
        pages = page_count(path)
        assert f"Page {pages} of {pages}" in text
        assert "Page 1 of" in text


def test_demo_packet_shows_the_lists_the_journal_holds(demo_services: Services, tmp_path: Path) -> None:
    start, end = default_period(DEMO_TODAY)
    mentee = demo_services.mentees.find("Priya")
    data = build_packet_data(demo_services, mentee_id=mentee.id, start=start, end=end, today=DEMO_TODAY)
    text = _packet(demo_services, mentee.id, tmp_path / "p.pdf", start=start, end=end)
    flat = " ".join(text.split())
    for record in data.threads:
        assert " ".join(record.thread.topic.split()) in flat
    for record in data.goals:
        assert record.goal.outcome in flat
    for recognition in data.recognitions:
        assert recognition.what_for in flat
    assert f"{data.touchpoints} two-way entries" in flat
    assert f"{round(data.voice.share * 100)}% of the two-way entries" in flat


def test_no_surprises_lists_every_concern_never_discussed(demo_services: Services, tmp_path: Path) -> None:
    start, end = default_period(DEMO_TODAY)
    mentee = demo_services.mentees.find("Priya")
    data = build_packet_data(demo_services, mentee_id=mentee.id, start=start, end=end, today=DEMO_TODAY)
    assert data.undiscussed, "the demo has private concerns never raised"
    text = " ".join(_packet(demo_services, mentee.id, tmp_path / "p.pdf", start=start, end=end).split())
    section = text[text.index("No surprises", text.index("Concerns", text.index("Summary") + 200)):]
    section = section[:section.index("Recognition")]
    assert f"{len(data.undiscussed)} concern" in section
    for concern in data.undiscussed:
        assert " ".join(concern.text.split()) in section


def test_once_every_concern_is_discussed_the_packet_says_nothing_will_surprise(
    demo_services: Services, tmp_path: Path
) -> None:
    start, end = default_period(DEMO_TODAY)
    mentee = demo_services.mentees.find("Priya")
    for concern in demo_services.entries.undiscussed_concerns(mentee.id):
        demo_services.entries.mark_discussed(concern.id, on=DEMO_TODAY)
    text = " ".join(_packet(demo_services, mentee.id, tmp_path / "p.pdf", start=start, end=end).split())
    assert "Every concern in this period has been discussed with Priya Raman" in text
    assert "never discussed with the mentee" not in text


def test_markup_in_user_text_prints_literally(hostile: Hostile, tmp_path: Path) -> None:
    text = _packet(hostile.services, hostile.scripts_id, tmp_path / "p.pdf")
    assert ESCAPED in text
    assert f"Goal {ESCAPED}" in text
    assert "<i>none</i>" in text
    assert "&amp; more" in text
    assert "Ліна <Test> & Friends" in text
    assert "Sam <Lead> & Co" in text


def test_control_characters_are_dropped_without_breaking_the_packet(hostile: Hostile, tmp_path: Path) -> None:
    text = _packet(hostile.services, hostile.scripts_id, tmp_path / "p.pdf")
    assert "Beforeafterbell[0m and a form" in text
    assert "\x00" not in text and "\x07" not in text and "\x1b" not in text


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_each_script_is_extractable(hostile: Hostile, tmp_path: Path, script: str) -> None:
    text = _packet(hostile.services, hostile.scripts_id, tmp_path / "p.pdf")
    # pypdf gives right-to-left lines word by word in visual order: look for each word.
    for word in SCRIPTS[script].split():
        assert word in text, (script, word)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
@pytest.mark.parametrize("script", ["arabic", "hebrew"])
def test_right_to_left_text_reads_back_in_logical_order(hostile: Hostile, tmp_path: Path, script: str) -> None:
    path = tmp_path / "p.pdf"
    write_packet(hostile.services, mentee_id=hostile.scripts_id, start=YEAR_START, end=TODAY, path=path, today=TODAY)
    extracted = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                               check=True).stdout
    cleaned = re.sub("[\u200e\u200f\u202a-\u202e]", "", unicodedata.normalize("NFKC", extracted))
    assert SCRIPTS[script] in cleaned


def test_fonts_are_embedded_subsets(hostile: Hostile, tmp_path: Path) -> None:
    path = tmp_path / "p.pdf"
    write_packet(hostile.services, mentee_id=hostile.scripts_id, start=YEAR_START, end=TODAY, path=path, today=TODAY)
    names = set()
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert descriptor is not None, font["/BaseFont"]
            assert "/FontFile2" in descriptor.get_object(), f"{font['/BaseFont']} is not embedded"
    assert names, "the packet uses fonts"
    assert all(re.fullmatch(r"/[A-Z]{6}\+.+", name) for name in names), names  # subsets, every one
    faces = {name.split("+", 1)[1] for name in names}
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= faces  # a system font for CJK may join them


def test_characters_no_font_has_print_as_a_visible_replacement(hostile: Hostile, tmp_path: Path) -> None:
    text = _packet(hostile.services, hostile.scripts_id, tmp_path / "p.pdf")
    lines = [line.strip() for line in text.splitlines()]
    line = next(line for line in lines if line.startswith(("漢字 and", "\ufffd\ufffd and")))
    # The emoji is in DejaVu Sans and reads back; the invisible tag character is gone; the
    # private-use character no font has is a visible replacement.
    assert line.endswith("and 😀 and and \ufffd"), line
    assert "\uf8ff" not in text


def test_chart_has_title_month_labels_and_a_balance_note(demo_services: Services, tmp_path: Path) -> None:
    start, end = default_period(DEMO_TODAY)
    mentee = demo_services.mentees.find("Priya")
    text = _packet(demo_services, mentee.id, tmp_path / "p.pdf", start=start, end=end)
    chart = _chart_text(text)
    assert "Notes per month" in chart
    for label in ("Dec", "Jan", "2026", "Jun", "Oct"):
        assert label in chart
    assert "last quarter of the period" in chart


def test_crowded_record_is_flagged(services: Services, tmp_path: Path) -> None:
    late = services.mentees.add(name="Late Writer")
    for day in range(1, 11):
        services.entries.add(mentee_id=late.id, text=f"note {day}", at=dt.datetime(2026, 11, day, 9))
    services.entries.add(mentee_id=late.id, text="one early note", at=dt.datetime(2026, 2, 1, 9))
    text = " ".join(_packet(services, late.id, tmp_path / "p.pdf").split())
    assert "crowded into the last weeks" in text


def test_an_empty_period_still_gives_a_valid_packet_that_says_so(hostile: Hostile, tmp_path: Path) -> None:
    path = tmp_path / "p.pdf"
    text = " ".join(_packet(hostile.services, hostile.empty_id, path).split())
    assert "There are no entries for Nobody Yet between 30 Nov 2025 and 29 Nov 2026" in text
    for sentence in ("No goals were set or worked on in this period.", "No feedback threads in this period.",
                     "No concerns were recorded in this period.", "No recognition was logged in this period.",
                     "No asks were advocated for in this period.", "was not on the watchlist in this period.",
                     "No notes were written in this period"):
        assert sentence in text
    for section in SECTIONS:
        assert section in text


@pytest.mark.slow
def test_long_content_flows_across_pages(hostile: Hostile, tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    text = _packet(hostile.services, hostile.long_name_id, path)
    flat = " ".join(text.split())
    assert "word00001" in flat and "word02000" in flat  # the 20,000-character entry, whole
    assert f"Reply number {THREAD_REPLIES - 1}" in flat  # the end of the 500-reply thread
    assert page_count(path) > 15
    assert LONG_NAME[:60] in flat  # the 300-character name, on the cover


def test_a_ten_year_period_groups_the_chart_by_year(hostile: Hostile, tmp_path: Path) -> None:
    path = tmp_path / "decade.pdf"
    text = _packet(hostile.services, hostile.decade_id, path, start=dt.date(2016, 12, 1), end=TODAY)
    chart = _chart_text(text)
    assert "Notes per year" in chart
    for year in range(2017, 2027):
        assert str(year) in chart


def test_story_is_built_from_data_alone(hostile: Hostile) -> None:
    data = build_packet_data(hostile.services, mentee_id=hostile.scripts_id, start=YEAR_START, end=TODAY,
                             today=TODAY)
    hostile.services.store.close()  # no database from here on
    story = build_story(data)
    assert len(story) > 20
