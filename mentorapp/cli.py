"""The front door: `mentorapp` opens the desk; subcommands serve terminals and scripts.

Every mistake a user can make ends with one line on stderr and exit code 2, and
changes nothing in the journal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from mentorapp import __version__
from mentorapp.models.errors import MentorAppError

ENV_DB = "MENTORAPP_DB"
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class UsageError(MentorAppError):
    """The command line itself is wrong (unknown option, missing argument)."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr rather than a usage dump."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def default_db_path() -> Path:
    """The journal used when neither --db nor MENTORAPP_DB names one."""
    from platformdirs import user_data_path

    return user_data_path("MentorApp", appauthor=False) / "mentorapp.db"


def journal_path(args: argparse.Namespace) -> Path:
    if args.db:
        return Path(args.db).expanduser()
    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB]).expanduser()
    return default_db_path()


# -- key prompt in a terminal -------------------------------------------------------------------
def terminal_prompt():  # noqa: ANN201 - a keys.Prompt, or None without a terminal
    """A hidden passphrase prompt on the terminal, or None when there is no one to ask."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None

    from mentorapp.models.keys import PromptRequest

    def ask(request: PromptRequest) -> str | None:
        if request.retry_reason:
            print(request.retry_reason, file=sys.stderr)
        try:
            if request.creating:
                print(
                    f"Creating {request.path}. Choose a passphrase: without it the journal cannot be read.",
                    file=sys.stderr,
                )
                first = getpass.getpass("New passphrase: ")
                if first and getpass.getpass("Repeat it: ") != first:
                    print("The two passphrases differ.", file=sys.stderr)
                    return ""
                return first
            return getpass.getpass(f"Passphrase for {request.path.name}: ")
        except (EOFError, KeyboardInterrupt):
            return None

    return ask


def open_services(args: argparse.Namespace, *, create: bool):  # noqa: ANN201 - Services
    from mentorapp.models.keys import open_journal
    from mentorapp.models.services import Services

    store = open_journal(journal_path(args), prompt=terminal_prompt(), create=create)
    return Services(store)


# -- output helpers ---------------------------------------------------------------------------
def display_width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def one_line(text: str) -> str:
    return " ".join(text.split())


def print_table(rows: Sequence[Sequence[str]], *, out=sys.stdout) -> None:  # noqa: ANN001
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [pad(cell, widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        print("  ".join(cells).rstrip(), file=out)


# -- subcommands ------------------------------------------------------------------------------
def cmd_mentee_add(args: argparse.Namespace) -> int:
    from mentorapp.models.validation import cadence, one_line, parse_date

    # Check what can be checked before the journal is opened (or created).
    one_line(args.name, what="mentee's name")
    cadence(args.cadence)
    started = parse_date(args.started, what="start date") if args.started else None
    services = open_services(args, create=True)
    with services.store:
        mentee = services.mentees.add(
            name=args.name,
            role=args.role or "",
            cadence_days=args.cadence,
            started_on=started,
            thanks_preference=args.thanks or "",
        )
    print(f"Added {mentee.name} (#{mentee.id}), check-in every {mentee.cadence_days} days.")
    return EXIT_OK


def cmd_mentee_list(args: argparse.Namespace) -> int:
    from mentorapp.models import insights

    services = open_services(args, create=False)
    with services.store:
        roster = services.mentees.roster(include_archived=args.all)
    if not roster:
        print("No mentees yet. Add one with: mentorapp mentee add NAME")
        return EXIT_OK
    today = dt.date.today()
    rows = [("NAME", "ROLE", "CADENCE", "LAST TOUCH", "STATUS")]
    for row in roster:
        health = insights.health(row, today=today)
        last = row.last_touch.date().isoformat() if row.last_touch else "never"
        status = ", ".join(badge.value for badge in health.badges) or "ok"
        if row.mentee.archived:
            status = "archived"
        rows.append((row.mentee.name, row.mentee.role or "—", f"{row.mentee.cadence_days}d", last, status))
    print_table(rows)
    return EXIT_OK


def cmd_note(args: argparse.Namespace) -> int:
    from mentorapp.models.validation import choice, parse_when, required_text
    from mentorapp.models.vocabulary import Direction, EntryKind, Setting

    text = sys.stdin.read() if args.text == "-" else args.text
    text = required_text(text, what="note")
    direction = Direction.FROM_MENTEE if args.from_mentee else Direction.PRIVATE if args.private else Direction.TO_MENTEE
    kind = choice(EntryKind, args.kind, what="kind") if args.kind else None
    setting = choice(Setting, args.setting, what="setting") if args.setting else Setting.ONE_ON_ONE
    at = parse_when(args.at) if args.at else None
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        entry = services.entries.add(
            mentee_id=mentee.id, text=text, kind=kind, direction=direction, setting=setting, at=at
        )
    print(entry.id)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from mentorapp.models.services.search import match_expression

    if match_expression(args.query) is None:
        raise MentorAppError("Search for at least one word.")
    if args.limit < 1:
        raise MentorAppError("The limit must be at least 1.")
    services = open_services(args, create=False)
    with services.store:
        hits = services.search.query(args.query, limit=args.limit)
    bold = sys.stdout.isatty()
    for hit in hits:
        snippet = hit.snippet
        if bold:
            for start, end in reversed(hit.highlights):
                snippet = f"{snippet[:start]}\x1b[1m{snippet[start:end]}\x1b[0m{snippet[end:]}"
        when = hit.at.isoformat() if hit.at else "—"
        print(f"{when}  {hit.mentee_name}  {hit.label}  {one_line(snippet)}")
    if not hits:
        print(f"Nothing matches {args.query!r}.", file=sys.stderr)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    if args.mentees is not None and args.mentees < 1:
        raise MentorAppError("--mentees must be at least 1.")
    if args.entries is not None and args.entries < 0:
        raise MentorAppError("--entries cannot be negative.")
    path = journal_path(args)
    existed = path.exists() and path.stat().st_size > 0
    services = open_services(args, create=True)
    try:
        with services.store:
            size = services.demo.generate(mentees=args.mentees, entries=args.entries, seed=args.seed)
    except MentorAppError:
        if not existed:  # do not leave behind an empty journal we created only to refuse
            _remove_journal_files(path)
        raise
    print(f"Demo team ready in {path}: {size.mentees} mentees, {size.entries} entries.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    target = Path(args.file).expanduser()
    services = open_services(args, create=False)
    with services.store:
        counts = services.interchange.export(target)
    print(f"Exported {counts['mentees']} mentees and {counts['entries']} entries to {target}.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from mentorapp.models.services.interchange import parse_document

    source = Path(args.file).expanduser()
    path = journal_path(args)
    existed = path.exists() and path.stat().st_size > 0
    if not existed:
        # Check the file before creating a journal for it, so a bad file leaves nothing behind.
        try:
            parse_document(source.read_bytes(), source=str(source))
        except OSError as exc:
            raise MentorAppError(f"Cannot read {source}: {exc.strerror}.") from None
    services = open_services(args, create=True)
    try:
        with services.store:
            report = services.interchange.import_file(source, merge=args.merge)
    except MentorAppError:
        if not existed:
            _remove_journal_files(path)
        raise
    print(f"Imported {report.summary} from {source}.")
    return EXIT_OK


def cmd_packet(args: argparse.Namespace) -> int:
    from mentorapp.models.validation import parse_date
    from mentorapp.packets.data import check_period, default_period
    from mentorapp.packets.render import write_packet, write_team_packets
    from mentorapp.packets.story import period_text

    if args.all and args.mentee:
        raise MentorAppError("Name one mentee or use --all, not both.")
    if not args.all and not args.mentee:
        raise MentorAppError("Name a mentee, or use --all for the whole team.")
    if args.combined and not args.all:
        raise MentorAppError("--combined only goes with --all.")
    today = dt.date.today()
    end = parse_date(args.to, what="end date", today=today) if args.to else today
    start = parse_date(args.start, what="start date", today=today) if args.start else default_period(end)[0]
    check_period(start, end)
    out = Path(args.output).expanduser()
    period = period_text(start, end)
    services = open_services(args, create=False)
    with services.store:
        if not args.all:
            mentee = services.mentees.find(args.mentee)
            written = write_packet(services, mentee_id=mentee.id, start=start, end=end, path=out, today=today)
            print(f"Wrote the review packet for {mentee.name} ({period}) to {written}.")
        elif args.combined:
            written = write_team_packets(services, start=start, end=end, combined=out, today=today)[0]
            print(f"Wrote the team's review packets ({period}) to {written}.")
        else:
            created = _make_folder(out)
            try:
                files = write_team_packets(services, start=start, end=end, folder=out, today=today)
            except BaseException:
                if created:
                    _remove_empty_folder(out)
                raise
            print(f"Wrote {len(files)} review packet{'s' if len(files) != 1 else ''} ({period}) to {out}.")
    return EXIT_OK


def _make_folder(folder: Path) -> bool:
    """Create the packets' folder if only its last part is missing; True if it was created."""
    if folder.exists() or not folder.parent.is_dir():
        return False
    try:
        folder.mkdir()
    except OSError as exc:
        raise MentorAppError(f"Cannot create the folder {folder}: {(exc.strerror or str(exc)).lower()}.") from None
    return True


