"""Which schema this version of the app writes, and where its migrations live (no Alembic loaded here)."""

from __future__ import annotations

from pathlib import Path

# The newest schema revision this version of the app writes. A test checks that it
# is Alembic's head, so opening an up-to-date journal never has to load Alembic.
SCHEMA_HEAD = "0006"

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
