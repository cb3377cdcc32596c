"""Full-text search over every text the journal holds (SQLite FTS5, ranked, with snippets)."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select, text

from mentorapp.models.entry import Entry
from mentorapp.models.readmodels import SearchHit
from mentorapp.models.services.base import Service
from mentorapp.models.vocabulary import EntryKind

_TOKEN = re.compile(r"\w+", re.UNICODE)
_MARK_START, _MARK_END = "\x02", "\x03"

DOC_LABELS = {
    "thread": "Thread",
    "goal": "Goal",
    "recognition": "Recognition",
    "ask": "Ask",
    "watch_case": "Watchlist",
    "chance": "Chance",
    "mentee": "Mentee",
}

_QUERY = text(
    """
    SELECT s.doc_type, s.doc_id, s.mentee_id, s.at, m.name,
           snippet(search_index, 0, char(2), char(3), '…', :words)
    FROM search_index AS s JOIN mentee AS m ON m.id = s.mentee_id
    WHERE search_index MATCH :match AND m.deleted_at IS NULL
    ORDER BY s.rank
    LIMIT :limit
    """
)


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


def split_snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Remove the match markers from a snippet and return where they were."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for char in marked:
        if char == _MARK_START:
            start = length
        elif char == _MARK_END:
            if start is not None:
                spans.append((start, length))
            start = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), tuple(spans)


def _as_date(value: object) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(str(value)).date()
    except ValueError:
        return None


class SearchService(Service):
    """Ranked search across entries, threads, goals, recognitions, asks, the watchlist and names."""

    def query(self, query: str, *, limit: int = 50, prefix: bool = True, snippet_words: int = 16) -> list[SearchHit]:
        match = match_expression(query, prefix=prefix)
        if match is None:
            return []
        with self.store.read() as session:
            rows = session.execute(
                _QUERY, {"match": match, "limit": limit, "words": max(4, min(snippet_words, 64))}
            ).all()
            entry_ids = [int(r[1]) for r in rows if r[0] == "entry"]
            kinds = (
                dict(session.execute(select(Entry.id, Entry.kind).where(Entry.id.in_(entry_ids))).all())
                if entry_ids
                else {}
            )
        hits = []
        for doc_type, doc_id, mentee_id, at, name, marked in rows:
            snippet, spans = split_snippet(marked or "")
            label = EntryKind(kinds[int(doc_id)]).label if doc_type == "entry" else DOC_LABELS[doc_type]
            hits.append(
                SearchHit(
                    doc_type=doc_type,
                    doc_id=int(doc_id),
                    mentee_id=int(mentee_id),
                    mentee_name=name,
                    at=_as_date(at),
                    label=label,
                    snippet=snippet,
                    highlights=spans,
                )
            )
        return hits
