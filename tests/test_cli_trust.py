"""The command line's safety commands: backup, restore, unlock, rekey and the recovery sheet."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from mentorapp import cli
from mentorapp.models.trust.recovery import format_recovery_key
from mentorapp.models.trust import backups
from mentorapp.models.storage.store import Key, Store
from tests.conftest import TEST_PASSPHRASE
from tests.test_cli import digest, run

ROOT = Path(__file__).resolve().parents[1]


def run_with_keyring(*args: str, db: Path, keyring_file: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The real command line with a keyring shared between processes (and no passphrase)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env["PYTHON_KEYRING_BACKEND"] = "tests.support.file_keyring.FileKeyring"
    env["MENTORAPP_TEST_KEYRING_FILE"] = str(keyring_file)
    env["PYTHONPATH"] = str(ROOT)
    command = [sys.executable, "-m", "mentorapp", "--db", str(db), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, input=stdin, timeout=120, cwd=ROOT)


def damage_first_page(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(40)
        handle.write(os.urandom(32))


def test_backup_list_and_restore_from_a_terminal(passphrase_journal: Path, tmp_path: Path) -> None:
    made = run("backup", db=passphrase_journal)
    assert made.returncode == 0, made.stderr
    assert re.match(r"Backed up cli\.db to .*cli\.db-backups/cli-\d{8}-\d{6}-manual\.backup\.", made.stdout)
    listing = run("backup", "--list", db=passphrase_journal)
    assert listing.stdout.splitlines()[0].split() == ["MADE", "REASON", "SIZE", "FILE"]
    assert "manual" in listing.stdout

    assert run("note", "Marco", "Written after the backup", db=passphrase_journal).returncode == 0
    restored = run("restore", "--latest", db=passphrase_journal)
    assert restored.returncode == 0, restored.stderr
    assert "The journal as it was is kept in" in restored.stdout
    assert "Written after the backup" not in run("search", "written", db=passphrase_journal).stdout

    copy = tmp_path / "usb.backup"
    assert run("backup", str(copy), db=passphrase_journal).returncode == 0
    with Store.open(copy, Key(secret=TEST_PASSPHRASE), create=False) as store:
        assert store.count_rows("mentee") > 0

    policy = run("backup", "--keep-daily", "3", "--keep-weekly", "1", db=passphrase_journal)
    assert policy.returncode == 0 and "last 3 days and 1 week." in policy.stdout


def test_a_damaged_journal_is_one_line_and_restore_latest_repairs_it(passphrase_journal: Path) -> None:
    assert run("backup", db=passphrase_journal).returncode == 0
    damage_first_page(passphrase_journal)
    damaged = passphrase_journal.read_bytes()
    broken = run("mentee", "list", db=passphrase_journal)
    assert broken.returncode == 2
    assert len(broken.stderr.strip().splitlines()) == 1 and "Traceback" not in broken.stderr
    assert "is damaged" in broken.stderr and "'mentorapp restore --latest'" in broken.stderr
    repaired = run("restore", "--latest", db=passphrase_journal)
    assert repaired.returncode == 0, repaired.stderr
    kept = next(passphrase_journal.parent.glob("cli.db.damaged-*"))
    assert kept.read_bytes() == damaged  # kept aside, never overwritten
    assert "Priya Raman" in run("mentee", "list", db=passphrase_journal).stdout


def test_rekey_changes_the_passphrase_scripts_use(passphrase_journal: Path) -> None:
    changed = run("rekey", db=passphrase_journal, stdin="a brand new passphrase\n")
    assert changed.returncode == 0, changed.stderr
    assert "now locked with the new passphrase" in changed.stdout
    assert "MENTORAPP_PASSPHRASE still holds the old passphrase" in changed.stderr
    old = run("mentee", "list", db=passphrase_journal)
    assert old.returncode == 2 and "does not open" in old.stderr
    new = run("mentee", "list", db=passphrase_journal, passphrase="a brand new passphrase")
    assert new.returncode == 0 and "Priya Raman" in new.stdout


def test_the_recovery_sheet_brings_a_lost_keyring_key_back(tmp_path: Path) -> None:
    db, keyring_file = tmp_path / "journal.db", tmp_path / "keyring.json"
    assert run_with_keyring("mentee", "add", "Ana", db=db, keyring_file=keyring_file).returncode == 0
    sheet = tmp_path / "sheet.pdf"
    made = run_with_keyring("recovery-kit", str(sheet), db=db, keyring_file=keyring_file)
    assert made.returncode == 0, made.stderr
    assert "Print it, keep it away from this computer, and delete the file." in made.stdout
    assert sheet.stat().st_mode & 0o077 == 0  # readable by its owner only
    text = " ".join(page.extract_text() for page in PdfReader(sheet).pages)
    # The key the keyring holds, written the way the sheet must print it.
    (secret,) = json.loads(keyring_file.read_text(encoding="utf-8")).values()
    groups = format_recovery_key(Key.from_hex(secret, source="test")).split("-")
    assert len(groups) == 14
    printed = text.split("RECOVERY KEY", 1)[1]
    for number, group in enumerate(groups, start=1):
        assert re.search(rf"\b{number}\s*{group}\b", printed), f"group {number} ({group}) is not on the sheet"

    keyring_file.write_text("{}")  # the keyring is lost: a new computer
    locked = run_with_keyring("mentee", "list", db=db, keyring_file=keyring_file)
    assert locked.returncode == 2 and "No key for" in locked.stderr
    typo = run_with_keyring("unlock", "--recovery-key", db=db, keyring_file=keyring_file,
                            stdin="-".join(groups[:-1] + ["0000"]) + "\n")
    assert typo.returncode == 2 and "typing mistake" in typo.stderr
    unlocked = run_with_keyring("unlock", "--recovery-key", db=db, keyring_file=keyring_file,
                                stdin=" ".join(groups).lower() + "\n")
    assert unlocked.returncode == 0, unlocked.stderr
    assert "back in this computer's keyring" in unlocked.stdout
    listing = run_with_keyring("mentee", "list", db=db, keyring_file=keyring_file)
    assert listing.returncode == 0 and "Ana" in listing.stdout


# -- mistakes, answered in one line (in-process: the same entry point, faster) ---------------------------------
@pytest.fixture
def cli_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "journal.db"
    monkeypatch.setenv("MENTORAPP_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli.main(["--db", str(path), "mentee", "add", "Ana"]) == 0
    return path


MISTAKES = {
    "restore without a source": (("restore",), "name a backup FILE, or say --latest"),
    "restore two sources": (("restore", "x.backup", "--latest"), "name a backup FILE, or say --latest"),
    "restore a missing file": (("restore", "/no/such.backup"), "There is no backup file"),
    "restore latest without backups": (("restore", "--latest"), "No backup in"),
    "keep no daily backups": (("backup", "--keep-daily", "0"), "Keep between 1 and 366 daily backups"),
    "list and file": (("backup", "x.backup", "--list"), "not both"),
    "backup over the journal": (("backup", "{db}"), "is the journal itself"),
    "recovery kit for a passphrase": (("recovery-kit", "sheet.pdf"), "passphrase is the only way in"),
    "rekey to nothing": (("rekey",), "cannot be empty"),
    "recovery key garbage": (("unlock", "--recovery-key"), "Type the recovery key"),
    "rekey to an unknown kind": (("rekey", "--to", "postit"), "invalid choice"),
}


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_safety_command_mistakes_are_one_line_and_change_nothing(cli_journal: Path, case: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    args, message = MISTAKES[case]
    capsys.readouterr()
    before = digest(cli_journal)
    code = cli.main(["--db", str(cli_journal), *(a.format(db=cli_journal) for a in args)])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err
    assert digest(cli_journal) == before


@pytest.mark.parametrize("where", ["new passphrase", "environment"])
def test_a_passphrase_that_is_not_utf8_is_one_line_and_changes_nothing(
        cli_journal: Path, where: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # Python hands undecodable bytes from standard input or the environment on as lone surrogates.
    not_utf8 = "caf\udce9 au lait"
    capsys.readouterr()
    before = digest(cli_journal)
    if where == "environment":
        monkeypatch.setenv("MENTORAPP_PASSPHRASE", not_utf8)
        code = cli.main(["--db", str(cli_journal), "mentee", "list"])
    else:
        monkeypatch.setattr(sys, "stdin", io.StringIO(not_utf8 + "\n"))
        code = cli.main(["--db", str(cli_journal), "rekey", "--to", "passphrase"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "not UTF-8 text" in err
    assert digest(cli_journal) == before
    assert backups.list_backups(cli_journal) == []


def test_rekey_and_restore_wait_for_the_desk_to_close(cli_journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Another process holds the desk's lock on the journal, the way the desk does (checked in the desk's own tests).
    holder = subprocess.Popen(
        [sys.executable, "-c", ("import sys; from pathlib import Path; from mentorapp.models.trust.desk_lock import "
         "claim_desk; held = claim_desk(Path(sys.argv[1])); print(held is not None, flush=True); sys.stdin.read()"),
         str(cli_journal)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        assert holder.stdout.readline().strip() == "True"
        for args in (("rekey",), ("restore", "--latest")):
            assert cli.main(["--db", str(cli_journal), *args]) == 2
            assert "open in the MentorApp desk; close it there first" in capsys.readouterr().err
        assert cli.main(["--db", str(cli_journal), "backup"]) == 0  # a backup is fine alongside the desk
    finally:
        holder.communicate("")
    assert backups.list_backups(cli_journal)
