"""Erasure for good: a person, or what is in the trash, taken out of the journal and of every backup.

Not undoable, and not a move to the trash: the rows are deleted with plain SQL on a keyed
connection (`trust/purge.py`), the full-text index folded, the freed pages overwritten and
the file vacuumed, its write-ahead log emptied. Every backup in the journal's backup
folder is rewritten the same way first, so a restore never brings them back; a backup
that cannot be opened with the journal's key is named in the report, and so are the
copies MentorApp never knew of (exports, packets, backups saved elsewhere).

Which rows are a person's comes from the schema (person_records.py): a new kind of record
is erased as soon as its table points at a mentee. A held person is never erased.

If the process is stopped after the journal's rows went but before its file was vacuumed,
a mark (no names, no ids) says so, and the next opening finishes the cleaning
(`finish_pending`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from mentorapp.i18n import N_, _, ngettext
from mentorapp.models.entities.base import Base
from mentorapp.models.entities.mentee import JournalInfo, Mentee
from mentorapp.models.errors import HeldError, NotFoundError
from mentorapp.models.services.base import Service
from mentorapp.models.services.changes import Topic
from mentorapp.models.services.holds import held_sentence, refuse_if_held
from mentorapp.models.services.journal import DRAFT_PREFIX
from mentorapp.models.services.person_records import MENTEE_TABLE, OwnerLookup, draft_owner, link_of, links
from mentorapp.models.trust.purge import (
    Deletion,
    PurgeReport,
    checkpoint_truncate,
    purge_backups,
    purge_journal,
)
from mentorapp.models.storage.store import connect_raw
from mentorapp.models.vocabulary import isolate

RETENTION_NOTICE_PREFIX = "retention.noticed."  # + mentee id (services/retention.py)
SCRUB_DUE = "privacy.scrub_due"  # set with the deletion, cleared once the file was vacuumed
UNREACHABLE_COPIES = N_("JSON exports, review packets, access exports, printed pages and backups you saved "
                      "elsewhere (with “backup FILE” or a copy of the file) cannot be reached: delete those yourself.")

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ErasureReport:
    """What an erasure reached, in words a lead can act on."""

    what: str  # "Ana Lima", "the trash", "the item"
    rows: int
    backups_rewritten: int
    backups_unchanged: int
    unreachable: tuple[Path, ...]
    subject: str = "person"  # what was erased: "person" (named by `what`), "trash" or "item"

    @property
    def summary(self) -> str:
        backups = self.backups_rewritten + self.backups_unchanged
        records = ngettext("{n} record gone from the journal", "{n} records gone from the journal",
                           self.rows).format(n=self.rows)
        # Translators: "from 2 of 3 backups", said of records erased from backup files.
        reached = ngettext("from {done} of {n} backup", "from {done} of {n} backups",
                           backups).format(done=self.backups_rewritten, n=backups)
        others = bool(self.backups_unchanged)
        if self.subject == "trash":
            text = (_("Erased the trash for good: {records} and {backups} (the others held none of it).") if others
                    else _("Erased the trash for good: {records} and {backups}."))
        elif self.subject == "item":
            text = (_("Erased the item for good: {records} and {backups} (the others held none of it).") if others
                    else _("Erased the item for good: {records} and {backups}."))
        else:
            text = (_("Erased {name} for good: {records} and {backups} (the others held none of it).") if others
                    else _("Erased {name} for good: {records} and {backups}."))
        said = text.format(name=self.what, records=records, backups=reached)
        if self.unreachable:
            names = _(", ").join(isolate(p.name) for p in self.unreachable)
            said = _("{summary} These backups could not be opened with this journal's key, so they still hold it: "
                     "{names}.").format(summary=said, names=names)
        return said


def unreachable_copies() -> str:
    """What an erasure cannot reach, in the lead's language (UNREACHABLE_COPIES translated)."""
    return _(UNREACHABLE_COPIES)


def _tables(connection: Any) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def raw_lookup(connection: Any) -> OwnerLookup:
    """`draft_owner`'s lookup over a plain keyed connection (the journal's, or a backup's)."""
    tables = _tables(connection)

    def lookup(table: str, ident: int) -> int | None:
        if table not in tables:
            return None
        if table == MENTEE_TABLE:
            found = connection.execute("SELECT id FROM mentee WHERE id = ?", (ident,)).fetchone()
            return int(found[0]) if found else None
        link = link_of(table)
        if link is None:
            return None
        found = connection.execute(f'SELECT "{link.column}" FROM "{table}" WHERE id = ?', (ident,)).fetchone()
        if found is None or found[0] is None:
            return None
        if link.via is None:
            return int(found[0])
        parent = connection.execute(f'SELECT mentee_id FROM "{link.via.name}" WHERE id = ?', (found[0],)).fetchone()
        return int(parent[0]) if parent and parent[0] is not None else None

    return lookup


