"""A watchlist case's chances ledger as a table: when, what was expected, what support, what came of it."""

from __future__ import annotations

from collections import Counter

from mentorapp.models.readmodels import ChanceView, WatchCaseView
from mentorapp.models.vocabulary import ChanceResult
from mentorapp.views.date_fields import day_text
from mentorapp.views.record_table_model import RecordTableModel

GIVEN_ON, EXPECTATION, SUPPORT, OUTCOME, RESULT = range(5)


def chances_summary(case: WatchCaseView) -> str:
    """The ledger in one line: 3 chances: 1 met, 1 partly met, 1 pending."""
    if not case.chances:
        return "No chances given yet"
    counts = Counter(chance.result for chance in case.chances)
    order = (ChanceResult.MET, ChanceResult.PARTLY_MET, ChanceResult.NOT_MET, ChanceResult.PENDING)
    parts = [f"{counts[result]} {result.label.lower()}" for result in order if counts[result]]
    total = "1 chance" if len(case.chances) == 1 else f"{len(case.chances)} chances"
    return f"{total}: {', '.join(parts)}"


class ChanceModel(RecordTableModel):
    """Rows of ChanceView, oldest first: the order in which the chances were given."""

    headers = ("Given", "Expectation", "Support", "Outcome", "Result")

    def text(self, record: ChanceView, column: int) -> str:
        if column == GIVEN_ON:
            return day_text(record.given_on)
        if column == EXPECTATION:
            return record.expectation
        if column == SUPPORT:
            return record.support
        if column == OUTCOME:
            return record.outcome or ("Not recorded yet" if record.result is ChanceResult.PENDING else "")
        return record.result.label

    def tooltip(self, record: ChanceView, column: int) -> str | None:
        if column in (EXPECTATION, SUPPORT, OUTCOME):
            return self.text(record, column) or None
        return None

    def emphasised(self, record: ChanceView, column: int) -> bool:
        return column == RESULT and record.result is ChanceResult.PENDING
