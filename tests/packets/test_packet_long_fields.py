"""Every text field a packet prints lays out at any length, prose or one unbroken word (issue 17, point 7).

Wrapped, rows split across pages, cut with an ellipsis where a line must stay one line; and a
failure never shows ReportLab's internals.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from mentorapp.packets.render import write_packet
from tests.conftest import TEST_KEY, _copy_journal, _template
from tests.packets.conftest import page_count, pdf_text
from tests.packets.long_fields import FIELDS, fill
from tests.test_cli import digest, run

START, END, TODAY = dt.date(2026, 1, 1), dt.date(2026, 11, 29), dt.date(2026, 11, 29)
WORDS = ("review", "Zoë", "naïve", "ретро", "a", "deployment", "on-call", "&", "<b>")


def long_text(length: int, *, unbroken: bool, seed: int = 0) -> str:
    """`length` characters: sentences of mixed words, or one word with no place to break."""
    if unbroken:
        base = "".join(WORDS[(seed + i) % len(WORDS)].replace(" ", "") for i in range(len(WORDS)))
    else:
        base = " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(len(WORDS))) + ". "
    return (base * (length // len(base) + 1))[:length].strip() or "x"


def build(texts: dict[str, str], folder: Path) -> tuple[Path, str]:
    path = _copy_journal(_template("empty.db", TEST_KEY), folder / "journal.db")  # no schema built per example
    with Store.open(path, TEST_KEY) as store:
        services = Services(store)
        mentee_id = fill(services, texts)
        target = folder / "packet.pdf"
        write_packet(services, mentee_id=mentee_id, start=START, end=END, path=target, today=TODAY)
    return target, pdf_text(target)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), length=st.integers(min_value=1, max_value=3000) | st.just(1600),
       unbroken=st.booleans(), seed=st.integers(min_value=0, max_value=9))
def test_any_field_of_any_length_lays_out(field: str, length: int, unbroken: bool, seed: int) -> None:
    text = long_text(length, unbroken=unbroken, seed=seed)
    with tempfile.TemporaryDirectory() as folder:
        packet, shown = build({field: text}, Path(folder))
        assert page_count(packet) >= 2
        # What the field starts with is in the packet (markup-like words printed as typed).
        assert "".join(text.split())[:6] in "".join(shown.split())


def test_names_of_1600_characters_are_cut_on_signature_lines_and_whole_on_the_cover(tmp_path: Path) -> None:
    name = long_text(1600, unbroken=False)
    lead = long_text(1600, unbroken=True, seed=3)
    _packet, shown = build({"name": name, "lead": lead}, tmp_path)
    compact = "".join(shown.split())
    assert "".join(name.split())[-40:] in compact  # the cover's title prints the whole name
    # A signature line stays short, cut with an ellipsis (read back as "..." after NFKC).
    assert "...,mentee" in compact and "...,lead" in compact


@pytest.mark.slow
@pytest.mark.parametrize(("field", "unbroken"), [("name", False), ("lead", True), ("note", True), ("topic", False)])
def test_a_field_of_100000_characters_lays_out(tmp_path: Path, field: str, unbroken: bool) -> None:
    packet, _shown = build({field: long_text(100_000, unbroken=unbroken)}, tmp_path)
    assert page_count(packet) > 5


def test_a_1600_character_name_and_lead_name_make_a_packet_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    name = long_text(1600, unbroken=True)
    assert run("mentee", "add", name, db=db).returncode == 0
    assert run("preferences", "--lead-name", long_text(1600, unbroken=False), db=db).returncode == 0
    assert run("backup", db=db).returncode == 0
    before = digest(db)
    out = tmp_path / "packet.pdf"
    result = run("packet", name[:20], "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert page_count(out) >= 2
    assert "Flowable" not in result.stderr and "Paragraph" not in result.stderr
    assert digest(db) == before
