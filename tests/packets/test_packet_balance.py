"""The packet's balance note judges only the stretch that could have been written: since the mentee
joined, up to the day the packet is made."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mentorapp.models.services import Services
from mentorapp.packets.render import write_packet
from tests.packets.conftest import TODAY, YEAR_START, pdf_text


def packet_text(services: Services, mentee_id: int, path: Path, *, start: dt.date, end: dt.date) -> str:
    write_packet(services, mentee_id=mentee_id, start=start, end=end, path=path, today=TODAY)
    return " ".join(pdf_text(path).split())


def weekly_notes(services: Services, mentee_id: int, *, first: dt.date, last: dt.date) -> None:
    day = first
    while day <= last:
        services.entries.add(mentee_id=mentee_id, text=f"Check-in on {day}", at=dt.datetime.combine(day, dt.time(9)))
        day += dt.timedelta(days=7)


def test_someone_who_joined_late_in_the_period_is_not_called_crowded(services: Services, tmp_path: Path) -> None:
    joined = dt.date(2026, 9, 1)
    newcomer = services.mentees.add(name="Ines Duarte", started_on=joined)
    weekly_notes(services, newcomer.id, first=joined, last=TODAY)
    text = packet_text(services, newcomer.id, tmp_path / "p.pdf", start=YEAR_START, end=TODAY)
    assert "crowded" not in text
    assert "The record is spread over the period" in text
    assert "Counted from 1 Sept 2026, when Ines Duarte joined." in text
    assert "Every month has notes." in text


def test_a_period_reaching_past_today_is_judged_up_to_today(services: Services, tmp_path: Path) -> None:
    steady = services.mentees.add(name="Tomás Ortega", started_on=dt.date(2024, 1, 8))
    weekly_notes(services, steady.id, first=dt.date(2026, 6, 1), last=TODAY)
    text = packet_text(services, steady.id, tmp_path / "p.pdf", start=dt.date(2026, 6, 1), end=dt.date(2027, 5, 31))
    assert "The record is spread over the period" in text
    assert "Counted up to 29 Nov 2026, the day this packet was made." in text
    assert "Every month has notes." in text
    assert "of 12 months" not in text


def test_one_empty_month_is_counted_in_the_singular(services: Services, tmp_path: Path) -> None:
    steady = services.mentees.add(name="Tomás Ortega", started_on=dt.date(2024, 1, 8))
    for month in (1, 2, 3, 5, 6):
        services.entries.add(mentee_id=steady.id, text="Monthly 1:1", at=dt.datetime(2026, month, 10, 9))
    text = packet_text(services, steady.id, tmp_path / "p.pdf", start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30))
    assert "1 of 6 months has no notes." in text
