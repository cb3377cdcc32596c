"""Issue 17 through the real command line: no output overwrites the journal, every write error is seen,
import reads only what is an export, an import is all or nothing, and a path too long is one short line.

Every refusal is checked the way a person would notice it: exit 2, one line on stderr, and
every file of the journal (itself, its sidecars, its backups) byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[1]


def snapshot(journal: Path) -> dict[str, str]:
    """A hash of every file that is the journal's: itself, its sidecars, its backup folder."""
    files = [p for p in journal.parent.glob(f"{journal.name}*") if p.is_file()]
    folder = journal.with_name(f"{journal.name}-backups")
    if folder.is_dir():
        files += [p for p in folder.rglob("*") if p.is_file()]
    return {str(p.relative_to(journal.parent)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(files)}


@pytest.fixture
def journal(passphrase_journal: Path) -> Path:
    """The demo journal with today's backup made, so no command below is due to make one."""
    made = run("backup", db=passphrase_journal)
    assert made.returncode == 0, made.stderr
    return passphrase_journal


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def the_backup(journal: Path) -> Path:
    return next(journal.with_name(f"{journal.name}-backups").glob("*.backup"))


def writing_commands(target: Path) -> list[tuple[str, ...]]:
    return [
        ("packet", "Priya", "-o", str(target)),
        ("packet", "--all", "--combined", "-o", str(target)),
        ("export", str(target)),
        ("backup", str(target)),
    ]


# -- 1. the journal, its sidecars, its backups are never an output -------------------------------------------
@pytest.mark.parametrize("which", ["journal", "-wal", "-shm", "-journal", "backup", "symlink", "hard link",
                                   "link to a backup", "backup folder", "inside the backup folder"])
def test_no_writing_command_overwrites_the_journal_or_its_backups(journal: Path, which: str) -> None:
    backup = the_backup(journal)
    folder = backup.parent
    if which in ("-wal", "-shm", "-journal"):
        Path(f"{journal}{which}").write_bytes(b"sidecar bytes")
    target = {
        "journal": journal, "-wal": Path(f"{journal}-wal"), "-shm": Path(f"{journal}-shm"),
        "-journal": Path(f"{journal}-journal"), "backup": backup,
        "symlink": journal.with_name("alias.db"), "hard link": journal.with_name("hard.db"),
        "link to a backup": journal.with_name("old.backup"), "backup folder": folder,
        "inside the backup folder": folder / "packet.pdf",
    }[which]
    if which == "symlink":
        target.symlink_to(journal)
    elif which == "hard link":
        os.link(journal, target)
    elif which == "link to a backup":
        os.link(backup, target)
    before = snapshot(journal)
    commands = writing_commands(target) + [("recovery-kit", str(target))]
    for command in commands:
        result = run(*command, db=journal)
        refused(result, str(target))
        assert snapshot(journal) == before, command
    assert run("mentee", "list", db=journal).returncode == 0  # the journal still opens


def test_a_folder_of_packets_is_never_the_backup_folder(journal: Path) -> None:
    folder = the_backup(journal).parent
    before = snapshot(journal)
    refused(run("packet", "--all", "-o", str(folder), db=journal), "backup folder")
    assert snapshot(journal) == before


# -- 2. a write that fails is seen --------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["packet Priya -o", "export", "backup", "packet --all --combined -o"])
def test_a_device_as_output_is_refused_as_not_a_regular_file(journal: Path, command: str) -> None:
    before = snapshot(journal)
    refused(run(*command.split(), "/dev/full", db=journal), "/dev/full is not a regular file")
    assert snapshot(journal) == before


def _can_mount_a_small_disk() -> bool:
    if shutil.which("unshare") is None or sys.platform != "linux":
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True, check=False)
    return probe.returncode == 0


