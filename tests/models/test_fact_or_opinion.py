"""Fact or opinion on concerns, watchlist cases and chances, on paper as "Opinion of <lead>"; and the gentle
check for special-category words in four languages."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from mentorapp.models.services import Services
from mentorapp.models.services.sensitive import sensitive_categories, sensitive_hint
from mentorapp.models.storage.store import Store
from mentorapp.packets.access import write_access_export
from mentorapp.packets.render import write_packet
from tests.conftest import TEST_KEY


@pytest.mark.parametrize(("text", "category"), [
    ("She told me she is pregnant", "pregnancy"), ("Sie ist schwanger", "pregnancy"),
    ("Elle est enceinte", "pregnancy"), ("Está embarazada", "pregnancy"),
    ("Off sick with a migraine again", "health"), ("War zwei Wochen krank", "health"),
    ("Arrêt maladie depuis lundi", "health"), ("Tiene una baja médica", "health"),
    ("Going through a divorce", "family"), ("Probleme in der Familie", "family"),
    ("Sa famille déménage", "family"), ("Problemas de familia", "family"),
    ("Leaves early on Fridays to pray", "religion"), ("Geht sonntags in die Kirche", "religion"),
    ("Fête musulmane", "religion"), ("Va a la iglesia", "religion"),
    ("Joined the trade union", "union membership"), ("Ist Gewerkschaftsmitglied", "union membership"),
    ("Délégué syndical", "union membership"), ("Se afilió al sindicato", "union membership"),
    ("Comments about his ethnic background", "ethnicity"), ("Wegen ihrer Hautfarbe", "ethnicity"),
    ("À cause de sa couleur de peau", "ethnicity"), ("Por su raza", "ethnicity"),
    ("Talked about her girlfriend", "sexual life"), ("Er ist schwul", "sexual life"),
    ("Son orientation homosexuelle", "sexual life"), ("Su vida sexual", "sexual life"),
])
def test_special_category_words_are_noticed_in_four_languages(text: str, category: str) -> None:
    assert category in sensitive_categories(text)
    hint = sensitive_hint(text)
    assert hint is not None and "\n" not in hint and "GDPR art. 9" in hint


@pytest.mark.parametrize("text", [
    "Missed the release date twice; we agreed smaller tasks.",
    "Ha entregado tarde el informe.", "A raté la revue de code.", "Hat die Tests nicht geschrieben.",
    "Fixed a race condition in the scheduler.", "Skilled at pairing; will mentor the intern.",
])
def test_work_notes_raise_no_hint(text: str) -> None:
    assert sensitive_hint(text) is None


def _pdf_text(data: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data.read_bytes())).pages)


def test_opinions_are_kept_exported_and_labelled_opinion_of_the_lead(services: Services, tmp_path: Path) -> None:
    s = services
    s.journal.set_lead_name("Sam Rivera")
    ana = s.mentees.add(name="Ana Lima")
    day = dt.date(2026, 11, 2)
    fact = s.entries.add(mentee_id=ana.id, text="Missed two deadlines", kind="concern", at=dt.datetime(2026, 11, 3))
    felt = s.entries.add(mentee_id=ana.id, text="Seems disengaged in standups", kind="concern", opinion=True,
                         at=dt.datetime(2026, 11, 4))
    case = s.watchlist.open_case(mentee_id=ana.id, concern="Slow reviews", opened_on=day, opinion=True)
    chance = s.watchlist.add_chance(case.id, expectation="Reviews within a day", given_on=day)
    assert not fact.opinion and felt.opinion and s.watchlist.get(case.id).opinion and not chance.opinion
    s.watchlist.edit_chance(chance.id, opinion=True)
    assert s.watchlist.get(case.id).chances[0].opinion
    s.entries.edit(fact.id, opinion=False)

    packet = write_packet(s, mentee_id=ana.id, start=dt.date(2026, 1, 1), end=dt.date(2026, 11, 29),
                          path=tmp_path / "ana.pdf")
    text = " ".join(_pdf_text(packet).split())
    assert text.count("Opinion of Sam Rivera") >= 3  # the concern (twice: concerns, no surprises), case, chance

    exported = tmp_path / "all.json"
    s.interchange.export(exported)
    document = json.loads(exported.read_text())
    assert [e["opinion"] for e in document["entries"]] == [False, True]
    assert document["watch_cases"][0]["opinion"] and document["chances"][0]["opinion"]
    with Store.open(tmp_path / "again.db", TEST_KEY) as other:
        again = Services(other, clock=s.clock)
        again.interchange.import_file(exported)
        again.interchange.export(tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == exported.read_bytes()

    access = write_access_export(s, mentee_id=ana.id, folder=tmp_path / "access")
    assert "opinion of Sam Rivera" in access.json.read_text()
    assert "Opinion of Sam Rivera" in " ".join(_pdf_text(access.pdf).split())
