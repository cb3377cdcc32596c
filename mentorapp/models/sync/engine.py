"""Push this device's changes as one sealed file, and apply other devices' files, field by field.

Push: every field in the outbox gets this push's one new hybrid-clock stamp; its base is
the stamp of the value it replaced. The file holds the records' values (as the
interchange writes them; references by uuid), the stamps and bases, the tombstones, and
the version vector of what this device had applied. The file is written first, then the
bookkeeping is committed; a run killed in between finds its own file under the next
number at the next push, reads it back and does the bookkeeping from it (`_recover_own`),
so no number is written twice and nothing is sent twice.

Apply: a file waits until every change its version vector names was applied here
(causal delivery; each device's files in sequence). Each file is applied in one
transaction with its bookkeeping, so a kill applies it wholly or not at all. Per field,
the set of current values (`sync_field`, the stamps nothing has replaced yet) loses the
incoming bases and gains the incoming stamp; the highest stamp is the value. For a text
field the others stay as conflicts, so every replica keeps the same losing texts
whatever order the files came in; other fields keep only the highest. A tombstone wins
over any edit, and a tombstoned uuid never returns.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Table, Text, select, text
from sqlalchemy.orm import Session

from mentorapp.i18n import N_, _
from mentorapp.models.clock import Clock
from mentorapp.models.errors import MentorAppError
from mentorapp.models.storage.schema import SCHEMA_HEAD
from mentorapp.models.sync.capture import GONE, NEW, synced_fields, synced_tables
from mentorapp.models.sync.hlc import HybridClock, Stamp
from mentorapp.models.sync.sealed import (
    Arrived, RefusedChange, Refusal, change_path, read_new, unseal, write_change,
)

FORMAT_NAME = "mentorapp-sync-change"
FORMAT_VERSION = 1
# How many records one change file holds at most (a first push of a large journal takes several files).
RECORDS_PER_FILE = 2000

# Translators: {path} is a change file. The sentence says what to do.
NEWER = N_("Kept aside the sync file {path}: a newer MentorApp wrote it; update MentorApp on this machine to "
           "apply it (nothing of it is lost, and the changes after it wait).")
UNREADABLE_CHANGE = N_("Refused the sync file {path}: it passes its seal but is not a change this MentorApp can "
                       "read; nothing of it was applied.")
# Translators: {path} is a change file.
NUMBER_TAKEN = N_("The sync file {path} waits: it adds a record under a number this journal already uses for "
                  "another; nothing of it was applied.")


@dataclass
class State:
    """This journal's sync state (`sync_state`), as read at the start of a transaction."""

    device: str
    key: bytes
    folder: Path
    last_sequence: int
    last_stamp: Stamp | None


def load_state(session: Session) -> State | None:
    row = session.execute(text(
        "SELECT device, sync_key, folder, last_sequence, last_stamp FROM sync_state WHERE id = 1")).first()
    if row is None:
        return None
    return State(row.device, bytes.fromhex(row.sync_key), Path(row.folder), int(row.last_sequence),
                 Stamp.parse(row.last_stamp) if row.last_stamp else None)


def seen(session: Session) -> dict[str, int]:
    return {r.device: int(r.sequence) for r in session.execute(text("SELECT device, sequence FROM sync_seen"))}


def _tables() -> dict[str, Table]:
    return {t.name: t for t in synced_tables()}


def is_text(table: Table, name: str) -> bool:
    """A free-text field: two edits of it keep both texts (the loser as a conflict)."""
    return isinstance(table.columns[name].type, Text)


def _parent(table: Table, name: str) -> Table | None:
    foreign = next(iter(table.columns[name].foreign_keys), None)
    return None if foreign is None else foreign.column.table


# -- values as the file holds them ------------------------------------------------------------
def _encode(session: Session, table: Table, name: str, value: Any) -> Any:
    if value is None:
        return None
    parent = _parent(table, name)
    if parent is not None:
        return session.execute(select(parent.c.uuid).where(parent.c.id == value)).scalar_one()
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class Wait(Exception):
    """This file cannot be applied yet (a record it names is not here); it waits, nothing of it applied."""


class _Dies(Exception):
    """The record refers to a parent deleted for good: it goes the way its parent went."""


def _decode(session: Session, table: Table, name: str, value: Any) -> Any:
    if value is None:
        return None
    column = table.columns[name]
    parent = _parent(table, name)
    if parent is not None:
        if not isinstance(value, str):
            raise ValueError(name)
        ident = session.execute(select(parent.c.id).where(parent.c.uuid == value)).scalar()
        if ident is not None:
            return ident
        if _tombstoned(session, parent.name, value):
            if column.nullable:
                return None
            raise _Dies()
        raise Wait()
    kind = column.type
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError(name)
    elif isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(name)
    elif not isinstance(value, str):
        raise ValueError(name)
    return value


