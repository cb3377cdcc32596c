"""Watchlist cases across the team as a table: who, since when, chances, review, toxicity, decision."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QIcon

from mentorapp.models.readmodels import WatchCaseView
from mentorapp.views.chance_model import chances_summary
from mentorapp.views.date_fields import Today, day_text, due_text, span_text
from mentorapp.views.record_table_model import RecordTableModel

MENTEE, SINCE, CHANCES, REVIEW, TOXICITY, DECISION = range(6)


def review_due(case: WatchCaseView, today: dt.date) -> bool:
    """An open case whose review day has come (or passed)."""
    return case.is_open and case.next_review_on is not None and case.next_review_on <= today


def review_text(case: WatchCaseView, today: dt.date) -> str:
    if not case.is_open:
        return ""
    if case.next_review_on is None:
        return "Not set"
    return f"{day_text(case.next_review_on)} ({due_text(case.next_review_on, today=today)})"


def since_text(case: WatchCaseView, today: dt.date) -> str:
    days = ((case.closed_on or today) - case.opened_on).days
    return f"{day_text(case.opened_on)} ({span_text(days)})"


def decision_text(case: WatchCaseView) -> str:
    if case.is_open:
        return "Pending"
    outcome = case.outcome.label if case.outcome else "Closed"
    return f"{outcome}: {case.decision_reason}" if case.decision_reason else outcome


class WatchlistModel(RecordTableModel):
    """Rows of WatchCaseView with the mentee's name beside each."""

    headers = ("Mentee", "Since", "Chances given", "Next review", "Toxicity concern", "Decision")

    def __init__(self, parent=None, *, today: Today, warning: QIcon | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._today = today
        self._warning = warning
        self._names: dict[int, str] = {}

    def reload_cases(self, cases: list[WatchCaseView], *, names: dict[int, str]) -> None:
        self._names = dict(names)
        self.reload(cases)

    def name(self, case: WatchCaseView) -> str:
        return self._names.get(case.mentee_id, f"Mentee #{case.mentee_id}")

    def text(self, record: WatchCaseView, column: int) -> str:
        today = self._today()
        if column == MENTEE:
            return self.name(record)
        if column == SINCE:
            return since_text(record, today)
        if column == CHANCES:
            return chances_summary(record)
        if column == REVIEW:
            return review_text(record, today)
        if column == TOXICITY:
            return record.toxicity_concern or "None recorded"
        return decision_text(record)

    def tooltip(self, record: WatchCaseView, column: int) -> str | None:
        if column == MENTEE:
            return f"{self.name(record)}: {record.concern}"
        if column == TOXICITY and record.toxicity_concern:
            return record.toxicity_concern
        if column == DECISION and not record.is_open:
            return decision_text(record)
        if column == REVIEW and review_due(record, self._today()):
            return "The review day has come: time to decide on the next step."
        return None

    def emphasised(self, record: WatchCaseView, column: int) -> bool:
        return column == REVIEW and review_due(record, self._today())

    def icon(self, record: WatchCaseView, column: int) -> QIcon | None:
        if column == REVIEW and review_due(record, self._today()):
            return self._warning
        return None
