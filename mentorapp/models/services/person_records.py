"""Which rows of the journal are about one person, found from the schema rather than listed by hand.

A table is about a person when it has a `mentee_id` column pointing at the mentee, or a
foreign key to such a table (a chance belongs to its case, and so to the case's mentee).
Holds, access exports and erasure all ask here, so a new kind of record (a talking point,
say) is held, exported and erased as soon as its table points at a mentee.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, inspect, select
from sqlalchemy.orm import Session

from mentorapp.models.entities.base import Base
from mentorapp.models.entities.mentee import Mentee

MENTEE_TABLE = Mentee.__tablename__


@dataclass(frozen=True, slots=True)
class Link:
    """How a table's rows lead to their mentee: directly (`via` None) or through a parent table."""

    table: Table
    column: str  # mentee_id, or the column pointing at the parent
    via: Table | None = None  # the parent table, which has mentee_id


def _direct(table: Table) -> bool:
    column = table.columns.get("mentee_id")
    return column is not None and any(fk.column.table.name == MENTEE_TABLE for fk in column.foreign_keys)


def links() -> list[Link]:
    """Every table about a person, parents before the tables that hang from them."""
    tables = [t for t in Base.metadata.sorted_tables if t.name != MENTEE_TABLE]
    direct = [Link(t, "mentee_id") for t in tables if _direct(t)]
    parents = {link.table.name: link.table for link in direct}
    found = list(direct)
    for table in tables:
        if _direct(table):
            continue
        for column in table.columns:
            parent = next((fk.column.table for fk in column.foreign_keys if fk.column.table.name in parents), None)
            if parent is not None:
                found.append(Link(table, column.name, parent))
                break
    return found


_LINKS: dict[str, Link] | None = None


def link_of(table_name: str) -> Link | None:
    global _LINKS
    if _LINKS is None:
        _LINKS = {link.table.name: link for link in links()}
    return _LINKS.get(table_name)


def owner_of(session: Session, row: Base, values: dict[str, Any] | None = None) -> int | None:
    """The id of the mentee a row is about (None: it is about nobody, like a starter or a draft).

    `values` are the row's column values to go by (default: as they are now).
    """
    table_name = str(inspect(type(row)).local_table.name)  # type: ignore[attr-defined]  # a mapped entity's Table
    if table_name == MENTEE_TABLE:
        return int(values["id"] if values is not None else row.id)  # type: ignore[attr-defined]
    link = link_of(table_name)
    if link is None:
        return None
    value = values[link.column] if values is not None else getattr(row, link.column)
    if value is None:
        return None
    if link.via is None:
        return int(value)
    with session.no_autoflush:
        parent = session.execute(select(link.via.c.mentee_id).where(link.via.c.id == value)).scalar()
    return int(parent) if parent is not None else None


# Draft names scope a draft to its record ("reply.thread.12", "goal.new.mentee.3",
# "case.edit.7"): the word before the number names the table, or the first word does.
DRAFT_TABLES = {
    "mentee": "mentee", "thread": "thread", "reply": "thread", "goal": "goal", "progress": "goal",
    "entry": "entry", "message": "entry", "recognition": "recognition", "ask": "ask",
    "case": "watch_case", "chance": "chance",
}

OwnerLookup = Callable[[str, int], "int | None"]  # (table, id) -> the mentee id of that row


def draft_owner(name: str, value: str, lookup: OwnerLookup) -> int | None:
    """Whose a draft is (None: nobody's, like a new conversation starter), from its name and its kept choices."""
    words = name.split(".")
    if words and words[-1].isdigit():
        scope = words[-2] if len(words) >= 2 and words[-2] in DRAFT_TABLES else words[0]
        table = DRAFT_TABLES.get(scope)
        if table is not None:
            return lookup(table, int(words[-1]))
    try:  # a dialog that keeps the chosen mentee beside its text (quick capture)
        kept = json.loads(value)
    except ValueError:
        return None
    chosen = kept.get("mentee_id") if isinstance(kept, dict) else None
    if isinstance(chosen, dict):  # kept as {"value": …} by some keepers
        chosen = chosen.get("value")
    return lookup("mentee", chosen) if isinstance(chosen, int) and not isinstance(chosen, bool) else None


def session_lookup(session: Session) -> OwnerLookup:
    """`draft_owner`'s lookup over an ORM session."""
    tables = {table.name: table for table in Base.metadata.sorted_tables}

    def lookup(table_name: str, ident: int) -> int | None:
        if table_name == MENTEE_TABLE:
            return ident if session.get(Mentee, ident) is not None else None
        link = link_of(table_name)
        table = tables.get(table_name)
        if link is None or table is None:
            return None
        row = session.execute(select(table).where(table.c.id == ident)).mappings().first()
        if row is None:
            return None
        value = row[link.column]
        if value is None or link.via is None:
            return int(value) if value is not None else None
        parent = session.execute(select(link.via.c.mentee_id).where(link.via.c.id == value)).scalar()
        return int(parent) if parent is not None else None

    return lookup


def ids_of(session: Session, link: Link, mentee_id: int) -> list[int]:
    """The ids of one table's rows about a mentee (trash included)."""
    if link.via is None:
        query = select(link.table.c.id).where(link.table.c.mentee_id == mentee_id)
    else:
        parents = select(link.via.c.id).where(link.via.c.mentee_id == mentee_id)
        query = select(link.table.c.id).where(link.table.c[link.column].in_(parents))
    return list(session.scalars(query.order_by(link.table.c.id)))
