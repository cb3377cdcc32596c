"""Journals that sync with each other in one test: each its own encrypted file, clock and services."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

from mentorapp.models.clock import FixedClock
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from tests.conftest import DEMO_NOW, TEST_KEY, _copy_journal, _template


@contextlib.contextmanager
def journals(tmp_path: Path, count: int) -> Iterator[list[Services]]:
    """`count` empty journals under TEST_KEY, each with a clock of its own (machines' clocks disagree)."""
    with contextlib.ExitStack() as stack:
        made = []
        for number in range(count):
            path = _copy_journal(_template("empty.db", TEST_KEY), tmp_path / f"journal-{number}.db")
            store = stack.enter_context(Store.open(path, TEST_KEY))
            made.append(Services(store, clock=FixedClock(DEMO_NOW)))
        yield made


def exported(services: Services, path: Path) -> bytes:
    services.interchange.export(path)
    return path.read_bytes()


def texts(services: Services, path: Path) -> set[str]:
    """Every text value of the journal's export (what the lead can read there)."""
    document = json.loads(exported(services, path))
    found: set[str] = set()
    for rows in document.values():
        if isinstance(rows, list):
            for row in rows:
                found.update(v for v in row.values() if isinstance(v, str))
    return found