def _tombstoned(session: Session, tbl: str, uuid: str) -> bool:
    return session.execute(text("SELECT 1 FROM sync_tombstone WHERE tbl = :t AND uuid = :u"),
                           {"t": tbl, "u": uuid}).first() is not None


def _frontier(session: Session, tbl: str, uuid: str, name: str) -> dict[str, str | None]:
    """The stamps of a field's current values (nothing replaced them yet), with the losers' texts."""
    return {r.stamp: r.value for r in session.execute(text(
        "SELECT stamp, value FROM sync_field WHERE tbl = :t AND uuid = :u AND field = :f"),
        {"t": tbl, "u": uuid, "f": name})}


def _set_frontier(session: Session, tbl: str, uuid: str, name: str, kept: dict[str, str | None], *,
                  stamp: str, bases: list[str]) -> None:
    """Make `kept` the field's current values; `stamp` is the new one, which replaced `bases`."""
    where = {"t": tbl, "u": uuid, "f": name}
    existing = set(_frontier(session, tbl, uuid, name))
    for gone in existing - set(kept):
        session.execute(text("DELETE FROM sync_field WHERE tbl = :t AND uuid = :u AND field = :f AND stamp = :s"),
                        {**where, "s": gone})
    for kept_stamp, value in kept.items():
        if kept_stamp in existing:
            session.execute(text(
                "UPDATE sync_field SET value = :v WHERE tbl = :t AND uuid = :u AND field = :f AND stamp = :s"),
                {**where, "s": kept_stamp, "v": value})
        else:
            session.execute(text(
                "INSERT INTO sync_field (tbl, uuid, field, stamp, base, value) VALUES (:t, :u, :f, :s, :b, :v)"),
                {**where, "s": kept_stamp, "b": ",".join(bases) if kept_stamp == stamp else None, "v": value})


def _row(session: Session, table: Table, uuid: str) -> Any:
    return session.execute(select(table).where(table.c.uuid == uuid)).first()


