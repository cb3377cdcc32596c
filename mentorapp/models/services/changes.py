"""What changed after a write, announced so that each view refreshes only what it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Topic(Enum):
    MENTEES = "mentees"
    ENTRIES = "entries"
    THREADS = "threads"
    GOALS = "goals"
    RECOGNITIONS = "recognitions"
    ASKS = "asks"
    WATCHLIST = "watchlist"
    STARTERS = "starters"
    AGENDA = "agenda"
    TRASH = "trash"
    JOURNAL = "journal"  # everything may have changed (import, restore, demo)


@dataclass(frozen=True)
class Change:
    """One committed write: the kinds of things it touched and, when one, whose."""

    topics: frozenset[Topic]
    mentee_id: int | None = None

    def touches(self, *topics: Topic) -> bool:
        return Topic.JOURNAL in self.topics or any(t in self.topics for t in topics)


Listener = Callable[[Change], None]


class ChangeBus:
    """A plain observer list; the desk bridges it to a Qt signal."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def publish(self, *topics: Topic, mentee_id: int | None = None) -> None:
        change = Change(frozenset(topics), mentee_id)
        for listener in list(self._listeners):
            listener(change)