def run_on_a_full_disk(folder: Path, *args: str, db: Path, left: Path) -> subprocess.CompletedProcess[str]:
    """The real command line with `folder` a 64 KiB disk that is already full (a private mount).

    What the folder holds after the command is listed into `left` (the mount goes with the process).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env.update(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", MENTORAPP_PASSPHRASE=TEST_PASSPHRASE,
               PYTHONPATH=str(ROOT))
    command = " ".join([sys.executable, "-m", "mentorapp", "--db", shlex.quote(str(db)), *map(shlex.quote, args)])
    script = (f"mount -t tmpfs -o size=64k tmpfs {folder} && "
              f"(cat /dev/zero > {folder}/filler 2>/dev/null; true) && {command}; status=$?; "
              f"ls -A {folder} > {left}; exit $status")
    return subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=env,
                          timeout=120, check=False)


@pytest.mark.skipif(not _can_mount_a_small_disk(), reason="needs a private tmpfs mount (Linux user namespaces)")
@pytest.mark.parametrize("command", ["packet Priya -o {out}/p.pdf", "export {out}/e.json",
                                     "backup {out}/b.backup", "packet --all -o {out}"])
def test_a_full_disk_is_said_plainly_and_leaves_nothing(journal: Path, tmp_path: Path, command: str) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    before = snapshot(journal)
    left = tmp_path / "left.txt"
    result = run_on_a_full_disk(disk, *command.format(out=disk).split(), db=journal, left=left)
    refused(result, "the disk is full")
    assert snapshot(journal) == before
    assert left.read_text().split() == ["filler"]  # nothing half-written left on the full disk


# -- 3. import reads exports only ----------------------------------------------------------------------------------
def test_import_refuses_what_is_not_a_regular_file_before_touching_the_journal(journal: Path,
                                                                               tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    before = snapshot(journal)
    for source, words in ((Path("/dev/zero"), "not a regular file"), (fifo, "not a regular file"),
                          (folder, "is a folder")):
        started = time.monotonic()
        result = run("import", str(source), db=journal)
        assert time.monotonic() - started < 30  # neither read forever nor waited for a writer
        refused(result, str(source), words)
        assert snapshot(journal) == before  # not even a -wal or -shm appeared


def test_import_refuses_a_file_above_the_stated_limit_before_reading_it(journal: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(256 * 1024**2 + 1)  # sparse: large on paper, nothing to read
    before = snapshot(journal)
    refused(run("import", str(big), db=journal), "larger than 256 MiB")
    assert snapshot(journal) == before
    assert "256 MiB" in (ROOT / "docs" / "json-format.md").read_text(encoding="utf-8")


def test_a_refused_import_creates_no_journal(tmp_path: Path) -> None:
    fresh = tmp_path / "new.db"
    refused(run("import", "/dev/zero", db=fresh), "not a regular file")
    assert list(tmp_path.iterdir()) == []


# -- 6. an import is all or nothing, and a retry says which -----------------------------------------------------
def test_a_retried_import_says_it_was_already_done(journal: Path, tmp_path: Path) -> None:
    export = tmp_path / "team.json"
    assert run("export", str(export), db=journal).returncode == 0
    fresh = tmp_path / "fresh.db"
    assert run("import", str(export), db=fresh).returncode == 0
    team = len(json.loads(export.read_text(encoding="utf-8"))["mentees"])
    assert run("backup", db=fresh).returncode == 0  # today's backup made: the retries have nothing due
    before = snapshot(fresh)
    for extra in ((), ("--merge",)):
        again = run("import", *extra, str(export), db=fresh)
        refused(again, f"already holds all {team} mentees of team.json", "the import was already done")
        assert snapshot(fresh) == before


def test_an_import_into_another_team_says_it_holds_another_team(journal: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    assert run("mentee", "add", "Solo Person", db=other).returncode == 0
    export = tmp_path / "solo.json"
    assert run("export", str(export), db=other).returncode == 0
    before = snapshot(journal)
    result = run("import", str(export), db=journal)
    refused(result, "already holds", "none of them from solo.json", "nothing was imported")
    assert snapshot(journal) == before


@pytest.mark.slow
def test_a_killed_import_leaves_none_or_all_of_the_file(journal: Path, tmp_path: Path) -> None:
    export = tmp_path / "team.json"
    assert run("export", str(export), db=journal).returncode == 0
    document = json.loads(export.read_text(encoding="utf-8"))
    team = len(document["mentees"])
    entries = len(document["entries"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env.update(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", MENTORAPP_PASSPHRASE=TEST_PASSPHRASE)
    outcomes = set()
    for round_number in range(8):
        target = tmp_path / f"round{round_number}.db"
        assert run("mentee", "list", db=target).returncode in (0, 2)  # nothing yet
        process = subprocess.Popen([sys.executable, "-m", "mentorapp", "--db", str(target), "import", str(export)],
                                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.4 + 0.15 * round_number)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if not target.exists() or target.stat().st_size == 0:
            outcomes.add("no journal")
            continue
        counted = run("export", str(tmp_path / f"after{round_number}.json"), db=target)
        if counted.returncode != 0:
            outcomes.add("no journal")  # killed while the new journal was being made: nothing to import into
            continue
        after = json.loads((tmp_path / f"after{round_number}.json").read_text(encoding="utf-8"))
        assert (len(after["mentees"]), len(after["entries"])) in ((0, 0), (team, entries))
        retry = run("import", str(export), db=target)
        if after["mentees"]:
            outcomes.add("all")
            refused(retry, "the import was already done")
        else:
            outcomes.add("none")
            assert retry.returncode == 0, retry.stderr
    assert outcomes  # each round ended in one of the two whole states


# -- 8. a path too long for the system -------------------------------------------------------------------------
@pytest.mark.parametrize("shape", ["one long name", "many folders"])
def test_a_journal_path_too_long_is_one_short_line(tmp_path: Path, shape: str) -> None:
    long_path = (tmp_path / ("a" * 300) / "j.db" if shape == "one long name"
                 else tmp_path.joinpath(*["b" * 200] * 25, "j.db"))
    for command in (("mentee", "list"), ("demo",), ("backup", "--list")):
        result = run(*command, db=long_path)
        refused(result, "too long")
        assert len(result.stderr) < 200 and str(long_path) not in result.stderr