def _delete_drafts(connection: Any, owned: Any) -> int:
    lookup = raw_lookup(connection)
    rows = connection.execute("SELECT key, value FROM journal_info WHERE substr(key, 1, ?) = ?",
                              (len(DRAFT_PREFIX), DRAFT_PREFIX)).fetchall()
    gone = 0
    for key, value in rows:
        if owned(draft_owner(key[len(DRAFT_PREFIX):], value, lookup)):
            connection.execute("DELETE FROM journal_info WHERE key = ?", (key,))
            gone += 1
    return gone


def person_deletion(mentee_id: int, *, check_hold: bool) -> Deletion:
    """Delete every row about one mentee (their drafts first: finding whose a draft is reads the rows)."""

    def delete(connection: Any) -> int:
        tables = _tables(connection)
        if MENTEE_TABLE not in tables:
            return 0
        if check_hold:
            row = connection.execute("SELECT name, held_on, hold_reason FROM mentee WHERE id = ?",
                                     (mentee_id,)).fetchone()
            if row is not None and row[1] is not None:
                raise HeldError(held_sentence(row[0], row[2]))
        gone = _delete_drafts(connection, lambda owner: owner == mentee_id)
        for link in reversed(links()):  # what hangs from a record goes before it
            if link.table.name not in tables:
                continue
            if link.via is None:
                cursor = connection.execute(f'DELETE FROM "{link.table.name}" WHERE mentee_id = ?', (mentee_id,))
            else:
                cursor = connection.execute(
                    f'DELETE FROM "{link.table.name}" WHERE "{link.column}" IN '
                    f'(SELECT id FROM "{link.via.name}" WHERE mentee_id = ?)', (mentee_id,))
            gone += max(int(cursor.rowcount), 0)
        gone += max(int(connection.execute("DELETE FROM mentee WHERE id = ?", (mentee_id,)).rowcount), 0)
        connection.execute("DELETE FROM journal_info WHERE key = ?", (f"{RETENTION_NOTICE_PREFIX}{mentee_id}",))
        if gone and check_hold:
            connection.execute("INSERT OR REPLACE INTO journal_info(key, value) VALUES (?, '1')", (SCRUB_DUE,))
        return gone

    return delete


def trash_deletion(ids: dict[str, list[int]], *, check_hold: bool) -> Deletion:
    """Delete the given rows (by table); what hangs from them by a cascading key goes with them."""

    def delete(connection: Any) -> int:
        tables = _tables(connection)
        lookup = raw_lookup(connection)
        if check_hold:
            for table, row_ids in ids.items():
                for ident in row_ids:
                    owner = lookup(table, ident)
                    held = None if owner is None else connection.execute(
                        "SELECT name, held_on, hold_reason FROM mentee WHERE id = ?", (owner,)).fetchone()
                    if held is not None and held[1] is not None:
                        raise HeldError(held_sentence(held[0], held[2]))
        gone = 0
        for mentee_id in sorted(ids.get(MENTEE_TABLE, [])):
            gone += person_deletion(mentee_id, check_hold=False)(connection)
        for table in reversed([t.name for t in Base.metadata.sorted_tables]):
            if table == MENTEE_TABLE or table not in tables:
                continue
            for ident in ids.get(table, []):
                gone += max(int(connection.execute(f'DELETE FROM "{table}" WHERE id = ?', (ident,)).rowcount), 0)
        if gone and check_hold:
            connection.execute("INSERT OR REPLACE INTO journal_info(key, value) VALUES (?, '1')", (SCRUB_DUE,))
        return gone

    return delete


def raw_owner(session: Any, table: str, ident: int) -> int | None:
    """The mentee a row of `table` is about, read through an ORM session's own connection."""
    connection = session.connection().connection.driver_connection
    return raw_lookup(connection)(table, ident)


