"""Use cases for the people a lead mentors: add, edit, archive, find, and the roster."""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Any

from sqlalchemy import Date, DateTime, Integer, Row, column, select, text
from sqlalchemy.orm import Session

from mentorapp.i18n import _, day_text
from mentorapp.models.clock import SYSTEM_CLOCK, Clock
from mentorapp.models.services.changes import ChangeBus
from mentorapp.models.storage.store import Store
from mentorapp.models.entities.entry import OPEN_CONCERN_SQL, TOUCHPOINT_SQL
from mentorapp.models.errors import MentorAppError, NotFoundError
from mentorapp.models.entities.mentee import DEFAULT_CADENCE_DAYS as DEFAULT_CADENCE_DAYS  # for the desk's forms
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.readmodels import MenteeView, RosterRow
from mentorapp.models.services.base import UNSET, Service, Unset, live, move_to_trash, take_from_trash, trashed
from mentorapp.models.services.changes import Topic
from mentorapp.models.services.holds import refuse_if_held
from mentorapp.models.validation import cadence, name_key, one_line, optional_text, quoted, shortened
from mentorapp.models.vocabulary import isolate


# INDEXED BY names the partial index each aggregate must come from: without table
# statistics SQLite may otherwise pick a wider index and read every entry.
_ROSTER_STATS_SQL = f"""
    SELECT m.id,
      (SELECT count(*) FROM entry INDEXED BY ix_entry_live
         WHERE mentee_id = m.id AND deleted_at IS NULL) AS entry_count,
      (SELECT max(at) FROM entry INDEXED BY ix_entry_touch
         WHERE mentee_id = m.id AND {TOUCHPOINT_SQL}) AS last_touch,
      (SELECT count(*) FROM entry INDEXED BY ix_entry_open_concern
         WHERE mentee_id = m.id AND {OPEN_CONCERN_SQL}) AS undiscussed,
      (SELECT max(given_on) FROM recognition
         WHERE mentee_id = m.id AND deleted_at IS NULL) AS last_recognition,
      (SELECT max(id) FROM watch_case
         WHERE mentee_id = m.id AND status = 'open' AND deleted_at IS NULL) AS case_id,
      (SELECT min(next_review_on) FROM watch_case
         WHERE mentee_id = m.id AND status = 'open' AND deleted_at IS NULL) AS review_on
    FROM mentee AS m
    WHERE m.deleted_at IS NULL
    """
_ROSTER_COLUMNS = (
    column("id", Integer),
    column("entry_count", Integer),
    column("last_touch", DateTime),
    column("undiscussed", Integer),
    column("last_recognition", Date),
    column("case_id", Integer),
    column("review_on", Date),
)
_ROSTER_STATS = text(_ROSTER_STATS_SQL).columns(*_ROSTER_COLUMNS)
_ONE_ROSTER_ROW = text(_ROSTER_STATS_SQL + " AND m.id = :mentee_id").columns(*_ROSTER_COLUMNS)


