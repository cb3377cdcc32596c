"""A note that was acknowledged survives the writer being killed (SIGKILL) at any moment."""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mentorapp.models.trust import backups
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Store
from tests.conftest import TEST_KEY

ROOT = Path(__file__).resolve().parents[3]
KILLS = 200


class Zygote:
    """The writer-forking helper process, and the lines its children print."""

    def __init__(self, journal: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.writer_zygote", str(journal)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT, env=env, text=True, bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self._send(TEST_KEY.secret)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def _send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def fork(self, command: str, acks: dict[int, str]) -> int:
        self._send(command)
        while True:
            line = self.next_line(acks)
            if line.startswith("pid "):
                return int(line.split()[1])

    def next_line(self, acks: dict[int, str], timeout: float = 30.0) -> str:
        line = self.lines.get(timeout=timeout)
        if line.startswith("ack "):
            _, ident, text = line.split(" ", 2)
            acks[int(ident)] = text
        return line

    def drain(self, acks: dict[int, str]) -> None:
        while True:
            try:
                self.next_line(acks, timeout=0)
            except queue.Empty:
                return

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def kill_and_wait(pid: int) -> None:
    """SIGKILL, then wait until the process is gone, so everything it printed is already in the pipe."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.001)
    raise AssertionError(f"writer {pid} did not die")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the writer helper forks")
def test_acknowledged_notes_survive_two_hundred_kills(journal_path: Path) -> None:
    with Store.open(journal_path, TEST_KEY) as store:
        Services(store).mentees.add(name="Priya Raman")
    chance = random.Random(20261129)
    acks: dict[int, str] = {}
    zygote = Zygote(journal_path)
    kills = 0
    try:
        while kills < KILLS:
            # Mostly one writer; sometimes two at once (the second waits on the busy timeout);
            # sometimes one that starts with a backup, so kills land inside backups too.
            commands = ["write"] if chance.random() < 0.8 else ["write", "write"]
            if chance.random() < 0.1:
                commands[0] = "backup"
            pids = [zygote.fork(command, acks) for command in commands]
            if chance.random() < 0.5:
                wanted = len(acks) + chance.randrange(0, 12)
                deadline = time.monotonic() + 10
                while len(acks) < wanted and time.monotonic() < deadline:
                    try:
                        zygote.next_line(acks, timeout=0.5)
                    except queue.Empty:
                        continue
            else:
                time.sleep(chance.uniform(0, 0.04))
            for pid in pids:
                kill_and_wait(pid)
                kills += 1
            zygote.drain(acks)
    finally:
        zygote.close()

    assert len(acks) > KILLS  # the writers really wrote between kills
    with Store.open(journal_path, TEST_KEY) as store:
        assert store.pragma("PRAGMA integrity_check") == "ok"
        raw = store.engine.raw_connection()
        try:
            stored = dict(raw.driver_connection.execute("SELECT id, text FROM entry").fetchall())
            # The full-text index agrees with the notes it indexes.
            raw.driver_connection.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
        finally:
            raw.close()
    lost = {ident: text for ident, text in acks.items() if stored.get(ident) != text}
    assert lost == {}
    for info in backups.list_backups(journal_path):
        assert backups.backup_problem(info.path, TEST_KEY) is None  # no half-written backup under a final name
