"""The command line tells SQLite's failures apart by SQLite's result codes, not by their wording."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
from sqlalchemy.exc import OperationalError

from mentorapp.cli.opening import database_failure


def busy_error(tmp_path: Path) -> sqlcipher3.OperationalError:
    """What the driver raises when another connection holds the write lock (no waiting)."""
    path = tmp_path / "busy.db"
    holder = sqlcipher3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlcipher3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlcipher3.OperationalError as exc:
        return exc
    finally:
        other.close()
        holder.close()
    raise AssertionError("the second writer was not refused")


def test_a_busy_journal_is_told_as_busy_under_sqlalchemy_too(tmp_path: Path) -> None:
    error = busy_error(tmp_path)
    assert error.sqlite_errorcode == sqlcipher3.SQLITE_BUSY
    wrapped = OperationalError("BEGIN IMMEDIATE", {}, error)
    for failure in (error, wrapped):
        assert database_failure(failure, Path("team.db")) == (
            "The journal team.db stayed busy (another program is writing to it); try again."
        )


def test_busy_is_known_by_its_code_whatever_the_words(tmp_path: Path) -> None:
    error = busy_error(tmp_path)
    reworded = sqlcipher3.OperationalError("la base de données est verrouillée")
    reworded.sqlite_errorcode = error.sqlite_errorcode
    assert "stayed busy" in database_failure(reworded, Path("team.db"))
    plain = sqlcipher3.OperationalError("the database is locked, says a message without a code")
    assert database_failure(plain, Path("team.db")).startswith("The journal team.db cannot be used:")
