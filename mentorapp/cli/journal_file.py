"""Which journal a command works on: --db, else $MENTORAPP_DB, else mentorapp.db in the platform's data folder.

The standard library and platformdirs only: `mentorapp capture` (cli/capture_client.py) reads it
before anything else of the command line is loaded.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing itself is not loaded for this (see the module's doc)
if TYPE_CHECKING:
    from pathlib import Path

ENV_DB = "MENTORAPP_DB"


def default_db_path() -> Path:
    """The journal used when neither --db nor MENTORAPP_DB names one."""
    from platformdirs import user_data_path

    return user_data_path("MentorApp", appauthor=False) / "mentorapp.db"


def journal_file(db: str | None) -> str:
    """The journal named by `--db` (`db`), else by $MENTORAPP_DB, else the default one; `~` expanded."""
    if db:
        return os.path.expanduser(db)
    if os.environ.get(ENV_DB):
        return os.path.expanduser(os.environ[ENV_DB])
    return str(default_db_path())
