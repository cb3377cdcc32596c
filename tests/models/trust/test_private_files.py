"""What the app creates is the lead's alone, and the desk's lock cannot be taken over by another user.

Journal, -wal, -shm and backups 0600 in 0700 folders whatever the umask; the lock folder
made 0700 and passed over when another user owns it; one desk per journal file, through
any path or hard link to it.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from mentorapp.models.trust import backups, desk_lock
from tests.conftest import TEST_KEY

ROOT = Path(__file__).resolve().parents[3]
NOBODY = 65534
POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes and owners are POSIX's")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture
def lock_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No XDG_RUNTIME_DIR: the lock folder is looked for in a temp folder of the test's own."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return temp


@POSIX
def test_journal_sidecars_backups_and_their_folders_are_private_under_an_open_umask(
    tmp_path: Path, open_umask: None
) -> None:
    journal = tmp_path / "new" / "folder" / "journal.db"
    with Store.open(journal, TEST_KEY) as store:
        Services(store).mentees.add(name="Priya Raman")
        sidecars = [Path(f"{journal}{suffix}") for suffix in ("-wal", "-shm")]
        assert all(part.exists() for part in sidecars)
        assert [mode(part) for part in (journal, *sidecars)] == [0o600] * 3
        backup = backups.make_backup(store, reason=backups.Reason.DAILY).path
        copy = store.backup_to(tmp_path / "copies" / "journal-copy.db")
    assert mode(backup) == 0o600 and mode(backup.parent) == 0o700
    assert mode(copy) == 0o600 and mode(copy.parent) == 0o700
    assert mode(journal.parent) == 0o700 and mode(journal.parent.parent) == 0o700


@POSIX
def test_a_journal_left_readable_by_others_is_made_private_when_opened(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    with Store.open(journal, TEST_KEY) as store:
        Services(store).mentees.add(name="Priya Raman")
    before = journal.read_bytes()
    os.chmod(journal, 0o644)  # as an older version left it
    with Store.open(journal, TEST_KEY, create=False):
        assert mode(journal) == 0o600
    assert journal.read_bytes() == before  # only its mode changed


@POSIX
def test_a_restored_journal_is_private(tmp_path: Path, open_umask: None) -> None:
    journal = tmp_path / "journal.db"
    with Store.open(journal, TEST_KEY) as store:
        Services(store).mentees.add(name="Priya Raman")
        backup = backups.make_backup(store, reason=backups.Reason.DAILY).path
    journal.write_bytes(b"\0" * 4096)  # damaged beyond opening
    backups.restore_unopenable(journal, backup, key=TEST_KEY)
    assert mode(journal) == 0o600
    with Store.open(journal, TEST_KEY, create=False) as store:
        assert [m.name for m in Services(store).mentees.list()] == ["Priya Raman"]


@POSIX
def test_the_lock_folder_is_made_private(lock_folders: Path, open_umask: None) -> None:
    folder = desk_lock.runtime_folder()
    assert folder == lock_folders / f"mentorapp-{os.getuid()}"
    assert mode(folder) == 0o700


@POSIX
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to make another user's folder")
def test_a_lock_folder_another_user_made_first_is_passed_over(lock_folders: Path, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    with Store.open(journal, TEST_KEY):
        pass
    # Another user got there first, with a lock naming pid 1.
    foreign = lock_folders / f"mentorapp-{os.getuid()}"
    foreign.mkdir(mode=0o777)
    (foreign / f"desk-{desk_lock.journal_id(journal)}.lock").write_text("1\nmentorapp\nhost\n")
    os.chown(foreign, NOBODY, NOBODY)

    assert desk_lock.runtime_folder() == tmp_path / "cache" / "mentorapp" / "locks"
    assert desk_lock.desk_holding(journal) is None  # their lock file stops nothing
    held = desk_lock.claim_desk(journal)
    assert held is not None
    held.release()

    # With every candidate someone else's, one clear sentence.
    cache = tmp_path / "cache" / "mentorapp" / "locks"
    os.chown(cache, NOBODY, NOBODY)
    with pytest.raises(MentorAppError, match=r"^The lock folder .* belongs to another user; remove it"):
        desk_lock.runtime_folder()


@POSIX
def test_a_hard_link_to_the_journal_does_not_get_a_second_desk(lock_folders: Path, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    with Store.open(journal, TEST_KEY):
        pass
    other = tmp_path / "elsewhere" / "same-journal.db"
    other.parent.mkdir()
    os.link(journal, other)
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(lock_folders))
    holder = subprocess.Popen(
        [sys.executable, "-c", ("import sys; from pathlib import Path; from mentorapp.models.trust.desk_lock import "
         "claim_desk; held = claim_desk(Path(sys.argv[1])); print(held is not None, flush=True); sys.stdin.read()"),
         str(journal)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env,
    )
    try:
        assert holder.stdout.readline().strip() == "True"
        assert desk_lock.claim_desk(other) is None
        assert desk_lock.desk_holding(other) == holder.pid
        assert desk_lock.desk_holding(journal) == holder.pid
    finally:
        holder.communicate("")
    assert desk_lock.desk_holding(other) is None  # the lock ended with its process
    held = desk_lock.claim_desk(other)
    assert held is not None
    held.release()


@POSIX
def test_a_desk_on_a_journal_not_made_yet_holds_it_from_the_start(lock_folders: Path, tmp_path: Path) -> None:
    journal = tmp_path / "new" / "journal.db"
    held = desk_lock.claim_desk(journal)
    assert held is not None
    try:
        assert journal.exists() and journal.stat().st_size == 0 and mode(journal) == 0o600
        assert desk_lock.claim_desk(journal) is None
    finally:
        held.release()