class ErasureService(Service):
    """Erasing a person, emptying the trash, deleting one trashed item for good: in the journal and its backups."""

    def erase(self, mentee_id: int) -> ErasureReport:
        """Erase everything about one mentee (live, archived or in the trash), for good; refused while held."""
        with self.store.read() as session:
            mentee = session.get(Mentee, mentee_id)
            if mentee is None:
                raise NotFoundError(_("There is no {what} #{ident}.").format(what=_("mentee"), ident=mentee_id))
            refuse_if_held(session, mentee_id)
            name = mentee.name
        report = self._purge(person_deletion(mentee_id, check_hold=False),
                             person_deletion(mentee_id, check_hold=True))
        log.info("Erased a mentee from the journal and %d backups", len(report.backups_rewritten))
        return self._report(isolate(name), report)

    def trashed_ids(self) -> dict[str, list[int]]:
        """Every row in the trash, by table (what `empty_trash` deletes), but those of people on hold."""
        found: dict[str, list[int]] = {}
        with self.store.read() as session:
            held = set(session.scalars(select(Mentee.id).where(Mentee.held_on.is_not(None))))
            for table in Base.metadata.sorted_tables:
                if "deleted_at" not in table.columns:
                    continue
                for ident in session.scalars(select(table.c.id).where(table.c.deleted_at.is_not(None))):
                    owner = raw_owner(session, table.name, ident) if held else None
                    if owner is None or owner not in held:
                        found.setdefault(table.name, []).append(ident)
        return found

    def held_in_trash(self) -> int:
        """How many trashed items belong to people on hold (kept when the trash is emptied)."""
        with self.store.read() as session:
            held = set(session.scalars(select(Mentee.id).where(Mentee.held_on.is_not(None))))
            if not held:
                return 0
            count = 0
            for table in Base.metadata.sorted_tables:
                if "deleted_at" in table.columns:
                    for ident in session.scalars(select(table.c.id).where(table.c.deleted_at.is_not(None))):
                        count += raw_owner(session, table.name, ident) in held
            return count

    def empty_trash(self) -> ErasureReport:
        """Delete for good everything in the trash; refused when some of it belongs to a held person."""
        ids = self.trashed_ids()
        report = self._purge(trash_deletion(ids, check_hold=False), trash_deletion(ids, check_hold=True))
        log.info("Emptied the trash in the journal and %d backups", len(report.backups_rewritten))
        return self._report("the trash", report, subject="trash")

    def delete_for_good(self, table: str, ident: int) -> ErasureReport:
        """Delete one trashed item (and what went to the trash with it) for good."""
        trashed = self.trashed_ids()
        if ident not in trashed.get(table, []):
            with self.store.read() as session:
                owner = raw_owner(session, table, ident)
                if owner is not None:
                    refuse_if_held(session, owner)
            raise NotFoundError(_("That item is not in the trash."))
        ids: dict[str, list[int]] = {table: [ident]}
        if table == "thread":  # its notes went to the trash with it, and go with it
            with self.store.read() as session:
                ids["entry"] = [row[0] for row in session.execute(text(
                    "SELECT e.id FROM entry AS e JOIN thread AS t ON t.id = e.thread_id "
                    "WHERE t.id = :id AND e.deleted_at = t.deleted_at"), {"id": ident})]
        report = self._purge(trash_deletion(ids, check_hold=False), trash_deletion(ids, check_hold=True))
        return self._report("the item", report, subject="item")

    def finish_pending(self) -> bool:
        """Finish cleaning the file after an erasure that was stopped before it could (True when it did)."""
        with self.store.read() as session:
            if session.get(JournalInfo, SCRUB_DUE) is None:
                return False
        self.store.engine.dispose()
        connection = connect_raw(self.store.path, self.store.key)
        try:
            connection.execute("PRAGMA secure_delete = ON")
            connection.execute("VACUUM")
            connection.execute("DELETE FROM journal_info WHERE key = ?", (SCRUB_DUE,))
            checkpoint_truncate(connection)
        finally:
            connection.close()
        return True

    def _purge(self, in_backups: Deletion, in_journal: Deletion) -> PurgeReport:
        report = PurgeReport()
        key = self.store.key
        # The backups first: stopped half-way, the journal still shows the person, and erasing
        # again finishes the work; the journal last, so nothing is left that a restore could bring back.
        purge_backups(self.store.path, key, in_backups, report)
        self.store.engine.dispose()  # no pooled connection may hold a snapshot of what goes
        report.rows = purge_journal(self.store.path, key, in_journal)
        self.finish_pending()
        self.announce(Topic.JOURNAL, Topic.TRASH)
        return report

    @staticmethod
    def _report(what: str, report: PurgeReport, *, subject: str = "person") -> ErasureReport:
        return ErasureReport(what=what, subject=subject, rows=report.rows,
                             backups_rewritten=len(report.backups_rewritten),
                             backups_unchanged=len(report.backups_unchanged), unreachable=tuple(report.unreachable))
