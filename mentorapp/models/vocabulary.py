"""The fixed vocabularies of the method: kinds, directions, settings and statuses.

Each value is stored as its string; `label` gives the words a lead reads.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Self


class Labelled(StrEnum):
    """A vocabulary whose members have words for the lead and can be parsed back from them."""

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value.replace("_", " ").capitalize())

    @classmethod
    def parse(cls, text: str) -> Self:
        """Accept a value or a label, case-insensitively, with - or space for _."""
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        for member in cls:
            if key in (member.value, member.label.lower().replace(" ", "_")):
                return member
        raise ValueError(text)


class EntryKind(Labelled):
    PROGRESS = "progress"
    CONCERN = "concern"
    THOUGHT = "thought"
    FEEDBACK = "feedback"
    QUESTION = "question"
    PRAISE = "praise"
    ASK = "ask"
    DECISION = "decision"


class Direction(Labelled):
    """Who spoke: the lead to the mentee, the mentee to the lead, or a private note."""

    TO_MENTEE = "to_mentee"
    FROM_MENTEE = "from_mentee"
    PRIVATE = "private"

    @property
    def two_way(self) -> bool:
        return self is not Direction.PRIVATE


class Setting(Labelled):
    ONE_ON_ONE = "one_on_one"
    COFFEE = "coffee"
    WALK = "walk"
    CHAT = "chat"
    MEETING = "meeting"
    AD_HOC = "ad_hoc"


class Side(Labelled):
    LEAD = "lead"
    MENTEE = "mentee"


class ThreadStatus(Labelled):
    OPEN = "open"
    RESOLVED = "resolved"


class GoalStatus(Labelled):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    PAUSED = "paused"
    DROPPED = "dropped"


class RecognitionKind(Labelled):
    THANKS = "thanks"
    PUBLIC_PRAISE = "public_praise"
    GIFT = "gift"
    OTHER = "other"


class AskStatus(Labelled):
    OPEN = "open"
    GRANTED = "granted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class AgendaStatus(Labelled):
    """Where a talking point stands: still to raise, talked about, let go, or a suggestion turned down."""

    OPEN = "open"
    DISCUSSED = "discussed"
    DROPPED = "dropped"
    DISMISSED = "dismissed"


class AgendaSource(Labelled):
    """Where a talking point came from: typed by the lead, or one of the suggestions, or a template."""

    OWN = "own"
    CONCERN = "concern"
    GOAL = "goal"
    ASK = "ask"
    THREAD = "thread"
    QUESTION = "question"
    TEMPLATE = "template"


class CaseStatus(Labelled):
    OPEN = "open"
    CLOSED = "closed"


class CaseOutcome(Labelled):
    """How a watchlist case ended."""

    IMPROVED = "improved"
    ROLE_CHANGE = "role_change"
    PARTED = "parted"
    OTHER = "other"


class ChanceResult(Labelled):
    PENDING = "pending"
    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"


_LABELS: dict[StrEnum, str] = {
    Direction.TO_MENTEE: "Lead → mentee",
    Direction.FROM_MENTEE: "Mentee → lead",
    Direction.PRIVATE: "Private note",
    Setting.ONE_ON_ONE: "1:1",
    Setting.AD_HOC: "Ad hoc",
    RecognitionKind.PUBLIC_PRAISE: "Public praise",
    CaseOutcome.ROLE_CHANGE: "Role change",
    CaseOutcome.PARTED: "Parted ways",
    ChanceResult.PARTLY_MET: "Partly met",
    ChanceResult.NOT_MET: "Not met",
}


# -- user text inside the desk's own sentences ------------------------------------------
FSI = "\u2068"  # FIRST STRONG ISOLATE: the text inside takes the direction of its first letter
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE: ends it
_RTL_CLASSES = frozenset(("R", "AL", "AN", "RLE", "RLO", "RLI", "LRE", "LRO", "LRI", "FSI", "PDF", "PDI"))


def isolate(text: str) -> str:
    """User text (a name, a topic) made safe to put inside a sentence of ours.

    A right-to-left name at the start of "… is not on the watchlist" would otherwise
    make the whole sentence right-to-left and move our words to its far end; isolated,
    the name keeps its own direction and the sentence keeps ours (Unicode bidi rules
    X5a–X6a, honoured by Qt and by the packets). Text holding no right-to-left letter
    and no direction controls is returned as it is: in a left-to-right sentence it
    cannot move anything, and terminals that show the marks as boxes never see them.
    """
    if not text or not any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text):
        return text
    return f"{FSI}{text}{PDI}"
