"""Changing the key through the real command line: atomic under kills, backups in step, nothing left behind.

A `rekey` killed at any moment leaves a journal that opens with exactly one of the two
passphrases and holds every acknowledged note; the next command settles the change (finishes
it or undoes it, and says which), after which every backup opens with the journal's key.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorapp.models.errors import WrongKeyError
from mentorapp.models.storage.store import Key, Store
from mentorapp.models.trust import backups, key_change
from tests.conftest import TEST_PASSPHRASE

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261203
# The slow loop's rounds (60 by default; MENTORAPP_REKEY_KILL_ROUNDS sets another number).


def cli_env(passphrase: str | None, keyring_file: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env["PYTHONPATH"] = str(ROOT)
    if keyring_file is None:
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    else:
        env["PYTHON_KEYRING_BACKEND"] = "tests.support.file_keyring.FileKeyring"
        env["MENTORAPP_TEST_KEYRING_FILE"] = str(keyring_file)
    if passphrase is not None:
        env["MENTORAPP_PASSPHRASE"] = passphrase
    return env


def mentorapp(*args: str, db: Path, passphrase: str | None, stdin: str = "", keyring_file: Path | None = None,
              module: tuple[str, ...] = ("-m", "mentorapp")) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, *module, "--db", str(db), *args]
    return subprocess.run(command, capture_output=True, text=True, input=stdin, timeout=300, cwd=ROOT,
                          env=cli_env(passphrase, keyring_file))


def dies_at(moment: str, *args: str, db: Path, passphrase: str | None, stdin: str = "",
            keyring_file: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`mentorapp rekey …` that dies at `moment` (see tests/support/rekey_dies.py)."""
    return mentorapp(*args, db=db, passphrase=passphrase, stdin=stdin, keyring_file=keyring_file,
                     module=("-m", "tests.support.rekey_dies", moment))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def opens_with(path: Path, passphrase: str) -> bool:
    """Whether the file itself opens with `passphrase` (nothing settled, nothing changed)."""
    try:
        with Store.open(path, Key(secret=passphrase), create=False) as store:
            return store.integrity_problem() is None
    except WrongKeyError:
        return False


def notes_in(path: Path, passphrase: str) -> set[str]:
    with Store.open(path, Key(secret=passphrase), create=False) as store:
        raw = store.engine.raw_connection()
        try:
            return {row[0] for row in raw.driver_connection.execute("SELECT text FROM entry").fetchall()}
        finally:
            raw.close()


def leftovers(db: Path) -> list[str]:
    """Anything a killed command left: temporary copies, markers, locks of a key change."""
    beside = [p.name for p in db.parent.iterdir() if ".partial" in p.name or ".key-change" in p.name
              or p.name.startswith(".mentorapp-restore-")]
    inside = [p.name for p in backups.backup_folder(db).iterdir() if ".partial" in p.name]
    return sorted(beside + inside)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    db = tmp_path / "journal.db"
    assert mentorapp("mentee", "add", "Priya Raman", db=db, passphrase=TEST_PASSPHRASE).returncode == 0
    for text in ("Shipped the importer", "Asked about the on-call rota"):
        assert mentorapp("note", "priya", text, db=db, passphrase=TEST_PASSPHRASE).returncode == 0
    assert mentorapp("backup", db=db, passphrase=TEST_PASSPHRASE).returncode == 0
    return db


# -- the change itself -------------------------------------------------------------------------------------------
def test_rekey_re_encrypts_every_backup_and_leaves_nothing_behind(journal: Path) -> None:
    before = {info.path: digest(info.path) for info in backups.list_backups(journal)}
    changed = mentorapp("rekey", db=journal, passphrase=TEST_PASSPHRASE, stdin="a fresh passphrase\n")
    assert changed.returncode == 0, changed.stderr
    assert "backups now use the new key too" in changed.stdout
    assert not opens_with(journal, TEST_PASSPHRASE) and opens_with(journal, "a fresh passphrase")
    for info in backups.list_backups(journal):
        assert backups.backup_problem(info.path, Key(secret="a fresh passphrase")) is None
        problem = backups.backup_problem(info.path, Key(secret=TEST_PASSPHRASE))
        assert problem is not None and problem.wrong_key
    assert all(digest(path) != old for path, old in before.items())  # rewritten, not merely renamed
    assert leftovers(journal) == []


