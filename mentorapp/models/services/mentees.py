"""Use cases for the people a lead mentors: add, edit, archive, find, and the roster."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case, func, select

from mentorapp.models.entry import Entry
from mentorapp.models.errors import MentorAppError, NotFoundError
from mentorapp.models.mentee import DEFAULT_CADENCE_DAYS, Mentee
from mentorapp.models.readmodels import MenteeView, RosterRow
from mentorapp.models.recognition import Recognition
from mentorapp.models.services.base import Service, live, move_to_trash, take_from_trash, trashed
from mentorapp.models.services.changes import Topic
from mentorapp.models.validation import cadence, check_date, one_line, optional_text
from mentorapp.models.vocabulary import CaseStatus, Direction, EntryKind
from mentorapp.models.watchlist import WatchCase

_UNSET: object = object()


class MenteeService(Service):
    """Adding, changing and finding mentees; the roster with its health aggregates."""

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
                started_on=check_date(started_on, what="start date"),
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
        started_on: dt.date | None | object = _UNSET,
        thanks_preference: str | None = None,
    ) -> MenteeView:
        """Change the given fields; returns the mentee as it now is."""
        with self.store.write() as session:
            mentee = live(session, Mentee, mentee_id, what="mentee")
            if name is not None:
                name = one_line(name, what="mentee's name")
                if name.casefold() != mentee.name.casefold():
                    self._refuse_duplicate(session, name)
                mentee.name = name
            if role is not None:
                mentee.role = optional_text(role)
            if cadence_days is not None:
                mentee.cadence_days = cadence(cadence_days)
            if started_on is not _UNSET:
                mentee.started_on = check_date(started_on, what="start date")  # type: ignore[arg-type]
            if thanks_preference is not None:
                mentee.thanks_preference = optional_text(thanks_preference)
            session.flush()
            view = MenteeView.of(mentee)
        self.announce(Topic.MENTEES, mentee_id=mentee_id)
        return view

    def set_archived(self, mentee_id: int, archived: bool) -> MenteeView:
        with self.store.write() as session:
            mentee = live(session, Mentee, mentee_id, what="mentee")
            mentee.archived = archived
            session.flush()
            view = MenteeView.of(mentee)
        self.announce(Topic.MENTEES, mentee_id=mentee_id)
        return view

    def trash(self, mentee_id: int) -> None:
        """Move a mentee, with everything about them, to the trash (restorable)."""
        with self.store.write() as session:
            move_to_trash(live(session, Mentee, mentee_id, what="mentee"))
        self.announce(Topic.JOURNAL, mentee_id=mentee_id)

    def restore(self, mentee_id: int) -> MenteeView:
        with self.store.write() as session:
            mentee = trashed(session, Mentee, mentee_id, what="mentee")
            self._refuse_duplicate(session, mentee.name)
            take_from_trash(mentee)
            session.flush()
            view = MenteeView.of(mentee)
        self.announce(Topic.JOURNAL, mentee_id=mentee_id)
        return view

    # -- reading ---------------------------------------------------------------------
    def get(self, mentee_id: int) -> MenteeView:
        with self.store.read() as session:
            return MenteeView.of(live(session, Mentee, mentee_id, what="mentee"))

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
        wanted = text.strip().casefold()
        if not wanted:
            raise MentorAppError("Name a mentee.")
        candidates = self.list(include_archived=True)
        exact = [m for m in candidates if m.name.casefold() == wanted]
        if len(exact) == 1:
            return exact[0]
        matches = [m for m in candidates if m.name.casefold().startswith(wanted)]
        if not matches:
            # Let "rossi" find "Marco Rossi": any word of the name may start the match.
            matches = [
                m for m in candidates
                if any(word.startswith(wanted) for word in m.name.casefold().split())
            ]
        if not matches:
            raise NotFoundError(f"No mentee matches {text.strip()!r}.")
        if len(matches) > 1:
            names = ", ".join(m.name for m in matches[:5])
            more = "…" if len(matches) > 5 else ""
            raise MentorAppError(f"{text.strip()!r} matches several mentees ({names}{more}); be more specific.")
        return matches[0]

    def roster(self, *, include_archived: bool = False) -> list[RosterRow]:
        """Every mentee with the aggregates behind their health badges, in a fixed number of queries."""
        entry_stats = (
            select(
                Entry.mentee_id.label("mentee_id"),
                func.count().label("entry_count"),
                func.max(case((Entry.direction != Direction.PRIVATE.value, Entry.at))).label("last_touch"),
                func.sum(
                    case(
                        ((Entry.kind == EntryKind.CONCERN.value) & Entry.discussed_on.is_(None), 1),
                        else_=0,
                    )
                ).label("undiscussed"),
            )
            .where(Entry.deleted_at.is_(None))
            .group_by(Entry.mentee_id)
            .subquery()
        )
        recognition_stats = (
            select(Recognition.mentee_id, func.max(Recognition.given_on).label("last_recognition"))
            .where(Recognition.deleted_at.is_(None))
            .group_by(Recognition.mentee_id)
            .subquery()
        )
        open_cases = (
            select(
                WatchCase.mentee_id,
                func.max(WatchCase.id).label("case_id"),
                func.min(WatchCase.next_review_on).label("review_on"),
            )
            .where(WatchCase.deleted_at.is_(None), WatchCase.status == CaseStatus.OPEN.value)
            .group_by(WatchCase.mentee_id)
            .subquery()
        )
        query = (
            select(
                Mentee,
                entry_stats.c.entry_count,
                entry_stats.c.last_touch,
                entry_stats.c.undiscussed,
                recognition_stats.c.last_recognition,
                open_cases.c.case_id,
                open_cases.c.review_on,
            )
            .outerjoin(entry_stats, entry_stats.c.mentee_id == Mentee.id)
            .outerjoin(recognition_stats, recognition_stats.c.mentee_id == Mentee.id)
            .outerjoin(open_cases, open_cases.c.mentee_id == Mentee.id)
            .where(Mentee.deleted_at.is_(None))
        )
        if not include_archived:
            query = query.where(Mentee.archived.is_(False))
        with self.store.read() as session:
            rows = [
                RosterRow(
                    mentee=MenteeView.of(mentee),
                    entry_count=count or 0,
                    last_touch=last_touch,
                    last_recognition=last_recognition,
                    undiscussed_concerns=undiscussed or 0,
                    open_case_id=case_id,
                    case_review_on=review_on,
                )
                for mentee, count, last_touch, undiscussed, last_recognition, case_id, review_on
                in session.execute(query)
            ]
        return sorted(rows, key=lambda r: r.mentee.name.casefold())

    def trash_list(self) -> list[MenteeView]:
        with self.store.read() as session:
            rows = session.scalars(select(Mentee).where(Mentee.deleted_at.is_not(None))).all()
            return [MenteeView.of(row) for row in rows]

    @staticmethod
    def _refuse_duplicate(session, name: str) -> None:  # noqa: ANN001
        # Compared in Python: SQLite's lower() folds ASCII only, and teams are small.
        names = session.scalars(select(Mentee.name).where(Mentee.deleted_at.is_(None))).all()
        clash = next((n for n in names if n.casefold() == name.casefold()), None)
        if clash is not None:
            raise MentorAppError(f"There is already a mentee named {clash!r}.")
