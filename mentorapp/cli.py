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

    def ask(request: PromptRequest):  # noqa: ANN202 - str, a recovery Key, or None
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
            return typed_key(getpass.getpass(f"Passphrase (or recovery key) for {request.path.name}: "))
        except (EOFError, KeyboardInterrupt):
            return None

    return ask


def typed_key(text: str):  # noqa: ANN201 - the text, or a Key when it is a recovery key
    """What was typed at a passphrase prompt: a recovery key (14 groups of 4) is taken as one."""
    from mentorapp.models.recovery import RecoveryKeyError, parse_recovery_key

    if len(text.replace("-", "").replace(" ", "")) == 56:
        try:
            return parse_recovery_key(text)
        except RecoveryKeyError:
            pass
    return text


def open_services(args: argparse.Namespace, *, create: bool, daily_backup: bool = True):  # noqa: ANN201
    """Open the journal for one command (Services); the first command of a day also backs it up."""
    from mentorapp.models.errors import StoreError
    from mentorapp.models.keys import open_journal
    from mentorapp.models.services import Services
    from mentorapp.models.store import JournalDamagedError

    path = journal_path(args)
    existed = path.exists() and path.stat().st_size > 0
    store = open_journal(path, prompt=terminal_prompt(), create=create)
    services = Services(store)
    if existed and daily_backup:
        try:
            services.backups.back_up_if_due()
        except JournalDamagedError:
            store.close()
            raise
        except StoreError as exc:
            # A missing daily backup must not cost the person the note they are writing.
            print(f"mentorapp: warning: {exc}", file=sys.stderr)
    return services


def damage_advice(exc: BaseException, path: Path) -> str:
    """The one line for a damaged or missing journal: what happened and the command that repairs it."""
    from mentorapp.models.backups import backup_folder, describe_backup
    from mentorapp.models.keys import JournalMissingError

    backup = getattr(exc, "backup", None)
    if isinstance(exc, JournalMissingError):
        return f"{exc} 'mentorapp restore --latest' puts the newest one back."
    if backup is not None:
        return (
            f"{str(exc).rstrip('.')}. The newest good backup is from {describe_backup(backup)}: "
            "'mentorapp restore --latest' puts it back and keeps the damaged file aside."
        )
    return f"{str(exc).rstrip('.')}. No good backup of it was found in {backup_folder(path)}."


# -- output helpers ---------------------------------------------------------------------------
_ZERO_WIDTH = frozenset(("Mn", "Me", "Cf"))  # marks, variation selectors, joiners, direction marks
_ZWJ = "\u200d"


def display_width(text: str) -> int:
    """Terminal columns `text` takes: wide characters two, marks none, an emoji joined by ZWJ none more."""
    width, joined = 0, False
    for character in text:
        if unicodedata.category(character) in _ZERO_WIDTH:
            joined = character == _ZWJ
            continue
        if not joined:
            width += 2 if unicodedata.east_asian_width(character) in "WF" else 1
        joined = False
    return width


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def one_line(text: str) -> str:
    return " ".join(text.split())


# Embeddings, overrides and isolates reorder whatever a terminal prints after them.
_DIRECTION_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


def terminal_safe(text: str) -> str:
    """Journal text as a terminal can show it harmlessly, one character for one.

    Control characters (the start of escape sequences that move the cursor or
    retitle the window) become their visible symbols (ESC shows as U+241B);
    direction overrides, C1 controls and lone surrogates become U+FFFD.
    """
    shown = []
    for character in text:
        code = ord(character)
        if code < 0x20 and character not in "\t\n":
            shown.append(chr(0x2400 + code))
        elif code == 0x7F:
            shown.append("\u2421")
        elif 0x80 <= code < 0xA0 or code in _DIRECTION_CONTROLS or 0xD800 <= code <= 0xDFFF:
            shown.append("\ufffd")
        else:
            shown.append(character)
    return "".join(shown)