def test_keep_old_backups_names_the_backups_the_old_passphrase_still_opens(journal: Path) -> None:
    old_backups = {info.path.name: digest(info.path) for info in backups.list_backups(journal)}
    changed = mentorapp("rekey", "--keep-old-backups", db=journal, passphrase=TEST_PASSPHRASE,
                        stdin="a fresh passphrase\n")
    assert changed.returncode == 0, changed.stderr
    assert "backups now use the new key" not in changed.stdout
    (line,) = [line for line in changed.stdout.splitlines() if line.startswith("As asked")]
    safety = next(i.path.name for i in backups.list_backups(journal) if i.reason is backups.Reason.BEFORE_REKEY)
    for name in [*old_backups, safety]:
        assert name in line
    assert "still open only with the old passphrase" in line
    for name, old in old_backups.items():
        assert digest(backups.backup_folder(journal) / name) == old  # untouched
    # The old passphrase opens those backups but not the journal: a wrong passphrase, never "damaged".
    old = mentorapp("mentee", "list", db=journal, passphrase=TEST_PASSPHRASE)
    assert old.returncode == 2 and "does not open" in old.stderr and "damaged" not in old.stderr
    assert mentorapp("mentee", "list", db=journal, passphrase="a fresh passphrase").returncode == 0


def test_rekey_refuses_while_another_command_has_the_journal_open(journal: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", ("import sys; from mentorapp.models.storage.store import Key, Store; "
         "s = Store.open(sys.argv[1], Key(secret=sys.argv[2])); s.count_rows('entry'); "
         "c = s.engine.connect(); print('open', flush=True); sys.stdin.read()"), str(journal), TEST_PASSPHRASE],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=cli_env(None))
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = digest(journal)
        refused = mentorapp("rekey", db=journal, passphrase=TEST_PASSPHRASE, stdin="a fresh passphrase\n")
    finally:
        holder.communicate("")
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "is open in another program" in refused.stderr
    assert digest(journal) == before and opens_with(journal, TEST_PASSPHRASE)
    assert leftovers(journal) == []


# -- killed at chosen moments -----------------------------------------------------------------------------------
@pytest.mark.parametrize("moment, finished", [
    ("before-rename", False), ("after-rename", True), ("after-first-backup", True), ("before-keyring", True),
])
def test_a_rekey_killed_at_a_chosen_moment_is_settled_by_the_next_command(journal: Path, moment: str,
                                                                          finished: bool) -> None:
    new = "a fresh passphrase"
    before = {info.path.name: digest(info.path) for info in backups.list_backups(journal)}
    killed = dies_at(moment, "rekey", db=journal, passphrase=TEST_PASSPHRASE, stdin=new + "\n")
    assert killed.returncode == 137, killed.stderr
    assert key_change.in_progress(journal)
    # The file on disk opens with exactly one of the two, before anything settles it.
    assert [opens_with(journal, TEST_PASSPHRASE), opens_with(journal, new)] == [not finished, finished]
    now = new if finished else TEST_PASSPHRASE
    told = mentorapp("unlock", db=journal, passphrase=now)
    assert told.returncode == 0, told.stderr
    word = "has been finished" if finished else "was undone"
    assert "A key change of journal.db was cut short" in told.stderr and word in told.stderr
    assert "opens with MENTORAPP_PASSPHRASE" in told.stdout
    assert not key_change.in_progress(journal) and leftovers(journal) == []
    assert notes_in(journal, now) == {"Shipped the importer", "Asked about the on-call rota"}
    for info in backups.list_backups(journal):
        assert backups.backup_problem(info.path, Key(secret=now)) is None, info.path.name
        if not finished and info.path.name in before:
            assert digest(info.path) == before[info.path.name]  # undone: byte for byte as it was
    other = mentorapp("mentee", "list", db=journal, passphrase=new if not finished else TEST_PASSPHRASE)
    assert other.returncode == 2 and "does not open" in other.stderr and "damaged" not in other.stderr


@pytest.mark.parametrize("moment, finished", [("before-rename", False), ("after-first-backup", True),
                                              ("before-keyring", True)])
def test_a_keyring_rekey_killed_keeps_the_keyring_and_the_files_in_step(tmp_path: Path, moment: str,
                                                                        finished: bool) -> None:
    db, ring = tmp_path / "journal.db", tmp_path / "keyring.json"
    assert mentorapp("mentee", "add", "Ana", db=db, passphrase=None, keyring_file=ring).returncode == 0
    assert mentorapp("note", "ana", "Before the change", db=db, passphrase=None, keyring_file=ring).returncode == 0
    assert mentorapp("backup", db=db, passphrase=None, keyring_file=ring).returncode == 0
    (old,) = json.loads(ring.read_text()).values()
    killed = dies_at(moment, "rekey", "--to", "keyring", db=db, passphrase=None, keyring_file=ring)
    assert killed.returncode == 137, killed.stderr
    opened = mentorapp("unlock", db=db, passphrase=None, keyring_file=ring)
    assert opened.returncode == 0, opened.stderr
    assert "key in this computer's keyring" in opened.stdout
    entries = json.loads(ring.read_text())
    assert not any(name.endswith("#pending") for name in entries)  # settled: one entry, the journal's
    (now,) = entries.values()
    assert (now != old) is finished
    key = Key.from_hex(now, source="test")
    assert notes_in_key(db, key) == {"Before the change"}
    for info in backups.list_backups(db):
        assert backups.backup_problem(info.path, key) is None, info.path.name
    assert leftovers(db) == []


