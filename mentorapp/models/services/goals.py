"""Use cases for goals as parameters for success (outcome, criteria, latitude), never steps."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from mentorapp.i18n import _
from mentorapp.models.entities.goal import Goal
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.readmodels import GoalView
from mentorapp.models.services.base import UNSET, Service, Unset, live, move_to_trash, take_from_trash, trashed
from mentorapp.models.services.changes import Topic
from mentorapp.models.validation import check_date, choice, optional_text, required_text
from mentorapp.models.vocabulary import GoalStatus


class GoalService(Service):
    """Setting, revising and closing a mentee's goals."""

    def add(
        self,
        *,
        mentee_id: int,
        outcome: str,
        success_criteria: str = "",
        latitude: str = "",
        check_in_on: dt.date | None = None,
        set_on: dt.date | None = None,
        status: GoalStatus | str = GoalStatus.ACTIVE,
    ) -> GoalView:
        with self.store.write() as session:
            live(session, Mentee, mentee_id, what=_("mentee"))
            goal = Goal(
                mentee_id=mentee_id,
                outcome=required_text(outcome, what="goal's outcome"),
                success_criteria=optional_text(success_criteria),
                latitude=optional_text(latitude),
                set_on=self.past(set_on or self.clock.today(), what="date the goal was set"),
                check_in_on=check_date(check_in_on, what="check-in date"),
                status=choice(GoalStatus, status, what="goal status").value,
            )
            session.add(goal)
            session.flush()
            view = GoalView.of(goal)
        self.announce(Topic.GOALS, mentee_id=mentee_id)
        return view

    def edit(
        self,
        goal_id: int,
        *,
        outcome: str | None = None,
        success_criteria: str | None = None,
        latitude: str | None = None,
        check_in_on: dt.date | None | Unset = UNSET,
        status: GoalStatus | str | None = None,
        set_on: dt.date | None = None,
    ) -> GoalView:
        with self.store.write() as session:
            goal = live(session, Goal, goal_id, what=_("goal"))
            if outcome is not None:
                goal.outcome = required_text(outcome, what="goal's outcome")
            if success_criteria is not None:
                goal.success_criteria = optional_text(success_criteria)
            if latitude is not None:
                goal.latitude = optional_text(latitude)
            if check_in_on is not UNSET:
                goal.check_in_on = check_date(check_in_on, what="check-in date")
            if status is not None:
                goal.status = choice(GoalStatus, status, what="goal status").value
            if set_on is not None:
                goal.set_on = self.past(set_on, what="date the goal was set")
            session.flush()
            view = GoalView.of(goal)
        self.announce(Topic.GOALS, mentee_id=view.mentee_id)
        return view

    def trash(self, goal_id: int) -> GoalView:
        with self.store.write() as session:
            goal = live(session, Goal, goal_id, what=_("goal"))
            move_to_trash(goal)
            view = GoalView.of(goal)
        self.announce(Topic.GOALS, Topic.TRASH, mentee_id=view.mentee_id)
        return view

    def restore(self, goal_id: int) -> GoalView:
        with self.store.write() as session:
            goal = trashed(session, Goal, goal_id, what=_("goal"))
            take_from_trash(goal)
            view = GoalView.of(goal)
        self.announce(Topic.GOALS, Topic.TRASH, mentee_id=view.mentee_id)
        return view

    def get(self, goal_id: int) -> GoalView:
        with self.store.read() as session:
            return GoalView.of(live(session, Goal, goal_id, what=_("goal")))

    def outcomes(self, mentee_id: int) -> dict[int, str]:
        """Each of the mentee's goals by id: its outcome (for labelling progress entries)."""
        query = select(Goal.id, Goal.outcome).where(Goal.mentee_id == mentee_id, Goal.deleted_at.is_(None))
        with self.store.read() as session:
            return dict(session.execute(query).all())

    def for_mentee(self, mentee_id: int) -> list[GoalView]:
        """Active goals first, then by when they were set, newest first."""
        query = select(Goal).where(Goal.mentee_id == mentee_id, Goal.deleted_at.is_(None))
        with self.store.read() as session:
            views = [GoalView.of(row) for row in session.scalars(query)]
        return sorted(views, key=lambda g: (g.status is not GoalStatus.ACTIVE, -g.set_on.toordinal(), -g.id))
