"""Upgrades keep every row: a journal built at each earlier schema revision, filled, then opened.

The rows are made by reflection (each table's columns filled by their type, foreign
keys pointing at rows made before), so the check covers revisions nobody has
written yet. Only one revision ships today, so a second test adds a throwaway
revision (a table rebuild, SQLite's riskiest kind of change) in a copy of the
migrations folder, and a third shows that the check notices a lossy upgrade.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentorapp.models.errors import StoreError
from mentorapp.models.storage import migrate, store as store_module
from mentorapp.models.trust import backups, opening
from mentorapp.models.storage.store import MIGRATIONS_DIR, Store, _make_engine
from tests.conftest import TEST_KEY

ROWS_PER_TABLE = 4
SKIPPED_TABLES = ("alembic_version", "sqlite_", "search_index")

TRIAL_REVISION = '''
"""A trial revision for the upgrade test: a new column on mentees and a rebuilt entry table."""

import sqlalchemy as sa
from alembic import op

revision = "trial2"
down_revision = "{previous}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mentee") as batch:
        batch.add_column(sa.Column("pronouns", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("goal", recreate="always") as batch:
        batch.alter_column("success_criteria", existing_type=sa.Text(), nullable=False)
'''

LOSSY_REVISION = '''
"""A careless revision: it rebuilds the entry table and forgets every other row."""

from alembic import op

revision = "lossy2"
down_revision = "{previous}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The talking points that name those entries go with them (or the upgrade would be refused).
    op.execute("DELETE FROM agenda_point WHERE concern_id % 2 = 0 OR entry_id % 2 = 0")
    op.execute("DELETE FROM entry WHERE id % 2 = 0")
'''


def _value(column: sa.Column, chance: random.Random, number: int) -> Any:
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return chance.random() < 0.5
    if isinstance(kind, sa.Integer):
        return chance.randrange(1, 400)
    if isinstance(kind, sa.DateTime):
        return dt.datetime(2020, 1, 1) + dt.timedelta(seconds=chance.randrange(0, 10**8))
    if isinstance(kind, sa.Date):
        return dt.date(2020, 1, 1) + dt.timedelta(days=chance.randrange(0, 3000))
    length = getattr(kind, "length", None) or 200
    words = ["Zoë", "Олег", "محمد", "李雷", "🙂", "O'Brien", '"quoted"', "line\nbreak", str(number)]
    return " ".join(chance.choice(words) for _ in range(4))[:length]


def _tables(connection: sa.Connection) -> list[sa.Table]:
    metadata = sa.MetaData()
    metadata.reflect(bind=connection)
    return [t for t in metadata.sorted_tables if not t.name.startswith(SKIPPED_TABLES)]


def fill_by_reflection(engine: sa.Engine, *, seed: int = 7) -> dict[str, dict[Any, dict[str, Any]]]:
    """Put ROWS_PER_TABLE rows in every table, by column type; returns all rows (those a revision
    seeded included) by table and primary key."""
    chance = random.Random(seed)
    made: dict[str, dict[Any, dict[str, Any]]] = {}
    with engine.begin() as connection:
        for table in _tables(connection):
            rows: dict[Any, dict[str, Any]] = {}
            for existing in connection.execute(sa.select(table)).mappings():
                rows[tuple(existing[c.name] for c in table.primary_key.columns)] = dict(existing)
            first = len(rows) + 1
            for number in range(first, first + ROWS_PER_TABLE):
                row: dict[str, Any] = {}
                for column in table.columns:
                    foreign = next(iter(column.foreign_keys), None)
                    if foreign is not None:
                        parents = [key[0] for key in made.get(foreign.column.table.name, {})]
                        row[column.name] = chance.choice(parents) if parents else None
                    elif column.primary_key and isinstance(column.type, sa.Integer):
                        row[column.name] = number
                    elif column.primary_key:
                        row[column.name] = f"key-{number}"
                    else:
                        row[column.name] = _value(column, chance, number)
                connection.execute(table.insert().values(**row))
                key = tuple(row[c.name] for c in table.primary_key.columns)
                rows[key] = row
            made[table.name] = rows
    return made


def missing_rows(engine: sa.Engine, before: dict[str, dict[Any, dict[str, Any]]]) -> list[str]:
    """Every row (or value, in columns that still exist) that did not survive, as readable lines."""
    problems: list[str] = []
    with engine.connect() as connection:
        tables = {t.name: t for t in _tables(connection)}
        for name, rows in before.items():
            table = tables.get(name)
            if table is None:
                problems.append(f"table {name} is gone")
                continue
            keys = list(table.primary_key.columns)
            for key, row in rows.items():
                found = connection.execute(
                    sa.select(table).where(*(column == value for column, value in zip(keys, key)))
                ).mappings().first()
                if found is None:
                    problems.append(f"{name} {key} is gone")
                    continue
                for column, value in row.items():
                    if column in found and found[column] != value:
                        problems.append(f"{name} {key}.{column} changed")
    return problems


def build_at(path: Path, revision: str, scripts: Path) -> sa.Engine:
    engine = _make_engine(path, TEST_KEY)
    migrate.upgrade(engine, revision, script_location=scripts)
    return engine


@pytest.fixture
def trial_scripts(tmp_path: Path) -> Path:
    """A copy of the shipped migrations with a throwaway revision on top (the package is not touched)."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def add_revision(scripts: Path, template: str) -> str:
    previous = migrate.head_revision(scripts)
    source = textwrap.dedent(template).format(previous=previous)
    name = source.split('revision = "', 1)[1].split('"', 1)[0]
    (scripts / "versions" / f"{name}.py").write_text(source, encoding="utf-8")
    return name


