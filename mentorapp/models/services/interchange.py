"""The whole journal as versioned JSON: export, and a strict all-or-nothing import.

The format is documented in docs/json-format.md. Export is deterministic, so
export → import into an empty journal → export gives the identical file.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, delete, insert, select
from sqlalchemy.orm import Session

from mentorapp.i18n import _, ngettext
from mentorapp.models.entities import (
    AgendaPoint, AgendaTemplate, Ask, Chance, Entry, Goal, JournalInfo, Mentee, Recognition, Starter, Thread, WatchCase,
)
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services.changes import Topic
from mentorapp.models.services.base import Service, mebibytes
from mentorapp.models.storage.atomic import describe_os_error, write_atomically
from mentorapp.models.storage.store import ACKNOWLEDGED_KEY, JOURNAL_ID_KEY
from mentorapp.models.trust.outputs import check_output
from mentorapp.models.validation import CLOCK_SKEW, EARLIEST_YEAR, LATEST_YEAR, MAX_CADENCE_DAYS, quoted, storable
from mentorapp.models.vocabulary import (
    AgendaSource,
    AgendaStatus,
    AskStatus,
    CaseOutcome,
    CaseStatus,
    ChanceResult,
    Direction,
    EntryKind,
    GoalStatus,
    RecognitionKind,
    Setting,
    Side,
    ThreadStatus,
)

FORMAT_NAME = "mentorapp-journal"
FORMAT_VERSION = 2
# Version 1 files (before the next 1:1) still import: they have no agenda sections and no
# next meeting dates, which then start empty.
READABLE_VERSIONS = (1, FORMAT_VERSION)
VERSION_2_SECTIONS = ("agenda_points", "agenda_templates")
VERSION_2_MENTEE_FIELDS = ("next_meeting_on",)
MAX_ID = 2**53  # ids stay exact in every JSON reader
# The largest file `import` reads (docs/json-format.md says so): checked on the open file
# before reading, and again while reading, so a file that grows (or never ends) is not read on.
MAX_FILE_BYTES = 256 * 1024**2
MAX_FILE_TEXT = "256 MiB"
# Facts about this copy of the journal and its key, not about the team: never exported
# or imported (the recovery sheet's key fingerprint, the count of changes it acknowledged).
PRIVATE_INFO_KEYS = frozenset({"recovery_kit", ACKNOWLEDGED_KEY, JOURNAL_ID_KEY})


@dataclass(frozen=True)
class Section:
    """One list in the file: which table it fills, and the rules on its fields."""

    key: str
    model: type[AgendaPoint | AgendaTemplate | Ask | Chance | Entry | Goal | Mentee | Recognition | Starter
                | Thread | WatchCase]
    choices: dict[str, tuple[str, ...]]
    required_text: tuple[str, ...]
    references: dict[str, str]  # field -> section key it points into


def _values(enum: Any) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


# In dependency order: a section only refers to sections before it.
SECTIONS: tuple[Section, ...] = (
    Section("mentees", Mentee, {}, ("name",), {}),
    Section(
        "threads", Thread,
        {"opened_by": _values(Side), "status": _values(ThreadStatus)}, ("topic",), {"mentee_id": "mentees"},
    ),
    Section("goals", Goal, {"status": _values(GoalStatus)}, ("outcome",), {"mentee_id": "mentees"}),
    Section(
        "entries", Entry,
        {"kind": _values(EntryKind), "direction": _values(Direction), "setting": _values(Setting)},
        ("text",),
        {"mentee_id": "mentees", "thread_id": "threads", "goal_id": "goals"},
    ),
    Section("recognitions", Recognition, {"kind": _values(RecognitionKind)}, ("what_for",), {"mentee_id": "mentees"}),
    Section("asks", Ask, {"status": _values(AskStatus)}, ("what",), {"mentee_id": "mentees"}),
    Section(
        "watch_cases", WatchCase,
        {"status": _values(CaseStatus), "outcome": _values(CaseOutcome)}, ("concern",), {"mentee_id": "mentees"},
    ),
    Section("chances", Chance, {"result": _values(ChanceResult)}, ("expectation",), {"case_id": "watch_cases"}),
    Section("starters", Starter, {}, ("text",), {}),
    Section(
        "agenda_points", AgendaPoint,
        {"raised_by": _values(Side), "source": _values(AgendaSource), "status": _values(AgendaStatus)},
        ("text",),
        {"mentee_id": "mentees", "concern_id": "entries", "goal_id": "goals", "ask_id": "asks",
         "thread_id": "threads", "entry_id": "entries"},
    ),
    Section("agenda_templates", AgendaTemplate, {}, ("name",), {}),
)
LIBRARIES = ("starters", "agenda_templates")  # shared lists, not the team's records
TOP_LEVEL_KEYS = ("format", "version", "journal_info", *(s.key for s in SECTIONS))


@dataclass(frozen=True, slots=True)
class ImportReport:
    counts: dict[str, int]
    merged: bool

    @property
    def summary(self) -> str:
        parts = [count_text(key, n) for key, n in self.counts.items() if n and key not in LIBRARIES]
        # Translators: the list of what an import added ("3 mentees, 40 entries"), joined with ", ".
        return _(", ").join(parts) if parts else _("nothing")


def count_text(key: str, n: int) -> str:
    """How many rows of one section, in words ("3 mentees")."""
    if key == "mentees":
        text = ngettext("{n} mentee", "{n} mentees", n)
    elif key == "threads":
        text = ngettext("{n} thread", "{n} threads", n)
    elif key == "goals":
        text = ngettext("{n} goal", "{n} goals", n)
    elif key == "entries":
        text = ngettext("{n} entry", "{n} entries", n)
    elif key == "recognitions":
        text = ngettext("{n} recognition", "{n} recognitions", n)
    elif key == "asks":
        text = ngettext("{n} ask", "{n} asks", n)
    elif key == "watch_cases":
        text = ngettext("{n} watchlist case", "{n} watchlist cases", n)
    elif key == "chances":
        text = ngettext("{n} chance", "{n} chances", n)
    elif key == "starters":
        text = ngettext("{n} conversation starter", "{n} conversation starters", n)
    elif key == "agenda_points":
        text = ngettext("{n} talking point", "{n} talking points", n)
    else:
        text = ngettext("{n} conversation template", "{n} conversation templates", n)
    return text.format(n=n)


# -- export --------------------------------------------------------------------------------
def _dump_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# Per-machine identities for sync (schema revision 0005), not part of interchange version 2: an
# imported row gets a fresh one, as a row typed in would.
NOT_EXPORTED_COLUMNS = frozenset({"uuid"})


def exported_columns(model: type[Any]) -> list[Any]:
    """A section's columns as the file holds them, in table order."""
    return [c for c in model.__table__.columns if c.name not in NOT_EXPORTED_COLUMNS]


