"""Hostile input: any text, any date, any mangled import. A clear sentence or a faithful save, never a crash.

Property tests (hypothesis) drive the services and the JSON import with text
holding control characters, NUL, lone surrogates, right-to-left marks and
megabytes, dates from year 1 to 9999, and random mutations of a valid export.
After each, the journal holds exactly what was accepted and nothing else.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from mentorapp.models.validation import CLOCK_SKEW, one_line, parse_date, parse_when, storable
from tests.conftest import DEMO_NOW, TEST_KEY

# Every code point, surrogates and controls included.
ANY_CHARACTER = st.characters(exclude_categories=())
NASTY = ["\x00", "\x1b[2J", "\u202e", "\u200f", "\u2066", "\ud800", "\udfff", "\ufeff", "\x7f", "\x85",
         "\u0301", "\U0001f9d1\u200d\U0001f4bb", "\r\n", "\t", "'", '"', "%", "\\", "*", "NEAR", "OR"]
HOSTILE_TEXT = st.lists(st.one_of(st.text(ANY_CHARACTER, max_size=30), st.sampled_from(NASTY)),
                        max_size=8).map("".join)
HYPOTHESIS = settings(max_examples=40, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "empty.db"
    with Store.open(path, TEST_KEY) as store:
        store.checkpoint()
    return path


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """One journal for every example of a property (checks compare before and after each write)."""
    path = tmp_path_factory.mktemp("shared") / "journal.db"
    with Store.open(path, TEST_KEY) as store:
        yield Services(store)


@contextmanager
def fresh_journal(template: Path) -> Iterator[Services]:
    """A new empty journal for one hypothesis example (a file copy: cheap)."""
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        path = folder / "journal.db"
        shutil.copyfile(template, path)
        with Store.open(path, TEST_KEY) as store:
            yield Services(store)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def assert_one_sentence(error: BaseException) -> None:
    message = str(error)
    assert message and "\n" not in message and len(message) < 400, message
    assert "Traceback" not in message


def assert_journal_whole(services: Services) -> None:
    assert services.store.pragma("PRAGMA integrity_check") == "ok"
    raw = services.store.engine.raw_connection()
    try:
        raw.driver_connection.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
    finally:
        raw.close()


# -- text through the services ------------------------------------------------------------------------
@HYPOTHESIS
@given(name=HOSTILE_TEXT, note=HOSTILE_TEXT, other=HOSTILE_TEXT, query=HOSTILE_TEXT)
def test_any_text_is_stored_faithfully_or_refused_in_one_sentence(shared: Services, name: str, note: str,
                                                                 other: str, query: str) -> None:
    services = shared
    before = services.journal.counts()
    try:
        mentee = services.mentees.add(name=name, role=other, thanks_preference=other)
    except MentorAppError as error:
        assert_one_sentence(error)
        assert services.journal.counts() == before
        mentee = services.mentees.add(name=f"Ana {before.mentees}")
    else:
        assert mentee.name == one_line(name, what="name")
        assert mentee.role == storable(other.strip())

    def kept(write, read) -> None:
        before = services.journal.counts()
        try:
            made = write()
        except MentorAppError as error:
            assert_one_sentence(error)
            assert services.journal.counts() == before  # nothing half-written
        else:
            assert read(made) == storable(note.strip())

    kept(lambda: services.entries.add(mentee_id=mentee.id, text=note),
         lambda made: services.entries.get(made.id).text)
    kept(lambda: services.goals.add(mentee_id=mentee.id, outcome=note, success_criteria=other, latitude=other),
         lambda made: made.outcome)
    kept(lambda: services.recognitions.add(mentee_id=mentee.id, what_for=note), lambda made: made.what_for)
    kept(lambda: services.asks.add(mentee_id=mentee.id, what=note, details=other), lambda made: made.what)
    kept(lambda: services.threads.open(mentee_id=mentee.id, topic=note, first_text=other or None),
         lambda made: made.topic)
    kept(lambda: services.watchlist.open_case(mentee_id=mentee.id, concern=note, support_plan=other),
         lambda made: made.concern)
    kept(lambda: services.starters.add(note), lambda made: made.text)
    services.search.query(query)
    services.search.query(note)


def test_the_journal_is_whole_after_the_hostile_text(shared: Services) -> None:
    assert_journal_whole(shared)


def test_a_megabyte_of_hostile_text_is_kept_whole_and_found(services: Services) -> None:
    huge = ("Zoë \u202eevil\u202c \x00 \u200fעברית\u200f \x1b[31m " * 30_000)[:1_000_000] + " needle"
    mentee = services.mentees.add(name="Ana")
    entry = services.entries.add(mentee_id=mentee.id, text=huge)
    assert services.entries.page(mentee.id)[0].text == huge.strip()
    assert entry.text == huge.strip()
    assert [hit.mentee_name for hit in services.search.query("needle")] == ["Ana"]
    assert_journal_whole(services)


def test_a_pasted_page_is_named_in_one_short_sentence_when_refused(services: Services) -> None:
    page = "Mira " + "\x1f\U0002ebe1 and so on " * 20_000
    pasted = services.mentees.add(name=page)
    services.mentees.add(name="Mira Costa")
    for refuse in (
        lambda: services.mentees.add(name=page),  # the same name again
        lambda: services.mentees.find("no such " + page),
        lambda: services.mentees.find("mira"),  # several match, and their names are listed
        lambda: services.entries.add(mentee_id=pasted.id, text="note", kind=page),
    ):
        with pytest.raises(MentorAppError) as refused:
            refuse()
        assert_one_sentence(refused.value)


# -- dates ----------------------------------------------------------------------------------------------------
@HYPOTHESIS
@given(at=st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59)),
       day=st.dates())
def test_any_date_is_kept_or_refused_in_one_sentence(shared: Services, at: dt.datetime, day: dt.date) -> None:
    services = shared
    mentee = services.mentees.list()[0] if services.mentees.list() else services.mentees.add(name="Dates")
    # Kept: within the supported years, and (each of these says when something happened) not ahead of now.
    now = services.clock.now()
    inside = {"at": 1900 <= at.year and at <= now + CLOCK_SKEW, "day": 1900 <= day.year and day <= now.date()}
    for uses, write in (
        ("at", lambda: services.entries.add(mentee_id=mentee.id, text="note", at=at)),
        ("day", lambda: services.goals.add(mentee_id=mentee.id, outcome="goal", set_on=day, check_in_on=day)),
        ("day", lambda: services.recognitions.add(mentee_id=mentee.id, what_for="thanks", given_on=day)),
        ("day", lambda: services.asks.add(mentee_id=mentee.id, what="budget", raised_on=day)),
        ("day", lambda: services.mentees.edit(mentee.id, started_on=day)),
    ):
        before = services.journal.counts()
        try:
            write()
        except MentorAppError as error:
            assert_one_sentence(error)
            assert services.journal.counts() == before
            assert not inside[uses]
        else:
            assert inside[uses]


@settings(max_examples=300, deadline=None)
@example(text="9999-12-31T23:59:59-14:00")  # a time zone pushes it past the last representable day
@example(text="0001-01-01T00:00:00+14:00")
@example(text="2026-02-30")
@example(text="0000" + "\x1f" * 7 + "\U0002ebe1\U0002fa1e\U0003134b" * 30)  # escapes make it long once quoted
@given(text=st.one_of(
    HOSTILE_TEXT,
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat(sep=" ")),
    st.from_regex(r"\A[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}([+-][0-9]{2}:[0-9]{2})?)?\Z"),
))
def test_typed_dates_are_read_or_refused_in_one_sentence(text: str) -> None:
    for read in (lambda: parse_when(text, now=DEMO_NOW), lambda: parse_date(text, today=DEMO_NOW.date())):
        try:
            value = read()
        except MentorAppError as error:
            assert_one_sentence(error)
        else:
            assert 1900 <= value.year <= 2100


# -- JSON imports -------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def valid_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("export")
    with Store.open(folder / "demo.db", TEST_KEY) as store:
        services = Services(store)
        services.demo.generate(mentees=3, entries=40, seed=5, today=dt.date(2026, 11, 29))
        services.interchange.export(folder / "valid.json")
    return json.loads((folder / "valid.json").read_text(encoding="utf-8"))


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
              st.floats(allow_nan=False, allow_infinity=False), HOSTILE_TEXT,
              st.sampled_from(["2026-11-29", "2026-11-29T10:00:00", "0000-00-00", "9999-12-31T23:59:59+14:00",
                               "to_mentee", "concern", "open", "active", "thanks"])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def mutated_exports(draw: st.DrawFn, document: dict[str, Any]) -> str:
    """A valid export with a few random mutations: values replaced, fields dropped or added, rows copied."""
    document = copy.deepcopy(document)
    sections = [key for key, value in document.items() if isinstance(value, list) and value]
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["replace", "drop", "add", "duplicate", "top", "swap ids"]))
        if how == "top":
            document[draw(st.sampled_from(list(document) + ["extra"]))] = draw(JSON_VALUES)
            continue
        rows = document[draw(st.sampled_from(sections))]
        if not isinstance(rows, list) or not rows:
            continue
        index = draw(st.integers(0, len(rows) - 1))
        row = rows[index]
        if how == "duplicate":
            rows.append(copy.deepcopy(row))
            continue
        if not isinstance(row, dict) or not row:
            continue
        field = draw(st.sampled_from(sorted(row)))
        if how == "replace":
            row[field] = draw(JSON_VALUES)
        elif how == "drop":
            del row[field]
        elif how == "add":
            row[draw(st.text(min_size=1, max_size=10))] = draw(JSON_VALUES)
        elif how == "swap ids" and "id" in row:
            row["id"] = draw(st.sampled_from([0, -1, 2**53 + 1, 10**400, 1.0, "1", None, rows[0].get("id")]))
    return json.dumps(document, ensure_ascii=draw(st.booleans()), allow_nan=False)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_mangled_export_imports_whole_or_not_at_all(empty_template: Path, valid_export: dict[str, Any],
                                                      tmp_path: Path, data: st.DataObject) -> None:
    text = data.draw(mutated_exports(valid_export))
    assume(text != json.dumps(valid_export))
    source = tmp_path / "mangled.json"
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    with fresh_journal(empty_template) as services:
        starters = services.starters.list()
        try:
            report = services.interchange.import_file(source)
        except MentorAppError as error:
            assert_one_sentence(error)
            assert services.journal.counts().total == 0
            assert services.starters.list() == starters  # the library was not replaced either
        else:
            assert services.journal.counts().mentees == report.counts["mentees"]
            again = tmp_path / "again.json"
            services.interchange.export(again)  # what was accepted exports cleanly
            json.loads(again.read_text(encoding="utf-8"))
        assert_journal_whole(services)


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_values_inside_rows_are_refused(empty_template: Path, valid_export: dict[str, Any],
                                                     tmp_path: Path, depth: int) -> None:
    text = json.dumps(valid_export).replace('"role": "', '"role": ' + "[" * depth + "]" * depth + ', "x": "', 1)
    source = tmp_path / "deep.json"
    source.write_text(text, encoding="utf-8")
    with fresh_journal(empty_template) as services:
        with pytest.raises(MentorAppError) as caught:
            services.interchange.import_file(source)
        assert_one_sentence(caught.value)
        assert services.journal.counts().total == 0
