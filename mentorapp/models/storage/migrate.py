"""Runs the Alembic migrations shipped inside the package against an open engine."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.storage.schema import MIGRATIONS_DIR


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Leave the full-text index's and sync's own tables (made by their migrations alone) out of comparisons."""
    return not (type_ == "table" and name is not None and name.startswith(("search_index", "sync_")))


def alembic_config(script_location: Path | None = None) -> Config:
    """Alembic's configuration for the migrations shipped in the package (or, in tests, another folder)."""
    config = Config()
    config.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    return config


def head_revision(script_location: Path | None = None) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    assert head is not None
    return head


def revisions(script_location: Path | None = None) -> list[str]:
    """Every schema revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config(script_location))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def is_known_revision(revision: str) -> bool:
    return revision in revisions()


class ForeignKeyError(MentorAppError):
    """An upgrade would leave a row pointing at a row that does not exist; nothing was changed."""


def upgrade(engine: Engine, revision: str = "head", *, script_location: Path | None = None) -> None:
    """Bring the schema to `revision` in one transaction (SQLite DDL is transactional).

    Foreign keys are off while it runs, as SQLite's own procedure for changing a
    table asks: Alembic rebuilds a table by copying it and dropping the original,
    and with foreign keys on, that drop would run every ON DELETE action of the
    rows pointing at it (clearing an entry's goal, deleting a case's chances).
    The references are checked before the commit instead.
    """
    config = alembic_config(script_location)
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None  # a connection just taken from the pool is live
        # Only outside a transaction does this pragma take effect.
        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken is not None:
                    raise ForeignKeyError(
                        # Translators: {table} and {target} are the names of tables in the journal's file.
                        _("The upgrade would leave a row of {table} pointing at a missing {target}; "
                          "the journal was left as it was.").format(table=broken[0], target=broken[2])
                    )
        finally:
            driver.execute("PRAGMA foreign_keys = ON")
