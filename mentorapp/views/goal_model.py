"""A mentee's goals as a table: the outcome, where it stands, when to check in."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QIcon

from mentorapp.models.readmodels import GoalView
from mentorapp.models.vocabulary import GoalStatus
from mentorapp.views.date_fields import Today, day_text, due_text
from mentorapp.views.record_table_model import RecordTableModel

OUTCOME, STATUS, CHECK_IN = range(3)


def check_in_due(goal: GoalView, today: dt.date) -> bool:
    """An active goal whose check-in day has come."""
    return goal.status is GoalStatus.ACTIVE and goal.check_in_on is not None and goal.check_in_on <= today


def check_in_text(goal: GoalView, today: dt.date) -> str:
    if goal.check_in_on is None:
        return "None set"
    if goal.status is not GoalStatus.ACTIVE:
        return day_text(goal.check_in_on)
    return f"{day_text(goal.check_in_on)} ({due_text(goal.check_in_on, today=today)})"


class GoalListModel(RecordTableModel):
    """Rows of GoalView: active goals first, as the service orders them."""

    headers = ("Outcome", "Status", "Check-in")

    def __init__(self, parent=None, *, today: Today, warning: QIcon | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._today = today
        self._warning = warning

    def text(self, record: GoalView, column: int) -> str:
        if column == OUTCOME:
            return record.outcome
        if column == STATUS:
            return record.status.label
        return check_in_text(record, self._today())

    def tooltip(self, record: GoalView, column: int) -> str | None:
        if column == OUTCOME:
            return record.outcome
        if column == CHECK_IN and check_in_due(record, self._today()):
            return "Time to check in on this goal."
        return None

    def emphasised(self, record: GoalView, column: int) -> bool:
        return column == CHECK_IN and check_in_due(record, self._today())

    def icon(self, record: GoalView, column: int) -> QIcon | None:
        return self._warning if column == CHECK_IN and check_in_due(record, self._today()) else None
