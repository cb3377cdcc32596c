"""`mentorapp capture` against a stand-in desk: a plain socket where the real desk would listen.

The real desk's side (the dialog on screen, the refusals of a socket that is not the user's
own) is in tests/views/shell/test_always_at_hand.py; here, what the command itself does: the
request it sends, what it says for each answer, and that its quick way loads nothing it does
not need (it is run from a global shortcut, and the lead waits for every import).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorapp import cli
from mentorapp.cli import capture_client
from mentorapp.models.trust import desk_channel

ROOT = Path(__file__).resolve().parents[1]


class StandInDesk:
    """Listens where a desk on `journal` would; takes one line per connection and answers `answer` (None: silence)."""

    def __init__(self, folder: Path, journal: Path, answer: str | None) -> None:
        self.answer = answer
        self.heard: list[str] = []
        self.path = folder / desk_channel.socket_file_name(journal)
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(self.path))
        self._server.listen()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _address = self._server.accept()
            except OSError:
                return  # closed
            with connection:
                line = b""
                while not line.endswith(b"\n") and (chunk := connection.recv(4096)):
                    line += chunk
                self.heard.append(line.decode("utf-8"))
                if self.answer is None:
                    connection.recv(1)  # silent until the command hangs up
                else:
                    connection.sendall(self.answer.encode("utf-8") + b"\n")

    def close(self) -> None:
        self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        self._thread.join(5)


@pytest.fixture
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user's private runtime folder, with the lock folder a desk makes in it (short: sockets' paths are)."""
    folder = Path(tempfile.mkdtemp(prefix="rt-"))
    (folder / "mentorapp").mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder / "mentorapp"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    path.write_bytes(b"")  # never opened: the command only names the desk's socket after it
    return path


def capture(journal: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_") or k == "MENTORAPP_LANG"}
    return subprocess.run([sys.executable, "-m", "mentorapp", "--db", str(journal), "capture", *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)


def test_capture_asks_the_desk_for_the_named_mentee_and_returns_once_it_is_shown(
        runtime_dir: Path, journal: Path) -> None:
    desk = StandInDesk(runtime_dir, journal, desk_channel.SHOWN)
    try:
        done = capture(journal, "Priya   Raman")
    finally:
        desk.close()
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert desk.heard == ["capture\tPriya Raman\n"]


def test_the_desks_sentence_is_said_in_one_line_and_the_command_fails(runtime_dir: Path, journal: Path) -> None:
    desk = StandInDesk(runtime_dir, journal, f"{desk_channel.SHOWN}\tNo mentee is called Zebulon.")
    try:
        done = capture(journal, "Zebulon")
    finally:
        desk.close()
    assert done.returncode == 2
    assert done.stderr == "mentorapp: No mentee is called Zebulon.\n"


def test_a_locked_desk_refuses_and_the_command_says_why(runtime_dir: Path, journal: Path) -> None:
    desk = StandInDesk(runtime_dir, journal, f"{desk_channel.REFUSED}\tThe desk is locked.")
    try:
        done = capture(journal)
    finally:
        desk.close()
    assert (done.returncode, done.stderr) == (2, "mentorapp: The desk is locked.\n")
    assert desk.heard == ["capture\t\n"]


def test_with_a_language_named_the_request_still_reaches_the_desk(runtime_dir: Path, journal: Path) -> None:
    desk = StandInDesk(runtime_dir, journal, desk_channel.SHOWN)
    try:
        done = capture(journal, "Priya", "--language", "de")
    finally:
        desk.close()
    assert (done.returncode, done.stderr) == (0, "")
    assert desk.heard == ["capture\tPriya\n"]


def test_a_desk_that_takes_the_request_and_stays_silent_is_said_once(
        runtime_dir: Path, journal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(capture_client, "ANSWER_TIMEOUT_S", 0.3)
    desk = StandInDesk(runtime_dir, journal, None)
    try:
        status = cli.main(["--db", str(journal), "capture", "Priya"])
    finally:
        desk.close()
    assert status == 2
    assert capsys.readouterr().err == (
        "mentorapp: The desk did not answer; bring its window forward and try again.\n")
    assert desk.heard == ["capture\tPriya\n"], "the request is sent once, not again by the whole command line"


def test_the_quick_way_loads_neither_the_parser_nor_the_catalogues_nor_the_journal_nor_qt(
        runtime_dir: Path, journal: Path) -> None:
    desk = StandInDesk(runtime_dir, journal, desk_channel.SHOWN)
    code = (
        "import sys\n"
        "from mentorapp.cli import main\n"
        f"status = main(['--db', {str(journal)!r}, 'capture', 'Priya'])\n"
        "heavy = ('argparse', 'logging', 'gettext', 'babel', 'sqlalchemy', 'sqlcipher3', 'keyring', 'PySide6',"
        " 'mentorapp.i18n', 'mentorapp.models.storage', 'mentorapp.models.services', 'mentorapp.cli.parser')\n"
        "print(status, sorted(m for m in sys.modules if m.split('.')[0] in heavy or m.startswith(heavy)))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                              timeout=60)
    finally:
        desk.close()
    assert done.stdout.strip() == "0 []", done.stderr
