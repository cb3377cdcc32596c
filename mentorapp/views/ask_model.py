"""What the lead is pushing for on a mentee's behalf, as a table: the ask, its status, its dates."""

from __future__ import annotations

from mentorapp.models.readmodels import AskView
from mentorapp.models.vocabulary import AskStatus
from mentorapp.views.date_fields import day_text
from mentorapp.views.record_table_model import RecordTableModel

WHAT, STATUS, RAISED, RESOLVED, DETAILS = range(5)


class AskModel(RecordTableModel):
    """Rows of AskView: open asks first, as the service orders them."""

    headers = ("Ask", "Status", "Raised", "Settled", "Details")

    def text(self, record: AskView, column: int) -> str:
        if column == WHAT:
            return record.what
        if column == STATUS:
            return record.status.label
        if column == RAISED:
            return day_text(record.raised_on)
        if column == RESOLVED:
            return day_text(record.resolved_on, empty="")
        return record.details

    def tooltip(self, record: AskView, column: int) -> str | None:
        if column in (WHAT, DETAILS):
            return f"{record.what}\n{record.details}" if record.details else record.what
        return None

    def emphasised(self, record: AskView, column: int) -> bool:
        return column == STATUS and record.status is AskStatus.OPEN
