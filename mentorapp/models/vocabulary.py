"""The fixed vocabularies of the method: kinds, directions, settings and statuses.

Each value is stored as its string; `label` gives the words a lead reads, in the lead's language.
"""

from __future__ import annotations

import functools
import unicodedata
from enum import StrEnum
from typing import Self

from mentorapp import i18n
from mentorapp.i18n import pgettext


class Labelled(StrEnum):
    """A vocabulary whose members have words for the lead and can be parsed back from them."""

    @property
    def label(self) -> str:
        """The member's words in the language spoken now (a status or kind, capitalised as a label)."""
        return _labels(i18n.language())[type(self), self.value]

    @property
    def english_label(self) -> str:
        """The member's words in English (a lead may type them whatever language the desk speaks)."""
        return _labels(i18n.SOURCE)[type(self), self.value]

    @classmethod
    def parse(cls, text: str) -> Self:
        """Accept a value or a label (English or the language spoken now), case-insensitively, with - or space for _."""
        key = _key(text)
        for member in cls:
            if key in (member.value, _key(member.english_label), _key(member.label)):
                return member
        raise ValueError(text)


def _key(text: str) -> str:
    return text.strip().casefold().replace("-", "_").replace(" ", "_")


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


@functools.cache
def _labels(language: str) -> dict[tuple[type[StrEnum], str], str]:
    """Every member's words in `language` (one table per language, made the first time it is asked for).

    Keyed by vocabulary and value: members of two vocabularies with one value ("open") are equal strings.
    """
    with i18n.speaking(language):
        words: tuple[tuple[StrEnum, str], ...] = (
            (EntryKind.PROGRESS, pgettext("entry kind", "Progress")),
            (EntryKind.CONCERN, pgettext("entry kind", "Concern")),
            (EntryKind.THOUGHT, pgettext("entry kind", "Thought")),
            (EntryKind.FEEDBACK, pgettext("entry kind", "Feedback")),
            (EntryKind.QUESTION, pgettext("entry kind", "Question")),
            (EntryKind.PRAISE, pgettext("entry kind", "Praise")),
            (EntryKind.ASK, pgettext("entry kind", "Ask")),
            (EntryKind.DECISION, pgettext("entry kind", "Decision")),
            (Direction.TO_MENTEE, pgettext("direction", "Lead → mentee")),
            (Direction.FROM_MENTEE, pgettext("direction", "Mentee → lead")),
            (Direction.PRIVATE, pgettext("direction", "Private note")),
            (Setting.ONE_ON_ONE, pgettext("setting", "1:1")),
            (Setting.COFFEE, pgettext("setting", "Coffee")),
            (Setting.WALK, pgettext("setting", "Walk")),
            (Setting.CHAT, pgettext("setting", "Chat")),
            (Setting.MEETING, pgettext("setting", "Meeting")),
            (Setting.AD_HOC, pgettext("setting", "Ad hoc")),
            (Side.LEAD, pgettext("side", "Lead")),
            (Side.MENTEE, pgettext("side", "Mentee")),
            (ThreadStatus.OPEN, pgettext("thread status", "Open")),
            (ThreadStatus.RESOLVED, pgettext("thread status", "Resolved")),
            (GoalStatus.ACTIVE, pgettext("goal status", "Active")),
            (GoalStatus.ACHIEVED, pgettext("goal status", "Achieved")),
            (GoalStatus.PAUSED, pgettext("goal status", "Paused")),
            (GoalStatus.DROPPED, pgettext("goal status", "Dropped")),
            (RecognitionKind.THANKS, pgettext("recognition kind", "Thanks")),
            (RecognitionKind.PUBLIC_PRAISE, pgettext("recognition kind", "Public praise")),
            (RecognitionKind.GIFT, pgettext("recognition kind", "Gift")),
            (RecognitionKind.OTHER, pgettext("recognition kind", "Other")),
            (AskStatus.OPEN, pgettext("ask status", "Open")),
            (AskStatus.GRANTED, pgettext("ask status", "Granted")),
            (AskStatus.DECLINED, pgettext("ask status", "Declined")),
            (AskStatus.WITHDRAWN, pgettext("ask status", "Withdrawn")),
            (AgendaStatus.OPEN, pgettext("talking point status", "Open")),
            (AgendaStatus.DISCUSSED, pgettext("talking point status", "Discussed")),
            (AgendaStatus.DROPPED, pgettext("talking point status", "Dropped")),
            (AgendaStatus.DISMISSED, pgettext("talking point status", "Dismissed")),
            (AgendaSource.OWN, pgettext("talking point source", "Own")),
            (AgendaSource.CONCERN, pgettext("talking point source", "Concern")),
            (AgendaSource.GOAL, pgettext("talking point source", "Goal")),
            (AgendaSource.ASK, pgettext("talking point source", "Ask")),
            (AgendaSource.THREAD, pgettext("talking point source", "Thread")),
            (AgendaSource.QUESTION, pgettext("talking point source", "Question")),
            (AgendaSource.TEMPLATE, pgettext("talking point source", "Template")),
            (CaseStatus.OPEN, pgettext("watchlist case status", "Open")),
            (CaseStatus.CLOSED, pgettext("watchlist case status", "Closed")),
            (CaseOutcome.IMPROVED, pgettext("watchlist case outcome", "Improved")),
            (CaseOutcome.ROLE_CHANGE, pgettext("watchlist case outcome", "Role change")),
            (CaseOutcome.PARTED, pgettext("watchlist case outcome", "Parted ways")),
            (CaseOutcome.OTHER, pgettext("watchlist case outcome", "Other")),
            (ChanceResult.PENDING, pgettext("chance result", "Pending")),
            (ChanceResult.MET, pgettext("chance result", "Met")),
            (ChanceResult.PARTLY_MET, pgettext("chance result", "Partly met")),
            (ChanceResult.NOT_MET, pgettext("chance result", "Not met")),
        )
    return {(type(member), member.value): text for member, text in words}


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
