"""A packet, a 1:1 sheet and a recovery sheet in the lead's language: headings, labels, dates and footers
as pdftotext reads them, in German, French and Spanish as well as English."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from mentorapp import i18n
from mentorapp.models.services import Services
from mentorapp.packets.agenda_sheet import write_sheet
from mentorapp.packets.data import default_period
from mentorapp.packets.recovery_sheet import RecoverySheet, build_recovery_sheet
from mentorapp.packets.render import packet_pdf, write_packet
from tests.conftest import DEMO_TODAY

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")

# What a lead in each country reads: the section headings, the cover's words, and the footer (with the day
# the packet was made, 29 Nov 2026, as that language writes it).
EXPECTED = {
    "en": (["Summary", "Notes over the period", "Goals", "Feedback threads", "Concerns", "No surprises",
            "Recognition", "Asks advocated for", "Watchlist", "Signatures"],
           ["REVIEW PACKET", "CONFIDENTIAL", "Page 1 of", "Made 29 Nov 2026", "Notes per month"]),
    "de": (["Zusammenfassung", "Notizen im Zeitraum", "Ziele", "Feedback-Gesprächsfäden", "Bedenken",
            "Keine Überraschungen", "Anerkennung", "Bitten, für die Sie sich eingesetzt haben",
            "Beobachtungsliste", "Unterschriften"],
           ["GESPRÄCHSMAPPE", "VERTRAULICH", "Seite 1 von", "Erstellt am 29.11.2026", "Notizen pro Monat"]),
    "fr": (["Résumé", "Notes sur la période", "Objectifs", "Fils de retours", "Préoccupations",
            "Pas de surprises", "Reconnaissance", "Demandes soutenues", "Liste de suivi", "Signatures"],
           ["DOSSIER D'ENTRETIEN", "CONFIDENTIEL", "Page 1 sur", "Établi le 29 nov. 2026", "Notes par mois"]),
    "es": (["Resumen", "Notas a lo largo del periodo", "Objetivos", "Hilos de comentarios", "Preocupaciones",
            "Sin sorpresas", "Reconocimiento", "Peticiones defendidas", "Lista de seguimiento", "Firmas"],
           ["DOSIER DE EVALUACIÓN", "CONFIDENCIAL", "Página 1 de", "Elaborado el 29 nov 2026", "Notas por mes"]),
}
ENGLISH_ONLY = ("Summary", "Feedback threads", "Notes over the period", "Page 1 of", "CONFIDENTIAL", "Made on")


def pdftotext(pdf: bytes | Path) -> str:
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_a_packet_is_written_in_the_language_asked_for(demo_services: Services, tmp_path: Path,
                                                       language: str) -> None:
    start, end = default_period(DEMO_TODAY)
    mentee = demo_services.mentees.list()[0]
    path = write_packet(demo_services, mentee_id=mentee.id, start=start, end=end, path=tmp_path / "packet.pdf",
                        today=DEMO_TODAY, language=language)
    text = pdftotext(path)
    headings, words = EXPECTED[language]
    for heading in headings:
        assert heading in text, (language, heading)
    for word in words:
        assert word in text, (language, word)
    if language != "en":
        for english in ENGLISH_ONLY:
            assert english not in text, (language, english)
    assert i18n.language() == "en"  # the desk's language is back once the packet is written


def test_the_preview_and_the_desks_own_language_follow_the_same_rule(demo_services: Services) -> None:
    start, end = default_period(DEMO_TODAY)
    mentee = demo_services.mentees.list()[0]
    with i18n.speaking("de"):
        german = pdftotext(packet_pdf(demo_services, mentee_id=mentee.id, start=start, end=end, today=DEMO_TODAY))
        english = pdftotext(packet_pdf(demo_services, mentee_id=mentee.id, start=start, end=end, today=DEMO_TODAY,
                                       language="en"))
    assert "Zusammenfassung" in german and "Seite 1 von" in german and "Summary" not in german
    assert "Summary" in english and "Page 1 of" in english and "Zusammenfassung" not in english


def test_the_1_1_sheet_in_german(services: Services, tmp_path: Path) -> None:
    mentee = services.mentees.add(name="Lena Vogt", cadence_days=14)
    services.agenda.add(mentee_id=mentee.id, text="Urlaubsplanung")
    written = write_sheet(services, mentee_id=mentee.id, path=tmp_path / "sheet.pdf", language="de")
    text = pdftotext(written)
    today = services.clock.today()
    for words in ("Nächstes 1:1 mit Lena Vogt", "Check-in im Abstand von 14 Tagen", "Einstieg",
                  "Gesprächspunkte (1)", "Notizen", f"gedruckt am {today:%d.%m.%Y}", "Privat · Seite 1"):
        assert words in text, words
    assert "Talking points" not in text and "Open with" not in text


def test_the_recovery_sheet_in_german() -> None:
    sheet = RecoverySheet(journal=Path("/home/lead/mentorapp.db"), recovery_key="ABCD-EFGH-JKLM-NPQR",
                          sheet_id="3F2A-91C0", made_on=dt.date(2026, 11, 29))
    with i18n.speaking("de"):
        text = pdftotext(io.BytesIO(build_recovery_sheet(sheet)).getvalue())
    for words in ("MentorApp-Wiederherstellungsblatt", "WIEDERHERSTELLUNGSSCHLÜSSEL", "erstellt am 29. November 2026",
                  "Wofür dieser Schlüssel da ist", "So verwenden Sie ihn", "Sicher aufbewahren",
                  "Bewahren Sie diese Seite vertraulich auf.", "ABCD"):
        assert words in text, words
    assert "RECOVERY KEY" not in text and "Keep it safe" not in text


def test_the_access_export_in_german(services: Services, tmp_path: Path) -> None:
    from mentorapp.packets.access import write_access_export

    mentee = services.mentees.add(name="Lena Vogt")
    services.entries.add(mentee_id=mentee.id, text="Hat das Onboarding übernommen")
    with i18n.speaking("de"):
        written = write_access_export(services, mentee_id=mentee.id, folder=tmp_path / "auskunft")
    text = pdftotext(written.pdf)
    for words in ("ALLES GESPEICHERTE ÜBER", "Keine Sperre.", "Angaben zur Person",
                  "Notizen (einschließlich privater Notizen)", "Entwürfe (nicht gespeicherter Text)",
                  "Auskunftsersuchen · Lena Vogt", "Seite 1 von"):
        assert words in text, words
    assert "Their details" not in text and "Not on hold." not in text
