"""A lead whose desk speaks German sees the mentee page in German: its tabs, its header, its buttons."""

from __future__ import annotations

from mentorapp import i18n
from mentorapp.models.services import Services
from mentorapp.views.context import DeskContext
from mentorapp.views.mentee.page import MenteePage


def test_the_mentee_page_under_german_shows_german_section_titles(qtbot, demo_desk: DeskContext,
                                                                 demo_services: Services) -> None:
    priya = demo_services.mentees.find("Priya Raman")
    with i18n.speaking("de"):
        page = MenteePage(demo_desk)
        qtbot.addWidget(page)
        page.set_mentee(priya.id)
        page.sections  # noqa: B018 - every tab made now, in German
        titles = [page.tabs.tabText(index) for index in range(page.tabs.count())]
    assert titles == ["Verlauf", "Gesprächsfäden", "Ziele", "Anerkennung", "Bitten", "Beobachtungsliste",
                      "Nächstes 1:1"]
    assert page.tabs.tabToolTip(2) == "Ziele (Alt+3)"
    assert page.header.edit_button.text() == "An&gaben bearbeiten…"
    assert "Check-in im Abstand von" in page.header.details.text()


def test_the_header_counts_in_french_and_spanish_with_each_language_s_plurals(qtbot, demo_desk: DeskContext,
                                                                             demo_services: Services) -> None:
    priya = demo_services.mentees.find("Priya Raman")
    shown = {}
    for language in ("fr", "es"):
        with i18n.speaking(language):
            page = MenteePage(demo_desk)
            qtbot.addWidget(page)
            page.set_mentee(priya.id)
        shown[language] = page.header.status.text()
    assert "1 préoccupation pas encore abordée" in shown["fr"]
    assert "Aucune reconnaissance depuis 155 jours" in shown["fr"]
    assert "1 preocupación aún sin plantear" in shown["es"]
    assert "Sin reconocimiento desde hace 155 días" in shown["es"]