def print_table(rows: Sequence[Sequence[str]], *, out=sys.stdout) -> None:  # noqa: ANN001
    rows = [[terminal_safe(one_line(cell)) for cell in row] for row in rows]
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
    print(f"Added {terminal_safe(mentee.name)} (#{mentee.id}), check-in every {mentee.cadence_days} days.")
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
    from mentorapp.models.validation import quoted

    if match_expression(args.query) is None:
        raise MentorAppError("Search for at least one word.")
    if args.limit < 1:
        raise MentorAppError("The limit must be at least 1.")
    services = open_services(args, create=False)
    with services.store:
        hits = services.search.query(args.query, limit=args.limit)
    bold = sys.stdout.isatty()
    for hit in hits:
        snippet = terminal_safe(hit.snippet)
        if bold:
            for start, end in reversed(hit.highlights):
                snippet = f"{snippet[:start]}\x1b[1m{snippet[start:end]}\x1b[0m{snippet[end:]}"
        when = hit.at.isoformat() if hit.at else "—"
        print(f"{when}  {terminal_safe(one_line(hit.mentee_name))}  {hit.label}  {one_line(snippet)}")
    if not hits:
        print(f"Nothing matches {terminal_safe(quoted(args.query))}.", file=sys.stderr)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    if args.mentees is not None and args.mentees < 1:
        raise MentorAppError("--mentees must be at least 1.")
    if args.entries is not None and args.entries < 0:
        raise MentorAppError("--entries cannot be negative.")
    path = journal_path(args)
    # A refusal here never deletes the journal, even one this command created: another
    # command started at the same moment may already have written to it (and said so).
    services = open_services(args, create=True)
    with services.store:
        size = services.demo.generate(mentees=args.mentees, entries=args.entries, seed=args.seed)
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
    # As with the demo, a refusal after this point leaves the journal alone: it may hold
    # what another command wrote meanwhile.
    services = open_services(args, create=True)
    with services.store:
        report = services.interchange.import_file(source, merge=args.merge)
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


# -- trust: backups, restore, keys ------------------------------------------------------------
def _refuse_under_open_desk(path: Path, what: str) -> None:
    from mentorapp.models.desk_lock import desk_holding

    if desk_holding(path) is not None:
        raise MentorAppError(f"The journal is open in the MentorApp desk; close it there first, then {what}.")


def cmd_backup(args: argparse.Namespace) -> int:
    from mentorapp.models.backups import BackupPolicy

    if args.list and args.file:
        raise UsageError("give a FILE or --list, not both (see 'mentorapp backup --help')")
    changing_policy = args.keep_daily is not None or args.keep_weekly is not None
    services = open_services(args, create=False, daily_backup=False)
    with services.store:
        if changing_policy:
            current = services.backups.policy()
            policy = BackupPolicy(
                keep_daily=current.keep_daily if args.keep_daily is None else args.keep_daily,
                keep_weekly=current.keep_weekly if args.keep_weekly is None else args.keep_weekly,
            )
            removed = services.backups.set_policy(policy)
            print(
                f"Keeping the newest backup of each of the last {policy.keep_daily} days and "
                f"{policy.keep_weekly} weeks" + (f"; {len(removed)} older backups removed." if removed else ".")
            )
        if args.list:
            backups = services.backups.list()
            if not backups:
                print(f"No backups yet in {services.backups.folder()}.")
                return EXIT_OK
            rows = [("MADE", "REASON", "SIZE", "FILE")]
            for info in backups:
                rows.append((f"{info.made_at:%Y-%m-%d %H:%M}", info.reason.value, _size(info.size), info.path.name))
            print_table(rows)
            print(f"in {services.backups.folder()}")
            return EXIT_OK
        if changing_policy and not args.file:
            return EXIT_OK
        if args.file:
            target = services.backups.back_up_to(args.file)
            print(f"Backed up {services.store.path.name} to {target} (encrypted with the journal's key).")
        else:
            info = services.backups.back_up_now()
            print(f"Backed up {services.store.path.name} to {info.path}.")
    return EXIT_OK


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


def cmd_restore(args: argparse.Namespace) -> int:
    from mentorapp.models.backups import describe_backup, newest_good_backup, restore_unopenable
    from mentorapp.models.keys import find_key_for_backups, open_journal
    from mentorapp.models.services import Services
    from mentorapp.models.store import JournalDamagedError

    if bool(args.file) == bool(args.latest):
        raise UsageError("name a backup FILE, or say --latest (see 'mentorapp restore --help')")
    path = journal_path(args)
    _refuse_under_open_desk(path, "restore")
    source = Path(args.file).expanduser() if args.file else None
    prompt = terminal_prompt()
    try:
        store = open_journal(path, prompt=prompt, create=False)
    except JournalDamagedError as exc:
        key = exc.key or find_key_for_backups(path, prompt=prompt)
        if source is None:
            newest = newest_good_backup(path, key)
            if newest is None:
                raise MentorAppError(f"No backup of {path} opens with its key and passes SQLite's checks.") from None
            source = newest.path
        report = restore_unopenable(path, source, key=key)
        kept = f"; the damaged file is kept as {report.damaged_copy.name}" if report.damaged_copy else ""
        print(f"Restored {path.name} from {source.name}{kept}.")
        return EXIT_OK
    services = Services(store)
    with store:
        if source is None:
            newest = services.backups.newest_good()
            if newest is None:
                raise MentorAppError(f"No backup in {services.backups.folder()} opens with this journal's key.")
            source = newest.path
            when = describe_backup(newest)
        else:
            when = source.name
        source_key = None
        problem = services.backups.problem_with(source) if source.is_file() else None
        if problem and "does not open" in problem:
            source_key = _ask_backup_key(source, prompt)
        report = services.backups.restore(source, source_key=source_key)
    if report.safety_backup is not None:
        print(f"Restored {path.name} from {when}. The journal as it was is kept in {report.safety_backup}.")
    else:
        print(f"Restored {path.name} from {when}; the damaged file is kept as {report.damaged_copy}.")
    return EXIT_OK


