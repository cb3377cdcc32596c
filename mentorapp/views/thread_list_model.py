"""A mentee's feedback threads as a table: topic, who opened it, the last word, where it stands."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from mentorapp.models.readmodels import ThreadView
from mentorapp.models.vocabulary import Direction, Side, ThreadStatus
from mentorapp.views.date_fields import day_text
from mentorapp.views.record_table_model import RecordTableModel

TOPIC, OPENED_BY, LAST, STATUS, ACTED_ON = range(5)


class ThreadListModel(RecordTableModel):
    """Rows of ThreadView (open first, as the service orders them)."""

    headers = ("Topic", "Opened by", "Last word", "Status", "Acted on")

    def __init__(self, parent=None, *, warning: QIcon | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.mentee_name = ""
        self._warning = warning

    def reload_threads(self, threads: list[ThreadView], *, mentee_name: str) -> None:
        self.mentee_name = mentee_name
        self.reload(threads)

    def opener(self, thread: ThreadView) -> str:
        return self.mentee_name if thread.opened_by is Side.MENTEE else "You"

    def status_text(self, thread: ThreadView) -> str:
        if thread.status is ThreadStatus.RESOLVED:
            return f"Resolved {day_text(thread.resolved_on)}" if thread.resolved_on else "Resolved"
        if thread.waiting_on_lead:
            return "Open · waiting on you"
        return "Open"

    def acted_on_text(self, thread: ThreadView) -> str:
        if not thread.is_upward:
            return ""
        return f"✓ {day_text(thread.acted_on)}" if thread.acted_on else "Not yet"

    def last_text(self, thread: ThreadView) -> str:
        if thread.last_at is None:
            return "No replies yet"
        who = self.mentee_name if thread.last_direction is Direction.FROM_MENTEE else "You"
        return f"{who}, {day_text(thread.last_at)}"

    def text(self, record: ThreadView, column: int) -> str:
        if column == TOPIC:
            return record.topic
        if column == OPENED_BY:
            return f"{self.opener(record)}, {day_text(record.opened_on)}"
        if column == LAST:
            return self.last_text(record)
        if column == STATUS:
            return self.status_text(record)
        return self.acted_on_text(record)

    def tooltip(self, record: ThreadView, column: int) -> str | None:
        if column == TOPIC:
            count = "1 message" if record.entry_count == 1 else f"{record.entry_count} messages"
            return f"{record.topic}\n{count}"
        if column == STATUS and record.waiting_on_lead:
            return f"{self.mentee_name} spoke last: the next word is yours."
        if column == ACTED_ON and record.is_upward:
            if record.acted_on:
                note = f": {record.acted_on_note}" if record.acted_on_note else ""
                return f"You acted on this feedback on {day_text(record.acted_on)}{note}"
            return f"Feedback from {self.mentee_name}, not yet marked as acted on."
        return None

    def emphasised(self, record: ThreadView, column: int) -> bool:
        return record.waiting_on_lead and column in (TOPIC, STATUS)

    def icon(self, record: ThreadView, column: int) -> QIcon | None:
        if column == STATUS and record.waiting_on_lead:
            return self._warning
        return None