def _remove_empty_folder(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _remove_journal_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def cmd_desk(args: argparse.Namespace) -> int:
    from mentorapp.app import run_desk

    return run_desk(journal_path(args))


# -- the parser -------------------------------------------------------------------------------
def whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mentorapp",
        description="A private, offline micro-mentorship journal. Without a subcommand, opens the desk.",
    )
    parser.add_argument("--version", action="version", version=f"mentorapp {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help=f"the journal file (default: ${ENV_DB}, else {default_db_path()})"
    )
    parser.set_defaults(handler=cmd_desk)
    commands = parser.add_subparsers(title="subcommands", metavar="SUBCOMMAND", parser_class=_Parser)

    mentee = commands.add_parser("mentee", help="add or list mentees")
    mentee_commands = mentee.add_subparsers(title="mentee subcommands", metavar="ACTION", parser_class=_Parser)
    mentee.set_defaults(handler=lambda _args: mentee.error("choose an action: add or list"))
    add = mentee_commands.add_parser("add", help="add a mentee")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", help="their role in the team")
    add.add_argument("--cadence", type=whole_number, default=14, metavar="DAYS",
                     help="days between check-ins (default 14)")
    add.add_argument("--started", metavar="DATE", help="when they joined, YYYY-MM-DD")
    add.add_argument("--thanks", metavar="TEXT", help="how they like to be thanked")
    add.set_defaults(handler=cmd_mentee_add)
    listing = mentee_commands.add_parser("list", help="list mentees with their check-in status")
    listing.add_argument("--all", action="store_true", help="include archived mentees")
    listing.set_defaults(handler=cmd_mentee_list)

    note = commands.add_parser("note", help="write one bite-size journal entry")
    note.add_argument("mentee", metavar="MENTEE", help="a name or a unique start of one")
    note.add_argument("text", metavar="TEXT", help="the note ('-' reads it from standard input)")
    note.add_argument("--kind", metavar="KIND",
                      help="progress, concern, thought, feedback, question, praise, ask or decision")
    who = note.add_mutually_exclusive_group()
    who.add_argument("--from-mentee", action="store_true", help="the mentee said it to you")
    who.add_argument("--private", action="store_true", help="a private note, not shared")
    note.add_argument("--setting", metavar="SETTING", help="one_on_one, coffee, walk, chat, meeting or ad_hoc")
    note.add_argument("--at", metavar="WHEN", help="YYYY-MM-DD or 'YYYY-MM-DD HH:MM' (default: now)")
    note.set_defaults(handler=cmd_note)

    search = commands.add_parser("search", help="full-text search over the whole journal")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=whole_number, default=50, metavar="N", help="at most N hits (default 50)")
    search.set_defaults(handler=cmd_search)

    demo = commands.add_parser("demo", help="fill an empty journal with a demo team")
    demo.add_argument("--mentees", type=whole_number, metavar="N", help="team size (default: 8–12)")
    demo.add_argument("--entries", type=whole_number, metavar="M", help="entries in all (default: about 45 each)")
    demo.add_argument("--seed", type=whole_number, default=7, metavar="S", help="random seed (default 7)")
    demo.set_defaults(handler=cmd_demo)

    export = commands.add_parser("export", help="write the whole journal to a JSON file")
    export.add_argument("file", metavar="FILE.json")
    export.set_defaults(handler=cmd_export)

    importing = commands.add_parser("import", help="read a JSON export into the journal")
    importing.add_argument("file", metavar="FILE.json")
    importing.add_argument("--merge", action="store_true",
                           help="add the file's mentees to a journal that already has some")
    importing.set_defaults(handler=cmd_import)

    packet = commands.add_parser(
        "packet",
        help="write review packets (PDF) for one mentee or the whole team",
        description="Write a review packet: everything about one mentee for a period, ready to print. "
                    "Without --from and --to, the period is the twelve months up to today.",
    )
    packet.add_argument("mentee", metavar="MENTEE", nargs="?", help="a name or a unique start of one")
    packet.add_argument("--all", action="store_true",
                        help="every active mentee: one PDF each into the folder given with -o")
    packet.add_argument("--combined", action="store_true", help="with --all: one PDF for the whole team at -o")
    packet.add_argument("--from", dest="start", metavar="DATE",
                        help="first day of the period, YYYY-MM-DD (default: twelve months before --to)")
    packet.add_argument("--to", metavar="DATE", help="last day of the period, YYYY-MM-DD (default: today)")
    packet.add_argument("-o", "--output", metavar="OUT", required=True,
                        help="the PDF file to write; with --all (and no --combined), the folder for the PDFs")
    packet.set_defaults(handler=cmd_packet)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except MentorAppError as exc:
        print(f"mentorapp: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("mentorapp: interrupted; nothing was changed by the unfinished command.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"mentorapp: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}.", file=sys.stderr)
        return EXIT_FAILURE
