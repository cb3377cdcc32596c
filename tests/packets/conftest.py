"""Packet fixtures: a journal of hostile data, and reading a PDF back as a lead's search would."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from tests.conftest import TEST_KEY, _copy_journal, _template
from mentorapp.models.vocabulary import Direction, EntryKind, Side

TODAY = dt.date(2026, 11, 29)
YEAR_START = dt.date(2025, 11, 30)

ESCAPED = "a < b & <b>x</b>"
SCRIPTS = {
    "latin": "Zoë café naïve Ångström Łódź",
    "cyrillic": "Олег хорошо провёл ретроспективу",
    "greek": "Η Νίκη έγραψε την τεκμηρίωση",
    "arabic": "مرحبا بالعالم",
    "hebrew": "שלום עולם",
}
LONG_NAME = ("Maria-Anna Wolfeschlegelsteinhausenbergerdorff von Hohenzollern-Sigmaringen " * 4)[:300].strip()
LONG_TEXT = " ".join(f"word{i:05d}" for i in range(1, 2001))  # 20,000 characters
THREAD_REPLIES = 500
SCRIPTS_NAME = "Ліна <Test> & Friends"


def pdf_text(path: Path) -> str:
    """All text of a PDF as pypdf extracts it, with Arabic presentation forms folded back."""
    reader = PdfReader(str(path))
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() or "" for page in reader.pages))


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


@dataclass(frozen=True)
class Hostile:
    services: Services
    long_name_id: int
    scripts_id: int
    decade_id: int
    empty_id: int


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0))


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[Hostile]:
    """Mentees whose data tries to break the layout: long, markup-like, multilingual, old.

    Made once per test run and copied for each test, like the demo journal.
    """
    path = _copy_journal(_template("hostile.db", TEST_KEY, _fill_hostile), tmp_path / "hostile.db")
    with Store.open(path, TEST_KEY) as store:
        services = Services(store)
        ids = {m.name: m.id for m in services.mentees.list()}
        yield Hostile(services, ids[LONG_NAME], ids[SCRIPTS_NAME], ids["Ten Years"], ids["Nobody Yet"])


def _fill_hostile(services: Services) -> None:
    services.journal.set_lead_name("Sam <Lead> & Co")
    long_one = services.mentees.add(name=LONG_NAME, role="Engineer " * 30)
    services.entries.add(mentee_id=long_one.id, text=LONG_TEXT, at=_at(dt.date(2026, 3, 1)))
    thread = services.threads.open(mentee_id=long_one.id, topic="A very long conversation " * 10,
                                   opened_by=Side.MENTEE, first_text="Shall we talk?", at=_at(dt.date(2026, 1, 5)))
    start = _at(dt.date(2026, 1, 6))
    for number in range(1, THREAD_REPLIES):
        direction = Direction.TO_MENTEE if number % 2 else Direction.FROM_MENTEE
        services.threads.reply(thread.id, text=f"Reply number {number}", direction=direction,
                               at=start + dt.timedelta(hours=number))

    scripts = services.mentees.add(name=SCRIPTS_NAME, role="QA")
    for text in SCRIPTS.values():
        services.entries.add(mentee_id=scripts.id, text=text, at=_at(dt.date(2026, 5, 4)))
    services.entries.add(mentee_id=scripts.id, text=f"Private worry: {ESCAPED}", kind=EntryKind.CONCERN,
                         direction=Direction.PRIVATE, at=_at(dt.date(2026, 6, 1)))
    services.entries.add(mentee_id=scripts.id, text="Before\x00after\x07bell\x1b[0m and a form\x0cfeed",
                         kind=EntryKind.CONCERN, direction=Direction.TO_MENTEE, at=_at(dt.date(2026, 6, 2)))
    services.entries.add(mentee_id=scripts.id, text="漢字 and 😀 and \U000e0001 and \uf8ff",
                         at=_at(dt.date(2026, 6, 3)))
    services.goals.add(mentee_id=scripts.id, outcome=f"Goal {ESCAPED}", success_criteria="<i>none</i>",
                       latitude="&amp; more", set_on=dt.date(2026, 2, 1))
    services.recognitions.add(mentee_id=scripts.id, what_for=f"Thanks {SCRIPTS['hebrew']}",
                              given_on=dt.date(2026, 7, 1))

    decade = services.mentees.add(name="Ten Years", role="Veteran")
    day = dt.date(2016, 12, 1)
    while day <= TODAY:
        services.entries.add(mentee_id=decade.id, text=f"Monthly note {day.isoformat()}",
                             direction=Direction.FROM_MENTEE, at=_at(day))
        day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)

    services.mentees.add(name="Nobody Yet")