def upgrade_every_earlier_revision(scripts: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Build, fill and open (which upgrades) a journal at each revision before head; returns how many."""
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    monkeypatch.setattr(store_module, "SCHEMA_HEAD", migrate.head_revision(scripts))
    earlier = migrate.revisions(scripts)[:-1]
    for revision in earlier:
        path = folder / f"at-{revision}.db"
        engine = build_at(path, revision, scripts)
        before = fill_by_reflection(engine)
        engine.dispose()
        with opening.open_store(path, TEST_KEY) as opened:
            assert missing_rows(opened.engine, before) == [], f"upgrading from {revision} lost rows"
            assert opened.integrity_problem() is None
        made = [b for b in backups.list_backups(path) if b.reason is backups.Reason.BEFORE_UPGRADE]
        assert len(made) == 1, f"no backup before upgrading from {revision}"
        with Store.open(made[0].path, TEST_KEY, create=False) as backup:
            # The backup holds the journal as it was.
            assert backup.count_rows("mentee") == ROWS_PER_TABLE
    return len(earlier)


def test_every_shipped_earlier_revision_upgrades_with_every_row(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    if len(migrate.revisions()) < 2:
        pytest.skip("only one schema revision ships so far; the trial revision below exercises the upgrade")
    assert upgrade_every_earlier_revision(MIGRATIONS_DIR, tmp_path, monkeypatch) >= 1


def test_an_upgrade_through_a_trial_revision_keeps_every_row(trial_scripts: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = migrate.revisions()
    add_revision(trial_scripts, TRIAL_REVISION)
    assert upgrade_every_earlier_revision(trial_scripts, tmp_path, monkeypatch) == len(shipped)
    with Store.open(tmp_path / f"at-{shipped[0]}.db", TEST_KEY) as upgraded:
        columns = {c["name"] for c in sa.inspect(upgraded.engine).get_columns("mentee")}
        assert "pronouns" in columns  # the upgrade really ran


def test_the_check_notices_an_upgrade_that_loses_rows(trial_scripts: Path, tmp_path: Path) -> None:
    before_head = migrate.head_revision(trial_scripts)
    lossy = add_revision(trial_scripts, LOSSY_REVISION)
    engine = build_at(tmp_path / "j.db", before_head, trial_scripts)
    before = fill_by_reflection(engine)
    migrate.upgrade(engine, lossy, script_location=trial_scripts)
    problems = missing_rows(engine, before)
    engine.dispose()
    assert any(line.startswith("entry (") for line in problems)
    assert all(line.startswith(("entry (", "agenda_point (")) and line.endswith("is gone") for line in problems)


def journal_one_revision_behind(trial_scripts: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A filled journal at today's head, with the app made to write the trial revision on top of it."""
    earlier = migrate.head_revision(trial_scripts)
    add_revision(trial_scripts, TRIAL_REVISION)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", trial_scripts)
    monkeypatch.setattr(store_module, "SCHEMA_HEAD", migrate.head_revision(trial_scripts))
    path = folder / "behind.db"
    engine = build_at(path, earlier, trial_scripts)
    fill_by_reflection(engine)
    engine.dispose()
    return path, earlier


def test_the_store_alone_opens_an_older_journal_as_it_is_and_makes_no_backup(
        trial_scripts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, earlier = journal_one_revision_behind(trial_scripts, tmp_path, monkeypatch)
    with Store.open(path, TEST_KEY) as opened:
        assert opened.upgrade_due and opened.revision == earlier
    assert backups.list_backups(path) == []
    with opening.open_store(path, TEST_KEY) as upgraded:
        assert not upgraded.upgrade_due
        assert [b.reason for b in backups.list_backups(path)] == [backups.Reason.BEFORE_UPGRADE]


def test_a_journal_whose_backup_cannot_be_made_is_not_upgraded(
        trial_scripts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, earlier = journal_one_revision_behind(trial_scripts, tmp_path, monkeypatch)
    backups.backup_folder(path).write_text("a file where the backup folder belongs", encoding="utf-8")
    with pytest.raises(StoreError, match="Cannot write a backup"):
        opening.open_store(path, TEST_KEY)
    with Store.open(path, TEST_KEY) as untouched:
        assert untouched.revision == earlier
        assert untouched.count_rows("mentee") == ROWS_PER_TABLE
