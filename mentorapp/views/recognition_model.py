"""A mentee's recognition log as a table: when, what kind, and what for, newest first."""

from __future__ import annotations

from mentorapp.models.readmodels import RecognitionView
from mentorapp.views.date_fields import day_text
from mentorapp.views.record_table_model import RecordTableModel

GIVEN_ON, KIND, WHAT_FOR = range(3)


class RecognitionModel(RecordTableModel):
    """Rows of RecognitionView, in the service's order (newest first)."""

    headers = ("Date", "Kind", "What for")

    def text(self, record: RecognitionView, column: int) -> str:
        if column == GIVEN_ON:
            return day_text(record.given_on)
        if column == KIND:
            return record.kind.label
        return record.what_for

    def tooltip(self, record: RecognitionView, column: int) -> str | None:
        return record.what_for if column == WHAT_FOR else None
