"""Several commands meeting on the day a journal is created: one creates it and its key, the rest use that key.

Through the real command line (`mentorapp --db NEW mentee add "Person N"`), started at
once, against the test keyring (a file shared by the processes) and a real Secret Service
(gnome-keyring on a private D-Bus session). Every acknowledged mentee must be readable
afterwards with the key the keyring holds. MENTORAPP_RACE_ROUNDS sets the rounds per size
(3 by default, to keep the suite quick; the issue's 30 with MENTORAPP_RACE_ROUNDS=30).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorapp.models.errors import WrongKeyError
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Key, Store
from mentorapp.models.trust import keys, opening
from tests.support import secret_service

ROOT = Path(__file__).resolve().parents[3]
ROUNDS = int(os.environ.get("MENTORAPP_RACE_ROUNDS", "3"))
SIZES = (2, 4, 8)


@pytest.fixture(scope="module")
def real_secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    service, why_not = secret_service.start(tmp_path_factory.mktemp("secret-service"), ROOT)
    if service is None:
        if os.environ.get("CI") == "true":  # .ci/run installs dbus and gnome-keyring: a skip would hide a gap
            pytest.fail(why_not)
        pytest.skip(why_not)
    try:
        yield service.env
    finally:
        service.stop()


@pytest.fixture(params=["test keyring", "Secret Service"])
def keyring_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    if request.param == "Secret Service":
        return dict(request.getfixturevalue("real_secret_service"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env.update(PYTHON_KEYRING_BACKEND="tests.support.file_keyring.FileKeyring",
               MENTORAPP_TEST_KEYRING_FILE=str(tmp_path / "keyring.json"), PYTHONPATH=str(ROOT))
    return env


def start_together(db: Path, envs: list[dict[str, str]]) -> list[subprocess.CompletedProcess[str]]:
    """`mentee add "Person N"` from len(envs) processes started at the same moment."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "mentorapp", "--db", str(db), "mentee", "add", f"Person {number}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
        )
        for number, env in enumerate(envs, start=1)
    ]
    done = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def keyring_secret(db: Path, env: dict[str, str], *, pending: bool = False) -> str | None:
    """What the keyring holds for `db`, asked the way the app asks (a process of its own)."""
    ask = (
        "import sys; from pathlib import Path; from mentorapp.models.trust import keys; "
        "print(keys.keyring_get(Path(sys.argv[1]), pending=sys.argv[2] == '1') or '')"
    )
    done = subprocess.run([sys.executable, "-c", ask, str(db), "1" if pending else "0"],
                          env=env, capture_output=True, text=True, timeout=60, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip() or None


def names_in(db: Path, key: Key) -> set[str]:
    with Store.open(db, key, create=False) as store:
        assert store.pragma("PRAGMA integrity_check") == "ok"
        return {mentee.name for mentee in Services(store).mentees.list()}


@pytest.mark.parametrize("size", SIZES)
def test_commands_creating_one_keyring_journal_at_once_all_land_under_the_stored_key(
    tmp_path: Path, keyring_env: dict[str, str], size: int
) -> None:
    for round_number in range(ROUNDS):
        db = tmp_path / f"round-{round_number}" / "journal.db"
        db.parent.mkdir()
        done = start_together(db, [keyring_env] * size)

        # Nobody is refused: the creator stores the key first, the others wait for it and use it.
        assert [result.returncode for result in done] == [0] * size, [result.stderr for result in done]
        acknowledged = {f"Person {number}" for number in range(1, size + 1)}
        secret = keyring_secret(db, keyring_env)
        assert secret is not None, f"round {round_number}: the keyring lost the key of a journal on disk"
        assert keyring_secret(db, keyring_env, pending=True) is None
        assert names_in(db, Key.from_hex(secret, source="keyring")) == acknowledged
        assert oct(db.stat().st_mode & 0o777) == oct(0o600)


@pytest.mark.parametrize("size", SIZES)
def test_passphrase_journals_created_at_once_one_wins_the_others_are_refused_and_write_nothing(
    tmp_path: Path, size: int
) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    base.update(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", PYTHONPATH=str(ROOT))
    for round_number in range(max(1, ROUNDS // 2)):
        db = tmp_path / f"round-{round_number}" / "journal.db"
        db.parent.mkdir()
        envs = [dict(base, MENTORAPP_PASSPHRASE=f"passphrase of person {n}") for n in range(1, size + 1)]
        done = start_together(db, envs)

        winners = [number for number, result in enumerate(done, start=1) if result.returncode == 0]
        assert len(winners) == 1, [(result.returncode, result.stderr) for result in done]
        (winner,) = winners
        for result in done:
            if result.returncode != 0:
                assert result.returncode == 2
                assert len(result.stderr.strip().splitlines()) == 1, result.stderr
                # Each loser's passphrase is a wrong key for the winner's journal: after three in a row the
                # rest wait (models/trust/guesses.py) rather than being tried.
                assert "does not open" in result.stderr or "Too many wrong keys" in result.stderr, result.stderr
        assert names_in(db, Key(secret=f"passphrase of person {winner}", source="test")) == {f"Person {winner}"}
        for loser in set(range(1, size + 1)) - {winner}:
            with pytest.raises(WrongKeyError):
                Store.open(db, Key(secret=f"passphrase of person {loser}", source="test"), create=False)
        # Nothing of the refused commands is left: no backup, no stray file.
        assert sorted(path.name for path in db.parent.iterdir() if path.name not in {
            "journal.db-wal", "journal.db-shm", "journal.db-acked"}) == ["journal.db", "journal.db.create-lock"]


# -- the same rules, one process at a time ------------------------------------------------------------
def test_a_keyring_key_that_does_not_open_the_journal_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    with Store.open(path, Key(secret="someone's passphrase", source="test")):
        pass
    keys.keyring_set(path, "ab" * 32)
    assert opening.open_without_asking(path) is None  # only a person can open it now
    assert keys.keyring_get(path) == "ab" * 32  # never deleted: it may belong to this journal


def test_a_key_already_in_the_keyring_for_a_new_journal_is_used_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    keys.keyring_set(path, "cd" * 32)  # left by a creator that stopped before making the file
    with opening.open_without_asking(path) as store:
        Services(store).mentees.add(name="Ana")
    assert keys.keyring_get(path) == "cd" * 32
    assert names_in(path, Key.from_hex("cd" * 32, source="keyring")) == {"Ana"}


def test_a_keyring_that_does_not_keep_the_key_leaves_no_journal(tmp_path: Path, memory_keyring,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "journal.db"
    monkeypatch.setattr(memory_keyring, "set_password", lambda *args: None)  # accepts, keeps nothing
    assert opening.open_without_asking(path) is None  # the caller asks a person for a passphrase
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_entry_that_is_not_a_key_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    keys.keyring_set(path, "not a key")
    assert opening.open_without_asking(path) is None
    assert keys.keyring_get(path) == "not a key"
    assert not path.exists()


def test_the_test_keyring_file_is_only_ever_whole(tmp_path: Path) -> None:
    # The keyring processes share must itself be safe to use from several at once.
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env.update(MENTORAPP_TEST_KEYRING_FILE=str(tmp_path / "keyring.json"), PYTHONPATH=str(ROOT))
    write = ("import sys; from tests.support.file_keyring import FileKeyring; k = FileKeyring(); "
             "[k.set_password('s', f'{sys.argv[1]}-{i}', 'x') for i in range(20)]")
    processes = [subprocess.Popen([sys.executable, "-c", write, str(n)], env=env, cwd=ROOT) for n in range(4)]
    assert [process.wait(timeout=120) for process in processes] == [0] * 4
    assert len(json.loads((tmp_path / "keyring.json").read_text(encoding="utf-8"))) == 80
