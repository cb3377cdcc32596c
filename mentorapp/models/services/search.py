"""Full-text search over every text the journal holds (SQLite FTS5, ranked, with snippets)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from operator import itemgetter

from sqlalchemy import select

from mentorapp.i18n import N_, _
from mentorapp.models.clock import SYSTEM_CLOCK, Clock
from mentorapp.models.services.changes import ChangeBus
from mentorapp.models.storage.store import Store
from mentorapp.models.entities.entry import Entry
from mentorapp.models.entities.mentee import Mentee
from mentorapp.models.readmodels import SearchHit
from mentorapp.models.services.base import Service
from mentorapp.models.storage.store import driver_of
from mentorapp.models.vocabulary import EntryKind

_TOKEN = re.compile(r"\w+", re.UNICODE)

DOC_LABELS = {
    "thread": N_("Thread"),
    "goal": N_("Goal"),
    "recognition": N_("Recognition"),
    "ask": N_("Ask"),
    "watch_case": N_("Watchlist"),
    "chance": N_("Chance"),
    "mentee": N_("Mentee"),
}

# How many of the most recently written matches are ranked. Ranking every match of a
# word that appears in most notes would cost hundreds of milliseconds in a journal
# of years; among the newest few thousand, relevance still decides the order.
CANDIDATES = 2000

CANDIDATE_SQL = (
    "SELECT rowid, mentee_id, bm25(search_index) FROM search_index "
    "WHERE search_index MATCH :match ORDER BY rowid DESC LIMIT :candidates"
)
DOCUMENTS_SQL = "SELECT rowid, doc_type, doc_id, mentee_id, at, body FROM search_index WHERE rowid IN ({ids})"


def match_expression(query: str, *, prefix: bool = True) -> str | None:
    """Turn what a lead typed into a safe FTS5 expression: every word must appear.

    Words are quoted, so FTS5 syntax in the input (quotes, AND, NEAR, *) is just
    text. With `prefix`, each word of two letters or more also matches longer
    words, so "relea" finds "release" and "release" finds "releases".
    """
    words = _TOKEN.findall(query)
    if not words:
        return None
    quoted = []
    for word in words:
        term = '"' + word.replace('"', '""') + '"'
        quoted.append(term + " *" if prefix and len(word) > 1 else term)
    return " ".join(quoted)


@lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """A word as the index compares it: case and diacritics removed."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def match_spans(text: str, words: list[str], *, prefix: bool) -> list[tuple[int, int]]:
    """Where the searched words occur in `text`, compared as the index compares them."""
    exact = tuple(fold(w) for w in words)
    starts = tuple(w for w in exact if prefix and len(w) > 1)
    if text.isascii():
        # Fast path for most notes: lower-casing keeps every offset in place.
        lowered = text.lower()
        return [
            m.span() for m in _TOKEN.finditer(lowered) if m.group() in exact or m.group().startswith(starts)
        ]
    spans = []
    for m in _TOKEN.finditer(text):
        folded = fold(m.group())
        if folded in exact or folded.startswith(starts):
            spans.append(m.span())
    return spans


def make_snippet(
    body: str, words: list[str], *, prefix: bool, width: int = 16
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About `width` words around the first match, on one line, with the matches' spans."""
    tokens = [m.start() for m in _TOKEN.finditer(body)]
    if not tokens:
        return " ".join(body.split())[:200], ()
    found = match_spans(body, words, prefix=prefix)
    first = bisect_left(tokens, found[0][0]) if found else 0
    begin = max(0, min(first - width // 3, len(tokens) - width))
    start = 0 if begin == 0 else tokens[begin]
    last = begin + width
    end = len(body) if last >= len(tokens) else tokens[last]
    piece = " ".join(body[start:end].split())
    lead = "…" if start > 0 else ""
    spans = tuple((len(lead) + a, len(lead) + b) for a, b in match_spans(piece, words, prefix=prefix))
    return lead + piece + ("…" if end < len(body) else ""), spans


def _as_date(value: object) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(str(value)).date()
    except ValueError:
        return None


class SearchService(Service):
    """Ranked search across entries, threads, goals, recognitions, asks, the watchlist and names."""

    def __init__(self, store: Store, bus: ChangeBus, clock: Clock = SYSTEM_CLOCK) -> None:
        super().__init__(store, bus, clock)
        # Who each hit belongs to, by mentee id: read once, again after any change.
        self._names: dict[int, str] | None = None
        bus.subscribe(self._forget_names)

    def _forget_names(self, _change: object) -> None:
        self._names = None

    def query(self, query: str, *, limit: int = 50, prefix: bool = True, snippet_words: int = 16) -> list[SearchHit]:
        match = match_expression(query, prefix=prefix)
        if match is None:
            return []
        words = _TOKEN.findall(query)
        with self.store.read() as session:
            names = self._names
            if names is None:
                names = dict(session.execute(select(Mentee.id, Mentee.name).where(Mentee.deleted_at.is_(None))).all())
                self._names = names
            # The hot path of search-as-you-type: thousands of candidate rows are read
            # straight from the driver's cursor rather than through Row objects.
            cursor = driver_of(session.connection().connection).cursor()
            try:
                cursor.execute(CANDIDATE_SQL, {"match": match, "candidates": CANDIDATES})
                candidates = cursor.fetchall()
                # Candidates arrive newest first; a stable sort on the score keeps the
                # newer of two equally relevant matches first.
                ranked = sorted((row for row in candidates if row[1] in names), key=itemgetter(2))[:limit]
                if not ranked:
                    return []
                cursor.execute(DOCUMENTS_SQL.format(ids=",".join(str(int(row[0])) for row in ranked)))
                documents = {row[0]: row for row in cursor.fetchall()}
            finally:
                cursor.close()
            entry_ids = [int(documents[r[0]][2]) for r in ranked if documents[r[0]][1] == "entry"]
            kinds = (
                dict(session.execute(select(Entry.id, Entry.kind).where(Entry.id.in_(entry_ids))).all())
                if entry_ids
                else {}
            )
        hits = []
        for rowid, *_rest in ranked:
            _rowid, doc_type, doc_id, mentee_id, at, body = documents[rowid]
            snippet, spans = make_snippet(body or "", words, prefix=prefix, width=max(4, min(snippet_words, 64)))
            label = EntryKind(kinds[int(doc_id)]).label if doc_type == "entry" else _(DOC_LABELS[doc_type])
            hits.append(
                SearchHit(
                    doc_type=doc_type,
                    doc_id=int(doc_id),
                    mentee_id=int(mentee_id),
                    mentee_name=names[int(mentee_id)],
                    at=_as_date(at),
                    label=label,
                    snippet=snippet,
                    highlights=spans,
                )
            )
        return hits
