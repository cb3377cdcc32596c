"""`mentorapp capture [MENTEE]`: a new note in the running desk, or a desk started with one.

Meant for a global keyboard shortcut, so it is quick: the simple form of the command is
answered before the rest of the command line is even loaded (cli/capture_client.py). This is
the whole way, for everything else: a `--language` to speak, a socket that is not the user's
own (refused in one sentence), a desk that does not answer, Windows' named pipe, and no desk
running, when it starts one with quick capture open.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from mentorapp.cli.capture_client import ANSWER_TIMEOUT_S, DeskSilent, answered, send_over_socket
from mentorapp.cli.opening import journal_path
from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.trust import desk_channel


def cmd_capture(args: argparse.Namespace) -> int:
    journal = journal_path(args)
    mentee = args.mentee or ""
    answer = send_capture(journal, mentee)
    if answer is None:  # no desk on this journal: start one, with the note open
        from mentorapp.app import run_desk

        return run_desk(journal, capture=mentee)
    return answered(answer)


def silent_desk_sentence() -> str:
    return _("The desk did not answer; bring its window forward and try again.")


def as_refusal(failure: BaseException) -> BaseException:
    """What stopped the quick way after it sent its request, as the whole command line reports it."""
    if isinstance(failure, DeskSilent):
        return MentorAppError(silent_desk_sentence())
    return failure  # Ctrl+C while waiting


def send_capture(journal: Path, mentee: str) -> str | None:
    """Ask the desk on `journal` for quick capture; its one-line answer, or None when no desk listens.

    Raises MentorAppError (one sentence) for a socket that is not the user's own, or a desk that does not answer.
    """
    if os.name == "nt":
        return _send_over_pipe(journal, mentee)
    path = desk_channel.find_desk_socket(journal)
    if path is None:
        return None
    problem = desk_channel.channel_problem(path)
    if problem is not None:
        raise MentorAppError(problem)
    try:
        return send_over_socket(path, mentee)
    except DeskSilent:
        raise MentorAppError(silent_desk_sentence()) from None


def _send_over_pipe(journal: Path, mentee: str) -> str | None:
    # Windows: the desk's named pipe, which only this user may open (QLocalServer's user access option).
    from PySide6.QtNetwork import QLocalSocket

    from mentorapp.models.trust.desk_lock import desk_server_name

    channel = QLocalSocket()
    channel.connectToServer(desk_server_name(journal))
    if not channel.waitForConnected(1000):
        return None
    channel.write(desk_channel.capture_message(mentee))
    channel.waitForBytesWritten(1000)
    if not channel.waitForReadyRead(int(ANSWER_TIMEOUT_S * 1000)):
        raise MentorAppError(silent_desk_sentence())
    while not channel.canReadLine() and channel.waitForReadyRead(1000):
        pass
    return bytes(channel.readAll().data()).decode("utf-8", "replace").strip()
