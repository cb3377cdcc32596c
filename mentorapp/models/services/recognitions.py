"""Use cases for recognition: thanks, public praise and gifts, logged as they happen."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from mentorapp.i18n import _
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.readmodels import RecognitionView
from mentorapp.models.entities.recognition import Recognition
from mentorapp.models.services.base import Service, live, move_to_trash, take_from_trash, trashed
from mentorapp.models.services.changes import Topic
from mentorapp.models.validation import choice, required_text
from mentorapp.models.vocabulary import RecognitionKind


class RecognitionService(Service):
    """The recognition log of each mentee."""

    def add(
        self,
        *,
        mentee_id: int,
        what_for: str,
        kind: RecognitionKind | str = RecognitionKind.THANKS,
        given_on: dt.date | None = None,
    ) -> RecognitionView:
        with self.store.write() as session:
            live(session, Mentee, mentee_id, what=_("mentee"))
            row = Recognition(
                mentee_id=mentee_id,
                kind=choice(RecognitionKind, kind, what="recognition kind").value,
                given_on=self.past(given_on or self.clock.today(), what="recognition date"),
                what_for=required_text(what_for, what="reason for the recognition"),
            )
            session.add(row)
            session.flush()
            view = RecognitionView.of(row)
        self.announce(Topic.RECOGNITIONS, mentee_id=mentee_id)
        return view

    def edit(
        self,
        recognition_id: int,
        *,
        what_for: str | None = None,
        kind: RecognitionKind | str | None = None,
        given_on: dt.date | None = None,
    ) -> RecognitionView:
        with self.store.write() as session:
            row = live(session, Recognition, recognition_id, what=_("recognition"))
            if what_for is not None:
                row.what_for = required_text(what_for, what="reason for the recognition")
            if kind is not None:
                row.kind = choice(RecognitionKind, kind, what="recognition kind").value
            if given_on is not None:
                row.given_on = self.past(given_on, what="recognition date")
            session.flush()
            view = RecognitionView.of(row)
        self.announce(Topic.RECOGNITIONS, mentee_id=view.mentee_id)
        return view

    def trash(self, recognition_id: int) -> RecognitionView:
        with self.store.write() as session:
            row = live(session, Recognition, recognition_id, what=_("recognition"))
            move_to_trash(row)
            view = RecognitionView.of(row)
        self.announce(Topic.RECOGNITIONS, Topic.TRASH, mentee_id=view.mentee_id)
        return view

    def restore(self, recognition_id: int) -> RecognitionView:
        with self.store.write() as session:
            row = trashed(session, Recognition, recognition_id, what=_("recognition"))
            take_from_trash(row)
            view = RecognitionView.of(row)
        self.announce(Topic.RECOGNITIONS, Topic.TRASH, mentee_id=view.mentee_id)
        return view

    def for_mentee(self, mentee_id: int) -> list[RecognitionView]:
        """Newest first."""
        query = (
            select(Recognition)
            .where(Recognition.mentee_id == mentee_id, Recognition.deleted_at.is_(None))
            .order_by(Recognition.given_on.desc(), Recognition.id.desc())
        )
        with self.store.read() as session:
            return [RecognitionView.of(row) for row in session.scalars(query)]
