"""The 1:1 sheet: one page for a normal list, two at most for a long one, with long and RTL text."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.vocabulary import Direction, EntryKind, Side
from mentorapp.packets.agenda_sheet import sheet_data, sheet_pdf, write_sheet

LONG = ("Whether the on-call rota is fair to the people who joined this year, and what we could change "
        "so that nobody carries the pager two weekends in a row while the others never do; ")
RTL = "هل يمكننا أن نتحدث عن خطة التدريب للربع القادم وعن الميزانية المطلوبة لحضور المؤتمر؟ "


def fill(services: Services, count: int) -> int:
    mentee = services.mentees.add(name="هالة Al-Masri", cadence_days=14)
    now = services.clock.now()
    goal = services.goals.add(mentee_id=mentee.id, outcome="Lead the design review of the importer " * 3,
                              check_in_on=services.clock.today())
    assert goal.id
    last = services.agenda.add(mentee_id=mentee.id, text="Release retro", at=now - dt.timedelta(days=20))
    services.agenda.discuss(last.id, note=RTL + "Agreed to run it on Friday", at=now - dt.timedelta(days=14))
    for number in range(count):
        text = (RTL * 2 if number % 3 == 0 else LONG * 2)[:230] + f" #{number + 1}"
        services.agenda.add(mentee_id=mentee.id, text=text, raised_by=Side.MENTEE if number % 2 else Side.LEAD,
                            at=now - dt.timedelta(days=60))
    for days in (45, 30):  # meetings since: every point carried over
        services.entries.add(mentee_id=mentee.id, text="1:1", direction=Direction.TO_MENTEE,
                             at=now - dt.timedelta(days=days))
    services.entries.add(mentee_id=mentee.id, text="Quiet in planning", kind=EntryKind.CONCERN,
                         direction=Direction.PRIVATE)
    return mentee.id


def pages(services: Services, mentee_id: int) -> list[str]:
    reader = PdfReader(BytesIO(sheet_pdf(sheet_data(services, mentee_id=mentee_id))))
    return [page.extract_text() for page in reader.pages]


def test_ten_long_and_rtl_points_fit_on_one_page(services: Services) -> None:
    mentee_id = fill(services, 10)
    [page] = pages(services, mentee_id)
    assert "Talking points (10)" in page and "#10" in page
    assert "Last time" in page and "Goals due for a check-in" in page and "Notes" in page
    assert "carried over 3 times" in page  # the 1:1 where "Release retro" was ticked, and two more


def test_thirty_long_and_rtl_points_fit_on_two_pages(services: Services) -> None:
    mentee_id = fill(services, 30)
    printed = pages(services, mentee_id)
    assert len(printed) == 2
    assert all(f"#{n}" in "".join(printed) for n in range(1, 31))
    assert "Notes" in printed[-1]


def test_the_sheet_opens_with_a_question_from_the_library(services: Services) -> None:
    mentee_id = fill(services, 1)
    data = sheet_data(services, mentee_id=mentee_id)
    assert data.opening_question == services.starters.list()[0].text
    assert "Open with" in pages(services, mentee_id)[0]


def test_the_sheet_is_never_written_over_the_journal(services: Services, tmp_path: Path) -> None:
    mentee_id = fill(services, 1)
    with pytest.raises(MentorAppError, match="journal"):
        write_sheet(services, mentee_id=mentee_id, path=services.store.path)
    written = write_sheet(services, mentee_id=mentee_id, path=tmp_path / "sheet.pdf")
    assert len(PdfReader(written).pages) == 1
