"""A journal whose every text field a packet prints holds one given text: for the long-field tests."""

from __future__ import annotations

import datetime as dt

from mentorapp.models.services import Services
from mentorapp.models.vocabulary import Direction, EntryKind, Side

FIELDS = (
    "name", "role", "lead", "note", "private", "topic", "reply", "outcome", "criteria", "latitude",
    "recognition", "ask", "ask_details", "concern", "support_plan", "toxicity", "expectation", "support",
    "chance_outcome",
)
DAY = dt.date(2026, 6, 1)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0))


def fill(services: Services, texts: dict[str, str]) -> int:
    """Add one mentee whose fields are `texts` (a field not named gets a short word); returns its id."""
    def text(field: str) -> str:
        return texts.get(field, field.capitalize())

    services.journal.set_lead_name(text("lead"))
    mentee = services.mentees.add(name=text("name"), role=text("role"), started_on=dt.date(2025, 1, 6))
    services.entries.add(mentee_id=mentee.id, text=text("note"), kind=EntryKind.PROGRESS,
                         direction=Direction.TO_MENTEE, at=_at(DAY))
    services.entries.add(mentee_id=mentee.id, text=text("private"), kind=EntryKind.CONCERN,
                         direction=Direction.PRIVATE, at=_at(DAY + dt.timedelta(days=1)))
    thread = services.threads.open(mentee_id=mentee.id, topic=text("topic"), opened_by=Side.MENTEE,
                                   first_text=text("reply"), at=_at(DAY + dt.timedelta(days=2)))
    services.threads.reply(thread.id, text=text("reply"), direction=Direction.TO_MENTEE,
                           at=_at(DAY + dt.timedelta(days=3)))
    services.goals.add(mentee_id=mentee.id, outcome=text("outcome"), success_criteria=text("criteria"),
                       latitude=text("latitude"), set_on=DAY)
    services.recognitions.add(mentee_id=mentee.id, what_for=text("recognition"), given_on=DAY)
    services.asks.add(mentee_id=mentee.id, what=text("ask"), details=text("ask_details"), raised_on=DAY)
    case = services.watchlist.open_case(mentee_id=mentee.id, concern=text("concern"),
                                        support_plan=text("support_plan"), toxicity_concern=text("toxicity"),
                                        opened_on=DAY)
    services.watchlist.add_chance(case.id, expectation=text("expectation"), support=text("support"),
                                  given_on=DAY, outcome=text("chance_outcome"))
    return mentee.id
