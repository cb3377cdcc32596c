"""The command line at its edges: output cut short by a pipe, Ctrl+C halfway, a file that is no backup."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentorapp import cli
from mentorapp.models.services import Services
from mentorapp.models.services.demo import DemoService
from mentorapp.models.services.interchange import InterchangeService
from mentorapp.models.storage.store import Key, Store
from tests.conftest import TEST_PASSPHRASE
from tests.test_cli import digest, run


def run_with_closed_output(*args: str, db: Path) -> subprocess.CompletedProcess[bytes]:
    """The command with its output going to a reader that has already gone (`| head -1` after one line)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env["MENTORAPP_PASSPHRASE"] = TEST_PASSPHRASE
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    process = subprocess.Popen([sys.executable, "-m", "mentorapp", "--db", str(db), *args], env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    error = process.stderr.read()
    process.stderr.close()
    return subprocess.CompletedProcess(process.args, process.wait(timeout=120), b"", error)


@pytest.mark.parametrize("command", [("mentee", "list"), ("search", "release"), ("backup", "--list")])
def test_output_cut_short_by_a_pipe_ends_quietly(passphrase_journal: Path, command: tuple[str, ...]) -> None:
    result = run_with_closed_output(*command, db=passphrase_journal)
    assert result.stderr == b""
    assert result.returncode != 0  # the output was not all delivered: scripts with pipefail can tell


@pytest.fixture
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORAPP_PASSPHRASE", TEST_PASSPHRASE)


def interrupt(*_args: object, **_kwargs: object) -> None:
    raise KeyboardInterrupt


def test_ctrl_c_during_the_demo_leaves_nothing_half_made(tmp_path: Path, passphrase: None,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    journal = tmp_path / "team.db"
    with monkeypatch.context() as patch:
        patch.setattr(DemoService, "generate", interrupt)
        assert cli.main(["--db", str(journal), "demo"]) == 130
    assert "nothing was changed" in capsys.readouterr().err
    listing = run("mentee", "list", db=journal)
    assert "Priya Raman" not in listing.stdout
    assert run("demo", db=journal).returncode == 0  # the next try starts as if the first had never run


def add_a_mentee_from_another_command(journal: Path) -> None:
    """What a second command, started at the same moment, writes into the journal just created."""
    with Store.open(journal, Key(secret=TEST_PASSPHRASE), create=False) as store:
        Services(store).mentees.add(name="Zed Okafor")


def another_command_writes_during(monkeypatch: pytest.MonkeyPatch, service: type, method: str, journal: Path) -> None:
    """Make `service.method` run just after another command has added a mentee to `journal`."""
    original = getattr(service, method)

    def meanwhile(self: object, *args: object, **kwargs: object) -> object:
        add_a_mentee_from_another_command(journal)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(service, method, meanwhile)


def test_two_commands_creating_one_journal_never_lose_each_others_work(tmp_path: Path, passphrase: None,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    journal = tmp_path / "team.db"
    another_command_writes_during(monkeypatch, DemoService, "generate", journal)
    assert cli.main(["--db", str(journal), "demo"]) == 2
    assert "Zed Okafor" in run("mentee", "list", db=journal).stdout


def test_an_import_refused_because_another_command_wrote_first_loses_nothing(
        passphrase_journal: Path, tmp_path: Path, passphrase: None, monkeypatch: pytest.MonkeyPatch) -> None:
    export = tmp_path / "team.json"
    assert run("export", str(export), db=passphrase_journal).returncode == 0
    journal = tmp_path / "copy.db"
    another_command_writes_during(monkeypatch, InterchangeService, "import_document", journal)
    assert cli.main(["--db", str(journal), "import", str(export)]) == 2
    assert "Zed Okafor" in run("mentee", "list", db=journal).stdout


def test_restoring_a_file_that_is_no_backup_says_so(passphrase_journal: Path, tmp_path: Path) -> None:
    export = tmp_path / "team.json"
    assert run("export", str(export), db=passphrase_journal).returncode == 0
    before = digest(passphrase_journal)
    for source in (export, tmp_path / "empty.backup"):
        source.touch()
        result = run("restore", str(source), db=passphrase_journal)
        assert result.returncode == 2
        assert result.stderr == f"mentorapp: {source.name} is not a MentorApp backup.\n"
    assert digest(passphrase_journal) == before


def test_commands_started_together_on_the_first_use_of_the_day_all_write(tmp_path: Path) -> None:
    """The first command of a day also makes the daily backup: several at once must not trip over it."""
    db = tmp_path / "journal.db"
    assert run("mentee", "add", "Ana Costa", db=db).returncode == 0  # a new journal: no backup yet
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env["MENTORAPP_PASSPHRASE"] = TEST_PASSPHRASE
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    notes = [f"Note {n} from a script" for n in range(6)]
    processes = [
        subprocess.Popen([sys.executable, "-m", "mentorapp", "--db", str(db), "note", "Ana", text], env=env,
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for text in notes
    ]
    results = [(process.wait(timeout=120), process.communicate()[1]) for process in processes]
    assert results == [(0, "")] * len(notes)
    found = run("search", "script", db=db).stdout
    assert all(text in found for text in notes)
    backups = sorted(p.name for p in (tmp_path / "journal.db-backups").glob("*.backup*"))
    assert len(backups) == 1 and backups[0].endswith("-daily.backup")  # one copy of the day, none half-made


def test_mentee_list_columns_line_up_after_emoji_and_accents_written_as_marks(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    for name in ("Ana Lima", "👩‍💻 Zoë", "Jose\u0301 Ruiz"):  # a ZWJ emoji; an accent typed as a mark
        assert run("mentee", "add", name, "--role", "Engineer", db=db).returncode == 0
    lines = run("mentee", "list", db=db).stdout.splitlines()
    assert lines[1] == "Ana Lima   Engineer  14d      never       unrecognised"
    assert lines[2] == "José Ruiz  Engineer  14d      never       unrecognised"
    assert lines[3] == "👩‍💻 Zoë     Engineer  14d      never       unrecognised"  # the emoji takes two columns

