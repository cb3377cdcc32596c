"""A gentle check for words about special categories of personal data (GDPR art. 9) in notes about people.

Health, pregnancy, family, religion, union membership, ethnicity and sexual life rarely
belong in a lead's work journal (in France evaluation notes may only bear on professional
ability, Code du travail L.1222-2). As the lead writes a concern or a watchlist entry,
the desk shows one line when such a word appears: never blocking, never a popup. Words
are matched at the start of a word, case- and accent-insensitively, in English, German,
French and Spanish. A stem (ending in "*") also matches what follows it ("pregnan*":
pregnant, pregnancy).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from mentorapp.i18n import N_, _, speech

# category -> words (several languages mixed: a stem with "*", else a whole word or phrase).
WORDS: dict[str, tuple[str, ...]] = {
    "health": (
        # en
        "health", "ill", "illness*", "sick*", "diagnos*", "therap*", "medication*", "depress*", "anxiety",
        "burnout", "burn-out", "cancer", "disabilit*", "disabled", "surgery", "hospital*", "doctor*",
        "mental health", "chemo*", "migraine*",
        # de
        "krank*", "gesundheit*", "diagnose*", "therapie*", "depression*", "arzt", "ärztin", "behinder*",
        "krankenhaus*", "krankschreibung*",
        # fr
        "malad*", "santé", "thérapie*", "dépression*", "médecin*", "hôpital*", "handicap*", "arrêt maladie",
        # es
        "enferm*", "salud", "diagnóstico*", "terapia*", "depresión", "médico*", "discapacidad*", "baja médica",
    ),
    "pregnancy": (
        "pregnan*", "maternity", "miscarriage*", "ivf", "expecting a baby",
        "schwanger*", "mutterschutz", "fehlgeburt*",
        "enceinte", "grossesse*", "maternité", "fausse couche",
        "embaraz*", "maternidad", "aborto*",
    ),
    "family": (
        "family", "families", "divorc*", "his wife", "her husband", "spouse", "childcare", "custody", "bereave*",
        "familie*", "familiär*", "scheidung*", "ehefrau", "ehemann", "kinderbetreuung",
        "famille*", "familial*", "conjoint*", "garde des enfants",
        "familia*", "familiar*", "divorcio*", "esposa", "esposo", "cuidado de los hijos",
    ),
    "religion": (
        "religio*", "church*", "mosque*", "synagogue*", "pray*", "ramadan", "christian*", "muslim*", "jewish",
        "hindu*", "buddhis*",
        "kirche*", "moschee*", "synagoge*", "gebet*", "christlich*", "jüdisch*",
        "église*", "mosquée*", "prière*", "chrétien*", "musulman*", "juif*", "juive*",
        "iglesia*", "mezquita*", "sinagoga*", "oración", "cristian*", "musulm*", "judío*", "judía*",
    ),
    "union membership": (
        "trade union*", "union member*", "union rep*", "unionis*", "unioniz*", "labor union*", "labour union*",
        "gewerkschaft*",
        "syndicat*", "syndiqu*", "syndical*",
        "sindicato*", "sindical*",
    ),
    "ethnicity": (
        "ethnic*", "racial*", "racis*", "skin colour", "skin color", "nationality", "immigrant*",
        "ethni*", "hautfarbe", "migrationshintergrund", "rassis*",
        "couleur de peau", "raciste*",
        "étnic*", "raza", "color de piel", "racista*",
    ),
    "sexual life": (
        "sexual*", "sex life", "gay", "lesbian*", "bisexual*", "transgender", "boyfriend*", "girlfriend*",
        "sexu*", "schwul*", "lesbisch*",
        "homosexu*", "petit ami", "petite amie",
        "novio*", "novia*",
    ),
}

# What the hint calls each category (the keys of WORDS are names in code).
CATEGORY_NAMES = {
    "health": N_("health"),
    "pregnancy": N_("pregnancy"),
    "family": N_("family"),
    "religion": N_("religion"),
    "union membership": N_("union membership"),
    "ethnicity": N_("ethnicity"),
    "sexual life": N_("sexual life"),
}
# Translators: {what} lists categories ("health and family"); name the law as it is known where you are
# (DSGVO Art. 9, RGPD art. 9).
HINT = N_("Mentions {what}: special-category data (GDPR art. 9) rarely belongs in a work journal.")


def _fold(text: str) -> str:
    """Lower case without accents, so "Santé" and "sante" are one word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    patterns = {}
    for category, words in WORDS.items():
        parts = []
        for word in words:
            stem = word.endswith("*")
            core = re.escape(_fold(word.rstrip("*"))).replace(r"\ ", r"\s+")
            parts.append(rf"(?<!\w){core}" + ("" if stem else r"(?!\w)"))
        patterns[category] = re.compile("|".join(parts))
    return patterns


def sensitive_categories(text: str) -> list[str]:
    """The special categories `text` has words about, in the order of WORDS."""
    folded = _fold(text)
    return [category for category, pattern in _patterns().items() if pattern.search(folded)]


def sensitive_hint(text: str) -> str | None:
    """The one line the desk shows beside a concern or watchlist entry that has such words, or None."""
    found = sensitive_categories(text)
    if not found:
        return None
    from babel.lists import format_list

    names = [_(CATEGORY_NAMES[category]) for category in found]
    return _(HINT).format(what=format_list(names, locale=speech().locale))
