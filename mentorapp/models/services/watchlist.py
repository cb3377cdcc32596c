"""Use cases for the underperformance watchlist: open a case, give chances, decide."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError, NotFoundError
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.readmodels import ChanceView, WatchCaseView
from mentorapp.models.services.base import UNSET, Service, Unset, live, move_to_trash, take_from_trash, trashed
from mentorapp.models.services.changes import Topic
from mentorapp.models.validation import check_date, choice, not_before, optional_text, required_text
from mentorapp.models.vocabulary import CaseOutcome, CaseStatus, ChanceResult
from mentorapp.models.entities.watchlist import Chance, WatchCase


class WatchlistService(Service):
    """Cases, each with its ledger of chances, and the decision that ends it."""

    def open_case(
        self,
        *,
        mentee_id: int,
        concern: str,
        support_plan: str = "",
        toxicity_concern: str = "",
        next_review_on: dt.date | None = None,
        opened_on: dt.date | None = None,
        opinion: bool = False,
    ) -> WatchCaseView:
        with self.store.write() as session:
            live(session, Mentee, mentee_id, what=_("mentee"))
            already = session.scalars(
                select(WatchCase.id).where(
                    WatchCase.mentee_id == mentee_id,
                    WatchCase.status == CaseStatus.OPEN.value,
                    WatchCase.deleted_at.is_(None),
                )
            ).first()
            if already is not None:
                raise MentorAppError(_("This mentee already has an open watchlist case; add a chance to it instead."))
            row = WatchCase(
                mentee_id=mentee_id,
                concern=required_text(concern, what="concern"),
                support_plan=optional_text(support_plan),
                toxicity_concern=optional_text(toxicity_concern),
                next_review_on=check_date(next_review_on, what="review date"),
                opened_on=self.past(opened_on or self.clock.today(), what="date the case opened"),
                opinion=bool(opinion),
            )
            session.add(row)
            session.flush()
            case_id = row.id
        self.announce(Topic.WATCHLIST, mentee_id=mentee_id)
        return self.get(case_id)

    def edit_case(
        self,
        case_id: int,
        *,
        concern: str | None = None,
        support_plan: str | None = None,
        toxicity_concern: str | None = None,
        next_review_on: dt.date | None | Unset = UNSET,
        opened_on: dt.date | None = None,
        opinion: bool | None = None,
    ) -> WatchCaseView:
        with self.store.write() as session:
            row = live(session, WatchCase, case_id, what=_("watchlist case"))
            if opinion is not None:
                row.opinion = bool(opinion)
            if concern is not None:
                row.concern = required_text(concern, what="concern")
            if support_plan is not None:
                row.support_plan = optional_text(support_plan)
            if toxicity_concern is not None:
                row.toxicity_concern = optional_text(toxicity_concern)
            if next_review_on is not UNSET:
                row.next_review_on = check_date(next_review_on, what="review date")
            if opened_on is not None:
                row.opened_on = self.past(opened_on, what="date the case opened")
            mentee_id = row.mentee_id
        self.announce(Topic.WATCHLIST, mentee_id=mentee_id)
        return self.get(case_id)

    def add_chance(
        self,
        case_id: int,
        *,
        expectation: str,
        support: str = "",
        given_on: dt.date | None = None,
        outcome: str = "",
        result: ChanceResult | str = ChanceResult.PENDING,
        opinion: bool = False,
    ) -> ChanceView:
        with self.store.write() as session:
            case = live(session, WatchCase, case_id, what=_("watchlist case"))
            if case.status != CaseStatus.OPEN.value:
                raise MentorAppError(_("This case is closed; reopen it before adding a chance."))
            row = Chance(
                case_id=case_id,
                given_on=not_before(self.past(given_on or self.clock.today(), what="date the chance was given"),
                                    case.opened_on, what="date the chance was given",
                                    before="the day the case opened"),
                expectation=required_text(expectation, what="expectation"),
                support=optional_text(support),
                outcome=optional_text(outcome),
                result=choice(ChanceResult, result, what="result").value,
                opinion=bool(opinion),
            )
            session.add(row)
            session.flush()
            view = ChanceView.of(row)
            mentee_id = case.mentee_id
        self.announce(Topic.WATCHLIST, mentee_id=mentee_id)
        return view

    def edit_chance(
        self,
        chance_id: int,
        *,
        expectation: str | None = None,
        support: str | None = None,
        outcome: str | None = None,
        result: ChanceResult | str | None = None,
        given_on: dt.date | None = None,
        opinion: bool | None = None,
    ) -> ChanceView:
        with self.store.write() as session:
            row = self._live_chance(session, chance_id)
            if opinion is not None:
                row.opinion = bool(opinion)
            if expectation is not None:
                row.expectation = required_text(expectation, what="expectation")
            if support is not None:
                row.support = optional_text(support)
            if outcome is not None:
                row.outcome = optional_text(outcome)
            if result is not None:
                row.result = choice(ChanceResult, result, what="result").value
            if given_on is not None:
                row.given_on = not_before(self.past(given_on, what="date the chance was given"),
                                          session.get_one(WatchCase, row.case_id).opened_on,
                                          what="date the chance was given", before="the day the case opened")
            session.flush()
            view = ChanceView.of(row)
            mentee_id = session.get_one(WatchCase, row.case_id).mentee_id
        self.announce(Topic.WATCHLIST, mentee_id=mentee_id)
        return view

    def trash_chance(self, chance_id: int) -> ChanceView:
        with self.store.write() as session:
            row = self._live_chance(session, chance_id)
            move_to_trash(row)
            view = ChanceView.of(row)
            mentee_id = session.get_one(WatchCase, row.case_id).mentee_id
        self.announce(Topic.WATCHLIST, Topic.TRASH, mentee_id=mentee_id)
        return view

    def restore_chance(self, chance_id: int) -> ChanceView:
        with self.store.write() as session:
            row = trashed(session, Chance, chance_id, what=_("chance"))
            take_from_trash(row)
            view = ChanceView.of(row)
            mentee_id = session.get_one(WatchCase, row.case_id).mentee_id
        self.announce(Topic.WATCHLIST, Topic.TRASH, mentee_id=mentee_id)
        return view

    def close_case(
        self,
        case_id: int,
        *,
        outcome: CaseOutcome | str,
        reason: str,
        closed_on: dt.date | None = None,
    ) -> WatchCaseView:
        """Record the decision: how the case ended and why (a reason is required)."""
        decided = choice(CaseOutcome, outcome, what="outcome")
        with self.store.write() as session:
            row = live(session, WatchCase, case_id, what=_("watchlist case"))
            if row.status == CaseStatus.CLOSED.value:
                raise MentorAppError(_("This case is already closed."))
            row.status = CaseStatus.CLOSED.value
            row.outcome = decided.value
            row.decision_reason = required_text(reason, what="reason for the decision")
            row.closed_on = not_before(self.past(closed_on or self.clock.today(), what="closing date"),
                                       row.opened_on, what="closing date", before="the day the case opened")
            mentee_id = row.mentee_id
        self.announce(Topic.WATCHLIST, mentee_id=mentee_id)
        return self.get(case_id)

    def reopen_case(self, case_id: int) -> WatchCaseView:
        with self.store.write() as session:
            row = live(session, WatchCase, case_id, what=_("watchlist case"))
            if _another_open_case(session, row) is not None:
                raise MentorAppError(_("This mentee already has another open watchlist case."))
            row.status = CaseStatus.OPEN.value
            row.outcome = None
            row.decision_reason = ""
            row.closed_on = None
            mentee_id = row.mentee_id
        self.announce(Topic.WATCHLIST, mentee_id=mentee_id)
        return self.get(case_id)

    def trash_case(self, case_id: int) -> WatchCaseView:
        view = self.get(case_id)
        with self.store.write() as session:
            move_to_trash(live(session, WatchCase, case_id, what=_("watchlist case")))
        self.announce(Topic.WATCHLIST, Topic.TRASH, mentee_id=view.mentee_id)
        return view

    def restore_case(self, case_id: int) -> WatchCaseView:
        with self.store.write() as session:
            row = trashed(session, WatchCase, case_id, what=_("watchlist case"))
            # One open case per mentee, also when a deleted one comes back after a new one was opened.
            if row.status == CaseStatus.OPEN.value and _another_open_case(session, row) is not None:
                raise MentorAppError(_(
                    "This mentee already has another open watchlist case; close it before restoring this one."
                ))
            take_from_trash(row)
        view = self.get(case_id)
        self.announce(Topic.WATCHLIST, Topic.TRASH, mentee_id=view.mentee_id)
        return view

    # -- reading ---------------------------------------------------------------------
    def get(self, case_id: int) -> WatchCaseView:
        with self.store.read() as session:
            live(session, WatchCase, case_id, what=_("watchlist case"))
            return self._views(session, select(WatchCase).where(WatchCase.id == case_id))[0]

    def for_mentee(self, mentee_id: int) -> list[WatchCaseView]:
        """The mentee's cases, open first, then newest first."""
        query = select(WatchCase).where(WatchCase.mentee_id == mentee_id, WatchCase.deleted_at.is_(None))
        with self.store.read() as session:
            views = self._views(session, query)
        return sorted(views, key=lambda c: (not c.is_open, -c.opened_on.toordinal(), -c.id))

    def open_cases(self) -> list[WatchCaseView]:
        """Every open case across the team, the soonest review first."""
        views = self._team_cases(CaseStatus.OPEN)
        return sorted(views, key=lambda c: (c.next_review_on or dt.date.max, c.opened_on, c.id))

    def closed_cases(self) -> list[WatchCaseView]:
        """Every closed case across the team, the most recently decided first."""
        views = self._team_cases(CaseStatus.CLOSED)
        return sorted(views, key=lambda c: (-(c.closed_on or dt.date.min).toordinal(), -c.id))

    def _team_cases(self, status: CaseStatus) -> list[WatchCaseView]:
        """The live cases in `status` of every live mentee, in no particular order."""
        query = (
            select(WatchCase)
            .join(Mentee, Mentee.id == WatchCase.mentee_id)
            .where(
                WatchCase.deleted_at.is_(None),
                WatchCase.status == status.value,
                Mentee.deleted_at.is_(None),
            )
        )
        with self.store.read() as session:
            return self._views(session, query)

    @staticmethod
    def _live_chance(session: Session, chance_id: int) -> Chance:
        row = session.get(Chance, chance_id)
        if row is None or row.deleted_at is not None:
            raise NotFoundError(_("There is no {what} #{ident}.").format(what=_("chance"), ident=chance_id))
        live(session, WatchCase, row.case_id, what=_("watchlist case"))
        return row

    @staticmethod
    def _views(session: Session, query: Select[WatchCase]) -> list[WatchCaseView]:
        cases = session.scalars(query).all()
        if not cases:
            return []
        chances: dict[int, list[ChanceView]] = {}
        for row in session.scalars(
            select(Chance)
            .where(Chance.case_id.in_([c.id for c in cases]), Chance.deleted_at.is_(None))
            .order_by(Chance.given_on, Chance.id)
        ):
            chances.setdefault(row.case_id, []).append(ChanceView.of(row))
        return [WatchCaseView.of(c, tuple(chances.get(c.id, ()))) for c in cases]


def _another_open_case(session: Session, case: WatchCase) -> int | None:
    """The id of the mentee's other open (not deleted) case, if there is one."""
    return session.scalars(
        select(WatchCase.id).where(
            WatchCase.mentee_id == case.mentee_id,
            WatchCase.status == CaseStatus.OPEN.value,
            WatchCase.deleted_at.is_(None),
            WatchCase.id != case.id,
        )
    ).first()
