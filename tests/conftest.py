"""Shared fixtures: an encrypted temp journal per test (copied from a template made once),
an in-memory keyring, offscreen Qt with its settings kept in a temp folder."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before Qt or keyring load: no screen, and nothing written to the developer's real config.
_SANDBOX = Path(tempfile.mkdtemp(prefix="mentorapp-tests-"))
if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen:"):  # a given screen size stays
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CACHE_HOME"] = str(_SANDBOX / "cache")
os.environ["XDG_STATE_HOME"] = str(_SANDBOX / "state")  # the app's log (mentorapp.logs)
os.environ.pop("MENTORAPP_PASSPHRASE", None)
os.environ.pop("MENTORAPP_DB", None)
# The suite reads English with British dates whatever the machine's locale; the language tests set their own,
# and the walks over every screen run the desk once per language (MENTORAPP_TEST_LANG, in a process of their own).
os.environ["MENTORAPP_LANG"] = os.environ.get("MENTORAPP_TEST_LANG") or "en_GB"

import keyring
import pytest
from hypothesis import settings
from keyring.backend import KeyringBackend

from mentorapp import i18n
from mentorapp.models.clock import FixedClock
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Key, Store

# Property tests explore new random examples on a developer's machine, where a failure is a
# bug to fix; in CI they replay the same examples every run, so a landing never depends on luck.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# What the desk and the command line do first: speak the language chosen (here MENTORAPP_LANG's).
_SPEECH = i18n.set_language(i18n.choose())
from PySide6.QtCore import QLocale

if os.environ.get("MENTORAPP_TEST_LANG"):
    QLocale.setDefault(QLocale(_SPEECH.locale))
_LOCALE = QLocale()

TEST_KEY = Key(secret="5a" * 32, raw=True, source="test")
TEST_PASSPHRASE = "correct horse battery staple"
DEMO_TODAY = dt.date(2026, 11, 29)
# The moment the journal's clock shows in tests: a fixed afternoon of DEMO_TODAY, so that
# "today", "overdue by 1 day" and "12 days ago" read the same on any day the suite runs.
DEMO_NOW = dt.datetime.combine(DEMO_TODAY, dt.time(15, 30))


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this process only."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def _language_kept() -> Iterator[None]:
    """A test that moves the language or QLocale's default (a desk start, a language test) leaves the next
    test the suite's own, whichever worker runs what after it."""
    yield
    i18n.set_language(_SPEECH)
    QLocale.setDefault(_LOCALE)


@pytest.fixture(autouse=True)
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture(autouse=True)
def _cycles_collected_on_the_main_thread() -> None:
    # Once a desk test has made the application, Python's automatic collection is off and the
    # desk's timer collects on the GUI thread (mentorapp.views.runtime.gui_collector); between tests
    # the timer may not have had a turn, so collect what is due here, on the main thread.
    yield
    fixes = sys.modules.get("mentorapp.views.runtime.gui_collector")
    if fixes is not None and not gc.isenabled():
        fixes.collect_due_generations()


@pytest.fixture(autouse=True)
def _no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MENTORAPP_PASSPHRASE", raising=False)
    monkeypatch.delenv("MENTORAPP_DB", raising=False)


def _template(name: str, key: Key, fill=None) -> Path:
    path = _SANDBOX / "templates" / name
    if not path.exists():
        with Store.open(path, key) as store:
            if fill is not None:
                fill(Services(store, clock=FixedClock(DEMO_NOW)))
            store.checkpoint()
    return path


def _copy_journal(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    return target


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    """An empty, up-to-date journal file encrypted with TEST_KEY."""
    return _copy_journal(_template("empty.db", TEST_KEY), tmp_path / "journal.db")


@pytest.fixture
def store(journal_path: Path) -> Iterator[Store]:
    with Store.open(journal_path, TEST_KEY) as opened:
        yield opened


@pytest.fixture
def clock() -> FixedClock:
    """The journal's clock in tests: DEMO_NOW until a test moves it."""
    return FixedClock(DEMO_NOW)


@pytest.fixture
def services(store: Store, clock: FixedClock) -> Services:
    return Services(store, clock=clock)


def _fill_demo(services: Services) -> None:
    services.demo.generate(seed=7, today=DEMO_TODAY)


@pytest.fixture
def demo_services(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    """A journal holding the default demo team (seed 7, as of DEMO_TODAY)."""
    path = _copy_journal(_template("demo.db", TEST_KEY, _fill_demo), tmp_path / "demo.db")
    with Store.open(path, TEST_KEY) as opened:
        yield Services(opened, clock=clock)


@pytest.fixture
def passphrase_journal(tmp_path: Path) -> Path:
    """A demo journal locked with TEST_PASSPHRASE, for driving the real command line."""
    template = _template("demo-passphrase.db", Key(secret=TEST_PASSPHRASE), _fill_demo)
    return _copy_journal(template, tmp_path / "cli.db")


def pytest_sessionfinish(session, exitstatus) -> None:
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture
def python() -> str:
    return sys.executable
