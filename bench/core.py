"""Measures of the headless core: search, saving a note, the roster."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import sqlcipher3
from sqlalchemy import event

from bench.journals import BenchJournal, scratch_copy
from bench.results import Result, median, percentile, timed
from mentorapp.models import insights
from mentorapp.models.services import Services, Topic
from mentorapp.models.services.search import CANDIDATE_SQL, CANDIDATES, DOCUMENTS_SQL, match_expression
from mentorapp.models.storage.store import Store

# Words a lead would look for. Common ones fill thousands of notes in the demo data;
# rare ones are names and details that appear in a handful.
COMMON_WORDS = ("release", "review", "sprint", "incident", "customer", "design", "migration",
                "onboarding", "estimates", "feedback")
RARE_WORDS = ("Lindqvist", "Haddad", "Okafor", "Quispe", "dismissive", "handwritten", "Wednesdays",
              "replicas", "facilities", "roadmap")


def _raw_connection(journal: BenchJournal) -> sqlcipher3.Connection:
    connection = sqlcipher3.connect(str(journal.path))
    connection.execute(f"PRAGMA key = \"{journal.key.pragma_value()}\"")
    connection.execute("PRAGMA cipher_log_level = NONE")
    return connection


def _raw_search(connection: sqlcipher3.Connection, word: str) -> None:
    """The same two FTS5 queries the search service runs, without the service around them."""
    cursor = connection.cursor()
    cursor.execute(CANDIDATE_SQL, {"match": match_expression(word), "candidates": CANDIDATES})
    best = sorted(cursor.fetchall(), key=lambda row: row[2])[:50]
    if best:
        cursor.execute(DOCUMENTS_SQL.format(ids=",".join(str(row[0]) for row in best))).fetchall()


def search(journal: BenchJournal, *, repeat: int = 7) -> tuple[Result, dict[str, float]]:
    connection = _raw_connection(journal)
    with Store.open(journal.path, journal.key) as store:
        services = Services(store)
        app_by_word: dict[str, float] = {}
        floor_by_word: dict[str, float] = {}
        for word in COMMON_WORDS + RARE_WORDS:
            # Interleave app and floor so machine noise hits both alike.
            app: list[float] = []
            floor: list[float] = []
            for _ in range(repeat):
                app += timed(partial(services.search.query, word), repeat=1)
                floor += timed(partial(_raw_search, connection, word), repeat=1)
            app_by_word[word] = median(app)
            floor_by_word[word] = median(floor)
    connection.close()
    app_median = median(list(app_by_word.values()))
    ratio = sum(app_by_word.values()) / sum(floor_by_word.values())
    result = Result(
        measure=f"Search, 10 common + 10 rare words ({journal.entries:,} entries)",
        app=app_median,
        floor=median(list(floor_by_word.values())),
        target="total ≤ 2 × raw FTS5; median < 50 ms",
        met=ratio <= 2 and app_median < 50,
        note=f"total {sum(app_by_word.values()):.0f} ms vs raw {sum(floor_by_word.values()):.0f} ms "
             f"(ratio {ratio:.2f}); slowest {max(app_by_word, key=lambda w: app_by_word[w])} "
             f"{max(app_by_word.values()):.1f} ms",
    )
    return result, app_by_word


def save_note(journal: BenchJournal, *, notes: int = 200) -> Result:
    copy = scratch_copy(journal, "save")
    with Store.open(copy.path, copy.key) as store:
        services = Services(store)
        mentee = services.mentees.list()[0]
        samples = timed(
            lambda: services.entries.add(mentee_id=mentee.id, text="Quick note after the stand-up about the release"),
            repeat=notes, warmup=3,
        )
    connection = _raw_connection(copy)
    connection.execute("PRAGMA synchronous = FULL")
    connection.isolation_level = None

    def raw_insert() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT INTO entry (mentee_id, at, kind, direction, setting, text, created_at, updated_at) "
            "VALUES (?, ?, 'feedback', 'to_mentee', 'one_on_one', ?, ?, ?)",
            (mentee.id, dt.datetime.now(), "Quick note", dt.datetime.now(), dt.datetime.now()),
        )
        connection.execute("COMMIT")

    floor = timed(raw_insert, repeat=notes, warmup=3)
    connection.close()
    p95 = percentile(samples, 0.95)
    return Result(
        measure="Save a note (encrypted, durable), 95th percentile",
        app=p95,
        floor=percentile(floor, 0.95),
        target="p95 < 20 ms",
        met=p95 < 20,
        note=f"median {median(samples):.1f} ms over {notes} notes; floor: raw INSERT + COMMIT, synchronous=FULL",
    )


def roster(journal: BenchJournal, *, repeat: int = 15) -> tuple[Result, int]:
    """The roster with its health insights for the whole team, and how many queries it took."""
    with Store.open(journal.path, journal.key) as store:
        services = Services(store)
        today = dt.date.today()

        def whole_roster() -> None:
            # As after a write: the roster is read from the journal, not from its cache.
            services.changes.publish(Topic.JOURNAL)
            for row in services.mentees.roster():
                insights.health(row, today=today)

        samples = timed(whole_roster, repeat=repeat, warmup=2)
        statements: list[str] = []

        def listener(*args: Any) -> None:
            statements.append(args[2])

        event.listen(store.engine, "before_cursor_execute", listener)
        services.changes.publish(Topic.JOURNAL)
        team = len(services.mentees.roster())
        event.remove(store.engine, "before_cursor_execute", listener)
        floor = timed(lambda: services.mentees.list(), repeat=repeat, warmup=1)
    queries = sum(1 for s in statements if s.lstrip().upper().startswith("SELECT"))
    app = median(samples)
    return (
        Result(
            measure=f"Roster with insights, {team} mentees ({journal.entries:,} entries)",
            app=app,
            floor=median(floor),
            target="< 100 ms; fixed query count",
            met=app < 100,
            note=f"{queries} SELECT statements; floor: listing the mentees alone",
        ),
        queries,
    )
