"""Sync: set it up, push and apply once, say where it stands, stop (see models/sync/README.md).

Each public method is one action. `sync_once` pushes this device's changes (one sealed
file per push) and applies every other device's files that are ready, each in its own
transaction; a file that cannot be applied yet waits, one that is refused or kept aside
is named in one line, and the rest still syncs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from mentorapp.i18n import _
from mentorapp.models.entities import AgendaTemplate, Mentee, Starter
from mentorapp.models.errors import MentorAppError, WrongKeyError
from mentorapp.models.services.base import Service
from mentorapp.models.services.changes import Topic
from mentorapp.models.sync import capture, engine, keywrap
from mentorapp.models.sync.sealed import (
    SYNC_FOLDER, Refusal, devices, new_device_id, new_sync_key,
)
from mentorapp.models.trust.recovery import RecoveryKeyError, parse_recovery_key


@dataclass(frozen=True, slots=True)
class SyncConflict:
    """A text two machines changed at once: the one kept in the record, and the other, kept here.

    `identity` is the same on every machine (record uuid, field, the losing text's stamp).
    """

    table: str
    record_id: int
    field: str
    kept: str
    other: str
    identity: str


@dataclass(frozen=True, slots=True)
class DeviceSeen:
    """A device of this journal, and the last change number of it applied here (written, for this one)."""

    device: str
    last_sequence: int
    this_device: bool


@dataclass(frozen=True, slots=True)
class SyncStatus:
    folder: Path
    device: str
    devices: tuple[DeviceSeen, ...]
    unsent: int
    conflicts: tuple[SyncConflict, ...]


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one `sync_once` did: files pushed and applied, lines for what was refused or kept aside."""

    pushed: int
    applied: int
    refused: tuple[str, ...]
    kept_aside: tuple[str, ...]
    waiting: int
    conflicts: tuple[SyncConflict, ...]


class SyncService(Service):
    """One journal on several machines, through a folder another sync engine carries."""

    # -- setting up -----------------------------------------------------------------------------
    def init(self, folder: Path | str) -> SyncStatus:
        """Start syncing this journal through `folder` (the first machine): its sync key, then all it holds."""
        root = self._folder(folder)
        if devices(root):
            raise MentorAppError(_("{folder} already holds a MentorApp journal's changes; join it with "
                                   "`mentorapp sync join` instead.").format(folder=root))
        with self.store.write() as session:
            self._refuse_syncing(session)
            sync_key = new_sync_key()
            session.execute(text(
                "INSERT INTO sync_state (id, device, sync_key, folder) VALUES (1, :d, :k, :f)"),
                {"d": new_device_id(), "k": sync_key.hex(), "f": str(root)})
            connection = session.connection()
            capture.install(connection)
            for table in capture.synced_tables():  # everything it holds goes out with the first push
                session.execute(text(
                    f"INSERT INTO sync_outbox (tbl, uuid, field) SELECT '{table.name}', uuid, '{capture.NEW}' "
                    f'FROM "{table.name}" ORDER BY id'))
            key = self.store.key
            keywrap.publish(root, sync_key, key.secret, raw=key.raw)
        self._push_all()
        return self.status()

    def join(self, folder: Path | str, secret: str) -> SyncStatus:
        """Join the journal that syncs through `folder` from this empty journal, with its passphrase or recovery key."""
        root = self._folder(folder)
        sync_key = self._fetch_key(root, secret)
        with self.store.write() as session:
            self._refuse_syncing(session)
            if session.scalar(select(func.count()).select_from(Mentee)):
                raise MentorAppError(_("Only an empty journal can join a sync folder; this one holds mentees, and "
                                       "nothing was changed."))
            # The library comes from the journal being joined, not from this new one's first start.
            session.execute(delete(Starter))
            session.execute(delete(AgendaTemplate))
            session.execute(text(
                "INSERT INTO sync_state (id, device, sync_key, folder) VALUES (1, :d, :k, :f)"),
                {"d": new_device_id(), "k": sync_key.hex(), "f": str(root)})
            capture.install(session.connection())
        self.sync_once()
        return self.status()

    def leave(self) -> None:
        """Stop syncing this journal (the folder and the other machines go on as they are)."""
        with self.store.write() as session:
            self._state(session)
            capture.remove(session.connection())
            for table in ("sync_outbox", "sync_field", "sync_tombstone", "sync_seen", "sync_state"):
                session.execute(text(f"DELETE FROM {table}"))

    # -- syncing --------------------------------------------------------------------------------
    def sync_once(self) -> SyncReport:
        """Push this device's changes, then apply every other device's files that are ready."""
        with self.store.read() as session:
            state = self._state(session)
        if not (state.folder / SYNC_FOLDER).is_dir():
            raise MentorAppError(_("The sync folder {folder} is not there (not mounted, or moved); nothing was "
                                   "synced.").format(folder=state.folder))
        pushed = self._push_all()
        applied = 0
        refused: list[str] = []
        aside: list[str] = []
        with self.store.read() as session:
            done = engine.seen(session)
        queues, unreadable = engine.pending(state.folder, state.key, done, state.device)
        refused.extend(r.line for r in unreadable)
        progress = True
        while progress:
            progress = False
            for device, queue in queues.items():
                while queue:
                    arrived, parsed = queue[0]
                    if isinstance(parsed, Refusal):
                        (aside if parsed.why == engine.NEWER else refused).append(parsed.line)
                        queue.clear()
                        break
                    if not engine.ready(parsed, done, state.device):
                        break
                    outcome = self._apply(parsed, arrived.path)
                    if isinstance(outcome, Refusal):
                        if outcome.why == engine.NUMBER_TAKEN:
                            aside.append(outcome.line)
                        else:
                            refused.append(outcome.line)
                        queue.clear()
                        break
                    if outcome is None:  # waits for a record not here yet
                        break
                    pushed += outcome
                    done[device] = arrived.sequence
                    applied += 1
                    queue.pop(0)
                    progress = True
        waiting = sum(len(q) for q in queues.values())
        if applied:
            self.announce(Topic.JOURNAL)
        return SyncReport(pushed=pushed, applied=applied, refused=tuple(refused), kept_aside=tuple(aside),
                          waiting=waiting, conflicts=tuple(self.conflicts()))

    def _apply(self, payload: dict[str, Any], path: Path) -> Refusal | int | None:
        """Apply one file in one transaction: the files pushed first, or None (it waits), or a refusal."""
        pushed = 0
        while True:
            try:
                with self.store.write() as session:
                    state = self._state(session)
                    engine.apply_payload(session, self.clock, state, payload)
                return pushed
            except engine.PushFirst:
                pushed += self._push_all()
            except engine.Wait:
                return None
            except engine.NumberTaken:
                return Refusal(path, engine.NUMBER_TAKEN)
            except (KeyError, TypeError, ValueError):
                return Refusal(path, engine.UNREADABLE_CHANGE)

    def _push_all(self) -> int:
        pushed = 0
        while True:
            with self.store.write() as session:
                state = self._state(session)
                if engine.recover_own(session, state):
                    continue
                if engine.push(session, self.clock, state) is None:
                    return pushed
            pushed += 1

    # -- looking --------------------------------------------------------------------------------
    def status(self) -> SyncStatus:
        with self.store.read() as session:
            state = self._state(session)
            done = engine.seen(session)
            unsent = session.scalar(text("SELECT count(DISTINCT tbl || uuid) FROM sync_outbox")) or 0
        others = sorted((set(devices(state.folder)) | set(done)) - {state.device})
        listed = [DeviceSeen(state.device, state.last_sequence, True)]
        listed += [DeviceSeen(d, done.get(d, 0), False) for d in others]
        return SyncStatus(folder=state.folder, device=state.device, devices=tuple(listed), unsent=int(unsent),
                          conflicts=tuple(self.conflicts()))

    def conflicts(self) -> list[SyncConflict]:
        """Every text two machines changed at once, with the other text (the same list on every machine)."""
        found: list[SyncConflict] = []
        tables = {t.name: t for t in capture.synced_tables()}
        with self.store.read() as session:
            for row in engine.conflicts(session):
                table = tables.get(row.tbl)
                if table is None:
                    continue
                record = session.execute(select(table.c.id, table.c[row.field]).where(table.c.uuid == row.uuid)).first()
                if record is None:
                    continue
                other = json.loads(row.value)
                kept = record[1]
                if other == kept:
                    continue  # both machines wrote the same words
                found.append(SyncConflict(table=row.tbl, record_id=record[0], field=row.field, kept=kept or "",
                                          other=other or "", identity=f"{row.uuid}:{row.field}:{row.stamp}"))
        return found

    # -- helpers --------------------------------------------------------------------------------
    @staticmethod
    def _folder(folder: Path | str) -> Path:
        root = Path(folder).expanduser()
        if not root.is_dir():
            raise MentorAppError(_("{folder} is not a folder; give the folder your sync engine carries.").format(
                folder=root))
        return root.resolve()

    @staticmethod
    def _refuse_syncing(session: Session) -> None:
        state = engine.load_state(session)
        if state is not None:
            raise MentorAppError(_("This journal already syncs through {folder}; run `mentorapp sync leave` "
                                   "first to use another folder.").format(folder=state.folder))

    @staticmethod
    def _state(session: Session) -> engine.State:
        state = engine.load_state(session)
        if state is None:
            raise MentorAppError(_("This journal does not sync; set it up with `mentorapp sync init` (the first "
                                   "machine) or `mentorapp sync join`."))
        return state

    def _fetch_key(self, root: Path, secret: str) -> bytes:
        try:
            return keywrap.fetch(root, secret, raw=False)
        except WrongKeyError:
            try:
                key = parse_recovery_key(secret)
            except RecoveryKeyError:
                raise WrongKeyError(_("That passphrase or recovery key does not open this sync folder.")) from None
            return keywrap.fetch(root, key.secret, raw=True)


__all__ = ["DeviceSeen", "SyncConflict", "SyncReport", "SyncService", "SyncStatus"]
