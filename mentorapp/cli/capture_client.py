"""The quick way in for `mentorapp capture`: a plain local-socket client, run before the rest of the command line.

The command is bound to a global keyboard shortcut, so the lead waits for all of it: this
module loads only the standard library, finds the running desk's socket, checks that it is
the user's own (models/trust/desk_channel.py), sends one line and waits for the answer that
quick capture is on screen. The argument parser, the catalogues, logging, the database and
Qt are never loaded on this way. The running desk logs the request it answers.

Anything else goes the whole command line's way (cli/capture.py), which says in the lead's
language and in the log what went wrong, or starts a desk with the note open: `--language`,
`--help` or anything argparse would read otherwise, no desk answering, a socket that is not
the user's own, Windows' named pipe.
"""

from __future__ import annotations

import os
import sys

from mentorapp.models.trust import desk_channel

ANSWER_TIMEOUT_S = 10.0  # a desk busy with a backup still answers well within this
EXIT_OK, EXIT_USAGE = 0, 2  # as cli/opening.py's


class DeskSilent(Exception):
    """The desk took the request but did not answer within ANSWER_TIMEOUT_S."""


def simple_request(arguments: list[str]) -> tuple[str | None, str] | None:
    """`[--db PATH] capture [MENTEE]` as (the --db value or None, the mentee or ""); None for any other form."""
    db: str | None = None
    rest = list(arguments)
    if rest[:1] == ["--db"] and len(rest) >= 2 and not rest[1].startswith("-"):
        db, rest = rest[1], rest[2:]
    elif rest[:1] and rest[0].startswith("--db="):
        db, rest = rest[0].removeprefix("--db="), rest[1:]
    if rest[:1] != ["capture"] or len(rest) > 2:
        return None
    mentee = rest[1] if len(rest) == 2 else ""
    if mentee.startswith("-"):  # an option (or a name argparse would take for one): the parser's to read
        return None
    return db, mentee


def quick_capture(arguments: list[str]) -> int | None:
    """Ask the running desk for quick capture, for the simple form of the command; its exit code.

    None when the whole command line must take over (see the module's doc); nothing was sent then.
    Raises DeskSilent (or KeyboardInterrupt) after sending, for the whole command line to say.
    """
    if os.name == "nt":
        return None
    request = simple_request(arguments)
    if request is None:
        return None
    from mentorapp.cli.journal_file import journal_file

    db, mentee = request
    path = desk_channel.find_desk_socket(journal_file(db))
    if path is None or desk_channel.channel_problem(path) is not None:
        return None  # no desk to ask (one is started), or a refusal, said by the whole command line
    answer = send_over_socket(path, mentee)
    if answer is None:
        return None  # a socket left behind by a desk that has ended: the whole way starts a new desk
    return answered(answer)


def send_over_socket(path: str, mentee: str) -> str | None:
    """Send the capture request to the desk's socket at `path`; its one-line answer, or None when no desk listens.

    Raises DeskSilent when the desk took the request and did not answer.
    """
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as channel:
        channel.settimeout(ANSWER_TIMEOUT_S)
        try:
            channel.connect(path)
        except (ConnectionRefusedError, FileNotFoundError):
            return None
        try:
            channel.sendall(desk_channel.capture_message(mentee))
            received = b""
            while not received.endswith(b"\n"):
                chunk = channel.recv(4096)
                if not chunk:
                    break
                received += chunk
        except TimeoutError:
            raise DeskSilent from None
    return received.decode("utf-8", "replace").strip()


def answered(answer: str) -> int:
    """The exit code for the desk's answer, after printing the sentence it came with (on stderr)."""
    verb, sentence = desk_channel.parse_request(answer.encode("utf-8"))
    if sentence:  # the desk's one sentence: who was not found (the note is open all the same), or why no note
        from mentorapp.cli.terminal import one_line, terminal_safe

        print(f"mentorapp: {terminal_safe(one_line(sentence))}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if verb == desk_channel.SHOWN else EXIT_USAGE