def notes_in_key(path: Path, key: Key) -> set[str]:
    with Store.open(path, key, create=False) as store:
        raw = store.engine.raw_connection()
        try:
            return {row[0] for row in raw.driver_connection.execute("SELECT text FROM entry").fetchall()}
        finally:
            raw.close()


# -- killed at random moments -------------------------------------------------------------------------------------
def kill_loop(db: Path, rounds: int, seed: int) -> dict[str, int]:
    """Start `rekey` and SIGKILL it after a seeded random delay, `rounds` times; check every invariant each time."""
    chance = random.Random(seed)
    current, acknowledged = TEST_PASSPHRASE, {"Shipped the importer", "Asked about the on-call rota"}
    outcomes = {"finished": 0, "undone": 0, "completed": 0, "killed before it began": 0, "killed after it ended": 0}
    started = time.monotonic()
    timed = mentorapp("rekey", db=db, passphrase=current, stdin="passphrase 0\n")
    assert timed.returncode == 0, timed.stderr
    took = time.monotonic() - started
    current = "passphrase 0"
    for number in range(1, rounds + 1):
        new = f"passphrase {number}"
        # Keep the folder at a few backups, as rotation would over days (each change adds one).
        for info in backups.list_backups(db)[3:]:
            info.path.unlink()
        before = {info.path.name: digest(info.path) for info in backups.list_backups(db)}
        process = subprocess.Popen(
            [sys.executable, "-m", "mentorapp", "--db", str(db), "rekey"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=cli_env(current))
        assert process.stdin is not None
        process.stdin.write(new + "\n")
        process.stdin.close()
        begun = time.monotonic()
        if chance.random() < 0.5:
            # Anywhere in the whole command (start-up, opening, the backup, the copies, the renames).
            time.sleep(chance.uniform(0, took * 1.2))
        else:
            # Around the commit point: once the copies are checked, within the few milliseconds of the renames.
            wait_for_committing(db, process, timeout=took * 3)
            time.sleep(chance.uniform(0, 0.01))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if process.returncode == 0:
            outcomes["completed"] += 1
            took = max(took, time.monotonic() - begun)  # the machine's pace changes: so does the window
        old_opens, new_opens = opens_with(db, current), opens_with(db, new)
        assert old_opens != new_opens, f"round {number}: old opens {old_opens}, new opens {new_opens}"
        now = new if new_opens else current
        told = mentorapp("unlock", db=db, passphrase=now)
        assert told.returncode == 0, f"round {number}: {told.stderr}"
        if "has been finished" in told.stderr:
            outcomes["finished"] += 1
        elif "was undone" in told.stderr:
            outcomes["undone"] += 1
        elif process.returncode != 0:
            outcomes["killed after it ended" if now == new else "killed before it began"] += 1
        assert not key_change.in_progress(db) and leftovers(db) == [], f"round {number}"
        for info in backups.list_backups(db):
            problem = backups.backup_problem(info.path, Key(secret=now))
            assert problem is None, f"round {number}: {info.path.name}: {problem}"
            if now == current and info.path.name in before:
                assert digest(info.path) == before[info.path.name], f"round {number}: {info.path.name} changed"
        text = f"Note after round {number}"
        assert mentorapp("note", "priya", text, db=db, passphrase=now).returncode == 0
        acknowledged.add(text)
        assert notes_in(db, now) == acknowledged, f"round {number}"
        current = now
        print(f"round {number}: {'new' if now == new else 'old'} passphrase opens it; {outcomes}", flush=True)
    return outcomes


def wait_for_committing(db: Path, process: subprocess.Popen[str], *, timeout: float) -> None:
    """Until the change's marker says its copies are ready (or the process ended, or `timeout` passed)."""
    marker = key_change.marker_path(db)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if '"committing"' in marker.read_text(encoding="utf-8"):
                return
        except OSError:
            pass
        time.sleep(0.002)


def test_a_rekey_killed_at_random_moments_few_rounds(journal: Path) -> None:
    outcomes = kill_loop(journal, rounds=4, seed=SEED)
    assert sum(outcomes.values()) == 4


@pytest.mark.slow
@pytest.mark.timeout(900)  # sixty rounds of a dozen processes each, each stretching a passphrase: minutes, not a hang
def test_a_rekey_killed_at_random_moments_sixty_rounds(journal: Path) -> None:
    rounds = int(os.environ.get("MENTORAPP_REKEY_KILL_ROUNDS", "60"))
    outcomes = kill_loop(journal, rounds=rounds, seed=SEED + 1)
    print(f"rekey kill loop: {outcomes}")
    assert sum(outcomes.values()) == rounds
    assert outcomes["finished"] + outcomes["undone"] > 0  # the kills really landed inside changes