class MenteeService(Service):
    """Adding, changing and finding mentees; the roster with its health aggregates."""

    def __init__(self, store: Store, bus: ChangeBus, clock: Clock = SYSTEM_CLOCK) -> None:
        super().__init__(store, bus, clock)
        # The roster is read by several views after each change; any announced change
        # (including another process's writes, which the desk's watcher announces)
        # makes the next read go to the journal again.
        self._roster_cache: dict[bool, list[RosterRow]] = {}
        self._generation = 0
        bus.subscribe(self._forget_roster)

    def _forget_roster(self, _change: object) -> None:
        self._generation += 1
        self._roster_cache.clear()

    def add(
        self,
        *,
        name: str,
        role: str = "",
        cadence_days: int = DEFAULT_CADENCE_DAYS,
        started_on: dt.date | None = None,
        thanks_preference: str = "",
    ) -> MenteeView:
        name = one_line(name, what="mentee's name")
        with self.store.write() as session:
            self._refuse_duplicate(session, name)
            mentee = Mentee(
                name=name,
                role=optional_text(role),
                cadence_days=cadence(cadence_days),
                started_on=self.past(started_on, what="start date"),
                thanks_preference=optional_text(thanks_preference),
            )
            session.add(mentee)
            session.flush()
            view = MenteeView.of(mentee)
        self.announce(Topic.MENTEES, mentee_id=view.id)
        return view

    def edit(
        self,
        mentee_id: int,
        *,
        name: str | None = None,
        role: str | None = None,
        cadence_days: int | None = None,
        started_on: dt.date | None | Unset = UNSET,
        thanks_preference: str | None = None,
    ) -> MenteeView:
        """Change the given fields; returns the mentee as it now is."""
        with self.store.write() as session:
            mentee = live(session, Mentee, mentee_id, what=_("mentee"))
            if name is not None:
                name = one_line(name, what="mentee's name")
                if name_key(name) != name_key(mentee.name):
                    self._refuse_duplicate(session, name)
                mentee.name = name
            if role is not None:
                mentee.role = optional_text(role)
            if cadence_days is not None:
                mentee.cadence_days = cadence(cadence_days)
            if started_on is not UNSET:
                mentee.started_on = self.past(started_on, what="start date")
            if thanks_preference is not None:
                mentee.thanks_preference = optional_text(thanks_preference)
            session.flush()
            view = MenteeView.of(mentee)
        self.announce(Topic.MENTEES, mentee_id=mentee_id)
        return view

    def set_archived(self, mentee_id: int, archived: bool) -> MenteeView:
        with self.store.write() as session:
            mentee = live(session, Mentee, mentee_id, what=_("mentee"))
            if archived != mentee.archived:
                mentee.archived_on = self.clock.today() if archived else None
            mentee.archived = archived
            session.flush()
            view = MenteeView.of(mentee)
        self.announce(Topic.MENTEES, mentee_id=mentee_id)
        return view

    def hold(self, mentee_id: int, *, reason: str) -> MenteeView:
        """Put a mentee on hold (an access request, a dispute, a litigation hold), from today.

        While held, nothing already written about them may change or go (services/holds.py);
        new notes may still be added.
        """
        reason = one_line(reason, what="reason for the hold")
        with self.store.write() as session:
            mentee = live(session, Mentee, mentee_id, what=_("mentee"))
            if mentee.held_on is not None:
                raise MentorAppError(_("{name} is already on hold since {day}.").format(
                    name=quoted(mentee.name), day=day_text(mentee.held_on)))
            mentee.held_on = self.clock.today()
            mentee.hold_reason = reason
            session.flush()
            view = MenteeView.of(mentee)
        self.announce(Topic.MENTEES, mentee_id=mentee_id)
        return view

    def release(self, mentee_id: int) -> MenteeView:
        """Release a mentee's hold: their records can be changed again."""
        with self.store.write() as session:
            mentee = live(session, Mentee, mentee_id, what=_("mentee"))
            if mentee.held_on is None:
                raise MentorAppError(_("{name} is not on hold.").format(name=quoted(mentee.name)))
            mentee.held_on = None
            mentee.hold_reason = ""
            session.flush()
            view = MenteeView.of(mentee)
        self.announce(Topic.MENTEES, mentee_id=mentee_id)
        return view

    def refuse_if_held(self, mentee_id: int) -> None:
        """Raise HeldError (one sentence) when this mentee is on hold."""
        with self.store.read() as session:
            refuse_if_held(session, mentee_id)

    def held(self) -> builtins.list[MenteeView]:
        """Everyone on hold (archived people too), by name."""
        with self.store.read() as session:
            rows = session.scalars(select(Mentee).where(Mentee.deleted_at.is_(None), Mentee.held_on.is_not(None)))
            views = [MenteeView.of(row) for row in rows]
        return sorted(views, key=lambda m: m.name.casefold())

    def trash(self, mentee_id: int) -> MenteeView:
        """Move a mentee, with everything about them, to the trash (restorable)."""
        with self.store.write() as session:
            mentee = live(session, Mentee, mentee_id, what=_("mentee"))
            move_to_trash(mentee)
            view = MenteeView.of(mentee)
        self.announce(Topic.JOURNAL, mentee_id=mentee_id)
        return view

    def restore(self, mentee_id: int) -> MenteeView:
        with self.store.write() as session:
            mentee = trashed(session, Mentee, mentee_id, what=_("mentee"))
            self._refuse_duplicate(session, mentee.name)
            take_from_trash(mentee)
            session.flush()
            view = MenteeView.of(mentee)
        self.announce(Topic.JOURNAL, mentee_id=mentee_id)
        return view

    # -- reading ---------------------------------------------------------------------
    def get(self, mentee_id: int) -> MenteeView:
        with self.store.read() as session:
            return MenteeView.of(live(session, Mentee, mentee_id, what=_("mentee")))

    def list(self, *, include_archived: bool = False) -> list[MenteeView]:
        query = select(Mentee).where(Mentee.deleted_at.is_(None))
        if not include_archived:
            query = query.where(Mentee.archived.is_(False))
        with self.store.read() as session:
            rows = session.scalars(query).all()
            views = [MenteeView.of(row) for row in rows]
        return sorted(views, key=lambda m: m.name.casefold())

    def find(self, text: str) -> MenteeView:
        """The one mentee `text` names: an exact name, or a unique prefix (any case).

        Archived mentees are found too, so that history can still be written up.
        """
        wanted = name_key(text.strip())
        if not wanted:
            raise MentorAppError(_("Name a mentee."))
        candidates = self.list(include_archived=True)
        exact = [m for m in candidates if name_key(m.name) == wanted]
        if len(exact) == 1:
            return exact[0]
        matches = [m for m in candidates if name_key(m.name).startswith(wanted)]
        if not matches:
            # Let "rossi" find "Marco Rossi": any word of the name may start the match.
            matches = [
                m for m in candidates
                if any(word.startswith(wanted) for word in name_key(m.name).split())
            ]
        if not matches:
            raise NotFoundError(_("No mentee matches {text}.").format(text=quoted(text.strip())))
        if len(matches) > 1:
            names = _(", ").join(isolate(shortened(m.name)) for m in matches[:5])
            more = "…" if len(matches) > 5 else ""
            raise MentorAppError(_("{text} matches several mentees ({names}); be more specific.").format(
                text=quoted(text.strip()), names=names + more))
        return matches[0]

    def roster(self, *, include_archived: bool = False) -> builtins.list[RosterRow]:
        """Every mentee with the aggregates behind their health badges.

        Two queries whatever the team size: the mentees, then one row of aggregates
        per mentee, each read from a partial index rather than from the entries.
        """
        cached = self._roster_cache.get(include_archived)
        if cached is not None:
            return list(cached)
        generation = self._generation
        query = select(Mentee).where(Mentee.deleted_at.is_(None))
        if not include_archived:
            query = query.where(Mentee.archived.is_(False))
        with self.store.read() as session:
            mentees = {row.id: MenteeView.of(row) for row in session.scalars(query)}
            stats = {row.id: row for row in session.execute(_ROSTER_STATS)}
        rows = sorted(
            (_roster_row(mentee, stats[mentee_id]) for mentee_id, mentee in mentees.items()),
            key=lambda r: r.mentee.name.casefold(),
        )
        if generation == self._generation:  # nothing changed while it was read (e.g. on a worker thread)
            self._roster_cache[include_archived] = rows
        return list(rows)

    def roster_row(self, mentee_id: int) -> RosterRow:
        """One mentee's roster row (archived mentees too), for their page's header."""
        with self.store.read() as session:
            mentee = MenteeView.of(live(session, Mentee, mentee_id, what=_("mentee")))
            stat = session.execute(_ONE_ROSTER_ROW, {"mentee_id": mentee_id}).one()
        return _roster_row(mentee, stat)

    @staticmethod
    def _refuse_duplicate(session: Session, name: str) -> None:
        # Compared in Python: SQLite's lower() folds ASCII only, and teams are small.
        names = session.scalars(select(Mentee.name).where(Mentee.deleted_at.is_(None))).all()
        clash = next((n for n in names if name_key(n) == name_key(name)), None)
        if clash is not None:
            raise MentorAppError(_("There is already a mentee named {name}.").format(name=quoted(clash)))


def _roster_row(mentee: MenteeView, stat: Row[Any]) -> RosterRow:  # stat: a row of _ROSTER_STATS
    return RosterRow(
        mentee=mentee,
        entry_count=stat.entry_count,
        last_touch=stat.last_touch,
        last_recognition=stat.last_recognition,
        undiscussed_concerns=stat.undiscussed,
        open_case_id=stat.case_id,
        case_review_on=stat.review_on,
    )
