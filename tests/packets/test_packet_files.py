"""Writing packet files: atomic, never half-written, never clobbering, cancellable; team folders."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from reportlab.platypus import Flowable, Paragraph

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.packets.data import build_packet_data, default_period, months_before
from mentorapp.packets.render import safe_file_stem, write_packet, write_story, write_team_packets
from mentorapp.packets.story import build_story
from mentorapp.packets.styles import packet_styles
from tests.conftest import DEMO_TODAY
from tests.packets.conftest import pdf_text


class Boom(Exception):
    pass


class ExplodingFlowable(Flowable):
    """Fails while the PDF is being drawn, after some pages exist."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 10, 10

    def draw(self) -> None:
        raise Boom("disk on fire")


def _pdfs(folder: Path) -> list[str]:
    """Everything a build could have left in the folder (the journal itself lives elsewhere)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("demo.db"))


def _story(count: int = 80) -> list[Flowable]:
    style = packet_styles().body
    return [Paragraph(f"Paragraph {i}", style) for i in range(count)]


def test_a_failing_build_leaves_no_file_behind(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(Boom):
        write_story(_story() + [ExplodingFlowable()], target)
    assert _pdfs(tmp_path) == []


def test_a_failing_build_does_not_clobber_an_existing_packet(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    write_story(_story(3), target)
    before = target.read_bytes()
    with pytest.raises(Boom):
        write_story(_story() + [ExplodingFlowable()], target)
    assert target.read_bytes() == before
    assert _pdfs(tmp_path) == ["out.pdf"]


def test_a_cancelled_build_stops_and_leaves_nothing(tmp_path: Path) -> None:
    pages: list[int] = []

    def check() -> None:
        pages.append(1)
        if len(pages) == 2:
            raise Boom("cancelled")

    with pytest.raises(Boom):
        write_story(_story(400), tmp_path / "out.pdf", check=check)
    assert len(pages) == 2  # stopped at the second page, not at the end
    assert _pdfs(tmp_path) == []


def test_a_packet_is_readable_by_its_owner_only(demo_services: Services, tmp_path: Path) -> None:
    mentee = demo_services.mentees.find("Marco")
    start, end = default_period(DEMO_TODAY)
    path = write_packet(demo_services, mentee_id=mentee.id, start=start, end=end, path=tmp_path / "m.pdf",
                        today=DEMO_TODAY)
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0


def test_the_same_journal_gives_the_same_bytes(demo_services: Services, tmp_path: Path) -> None:
    mentee = demo_services.mentees.find("Marco")
    start, end = default_period(DEMO_TODAY)
    first = write_packet(demo_services, mentee_id=mentee.id, start=start, end=end, path=tmp_path / "1.pdf",
                         today=DEMO_TODAY)
    second = write_packet(demo_services, mentee_id=mentee.id, start=start, end=end, path=tmp_path / "2.pdf",
                          today=DEMO_TODAY)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (dt.date(2026, 5, 1), dt.date(2026, 1, 1), "after it ends"),
        (dt.date(1850, 1, 1), dt.date(2026, 1, 1), "between 1900 and 2100"),
    ],
)
def test_a_bad_period_is_refused_before_anything_is_written(
    demo_services: Services, tmp_path: Path, start: dt.date, end: dt.date, message: str
) -> None:
    mentee = demo_services.mentees.find("Marco")
    with pytest.raises(MentorAppError, match=message):
        write_packet(demo_services, mentee_id=mentee.id, start=start, end=end, path=tmp_path / "m.pdf")
    assert _pdfs(tmp_path) == []


def test_a_missing_folder_or_a_folder_as_target_is_one_clear_error(demo_services: Services, tmp_path: Path) -> None:
    mentee = demo_services.mentees.find("Marco")
    start, end = default_period(DEMO_TODAY)
    with pytest.raises(MentorAppError, match="does not exist"):
        write_packet(demo_services, mentee_id=mentee.id, start=start, end=end, path=tmp_path / "no" / "m.pdf")
    with pytest.raises(MentorAppError, match="is a folder"):
        write_packet(demo_services, mentee_id=mentee.id, start=start, end=end, path=tmp_path)


def test_team_folder_gets_one_packet_per_active_mentee(demo_services: Services, tmp_path: Path) -> None:
    archived = demo_services.mentees.find("Marco")
    demo_services.mentees.set_archived(archived.id, True)
    start, end = default_period(DEMO_TODAY)
    steps: list[tuple[int, int]] = []
    files = write_team_packets(demo_services, start=start, end=end, folder=tmp_path, today=DEMO_TODAY,
                               progress=lambda done, total, message: steps.append((done, total)))
    active = demo_services.mentees.list()
    assert len(files) == len(active) == len(_pdfs(tmp_path))
    assert not any("Marco" in name for name in _pdfs(tmp_path))
    for mentee, file in zip(active, files):
        assert file.name.startswith(mentee.name)
        assert mentee.name in pdf_text(file)
    assert steps[-1] == (len(active), len(active))
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)


def test_a_cancelled_team_build_writes_none_of_the_packets(demo_services: Services, tmp_path: Path) -> None:
    start, end = default_period(DEMO_TODAY)
    calls: list[int] = []

    def check() -> None:
        calls.append(1)
        if len(calls) > 12:
            raise Boom("cancelled")

    with pytest.raises(Boom):
        write_team_packets(demo_services, start=start, end=end, folder=tmp_path, today=DEMO_TODAY, check=check)
    assert _pdfs(tmp_path) == []


def test_combined_team_packet_numbers_each_persons_pages(demo_services: Services, tmp_path: Path) -> None:
    start, end = default_period(DEMO_TODAY)
    [file] = write_team_packets(demo_services, start=start, end=end, combined=tmp_path / "team.pdf",
                                today=DEMO_TODAY)
    text = pdf_text(file)
    for mentee in demo_services.mentees.list():
        assert mentee.name in text
    assert text.count("Page 1 of") == len(demo_services.mentees.list())


def test_team_packets_need_active_mentees(services: Services, tmp_path: Path) -> None:
    with pytest.raises(MentorAppError, match="no active mentees"):
        write_team_packets(services, start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1), folder=tmp_path)


def test_file_names_are_safe_on_every_system() -> None:
    assert safe_file_stem('a/b\\c:d*e?"f"<g>|h', fallback="x") == "abcdefgh"
    assert safe_file_stem("   ...  ", fallback="mentee 3") == "mentee 3"
    assert safe_file_stem("CON", fallback="x") == "CON_"
    assert len(safe_file_stem("x" * 300, fallback="x")) == 80
    assert safe_file_stem("Νίκη Παππά", fallback="x") == "Νίκη Παππά"


def test_twelve_months_back_keeps_the_day_or_the_month_end() -> None:
    assert months_before(dt.date(2026, 11, 29), 12) == dt.date(2025, 11, 29)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)
    assert default_period(dt.date(2026, 11, 29)) == (dt.date(2025, 11, 30), dt.date(2026, 11, 29))


def test_loading_and_layout_can_be_timed_apart(demo_services: Services, tmp_path: Path) -> None:
    mentee = demo_services.mentees.find("Priya")
    start, end = default_period(DEMO_TODAY)
    data = build_packet_data(demo_services, mentee_id=mentee.id, start=start, end=end, today=DEMO_TODAY)
    path = write_story(build_story(data), tmp_path / "p.pdf")
    assert "Priya Raman" in pdf_text(path)
