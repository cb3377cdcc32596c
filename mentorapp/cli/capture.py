"""`mentorapp capture [MENTEE]`: a new note in the running desk, or a desk started with one.

Meant for a global keyboard shortcut, so it is quick: it loads neither the database nor Qt's
widgets to talk to a running desk, only finds the desk's socket, checks that it is the user's
own (models/trust/desk_channel.py), sends one line and waits for the answer that the dialog
is on screen. With no desk running it starts one, with quick capture open.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path

from mentorapp.cli.opening import EXIT_OK, EXIT_USAGE, journal_path
from mentorapp.cli.terminal import one_line, terminal_safe
from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.trust import desk_channel

ANSWER_TIMEOUT_S = 10.0  # a desk busy with a backup still answers well within this


def cmd_capture(args: argparse.Namespace) -> int:
    journal = journal_path(args)
    mentee = args.mentee or ""
    answer = send_capture(journal, mentee)
    if answer is None:  # no desk on this journal: start one, with the note open
        from mentorapp.app import run_desk

        return run_desk(journal, capture=mentee)
    verb, sentence = desk_channel.parse_request(answer.encode("utf-8"))
    if sentence:  # the desk's one sentence: who was not found (the note is open all the same), or why no note
        print(f"mentorapp: {terminal_safe(one_line(sentence))}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if verb == desk_channel.SHOWN else EXIT_USAGE


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
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as channel:
        channel.settimeout(ANSWER_TIMEOUT_S)
        try:
            channel.connect(str(path))
        except (ConnectionRefusedError, FileNotFoundError):
            return None  # a socket left behind by a desk that has ended
        try:
            channel.sendall(desk_channel.capture_message(mentee))
            answer = _read_line(channel)
        except TimeoutError:
            raise MentorAppError(_("The desk did not answer; bring its window forward and try again.")) from None
    return answer


def _read_line(channel: socket.socket) -> str:
    received = b""
    while not received.endswith(b"\n"):
        chunk = channel.recv(4096)
        if not chunk:
            break
        received += chunk
    return received.decode("utf-8", "replace").strip()


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
        raise MentorAppError(_("The desk did not answer; bring its window forward and try again."))
    while not channel.canReadLine() and channel.waitForReadyRead(1000):
        pass
    return bytes(channel.readAll().data()).decode("utf-8", "replace").strip()
