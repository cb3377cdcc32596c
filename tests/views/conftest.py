"""Desk fixtures: a main window on a fresh journal with the calendar fixed, settings wiped per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from mentorapp.app import make_application
from mentorapp.models.clock import FixedClock
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Key, Store
from mentorapp.views.runtime.background import BackgroundRunner
from mentorapp.views.shell.main_window import MainWindow

from desk_support import DEMO_TODAY, open_desk
from tests.conftest import DEMO_NOW

_KEY = Key(secret="3c" * 32, raw=True, source="test")


@pytest.fixture(autouse=True)
def _fresh_settings() -> None:
    """Each test starts as a first run: no remembered layout, mentee or preference."""
    make_application()
    QSettings().clear()
    QSettings().sync()


@pytest.fixture
def desk(qtbot, services: Services) -> MainWindow:
    """The desk on an empty journal."""
    return open_desk(qtbot, services)


@pytest.fixture
def demo_desk(qtbot, demo_services: Services) -> MainWindow:
    """The desk on the demo team, as of DEMO_TODAY."""
    return open_desk(qtbot, demo_services)


@pytest.fixture(scope="session")
def _busy_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("busy-template") / "busy.db"
    with Store.open(path, _KEY) as store:
        Services(store, clock=FixedClock(DEMO_NOW)).demo.generate(mentees=1, entries=20_000, seed=3, today=DEMO_TODAY)
        store.checkpoint()
    return path


@pytest.fixture
def busy_services(_busy_template: Path, tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    """One mentee with 20,000 entries (built once per test run, copied per test)."""
    path = tmp_path / "busy.db"
    shutil.copyfile(_busy_template, path)
    with Store.open(path, _KEY) as opened:
        yield Services(opened, clock=clock)


@pytest.fixture
def runner(qtbot) -> BackgroundRunner:
    """A background runner whose tasks are all finished before the test's journal closes."""
    runner = BackgroundRunner()
    yield runner
    runner.wait(10_000)