def _ask_backup_key(source: Path, prompt):  # noqa: ANN001, ANN202 - a keys.Prompt -> Key
    from mentorapp.models.keys import PromptRequest
    from mentorapp.models.store import Key

    if prompt is None:
        raise MentorAppError(
            f"{source.name} was made under an earlier key; run this in a terminal to type its passphrase."
        )
    typed = prompt(PromptRequest(path=source, creating=False, attempt=1,
                                 retry_reason=f"{source.name} was made under an earlier key."))
    if not typed:
        raise MentorAppError("No passphrase given; nothing was restored.")
    return typed if isinstance(typed, Key) else Key(secret=typed, source="prompt")


def read_secret(label: str) -> str:
    """A secret from a hidden prompt in a terminal, else the first line of standard input."""
    if sys.stdin.isatty():
        try:
            return getpass.getpass(f"{label}: ")
        except (EOFError, KeyboardInterrupt):
            raise MentorAppError("Nothing typed; nothing was changed.") from None
    return sys.stdin.readline().rstrip("\r\n")


def cmd_unlock(args: argparse.Namespace) -> int:
    from mentorapp.models.keys import keyring_available, keyring_has_key, open_journal, open_with_recovery_key
    from mentorapp.models.recovery import parse_recovery_key
    from mentorapp.models.store import WrongKeyError

    path = journal_path(args)
    if not path.exists():
        raise MentorAppError(f"There is no journal at {path}.")
    if not args.recovery_key:
        store = open_journal(path, prompt=terminal_prompt(), create=False)
        with store:
            source = store.key.source
        where = {"keyring": "the key in this computer's keyring", "environment": "MENTORAPP_PASSPHRASE",
                 "prompt": "the passphrase typed", "recovery key": "the recovery key typed"}.get(source, source)
        print(f"{path} opens with {where}.")
        return EXIT_OK
    key = parse_recovery_key(read_secret("Recovery key"))
    try:
        store = open_with_recovery_key(path, key)
    except WrongKeyError:
        raise MentorAppError(f"That recovery key is well formed but does not open {path}.") from None
    with store:
        kept = keyring_has_key(path, key)
    if not kept:
        reason = "this computer has no secure keyring" if not keyring_available() else "the keyring refused it"
        raise MentorAppError(
            f"The recovery key opens {path}, but {reason}; type the recovery key at the passphrase prompt "
            "each time, or change to a passphrase with 'mentorapp rekey --to passphrase'."
        )
    print(f"The recovery key opens {path}; its key is back in this computer's keyring.")
    return EXIT_OK


def cmd_rekey(args: argparse.Namespace) -> int:
    from mentorapp.models.keys import ENV_PASSPHRASE, KeyKind

    path = journal_path(args)
    _refuse_under_open_desk(path, "change the key")
    services = open_services(args, create=False, daily_backup=False)
    with services.store:
        target = KeyKind(args.to) if args.to else services.keys.kind()
        if target is KeyKind.PASSPHRASE:
            new = read_secret("New passphrase")
            if not new:
                raise MentorAppError("The passphrase cannot be empty; nothing was changed.")
            if sys.stdin.isatty() and read_secret("Repeat it") != new:
                raise MentorAppError("The two passphrases differ; nothing was changed.")
            change = services.keys.change_to_passphrase(new)
        else:
            change = services.keys.change_to_keyring()
    rekeyed = f" {change.backups_rekeyed} backups now use the new key too." if change.backups_rekeyed else ""
    if change.kind is KeyKind.PASSPHRASE:
        print(f"{path} is now locked with the new passphrase.{rekeyed}")
        if os.environ.get(ENV_PASSPHRASE):
            print(f"{ENV_PASSPHRASE} still holds the old passphrase; update it.", file=sys.stderr)
    else:
        print(
            f"{path} is now locked with a new key kept in this computer's keyring.{rekeyed} "
            "Earlier recovery sheets no longer open it: make a new one with 'mentorapp recovery-kit FILE.pdf'."
        )
    return EXIT_OK


