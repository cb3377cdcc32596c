"""Forks writer processes for the durability test, cheaply: the imports are paid for once.

Reads the journal's raw key (hex) as its first input line, then one command per line:
`write` forks a child that opens the journal as the command line does (and makes
the daily backup when due) and then writes notes without end; `backup` forks one
that first makes a backup by hand. After each fork this process prints `pid N`;
each child prints `ack ID TEXT` only after `entries.add` has returned, that is,
once the note is acknowledged. The test kills the children with SIGKILL.

Run: python -m tests.support.writer_zygote JOURNAL
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from mentorapp.models.trust import backups
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Key, Store


def _say(line: str) -> None:
    # One write() per line: lines from several processes never interleave in the pipe.
    os.write(1, (line + "\n").encode())


def _write_forever(journal: Path, key: Key, *, backup_first: bool) -> None:
    store = Store.open(journal, key, create=False)
    services = Services(store)
    services.backups.back_up_if_due()
    if backup_first:
        backups.make_backup(store, reason=backups.Reason.MANUAL)
    mentee_id = services.mentees.list()[0].id
    number = 0
    while True:
        text = f"note-{os.getpid()}-{number}"
        entry = services.entries.add(mentee_id=mentee_id, text=text)
        _say(f"ack {entry.id} {text}")
        number += 1


def main() -> None:
    journal = Path(sys.argv[1])
    key = Key.from_hex(sys.stdin.readline().strip(), source="test")
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps killed children
    for command in sys.stdin:
        command = command.strip()
        if command not in ("write", "backup"):
            continue
        pid = os.fork()
        if pid == 0:
            try:
                _write_forever(journal, key, backup_first=command == "backup")
            finally:
                os._exit(1)
        _say(f"pid {pid}")


if __name__ == "__main__":
    main()
