"""Use cases for the library of conversation starters offered while writing."""

from __future__ import annotations

import builtins

from sqlalchemy import func, select

from mentorapp.i18n import _
from mentorapp.models.readmodels import StarterView
from mentorapp.models.services.base import Service, live, move_to_trash, take_from_trash, trashed
from mentorapp.models.services.changes import Topic
from mentorapp.models.entities.starter import Starter
from mentorapp.models.validation import required_text
from mentorapp.models.errors import NotFoundError


class StarterService(Service):
    """An editable, ordered list of opening questions."""

    def list(self) -> list[StarterView]:
        query = select(Starter).where(Starter.deleted_at.is_(None)).order_by(Starter.position, Starter.id)
        with self.store.read() as session:
            return [StarterView.of(row) for row in session.scalars(query)]

    def add(self, text: str) -> StarterView:
        with self.store.write() as session:
            last = session.scalar(select(func.max(Starter.position))) or 0
            row = Starter(text=required_text(text, what="conversation starter"), position=last + 1)
            session.add(row)
            session.flush()
            view = StarterView.of(row)
        self.announce(Topic.STARTERS)
        return view

    def edit(self, starter_id: int, text: str) -> StarterView:
        with self.store.write() as session:
            row = live(session, Starter, starter_id, what=_("conversation starter"))
            row.text = required_text(text, what="conversation starter")
            session.flush()
            view = StarterView.of(row)
        self.announce(Topic.STARTERS)
        return view

    def move(self, starter_id: int, new_index: int) -> builtins.list[StarterView]:
        """Put a starter at `new_index` in the list (clamped), renumbering the rest."""
        with self.store.write() as session:
            rows = list(
                session.scalars(
                    select(Starter).where(Starter.deleted_at.is_(None)).order_by(Starter.position, Starter.id)
                )
            )
            moving = next((r for r in rows if r.id == starter_id), None)
            if moving is None:
                raise NotFoundError(_("There is no {what} #{ident}.").format(what=_("conversation starter"),
                                                                                 ident=starter_id))
            rows.remove(moving)
            rows.insert(max(0, min(new_index, len(rows))), moving)
            for position, row in enumerate(rows, start=1):
                row.position = position
        self.announce(Topic.STARTERS)
        return self.list()

    def trash(self, starter_id: int) -> StarterView:
        with self.store.write() as session:
            row = live(session, Starter, starter_id, what=_("conversation starter"))
            move_to_trash(row)
            view = StarterView.of(row)
        self.announce(Topic.STARTERS, Topic.TRASH)
        return view

    def restore(self, starter_id: int) -> StarterView:
        with self.store.write() as session:
            row = trashed(session, Starter, starter_id, what=_("conversation starter"))
            take_from_trash(row)
            view = StarterView.of(row)
        self.announce(Topic.STARTERS, Topic.TRASH)
        return view