def cmd_recovery_kit(args: argparse.Namespace) -> int:
    from mentorapp.models.services.interchange import write_atomically
    from mentorapp.recovery_sheet import RecoverySheet, build_recovery_sheet

    services = open_services(args, create=False, daily_backup=False)
    with services.store:
        sheet = RecoverySheet(
            journal=services.store.path,
            recovery_key=services.keys.recovery_key(),
            sheet_id=services.keys.sheet_id(),
            made_on=dt.date.today(),
        )
        pdf = build_recovery_sheet(sheet)
        if args.file == "-":
            if sys.stdout.isatty():
                raise MentorAppError("The recovery sheet is a PDF; send it to a printer (| lp) or name a FILE.")
            sys.stdout.buffer.write(pdf)
            sys.stdout.flush()
        else:
            target = Path(args.file).expanduser()
            write_atomically(target, lambda stream: stream.write(pdf), mode="wb")
            os.chmod(target, 0o600)
        services.keys.mark_kit_made()
    if args.file != "-":
        print(f"Wrote recovery sheet {sheet.sheet_id} to {target}. Print it, keep it away from this computer, "
              "and delete the file.")
    return EXIT_OK


def cmd_desk(args: argparse.Namespace) -> int:
    from mentorapp.app import run_desk

    return run_desk(journal_path(args))


# -- the parser -------------------------------------------------------------------------------
def whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        from mentorapp.models.validation import quoted

        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a whole number") from None


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

    backup = commands.add_parser("backup", help="back the journal up now, list backups, or set rotation")
    backup.add_argument("file", metavar="FILE", nargs="?",
                        help="where to write the copy (a folder gets a dated file); default: the backup folder")
    backup.add_argument("--list", action="store_true", help="list the backups in the backup folder")
    backup.add_argument("--keep-daily", type=whole_number, metavar="N",
                        help="keep the newest backup of each of the last N days (default 7)")
    backup.add_argument("--keep-weekly", type=whole_number, metavar="M",
                        help="keep the newest backup of each of the last M weeks (default 4)")
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser("restore", help="replace the journal with a backup (backing it up first)")
    restore.add_argument("file", metavar="FILE", nargs="?", help="the backup to restore")
    restore.add_argument("--latest", action="store_true", help="the newest good backup in the backup folder")
    restore.set_defaults(handler=cmd_restore)

    unlock = commands.add_parser("unlock", help="check the key, or put it back into the keyring from the recovery key")
    unlock.add_argument("--recovery-key", action="store_true",
                        help="read the recovery key (hidden prompt, or standard input) and keep it in the keyring")
    unlock.set_defaults(handler=cmd_unlock)

    rekey = commands.add_parser("rekey", help="change the journal's passphrase or key")
    rekey.add_argument("--to", choices=("passphrase", "keyring"),
                       help="a new passphrase, or a new random key in the keyring (default: the same kind)")
    rekey.set_defaults(handler=cmd_rekey)

    kit = commands.add_parser("recovery-kit", help="write the printable recovery sheet (keyring journals)")
    kit.add_argument("file", metavar="FILE.pdf", help="where to write it ('-' for standard output, e.g. | lp)")
    kit.set_defaults(handler=cmd_recovery_kit)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from mentorapp.models.store import JournalDamagedError

    parser = build_parser()
    args: argparse.Namespace | None = None
    try:
        args = parser.parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = args.handler
        status = handler(args)
        sys.stdout.flush()  # a reader that went away is found here, not in Python's exit
        return status
    except BrokenPipeError:
        # The output went to a reader that stopped reading (`| head`): no complaint about
        # it, but not a success either, so `set -o pipefail` scripts can tell.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except JournalDamagedError as exc:
        print(f"mentorapp: {terminal_safe(damage_advice(exc, exc.path))}", file=sys.stderr)
        return EXIT_USAGE
    except MentorAppError as exc:
        print(f"mentorapp: {terminal_safe(one_line(str(exc)))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("mentorapp: interrupted; nothing was changed by the unfinished command.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"mentorapp: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}.", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:
        # SQLite failing under a command (a page that no longer reads back): one line, not a traceback.
        message = _database_failure(exc, journal_path(args) if args is not None else None)
        if message is None:
            raise
        print(f"mentorapp: {message}", file=sys.stderr)
        return EXIT_FAILURE


def _database_failure(exc: BaseException, path: Path | None) -> str | None:
    import sqlcipher3
    from sqlalchemy.exc import DatabaseError

    from mentorapp.models.store import describe_database_error, is_damage

    if not isinstance(exc, (DatabaseError, sqlcipher3.DatabaseError)):
        return None
    words = describe_database_error(exc)
    journal = path or "the journal"
    if is_damage(exc):
        return (
            f"The journal {journal} is damaged ({words}); nothing more was written. "
            "'mentorapp restore --latest' puts back the newest good backup and keeps the damaged file aside."
        )
    if "locked" in words or "busy" in words:
        return f"The journal {journal} stayed busy (another program is writing to it); try again."
    return f"The journal {journal} cannot be used: {words}."
