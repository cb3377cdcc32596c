"""Use cases for asks: what the lead advocates for on a mentee's behalf, and how it went."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from mentorapp.i18n import _
from mentorapp.models.entities.ask import Ask
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.readmodels import AskView
from mentorapp.models.services.base import Service, live, move_to_trash, take_from_trash, trashed
from mentorapp.models.services.changes import Topic
from mentorapp.models.validation import choice, not_before, optional_text, required_text
from mentorapp.models.vocabulary import AskStatus


class AskService(Service):
    """The advocacy list of each mentee."""

    def add(
        self,
        *,
        mentee_id: int,
        what: str,
        details: str = "",
        raised_on: dt.date | None = None,
        status: AskStatus | str = AskStatus.OPEN,
        resolved_on: dt.date | None = None,
    ) -> AskView:
        """Record an ask; one that is already settled is dated `resolved_on` (else the day it was raised)."""
        status = choice(AskStatus, status, what="ask status")
        with self.store.write() as session:
            live(session, Mentee, mentee_id, what=_("mentee"))
            raised = self.past(raised_on or self.clock.today(), what="date it was asked")
            row = Ask(
                mentee_id=mentee_id,
                what=required_text(what, what="ask"),
                details=optional_text(details),
                raised_on=raised,
                status=status.value,
                resolved_on=None if status is AskStatus.OPEN else not_before(
                    self.past(resolved_on or raised, what="date it was settled"), raised,
                    what="date it was settled", before="the day it was asked"),
            )
            session.add(row)
            session.flush()
            view = AskView.of(row)
        self.announce(Topic.ASKS, mentee_id=mentee_id)
        return view

    def edit(
        self,
        ask_id: int,
        *,
        what: str | None = None,
        details: str | None = None,
        status: AskStatus | str | None = None,
        raised_on: dt.date | None = None,
        resolved_on: dt.date | None = None,
    ) -> AskView:
        """Change an ask; moving it out of 'open' dates its resolution (today unless told)."""
        with self.store.write() as session:
            row = live(session, Ask, ask_id, what=_("ask"))
            if what is not None:
                row.what = required_text(what, what="ask")
            if details is not None:
                row.details = optional_text(details)
            if raised_on is not None:
                row.raised_on = self.past(raised_on, what="date it was asked")
            if status is not None:
                new_status = choice(AskStatus, status, what="ask status")
                if new_status is AskStatus.OPEN:
                    row.resolved_on = None
                elif row.status != new_status.value or resolved_on is not None:
                    row.resolved_on = not_before(
                        self.past(resolved_on or self.clock.today(), what="date it was settled"), row.raised_on,
                        what="date it was settled", before="the day it was asked")
                row.status = new_status.value
            session.flush()
            view = AskView.of(row)
        self.announce(Topic.ASKS, mentee_id=view.mentee_id)
        return view

    def trash(self, ask_id: int) -> AskView:
        with self.store.write() as session:
            row = live(session, Ask, ask_id, what=_("ask"))
            move_to_trash(row)
            view = AskView.of(row)
        self.announce(Topic.ASKS, Topic.TRASH, mentee_id=view.mentee_id)
        return view

    def restore(self, ask_id: int) -> AskView:
        with self.store.write() as session:
            row = trashed(session, Ask, ask_id, what=_("ask"))
            take_from_trash(row)
            view = AskView.of(row)
        self.announce(Topic.ASKS, Topic.TRASH, mentee_id=view.mentee_id)
        return view

    def for_mentee(self, mentee_id: int) -> list[AskView]:
        """Open asks first, then newest first."""
        query = select(Ask).where(Ask.mentee_id == mentee_id, Ask.deleted_at.is_(None))
        with self.store.read() as session:
            views = [AskView.of(row) for row in session.scalars(query)]
        return sorted(views, key=lambda a: (a.status is not AskStatus.OPEN, -a.raised_on.toordinal(), -a.id))
