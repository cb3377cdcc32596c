"""Hostile text on the command line: saved as typed or refused in one line; never a crash, never a raw escape.

Runs the real entry point in-process with streams like a terminal's (UTF-8;
stdout strict, stderr with backslash escapes), over a journal whose key is in
the (test) keyring, so each run costs no key derivation.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorapp import cli
from mentorapp.models.trust.opening import open_journal
from mentorapp.models.services import Services
from mentorapp.models.validation import storable

ANY_CHARACTER = st.characters(exclude_categories=(), exclude_characters="\x00")  # argv cannot hold NUL
NASTY = ["\x1b]0;owned\x07", "\x1b[2J", "\u202e", "\u200f", "\udc80", "\x85", "\x9b31m", "-", "--db", "'", "\n"]
ARGUMENT = st.lists(st.one_of(st.text(ANY_CHARACTER, max_size=20), st.sampled_from(NASTY)), max_size=6).map("".join)


class Terminal:
    """Replaces the standard streams for one run, encoding like a UTF-8 terminal does."""

    def __init__(self, stdin: str = "") -> None:
        self.out, self.err = io.BytesIO(), io.BytesIO()
        self.stdin = stdin

    def run(self, *args: str) -> int:
        saved = sys.stdin, sys.stdout, sys.stderr
        out = io.TextIOWrapper(self.out, encoding="utf-8", errors="strict", write_through=True)
        err = io.TextIOWrapper(self.err, encoding="utf-8", errors="backslashreplace", write_through=True)
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(self.stdin), out, err
        try:
            return cli.main(list(args))
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved
            for stream in (out, err):
                stream.flush()
                stream.detach()  # keep the bytes readable after the wrapper goes

    def output(self) -> str:
        return self.out.getvalue().decode("utf-8") + self.err.getvalue().decode("utf-8")


@pytest.fixture
def keyring_journal(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "journal.db"
    with open_journal(path, prompt=None) as store:
        Services(store).mentees.add(name="Ana")
    yield path


def no_raw_controls(text: str) -> bool:
    return not any(ord(c) < 0x20 and c != "\n" or 0x7F <= ord(c) < 0xA0 or c in "\u202e\u202d" for c in text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=ARGUMENT, note=ARGUMENT)
def test_any_text_through_the_command_line(keyring_journal: Path, name: str, note: str) -> None:
    db = ["--db", str(keyring_journal)]
    terminal = Terminal()
    added = terminal.run(*db, "mentee", "add", name)
    assert added in (0, 2)
    noted = terminal.run(*db, "note", "--quiet", "Ana", note)
    assert noted in (0, 2)
    if noted == 0:
        ident = int(terminal.out.getvalue().decode().split()[-1])
        with open_journal(keyring_journal, prompt=None) as store:
            assert Services(store).entries.get(ident).text == storable(note.strip())
    for args in (("mentee", "list"), ("search", note), ("search", name)):
        assert terminal.run(*db, *args) in (0, 2)
    shown = terminal.output()
    assert "Traceback" not in shown
    assert no_raw_controls(shown)
    for line in terminal.err.getvalue().decode().splitlines():
        assert line.startswith(("mentorapp: ", "Nothing matches "))  # every message is one line of its own


def test_a_megabyte_note_from_standard_input(keyring_journal: Path) -> None:
    huge = ("Zoë \u202eevil\u202c \u200fעברית\u200f \x1b[31m red " * 25_000)[:1_000_000] + " needle"
    terminal = Terminal(stdin=huge)
    assert terminal.run("--db", str(keyring_journal), "note", "Ana", "-") == 0
    assert terminal.run("--db", str(keyring_journal), "search", "needle") == 0
    found = terminal.out.getvalue().decode().splitlines()[-1]
    assert "Ana" in found and "needle" in found and no_raw_controls(found.replace("\x1b[1m", "").replace("\x1b[0m", ""))


def test_escape_sequences_in_names_are_shown_not_obeyed(keyring_journal: Path) -> None:
    terminal = Terminal()
    assert terminal.run("--db", str(keyring_journal), "mentee", "add", "Eve\x1b]0;owned\x07 \u202eevil") == 0
    assert terminal.run("--db", str(keyring_journal), "mentee", "list") == 0
    listing = terminal.out.getvalue().decode()
    assert "Eve\u241b]0;owned\u2407 \ufffdevil" in listing
    assert "\x1b" not in listing
