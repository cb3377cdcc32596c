"""The 1:1 sheet and the access export lay out every field at any length too (issue 17, point 7).

The same journal as the packet's long-field tests (every text field filled with one given
text), plus a talking point holding it: prose or one unbroken word, up to 100,000
characters in the slow test. Whatever the length, the PDF is written, what the field starts
with is printed, and a failure would be one sentence, never ReportLab's internals.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from mentorapp.packets.access import write_access_export
from mentorapp.packets.agenda_sheet import write_sheet
from tests.conftest import TEST_KEY, _copy_journal, _template
from tests.packets.conftest import page_count, pdf_text
from tests.packets.long_fields import FIELDS, fill
from tests.packets.test_packet_long_fields import long_text

SHEET_FIELDS = (*FIELDS, "point")


def build(texts: dict[str, str], folder: Path) -> tuple[Path, Path]:
    """The 1:1 sheet and the access export's PDF of a mentee whose fields are `texts`."""
    path = _copy_journal(_template("empty.db", TEST_KEY), folder / "journal.db")
    with Store.open(path, TEST_KEY) as store:
        services = Services(store)
        mentee_id = fill(services, texts)
        services.agenda.add(mentee_id=mentee_id, text=texts.get("point", "Point"))
        sheet = write_sheet(services, mentee_id=mentee_id, path=folder / "sheet.pdf")
        access = write_access_export(services, mentee_id=mentee_id, folder=folder / "access")
    return sheet, access.pdf


def start_of(text: str) -> str:
    return "".join(text.split())[:6]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(SHEET_FIELDS), length=st.integers(min_value=1, max_value=3000) | st.just(1600),
       unbroken=st.booleans(), seed=st.integers(min_value=0, max_value=9))
def test_any_field_of_any_length_lays_out_on_the_sheet_and_in_the_access_export(
        field: str, length: int, unbroken: bool, seed: int) -> None:
    text = long_text(length, unbroken=unbroken, seed=seed)
    with tempfile.TemporaryDirectory() as folder:
        sheet, access = build({field: text}, Path(folder))
        assert page_count(sheet) >= 1
        assert page_count(access) >= 1
        # The access export prints every field whole; what it starts with is there.
        assert start_of(text) in "".join(pdf_text(access).split())
        if field in ("name", "point"):  # the sheet shows the person and the points
            assert start_of(text) in "".join(pdf_text(sheet).split())
        if field == "point" and length > 700:  # a page to talk from: a long point is cut, and says so
            assert "the rest is in the journal" in " ".join(pdf_text(sheet).split())


@pytest.mark.slow
@pytest.mark.parametrize(("field", "unbroken"), [("name", True), ("point", False), ("point", True),
                                                 ("note", True), ("concern", False)])
def test_a_field_of_100000_characters_lays_out_on_the_sheet_and_in_the_access_export(
        tmp_path: Path, field: str, unbroken: bool) -> None:
    text = long_text(100_000, unbroken=unbroken)
    sheet, access = build({field: text}, tmp_path)
    assert page_count(sheet) <= 2  # the sheet stays a sheet; the access export holds every word
    assert page_count(access) > 5
    assert start_of(text) in "".join(pdf_text(access).split())