def journal_document(session: Session) -> dict[str, Any]:
    info = {
        row.key: row.value
        for row in session.scalars(select(JournalInfo).order_by(JournalInfo.key))
        if row.key not in PRIVATE_INFO_KEYS
    }
    document: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "journal_info": info}
    for section in SECTIONS:
        columns = exported_columns(section.model)
        rows = session.execute(select(*columns).order_by(section.model.id)).all()
        document[section.key] = [
            {column.name: _dump_value(value) for column, value in zip(columns, row)} for row in rows
        ]
    return document


# Fields added to version 1 after it was first written (docs/json-format.md): a file made
# before them lacks them, and is read as if it held these values.
LATER_FIELDS: dict[str, dict[str, Any]] = {
    "mentees": {"archived_on": None, "held_on": None, "hold_reason": ""},
    "entries": {"opinion": False},
    "watch_cases": {"opinion": False},
    "chances": {"opinion": False},
}


# -- import checks ---------------------------------------------------------------------------
class AlreadyImportedError(MentorAppError):
    """The journal already holds the team of the file being imported: the import was done before."""


def _refuse_done_import(session: Session, rows: dict[str, list[dict[str, Any]]], *, name: str,
                        merge: bool) -> None:
    """Refuse an import into a journal that has mentees, saying whether it already holds the file's."""
    held = {
        mentee.name.casefold()
        for mentee in session.scalars(select(Mentee).where(Mentee.deleted_at.is_(None)))
    }
    held_ids = set(session.scalars(select(Mentee.id)))
    wanted = [m for m in rows["mentees"] if m["deleted_at"] is None]
    present = [m for m in wanted if m["name"].casefold() in held]
    count = len(held)
    if wanted and len(present) == len(wanted) and (merge or {m["id"] for m in rows["mentees"]} <= held_ids):
        raise AlreadyImportedError(ngettext(
            "This journal already holds the {n} mentee of {name}: the import was already done, and nothing was "
            "changed.",
            "This journal already holds all {n} mentees of {name}: the import was already done, and nothing was "
            "changed.", len(wanted)).format(n=len(wanted), name=name))
    if not merge and count == 0:
        raise MentorAppError(_(
            "This journal holds mentees in its trash; nothing was imported: empty the trash, or merge to add "
            "the file's team."
        ))
    if not merge:
        if not present:
            text = ngettext(
                "This journal already holds {n} mentee (not one from {name}); nothing was imported: import into an "
                "empty journal, or merge to add the file's team.",
                "This journal already holds {n} mentees (none of them from {name}); nothing was imported: import "
                "into an empty journal, or merge to add the file's team.", count)
        else:
            text = ngettext(
                "This journal already holds {n} mentee; nothing was imported: import into an empty journal, or "
                "merge to add the file's team.",
                "This journal already holds {n} mentees; nothing was imported: import into an empty journal, or "
                "merge to add the file's team.", count)
        raise MentorAppError(text.format(n=count, name=name))


