"""The app's log: where it is, that it rotates, and that a traceback in it carries no message."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorapp import logs
from mentorapp.models.errors import describe_exception


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "log"
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(folder))
    yield folder
    logs.shutdown_logging()


def test_the_log_lives_in_the_platforms_state_folder_unless_told_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(logs.LOG_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert logs.log_folder() == tmp_path / "state" / "MentorApp" / "log"
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "elsewhere"))
    assert logs.log_file() == tmp_path / "elsewhere" / "mentorapp.log"


def test_lines_go_to_the_file_once_however_often_logging_is_configured(log_dir: Path) -> None:
    assert logs.configure_logging() == log_dir / "mentorapp.log"
    assert logs.configure_logging() == log_dir / "mentorapp.log"
    logging.getLogger("mentorapp.example").info("Opened %s", "journal.db")
    lines = (log_dir / "mentorapp.log").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and lines[0].endswith("mentorapp.example: Opened journal.db")


def test_the_log_rotates_instead_of_growing(log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    logs.configure_logging()
    for number in range(200):
        logging.getLogger("mentorapp.example").info("Event number %d", number)
    names = sorted(path.name for path in log_dir.iterdir())
    assert names == ["mentorapp.log", "mentorapp.log.1", "mentorapp.log.2", "mentorapp.log.3"]
    assert all(path.stat().st_size <= 2_000 for path in log_dir.iterdir())


def test_a_folder_that_cannot_be_made_leaves_the_app_running_without_a_log(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")
    assert logs.configure_logging(blocker / "log") is None


def test_a_logged_traceback_names_frames_and_types_but_not_messages(log_dir: Path) -> None:
    logs.configure_logging()
    name = "".join(["Zyxwvut", " Marker"])  # built here, so that no line of code in the traceback holds it

    def read_note() -> None:
        try:
            sqlite3.connect(":memory:").execute(f"SELECT * FROM {name.replace(' ', '_')}")
        except sqlite3.Error as exc:  # "no such table: Zyxwvut_Marker"
            raise ValueError(f"Cannot save {name!r}") from exc

    try:
        read_note()
    except ValueError:
        logging.getLogger("mentorapp.example").exception("Saving failed")
    text = (log_dir / "mentorapp.log").read_text(encoding="utf-8")
    assert "zyxwvut" not in text.lower()
    assert "in read_note" in text and 'raise ValueError(f"Cannot save' in text  # code, not data
    assert "sqlite3.OperationalError (SQLITE_ERROR)" in text
    assert text.index("OperationalError") < text.index("direct cause of the following") < text.rindex("ValueError")
    assert text.rstrip().endswith("ValueError")


def test_a_journal_upgraded_on_opening_leaves_the_step_in_the_log(log_dir: Path, tmp_path: Path) -> None:
    from mentorapp.models.storage import migrate
    from mentorapp.models.storage.store import SCHEMA_HEAD, _make_engine
    from mentorapp.models.trust.opening import open_store
    from tests.conftest import TEST_KEY

    earlier = migrate.revisions()[-2]
    engine = _make_engine(tmp_path / "old.db", TEST_KEY)
    migrate.upgrade(engine, earlier)
    engine.dispose()
    logs.configure_logging()
    open_store(tmp_path / "old.db", TEST_KEY).close()
    text = (log_dir / "mentorapp.log").read_text(encoding="utf-8")
    assert f"alembic.runtime.migration: Running upgrade {earlier} -> {SCHEMA_HEAD}" in text
    assert "Context impl" not in text  # Alembic's chatter stays out


def test_an_os_error_is_described_by_its_code() -> None:
    error = FileNotFoundError(2, "No such file or directory", "/home/someone/Zyxwvut.db")
    assert describe_exception(error) == "FileNotFoundError (ENOENT)"