# -- push ---------------------------------------------------------------------------------------
def push(session: Session, clock: Clock, state: State) -> int | None:
    """Send what the outbox holds as the next change file (at most RECORDS_PER_FILE records); its number."""
    outbox = session.execute(text("SELECT id, tbl, uuid, field FROM sync_outbox ORDER BY id")).all()
    if not outbox:
        return None
    touched: dict[tuple[str, str], set[str]] = {}
    upto = 0
    for entry in outbox:
        key = (entry.tbl, entry.uuid)
        if key not in touched and len(touched) >= RECORDS_PER_FILE:
            break
        touched.setdefault(key, set()).add(entry.field)
        upto = entry.id
    hlc = HybridClock(clock, state.device, state.last_stamp)
    stamp = str(hlc.tick())
    tables = _tables()
    order = {name: i for i, name in enumerate(tables)}
    records: list[dict[str, Any]] = []
    gone: list[dict[str, str]] = []
    for (tbl, uuid), names in sorted(touched.items(), key=lambda item: (order.get(item[0][0], 0), item[0][1])):
        table = tables.get(tbl)
        if table is None:
            continue
        row: Any = None if GONE in names else _row(session, table, uuid)
        if row is None:
            gone.append({"table": tbl, "uuid": uuid})
            continue
        new = NEW in names
        wanted = synced_fields(table) if new else [n for n in synced_fields(table) if n in names]
        values = {n: _encode(session, table, n, getattr(row, n)) for n in wanted}
        bases = {}
        for n in wanted:
            current = _frontier(session, tbl, uuid, n)
            bases[n] = [max(current)] if current else []
        records.append({"table": tbl, "uuid": uuid, "new": new, "fields": values, "bases": bases})
    sequence = state.last_sequence + 1
    payload = {
        "format": FORMAT_NAME, "version": FORMAT_VERSION, "schema": SCHEMA_HEAD,
        "device": state.device, "sequence": sequence, "stamp": stamp, "seen": seen(session),
        "outbox": upto, "records": records, "gone": gone,
    }
    write_change(state.folder, state.key, state.device, sequence,
                 json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    _record_own(session, payload)
    state.last_sequence, state.last_stamp = sequence, Stamp.parse(stamp)
    return sequence


def _record_own(session: Session, payload: dict[str, Any]) -> None:
    """The bookkeeping of a change file this device wrote: its stamps are the fields' current values now."""
    stamp = payload["stamp"]
    tables = _tables()
    for record in payload["records"]:
        table = tables[record["table"]]
        for name, bases in record["bases"].items():
            current = _frontier(session, record["table"], record["uuid"], name)
            kept = {s: v for s, v in current.items() if s not in bases} if is_text(table, name) else {}
            kept[stamp] = None
            _set_frontier(session, record["table"], record["uuid"], name, kept, stamp=stamp, bases=bases)
    for item in payload["gone"]:
        session.execute(text("UPDATE sync_tombstone SET stamp = :s WHERE tbl = :t AND uuid = :u AND stamp IS NULL"),
                        {"s": stamp, "t": item["table"], "u": item["uuid"]})
    session.execute(text("DELETE FROM sync_outbox WHERE id <= :upto"), {"upto": payload["outbox"]})
    session.execute(text("UPDATE sync_state SET last_sequence = :n, last_stamp = :s WHERE id = 1"),
                    {"n": payload["sequence"], "s": stamp})


def recover_own(session: Session, state: State) -> bool:
    """After a run killed between writing its file and recording it: take the file's bookkeeping (True if so)."""
    path = change_path(state.folder, state.device, state.last_sequence + 1)
    if not path.exists():
        return False
    try:
        payload = json.loads(unseal(state.key, state.device, state.last_sequence + 1, path.read_bytes()))
    except (RefusedChange, OSError, ValueError):
        raise MentorAppError(_(
            "The sync folder holds change {number} of this machine, but not as this journal wrote it; "
            "another copy of this journal writes there too, so nothing was sent.").format(
                number=state.last_sequence + 1)) from None
    _record_own(session, payload)
    state.last_sequence = int(payload["sequence"])
    state.last_stamp = Stamp.parse(payload["stamp"])
    return True


# -- apply --------------------------------------------------------------------------------------
class PushFirst(Exception):
    """This device wrote something since its last push: push it first, so no edit of its own is overwritten."""


@dataclass
class Outcome:
    """What one pass over the folder did."""

    applied: int = 0
    refused: list[Refusal] = field(default_factory=list)
    aside: list[Refusal] = field(default_factory=list)
    waiting: list[Refusal] = field(default_factory=list)


def _parse(arrived: Arrived) -> dict[str, Any] | Refusal:
    try:
        payload = json.loads(arrived.payload)
    except ValueError:
        return Refusal(arrived.path, UNREADABLE_CHANGE)
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
        return Refusal(arrived.path, UNREADABLE_CHANGE)
    version, schema = payload.get("version"), payload.get("schema")
    if not isinstance(version, int) or not isinstance(schema, str) or not schema.isdigit():
        return Refusal(arrived.path, UNREADABLE_CHANGE)
    if version > FORMAT_VERSION or int(schema) > int(SCHEMA_HEAD):
        return Refusal(arrived.path, NEWER)
    if payload.get("device") != arrived.device or payload.get("sequence") != arrived.sequence:
        return Refusal(arrived.path, UNREADABLE_CHANGE)
    try:
        Stamp.parse(payload["stamp"])
        vector = payload["seen"]
        if not all(isinstance(k, str) and isinstance(v, int) for k, v in vector.items()):
            raise ValueError
        tables = _tables()
        for record in payload["records"]:
            table = tables[record["table"]]
            if not set(record["fields"]) <= set(synced_fields(table)) or set(record["bases"]) != set(record["fields"]):
                raise ValueError
            for bases in record["bases"].values():
                for base in bases:
                    Stamp.parse(base)
        for item in payload["gone"]:
            tables[item["table"]]
            str(item["uuid"])
    except (KeyError, TypeError, ValueError, AttributeError, MentorAppError):
        return Refusal(arrived.path, UNREADABLE_CHANGE)
    return payload


def ready(payload: dict[str, Any], applied: dict[str, int], device: str) -> bool:
    """Causal delivery: everything the writer had applied when it wrote this was applied here."""
    return all(other == device or applied.get(other, 0) >= number for other, number in payload["seen"].items())


def apply_payload(session: Session, clock: Clock, state: State, payload: dict[str, Any]) -> None:
    """Apply one change file in the caller's transaction (raises PushFirst, Wait, ValueError: nothing applied)."""
    if session.execute(text("SELECT 1 FROM sync_outbox LIMIT 1")).first() is not None:
        raise PushFirst()
    session.execute(text("UPDATE sync_state SET applying = 1 WHERE id = 1"))
    stamp = payload["stamp"]
    hlc = HybridClock(clock, state.device, state.last_stamp)
    hlc.receive(Stamp.parse(stamp))
    tables = _tables()
    for item in payload["gone"]:
        _bury(session, tables[item["table"]], item["uuid"], stamp)
    for record in payload["records"]:
        _apply_record(session, tables[record["table"]], record, stamp)
    session.execute(text(
        "INSERT INTO sync_seen (device, sequence) VALUES (:d, :n) "
        "ON CONFLICT (device) DO UPDATE SET sequence = excluded.sequence"),
        {"d": payload["device"], "n": payload["sequence"]})
    last = str(hlc.last) if hlc.last is not None else None
    session.execute(text("UPDATE sync_state SET applying = 0, last_stamp = :s WHERE id = 1"), {"s": last})
    state.last_stamp = hlc.last


def _bury(session: Session, table: Table, uuid: str, stamp: str) -> None:
    session.execute(text(
        "INSERT INTO sync_tombstone (tbl, uuid, stamp) VALUES (:t, :u, :s) "
        "ON CONFLICT (tbl, uuid) DO UPDATE SET stamp = coalesce(sync_tombstone.stamp, excluded.stamp)"),
        {"t": table.name, "u": uuid, "s": stamp})
    session.execute(table.delete().where(table.c.uuid == uuid))


def _apply_record(session: Session, table: Table, record: dict[str, Any], stamp: str) -> None:
    uuid = record["uuid"]
    if _tombstoned(session, table.name, uuid):
        return
    row = _row(session, table, uuid)
    try:
        if row is None:
            if not record["new"]:
                raise Wait()
            values = {n: _decode(session, table, n, v) for n, v in record["fields"].items()}
            taken = session.execute(select(table.c.uuid).where(table.c.id == values["id"])).scalar()
            if taken is not None:
                raise NumberTaken()
            session.execute(table.insert().values(uuid=uuid, **values))
            for name in record["fields"]:
                _set_frontier(session, table.name, uuid, name, {stamp: None}, stamp=stamp,
                              bases=record["bases"][name])
            return
        changes: dict[str, Any] = {}
        for name, wire in record["fields"].items():
            if name == "id":
                continue
            current = _encode(session, table, name, getattr(row, name))
            if _merge(session, table, uuid, name, stamp, record["bases"][name], wire, current):
                changes[name] = _decode(session, table, name, wire)
    except _Dies:
        _bury(session, table, uuid, stamp)
        return
    if changes:
        if "updated_at" in table.columns and "updated_at" not in changes:
            changes["updated_at"] = table.c.updated_at  # as it is: no onupdate stamp of this machine's clock
        session.execute(table.update().where(table.c.uuid == uuid).values(**changes))


class NumberTaken(Exception):
    """A new record's id is another record's here (one chance in 2**53); its file waits."""


def _merge(session: Session, table: Table, uuid: str, name: str, stamp: str, bases: list[str], wire: Any,
           current: Any) -> bool:
    """Merge one incoming value into the field's current values; True when it becomes the value."""
    rows = _frontier(session, table.name, uuid, name)
    if stamp in rows:
        return False
    winner = max(rows) if rows else None
    take = winner is None or winner in bases or stamp > winner
    if is_text(table, name):
        kept = {s: v for s, v in rows.items() if s not in bases}
        if take and winner is not None and winner in kept:
            kept[winner] = json.dumps(current, ensure_ascii=False)  # the value it held loses: kept as a conflict
        kept[stamp] = None if take else json.dumps(wire, ensure_ascii=False)
    elif take:
        kept = {stamp: None}
    else:
        return False  # the value here is newer; a field that is not text keeps only the newest
    _set_frontier(session, table.name, uuid, name, kept, stamp=stamp, bases=bases)
    return take


def pending(folder: Path, key: bytes, applied: dict[str, int], device: str
            ) -> tuple[dict[str, list[tuple[Arrived, dict[str, Any] | Refusal]]], list[Refusal]]:
    """Every readable new file of each other device, in order, parsed (or the reason it cannot be)."""
    arrived, refused = read_new(folder, key, applied, skip=device)
    queues: dict[str, list[tuple[Arrived, dict[str, Any] | Refusal]]] = {}
    for item in arrived:
        queues.setdefault(item.device, []).append((item, _parse(item)))
    return queues, refused


def conflicts(session: Session) -> Iterable[Any]:
    """Every text field with more than one current value: the losing texts, with the record's id."""
    return session.execute(text(
        "SELECT tbl, uuid, field, stamp, value FROM sync_field WHERE value IS NOT NULL ORDER BY tbl, uuid, field, stamp"
    )).all()