class FormatError(MentorAppError):
    """The file is not a journal this version can import; the message says where."""


def _check_int(value: Any, where: str, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FormatError(_("{where} must be a whole number.").format(where=where))
    if not low <= value <= high:
        # A hostile file can hold a number of thousands of digits: name it only when short.
        if -10**15 < value < 10**15:
            raise FormatError(_("{where} is out of range ({value}).").format(where=where, value=value))
        raise FormatError(_("{where} is out of range.").format(where=where))
    return value


def _check_date(value: Any, where: str, *, with_time: bool) -> dt.date | dt.datetime:
    if not isinstance(value, str):
        raise FormatError((_("{where} must be a date-time string.") if with_time
                           else _("{where} must be a date string.")).format(where=where))
    try:
        parsed: dt.date | dt.datetime = (
            dt.datetime.fromisoformat(value) if with_time else dt.date.fromisoformat(value)
        )
    except ValueError:
        raise FormatError((_("{where} is not a valid date-time: {value}.") if with_time
                           else _("{where} is not a valid date: {value}.")).format(
                               where=where, value=quoted(value))) from None
    if isinstance(parsed, dt.datetime) and parsed.tzinfo is not None:
        raise FormatError(_("{where} must be a local time without a time zone.").format(where=where))
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise FormatError(_("{where} is outside {first}–{last}.").format(
            where=where, first=EARLIEST_YEAR, last=LATEST_YEAR))
    return parsed


# Fields that say when something happened: a value after the moment of the import is a
# mistake (a note dated ahead hides an overdue check-in). Check-in and review dates look ahead.
PAST_FIELDS = frozenset({"at", "discussed_on", "added_at", "closed_on",
                         "started_on", "set_on", "given_on", "raised_on", "resolved_on",
                         "opened_on", "acted_on"})


def _check_row(section: Section, index: int, raw: Any, known_ids: dict[str, set[int]],
               now: dt.datetime) -> dict[str, Any]:
    where = f"{section.key}[{index}]"
    if not isinstance(raw, dict):
        raise FormatError(_("{where} must be an object.").format(where=where))
    raw = {**LATER_FIELDS.get(section.key, {}), **raw}
    columns = {c.name: c for c in exported_columns(section.model)}
    extra = sorted(set(raw) - set(columns))
    if extra:
        raise FormatError(_("{where} has an unknown field {field}.").format(where=where, field=quoted(extra[0])))
    missing = [name for name in columns if name not in raw]
    if missing:
        raise FormatError(_("{where} lacks the field {field}.").format(where=where, field=quoted(missing[0])))
    row: dict[str, Any] = {}
    for name, column in columns.items():
        value = raw[name]
        place = f"{where}.{name}"
        if value is None:
            if not column.nullable:
                raise FormatError(_("{where} must not be null.").format(where=place))
            row[name] = None
            continue
        kind = column.type
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise FormatError(_("{where} must be true or false.").format(where=place))
        elif isinstance(kind, Integer):
            high = MAX_CADENCE_DAYS if name == "cadence_days" else MAX_ID
            value = _check_int(value, place, low=1 if name.endswith("id") or name == "cadence_days" else 0, high=high)
        elif isinstance(kind, DateTime):
            value = _check_date(value, place, with_time=True)
            if name in PAST_FIELDS and value > now + CLOCK_SKEW:
                raise FormatError(_("{where} lies in the future ({moment}).").format(
                    where=place, moment=f"{value:%Y-%m-%d %H:%M}"))
        elif isinstance(kind, Date):
            value = _check_date(value, place, with_time=False)
            if name in PAST_FIELDS and value > now.date():
                raise FormatError(_("{where} lies in the future ({moment}).").format(
                    where=place, moment=f"{value:%Y-%m-%d}"))
        else:
            if not isinstance(value, str):
                raise FormatError(_("{where} must be text.").format(where=place))
            value = storable(value)
            if name in section.required_text and not value.strip():
                raise FormatError(_("{where} must not be empty.").format(where=place))
            if name in section.choices and value not in section.choices[name]:
                raise FormatError(_("{where} has an unknown value {value}.").format(where=place, value=quoted(value)))
        row[name] = value
    for name, target in section.references.items():
        if row[name] is not None and row[name] not in known_ids[target]:
            # Translators: {section} is the file's own name of a list ("watch_case"), {ident} a number.
            raise FormatError(_("{where} points to a missing {section} #{ident}.").format(
                where=f"{where}.{name}", section=target[:-1], ident=row[name]))
    return row


def _shown_version(version: object) -> str:
    """A file's format version as a message names it: a small number as is, anything else quoted short."""
    if type(version) is int and abs(version) < 1_000_000:
        return str(version)
    return quoted(version)


def parse_document(data: bytes, *, source: str, now: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    """Check a whole file and return its rows per section; raise FormatError on the first problem."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise FormatError(_("{source} is not UTF-8 text, so it is not a MentorApp export.").format(
            source=source)) from None
    except RecursionError:
        raise FormatError(_("{source} is nested too deeply to be a MentorApp export.").format(source=source)) from None
    except json.JSONDecodeError as exc:
        raise FormatError(_("{source} is not valid JSON (line {line}, column {column}: {problem}).").format(
            source=source, line=exc.lineno, column=exc.colno, problem=exc.msg)) from None
    except ValueError:  # an integer with thousands of digits
        raise FormatError(_("{source} holds a number too large to be a MentorApp export.").format(
            source=source)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise FormatError(_("{source} is not a MentorApp journal export.").format(source=source))
    version = document.get("version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        raise FormatError(_(
            "{source} is in format version {version}; this MentorApp reads versions 1 and {latest}."
        ).format(source=source, version=_shown_version(version), latest=FORMAT_VERSION))
    if version == 1:
        document = _from_version_1(document)
    extra = sorted(set(document) - set(TOP_LEVEL_KEYS))
    if extra:
        raise FormatError(_("{source} has an unknown section {section}.").format(
            source=source, section=quoted(extra[0])))
    info = document.get("journal_info", {})
    if not isinstance(info, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) <= 64 for k, v in info.items()
    ):
        raise FormatError(_("journal_info must map short names to text."))
    if any(storable(k) != k or not k.strip() for k in info):
        # A lone surrogate ("\ud800") cannot be stored, and a name is never blank.
        raise FormatError(_("journal_info holds a name that is not valid text."))
    result: dict[str, list[dict[str, Any]]] = {
        "journal_info": [{"key": k, "value": storable(v)} for k, v in info.items() if k not in PRIVATE_INFO_KEYS]
    }
    known_ids: dict[str, set[int]] = {}
    for section in SECTIONS:
        raw_rows = document.get(section.key)
        if not isinstance(raw_rows, list):
            raise FormatError(_("The section {section} is missing or is not a list.").format(
                section=quoted(section.key)))
        rows = [_check_row(section, i, raw, known_ids, now) for i, raw in enumerate(raw_rows)]
        ids: set[int] = set()
        for row in rows:  # one pass: a file of 200,000 rows is checked in linear time
            if row["id"] in ids:
                raise FormatError(_("{section} has the id {ident} twice.").format(section=section.key, ident=row["id"]))
            ids.add(row["id"])
        known_ids[section.key] = ids
        result[section.key] = rows
    _check_consistency(result)
    return result


def _from_version_1(document: dict[str, Any]) -> dict[str, Any]:
    """A version 1 document as version 2 reads it: no agenda yet, no next meeting dates."""
    for key in VERSION_2_SECTIONS:
        if key in document:
            raise FormatError(_("A version 1 file has no section {section}.").format(section=quoted(key)))
    upgraded = dict(document, **{key: [] for key in VERSION_2_SECTIONS})
    mentees = document.get("mentees")
    if isinstance(mentees, list):
        upgraded["mentees"] = [
            {**row, **{f: None for f in VERSION_2_MENTEE_FIELDS}} if isinstance(row, dict) else row
            for row in mentees
        ]
    return upgraded


def _check_consistency(rows: dict[str, list[dict[str, Any]]]) -> None:
    """Cross-row rules: an entry's (and a talking point's) links belong to its mentee; names are unique."""
    owner = {
        key: {row["id"]: row["mentee_id"] for row in rows[key]}
        for key in ("threads", "goals", "entries", "asks")
    }
    for index, entry in enumerate(rows["entries"]):
        for field, key in (("thread_id", "threads"), ("goal_id", "goals")):
            if entry[field] is not None and owner[key][entry[field]] != entry["mentee_id"]:
                raise FormatError(_("{where} belongs to another mentee.").format(where=f"entries[{index}].{field}"))
    links = (("concern_id", "entries"), ("goal_id", "goals"), ("ask_id", "asks"), ("thread_id", "threads"),
             ("entry_id", "entries"))
    for index, point in enumerate(rows["agenda_points"]):
        for field, key in links:
            if point[field] is not None and owner[key][point[field]] != point["mentee_id"]:
                raise FormatError(_("{where} belongs to another mentee.").format(
                    where=f"agenda_points[{index}].{field}"))
    seen: set[str] = set()
    for mentee in rows["mentees"]:
        if mentee["deleted_at"] is None:
            folded = mentee["name"].casefold()
            if folded in seen:
                raise FormatError(_("The file has two mentees named {name}.").format(name=quoted(mentee["name"])))
            seen.add(folded)
    _check_service_rules(rows)


def _check_service_rules(rows: dict[str, list[dict[str, Any]]]) -> None:
    """The rules the services keep on every write, so an import cannot hold what the desk never could."""
    for index, entry in enumerate(rows["entries"]):
        if entry["discussed_on"] is not None and entry["kind"] != EntryKind.CONCERN.value:
            raise FormatError(_("{where} is set, but only a concern is discussed.").format(
                where=f"entries[{index}].discussed_on"))
    for index, thread in enumerate(rows["threads"]):
        where = f"threads[{index}]"
        if (thread["status"] == ThreadStatus.RESOLVED.value) != (thread["resolved_on"] is not None):
            raise FormatError(_("{where} must be set exactly when the thread is resolved.").format(
                where=f"{where}.resolved_on"))
        if thread["acted_on"] is not None and thread["opened_by"] != Side.MENTEE.value:
            raise FormatError(_("{where} is set, but only feedback the mentee gave is acted on.").format(
                where=f"{where}.acted_on"))
    for index, ask in enumerate(rows["asks"]):
        where = f"asks[{index}]"
        if (ask["status"] == AskStatus.OPEN.value) != (ask["resolved_on"] is None):
            raise FormatError(_("{where} must be set exactly when the ask is settled.").format(
                where=f"{where}.resolved_on"))
        if ask["resolved_on"] is not None and ask["resolved_on"] < ask["raised_on"]:
            raise FormatError(_("{where} is before the day it was asked.").format(where=f"{where}.resolved_on"))
    opened_on: dict[int, dt.date] = {}
    open_case_of: dict[int, int] = {}
    for index, case in enumerate(rows["watch_cases"]):
        where = f"watch_cases[{index}]"
        opened_on[case["id"]] = case["opened_on"]
        if case["status"] == CaseStatus.OPEN.value:
            if case["outcome"] is not None or case["closed_on"] is not None or case["decision_reason"].strip():
                raise FormatError(_("{where} is open but carries a decision; an open case has none.").format(
                    where=where))
            if case["deleted_at"] is None:
                if case["mentee_id"] in open_case_of:
                    raise FormatError(_(
                        "{where} is a second open watchlist case for mentee #{ident}; a mentee has at most one."
                    ).format(where=where, ident=case["mentee_id"]))
                open_case_of[case["mentee_id"]] = case["id"]
        else:
            if case["outcome"] is None or case["closed_on"] is None or not case["decision_reason"].strip():
                raise FormatError(_("{where} is closed without a decision (an outcome, a reason and a date).").format(
                    where=where))
            if case["closed_on"] < case["opened_on"]:
                raise FormatError(_("{where} is before the day the case opened.").format(where=f"{where}.closed_on"))
    for index, chance in enumerate(rows["chances"]):
        if chance["given_on"] < opened_on[chance["case_id"]]:
            raise FormatError(_("{where} is before the day its case opened.").format(
                where=f"chances[{index}].given_on"))


def read_export(path: Path | str) -> bytes:
    """The bytes of an export file, refusing what is not one before reading anything.

    Refused with one sentence: a missing file, a folder, anything that is not a
    regular file (a FIFO, a device such as /dev/zero), and a file above MAX_FILE_BYTES.
    The file is opened without waiting (a FIFO with no writer does not hang), checked
    on the open descriptor, and read at most one byte beyond the limit.
    """
    path = Path(path).expanduser()
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise MentorAppError(_("There is no file {path}.").format(path=path)) from None
    except IsADirectoryError:
        raise MentorAppError(_("{path} is a folder, not an export file.").format(path=path)) from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO or socket nobody writes to
            raise MentorAppError(_("{path} is not a regular file, so it is not an export file.").format(
                path=path)) from None
        raise MentorAppError(_("Cannot read {path}: {problem}.").format(
            path=path, problem=describe_os_error(exc))) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise MentorAppError(_("{path} is a folder, not an export file.").format(path=path))
        if not stat.S_ISREG(status.st_mode):
            raise MentorAppError(_("{path} is not a regular file, so it is not an export file.").format(path=path))
        if status.st_size > MAX_FILE_BYTES:
            raise FormatError(_("{path} is larger than {size}, the most MentorApp imports.").format(
                path=path, size=mebibytes(MAX_FILE_BYTES // 1024**2)))
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(descriptor, 1024 * 1024)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise FormatError(_("{path} is larger than {size}, the most MentorApp imports.").format(
                    path=path, size=mebibytes(MAX_FILE_BYTES // 1024**2)))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise MentorAppError(_("Cannot read {path}: {problem}.").format(
            path=path, problem=describe_os_error(exc))) from None
    finally:
        os.close(descriptor)


def load_export(path: Path | str, *, now: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    """Read and check a whole export file (nothing of any journal is touched); raise on the first problem."""
    return parse_document(read_export(path), source=str(Path(path).expanduser()), now=now)


# -- the service -----------------------------------------------------------------------------
class InterchangeService(Service):
    """Export the journal to JSON and import such a file, all or nothing."""

    def export(self, path: Path | str) -> dict[str, int]:
        """Write the whole journal (trash included) to `path`; returns rows per section.

        Refuses (UnsafeTargetError) a target that is the journal, a sidecar, a backup or not a regular file.
        """
        check_output(path, self.store.path)
        with self.store.read() as session:
            document = journal_document(session)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        write_atomically(Path(path), lambda stream: stream.write(text))
        logging.getLogger(__name__).info("Exported %s in plain text to a file", self.store.path.name)
        return {section.key: len(document[section.key]) for section in SECTIONS}

    def import_file(self, path: Path | str, *, merge: bool = False) -> ImportReport:
        """Import an export file in one transaction; on any problem nothing is imported.

        Into a journal without mentees the file's ids are kept (and its starters
        replace the library). With `merge`, the file's mentees join an existing
        team under new ids.
        """
        return self.import_document(load_export(path, now=self.clock.now()),
                                    merge=merge, source=Path(path).expanduser())

    def import_document(self, rows: dict[str, list[dict[str, Any]]], *, merge: bool = False,
                        source: Path | None = None) -> ImportReport:
        """Import rows checked by `load_export`, all in one transaction (a kill leaves none of them).

        A journal that already holds the file's team (an import that was done, perhaps
        by a run that was stopped before it could say so) is told apart from one holding
        another team: AlreadyImportedError says which, and nothing is changed.
        """
        name = source.name if source is not None else _("the file")
        with self.store.write() as session:
            empty = session.scalar(select(Mentee.id).limit(1)) is None
            if not empty:
                _refuse_done_import(session, rows, name=name, merge=merge)
            if empty:
                self._insert_as_is(session, rows)
            else:
                self._insert_merged(session, rows)
        self.announce(Topic.JOURNAL)
        logging.getLogger(__name__).info("Imported a file into %s (%s)", self.store.path.name,
                                         "merged" if not empty else "into an empty journal")
        counts = {section.key: len(rows[section.key]) for section in SECTIONS}
        return ImportReport(counts=counts, merged=not empty)

    @staticmethod
    def _insert_as_is(session: Session, rows: dict[str, list[dict[str, Any]]]) -> None:
        session.execute(delete(Starter))
        session.execute(delete(AgendaTemplate))
        session.execute(delete(JournalInfo).where(JournalInfo.key.not_in(PRIVATE_INFO_KEYS)))
        if rows["journal_info"]:
            session.execute(insert(JournalInfo), rows["journal_info"])
        for section in SECTIONS:
            if rows[section.key]:
                session.execute(insert(section.model), rows[section.key])

    @staticmethod
    def _insert_merged(session: Session, rows: dict[str, list[dict[str, Any]]]) -> None:
        existing = {
            name.casefold()
            for name in session.scalars(select(Mentee.name).where(Mentee.deleted_at.is_(None)))
        }
        for mentee in rows["mentees"]:
            if mentee["deleted_at"] is None and mentee["name"].casefold() in existing:
                raise MentorAppError(_("The file's mentee {name} is already in this journal.").format(
                    name=quoted(mentee["name"])))
        new_ids: dict[str, dict[int, int]] = {}
        known_starters = {text for text in session.scalars(select(Starter.text))}
        known_templates = {name.casefold() for name in session.scalars(
            select(AgendaTemplate.name).where(AgendaTemplate.deleted_at.is_(None)))}
        for section in SECTIONS:
            mapping: dict[int, int] = {}
            for row in rows[section.key]:
                if section.key == "starters" and row["text"] in known_starters:
                    continue
                if section.key == "agenda_templates" and row["name"].casefold() in known_templates:
                    continue
                values = {k: v for k, v in row.items() if k != "id"}
                for field, target in section.references.items():
                    if values[field] is not None:
                        values[field] = new_ids[target][values[field]]
                mapping[row["id"]] = session.execute(
                    insert(section.model).values(**values).returning(section.model.id)
                ).scalar_one()
            new_ids[section.key] = mapping
