"""Answering an access request: everything the journal holds about one person, and nobody else.

The document holds the interchange format's records (docs/json-format.md) for that
person alone — private notes, the watchlist, what is in the trash and the drafts being
typed included — with a short manifest: when, by whom, from which journal, and whether
they are on hold. Which rows are theirs comes from the schema (person_records.py), so a
new kind of record appears here as soon as its table points at a mentee.

Nobody else appears in it: another person's records are never read into it, and where
the lead's own words about this person name someone else on the team, that name is
replaced by "[another person]" (GDPR art. 15(4): a copy must not reveal others).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mentorapp.i18n import N_, _
from mentorapp.models.entities.mentee import JournalInfo, Mentee
from mentorapp.models.services.base import Service
from mentorapp.models.services.interchange import SECTIONS, _dump_value
from mentorapp.models.errors import NotFoundError
from mentorapp.models.services.journal import DRAFT_PREFIX, LEAD_NAME
from mentorapp.models.services.person_records import MENTEE_TABLE, draft_owner, ids_of, links, session_lookup

ACCESS_FORMAT = "mentorapp-access-export"
ACCESS_VERSION = 1
# Translators: put in place of another person's name in the notes a person gets in an access export.
ANOTHER_PERSON = N_("[another person]")
_SECTION_KEYS = {section.model.__tablename__: section.key for section in SECTIONS}


@dataclass(frozen=True, slots=True)
class AccessDocument:
    """What an access export holds: the JSON-ready document and, for the PDF, the same in parts."""

    document: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.document["manifest"]["person"]["name"])

    @property
    def records(self) -> dict[str, list[dict[str, Any]]]:
        return self.document["records"]  # type: ignore[no-any-return]

    @property
    def record_count(self) -> int:
        return sum(len(rows) for rows in self.records.values()) + len(self.document["drafts"])


def section_key(table: str) -> str:
    """The interchange section a table's rows go in (a table it does not know keeps its own name)."""
    return _SECTION_KEYS.get(table, table)


class _Redactor:
    """Replaces the names of everyone else on the team, as whole words, in text about one person."""

    def __init__(self, own_name: str, others: list[str]) -> None:
        own = {word.casefold() for word in own_name.split()}
        words: set[str] = set()
        for name in others:
            words.add(name)
            words.update(part for part in name.split() if len(part) >= 3 and part.casefold() not in own)
        words.discard(own_name)
        words = {w for w in words if w.strip() and w.casefold() != own_name.casefold()}
        self._pattern = (
            re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in sorted(words, key=len, reverse=True)),
                       re.IGNORECASE)
            if words else None
        )

    def __call__(self, value: Any) -> Any:
        if not isinstance(value, str) or self._pattern is None:
            return value
        replacement = _(ANOTHER_PERSON)
        return self._pattern.sub(lambda _match: replacement, value)


def person_document(session: Session, mentee_id: int, *, manifest: dict[str, Any]) -> AccessDocument:
    """Every row about one mentee (trash included), as the interchange format writes rows."""
    mentee = session.get(Mentee, mentee_id)
    if mentee is None:
        raise LookupError(mentee_id)
    others = [name for name in session.scalars(select(Mentee.name).where(Mentee.id != mentee_id))]
    redact = _Redactor(mentee.name, others)

    def dump(table: Any, ids: list[int]) -> list[dict[str, Any]]:
        if not ids:
            return []
        columns = [c for c in table.columns if c.name != "uuid"]  # a sync identity, not about the person
        rows = session.execute(select(*columns).where(table.c.id.in_(ids)).order_by(table.c.id)).all()
        return [{c.name: redact(_dump_value(v)) if c.name != "name" or table.name != MENTEE_TABLE else _dump_value(v)
                 for c, v in zip(columns, row, strict=True)} for row in rows]

    records: dict[str, list[dict[str, Any]]] = {section_key(MENTEE_TABLE): dump(Mentee.__table__, [mentee_id])}
    for link in links():
        records[section_key(link.table.name)] = dump(link.table, ids_of(session, link, mentee_id))
    lookup = session_lookup(session)
    drafts = [
        {"name": row.key.removeprefix(DRAFT_PREFIX), "text": redact(row.value)}
        for row in session.scalars(select(JournalInfo).where(JournalInfo.key.startswith(DRAFT_PREFIX))
                                   .order_by(JournalInfo.key))
        if draft_owner(row.key.removeprefix(DRAFT_PREFIX), row.value, lookup) == mentee_id
    ]
    document = {
        "format": ACCESS_FORMAT,
        "version": ACCESS_VERSION,
        "manifest": manifest,
        "records": records,
        "drafts": drafts,
    }
    return AccessDocument(document)


class AccessService(Service):
    """The document an access export writes for one person."""

    def document(self, mentee_id: int) -> AccessDocument:
        with self.store.read() as session:
            mentee = session.get(Mentee, mentee_id)
            if mentee is None:
                raise NotFoundError(_("There is no {what} #{ident}.").format(what=_("mentee"), ident=mentee_id))
            lead = session.get(JournalInfo, LEAD_NAME)
            lead_name = lead.value if lead is not None else ""
            manifest = {
                "made_at": self.clock.now().replace(microsecond=0).isoformat(timespec="seconds"),
                "made_by": lead_name,
                "journal": self.store.path.name,
                "person": {"id": mentee.id, "name": mentee.name},
                "hold": {
                    "held": mentee.held_on is not None,
                    "since": mentee.held_on.isoformat() if mentee.held_on is not None else None,
                    "reason": mentee.hold_reason,
                },
                "others_named": _("Names of other people in these notes are replaced by {placeholder}.").format(
                    placeholder=_(ANOTHER_PERSON)),
                "opinions": (_("Records with \"opinion\": true are the opinion of {name}, not observed facts.").format(
                    name=lead_name) if lead_name else
                    _("Records with \"opinion\": true are the opinion of the lead, not observed facts.")),
            }
            return person_document(session, mentee_id, manifest=manifest)
