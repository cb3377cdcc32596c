"""The command line's grammar: every subcommand, its arguments and its help, and the desk as the default."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from mentorapp import __version__
from mentorapp.i18n import N_, _
from mentorapp.cli.agenda import (
    cmd_agenda_accept,
    cmd_agenda_add,
    cmd_agenda_done,
    cmd_agenda_drop,
    cmd_agenda_list,
    cmd_agenda_next,
    cmd_agenda_sheet,
    cmd_agenda_template,
    cmd_agenda_templates,
    cmd_agenda_use,
    cmd_calendar_export,
    cmd_calendar_import,
)
from mentorapp.cli.capture import cmd_capture
from mentorapp.cli.due import cmd_due
from mentorapp.cli.language import OPTION, language_tag
from mentorapp.cli.opening import ENV_DB, EXIT_OK, UsageError, default_db_path, journal_path
from mentorapp.cli.packets import cmd_packet
from mentorapp.cli.preferences import cmd_preferences
from mentorapp.cli.privacy import (
    cmd_access_export,
    cmd_mentee_erase,
    cmd_mentee_hold,
    cmd_mentee_release,
    cmd_retention,
    cmd_trash_empty,
)
from mentorapp.cli.safety import (
    cmd_backup,
    cmd_check,
    cmd_recovery_kit,
    cmd_rekey,
    cmd_restore,
    cmd_unlock,
)
from mentorapp.cli.team import (
    cmd_demo,
    cmd_mentee_add,
    cmd_mentee_list,
    cmd_note,
    cmd_search,
)
from mentorapp.cli.transfer import cmd_export, cmd_import


LANGUAGE_HELP = N_("the language to speak: de, en, es or fr, or a locale such as de_AT (default: $MENTORAPP_LANG, "
                   "else your choice in preferences, else the system's)")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr rather than a usage dump; every command takes --language."""

    def __init__(self, *args: Any, speaks: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if speaks:  # after a subcommand too (`mentorapp note … --language de`); read before parsing (cli.language)
            self.add_argument(OPTION, metavar="TAG", type=language_tag, default=argparse.SUPPRESS,
                              help=_(LANGUAGE_HELP))

    def error(self, message: str) -> NoReturn:
        raise UsageError(_("{message} (see '{prog} --help')").format(message=message, prog=self.prog))


def cmd_desk(args: argparse.Namespace) -> int:
    from mentorapp.app import run_desk

    return run_desk(journal_path(args))


# -- the parser -------------------------------------------------------------------------------
def whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        from mentorapp.models.validation import quoted

        raise argparse.ArgumentTypeError(_("{text} is not a whole number").format(text=quoted(text))) from None


def _agenda_commands(commands: argparse._SubParsersAction) -> None:  # argparse names no public type for it
    agenda = commands.add_parser("agenda", help=_("talking points for the next 1:1, templates and the 1:1 sheet"))
    actions = agenda.add_subparsers(title=_("agenda subcommands"), metavar="ACTION", parser_class=_Parser)
    agenda.set_defaults(handler=lambda _args: agenda.error(
        _("choose an action: add, list, done, drop, accept, dismiss, templates, template, use, next or sheet")))
    add = actions.add_parser("add", help=_("put a talking point on a mentee's list (prints its id)"))
    add.add_argument("mentee", metavar="MENTEE", help=_("a name or a unique start of one"))
    add.add_argument("text", metavar="TEXT", help=_("the point ('-' reads it from standard input)"))
    add.add_argument("--from-mentee", action="store_true", help=_("the mentee asked to talk about it"))
    add.add_argument("-q", "--quiet", action="store_true", help=_("print only the new point's id (for scripts)"))
    add.set_defaults(handler=cmd_agenda_add)
    listing = actions.add_parser("list", help=_("a mentee's open points, how often carried, and suggestions"))
    listing.add_argument("mentee", metavar="MENTEE")
    listing.set_defaults(handler=cmd_agenda_list)
    done = actions.add_parser("done", help=_("tick a point as discussed (it becomes a timeline entry)"))
    done.add_argument("id", metavar="ID", type=whole_number)
    done.add_argument("--note", metavar="TEXT", help=_("a line of what was said or agreed"))
    done.set_defaults(handler=cmd_agenda_done)
    drop = actions.add_parser("drop", help=_("take a point off the list without discussing it"))
    drop.add_argument("id", metavar="ID", type=whole_number)
    drop.set_defaults(handler=cmd_agenda_drop)
    for name, dismiss, text in (("accept", False, _("put a suggestion on the list")),
                                ("dismiss", True, _("turn a suggestion down (not offered again)"))):
        taking = actions.add_parser(name, help=text)
        taking.add_argument("mentee", metavar="MENTEE")
        taking.add_argument("key", metavar="KEY", help=_("the suggestion's key, as agenda list shows it"))
        taking.set_defaults(handler=cmd_agenda_accept, dismiss=dismiss)
    templates = actions.add_parser("templates", help=_("list the conversation templates and their prompts"))
    templates.set_defaults(handler=cmd_agenda_templates)
    template = actions.add_parser("template", help=_("add a template, or replace one's prompts"))
    template.add_argument("name", metavar="NAME")
    template.add_argument("--prompt", metavar="TEXT", action="append", help=_("one prompt (repeat for each)"))
    template.set_defaults(handler=cmd_agenda_template)
    use = actions.add_parser("use", help=_("add every prompt of a template to a mentee's list"))
    use.add_argument("mentee", metavar="MENTEE")
    use.add_argument("template", metavar="TEMPLATE", help=_("a template's name or a unique start of one"))
    use.set_defaults(handler=cmd_agenda_use)
    next_meeting = actions.add_parser("next", help=_("set (or clear) the day of the next 1:1 by hand"))
    next_meeting.add_argument("mentee", metavar="MENTEE")
    next_meeting.add_argument("day", metavar="YYYY-MM-DD", help=_("the day, or 'none' when not known"))
    next_meeting.set_defaults(handler=cmd_agenda_next)
    sheet = actions.add_parser("sheet", help=_("write the one-page 1:1 sheet (PDF)"))
    sheet.add_argument("mentee", metavar="MENTEE")
    sheet.add_argument("-o", "--output", metavar="FILE.pdf", required=True)
    sheet.set_defaults(handler=cmd_agenda_sheet)

    calendar = commands.add_parser("calendar", help=_("the check-in rhythm as an iCalendar file, and back"))
    calendar_actions = calendar.add_subparsers(title=_("calendar subcommands"), metavar="ACTION", parser_class=_Parser)
    calendar.set_defaults(handler=lambda _args: calendar.error(_("choose an action: export or import")))
    export = calendar_actions.add_parser("export", help=_("one recurring event per active mentee, at their cadence"))
    export.add_argument("-o", "--output", metavar="FILE.ics", required=True)
    export.set_defaults(handler=cmd_calendar_export)
    importing = calendar_actions.add_parser(
        "import", help=_("set each mentee's next meeting from your own calendar export, matched by name"))
    importing.add_argument("file", metavar="FILE.ics")
    importing.set_defaults(handler=cmd_calendar_import)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mentorapp",
        speaks=False,
        description=_("A private, offline micro-mentorship journal. Without a subcommand, opens the desk."),
    )
    parser.add_argument("--version", action="version", version=f"mentorapp {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument(
        "--db", metavar="PATH",
        help=_("the journal file (default: ${variable}, else {path})").format(variable=ENV_DB, path=default_db_path()),
    )
    parser.add_argument(OPTION, metavar="TAG", type=language_tag,
                        help=_(LANGUAGE_HELP))
    parser.set_defaults(handler=cmd_desk)
    commands = parser.add_subparsers(title=_("subcommands"), metavar="SUBCOMMAND", parser_class=_Parser)

    mentee = commands.add_parser("mentee", help=_("add, list, hold, release or erase mentees"))
    mentee_commands = mentee.add_subparsers(title=_("mentee subcommands"), metavar="ACTION", parser_class=_Parser)
    mentee.set_defaults(handler=lambda _args: mentee.error(_("choose an action: add, list, hold, release or erase")))
    add = mentee_commands.add_parser("add", help=_("add a mentee"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", help=_("their role in the team"))
    add.add_argument("--cadence", type=whole_number, default=14, metavar="DAYS",
                     help=_("days between check-ins (default 14)"))
    add.add_argument("--started", metavar="DATE", help=_("when they joined, YYYY-MM-DD"))
    add.add_argument("--thanks", metavar="TEXT", help=_("how they like to be thanked"))
    add.set_defaults(handler=cmd_mentee_add)
    listing = mentee_commands.add_parser("list", help=_("list mentees with their check-in status"))
    listing.add_argument("--all", action="store_true", help=_("include archived mentees"))
    listing.set_defaults(handler=cmd_mentee_list)
    hold = mentee_commands.add_parser(
        "hold", help=_("put a mentee on hold: nothing written about them can change or go until released"),
        description=_("Put a mentee on hold (an access request came in, a dispute, a litigation hold): "
                    "their existing records cannot be edited, deleted, trashed or erased; new notes may be added."))
    hold.add_argument("mentee", metavar="MENTEE", help=_("a name or a unique start of one"))
    hold.add_argument("--reason", required=True, metavar="TEXT", help=_("why (shown on their page and in exports)"))
    hold.set_defaults(handler=cmd_mentee_hold)
    release = mentee_commands.add_parser("release", help=_("release a mentee's hold"))
    release.add_argument("mentee", metavar="MENTEE", help=_("a name or a unique start of one"))
    release.set_defaults(handler=cmd_mentee_release)
    erase = mentee_commands.add_parser(
        "erase", help=_("erase a mentee for good, from the journal and its backups (not undoable)"),
        description=_("Erase everything about a mentee for good: from the journal (its file vacuumed) and from every "
                    "backup in its backup folder. Asks you to type their name first. Not undoable."))
    erase.add_argument("mentee", metavar="MENTEE", help=_("a name or a unique start of one"))
    erase.add_argument("--yes", action="store_true", help=_("do not ask (for scripts)"))
    erase.set_defaults(handler=cmd_mentee_erase)

    note = commands.add_parser("note", help=_("write one bite-size journal entry"))
    note.add_argument("mentee", metavar="MENTEE", help=_("a name or a unique start of one"))
    note.add_argument("text", metavar="TEXT", help=_("the note; '-' reads it from standard input, which keeps it "
                      "out of 'ps' and your shell's history"))
    note.add_argument("--kind", metavar="KIND",
                      help=_("progress, concern, thought, feedback, question, praise, ask or decision"))
    who = note.add_mutually_exclusive_group()
    who.add_argument("--from-mentee", action="store_true", help=_("the mentee said it to you"))
    who.add_argument("--private", action="store_true", help=_("a private note, not shared"))
    note.add_argument("--setting", metavar="SETTING", help=_("one_on_one, coffee, walk, chat, meeting or ad_hoc"))
    note.add_argument("--opinion", action="store_true",
                      help=_("a concern that is your impression, not an observed fact (packets say whose)"))
    note.add_argument("--at", metavar="WHEN", help=_("YYYY-MM-DD or 'YYYY-MM-DD HH:MM' (default: now)"))
    note.add_argument("-q", "--quiet", action="store_true", help=_("print only the new note's id (for scripts)"))
    note.set_defaults(handler=cmd_note)

    _agenda_commands(commands)

    search = commands.add_parser("search", help=_("full-text search over the whole journal"))
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=whole_number, default=50, metavar="N", help=_("at most N hits (default 50)"))
    search.set_defaults(handler=cmd_search)

    demo = commands.add_parser("demo", help=_("fill an empty journal with a demo team"))
    demo.add_argument("--mentees", type=whole_number, metavar="N", help=_("team size (default: 8–12)"))
    demo.add_argument("--entries", type=whole_number, metavar="M", help=_("entries in all (default: about 45 each)"))
    demo.add_argument("--seed", type=whole_number, default=7, metavar="S", help=_("random seed (default 7)"))
    demo.set_defaults(handler=cmd_demo)

    export = commands.add_parser("export", help=_("write the whole journal to a JSON file"))
    export.add_argument("file", metavar="FILE.json")
    export.set_defaults(handler=cmd_export)

    importing = commands.add_parser("import", help=_("read a JSON export into the journal"))
    importing.add_argument("file", metavar="FILE.json")
    importing.add_argument("--merge", action="store_true",
                           help=_("add the file's mentees to a journal that already has some"))
    importing.set_defaults(handler=cmd_import)

    access = commands.add_parser(
        "access-export", help=_("write everything held about one mentee into a new folder (JSON and PDF)"),
        description=_("Answer an access request: a new folder with a JSON file of every record about the mentee "
                    "(private notes, the watchlist, the trash and drafts included) and a readable PDF of it. "
                    "Nobody else appears in it."))
    access.add_argument("mentee", metavar="MENTEE", help=_("a name or a unique start of one"))
    access.add_argument("-o", "--output", metavar="FOLDER", required=True, help=_("the new folder to write"))
    access.set_defaults(handler=cmd_access_export)

    trash = commands.add_parser("trash", help=_("empty the trash for good"))
    trash_commands = trash.add_subparsers(title=_("trash subcommands"), metavar="ACTION", parser_class=_Parser)
    trash.set_defaults(handler=lambda _args: trash.error(_("choose an action: empty")))
    empty = trash_commands.add_parser(
        "empty", help=_("delete everything in the trash for good, from the journal and its backups (not undoable)"))
    empty.add_argument("--yes", action="store_true", help=_("do not ask (for scripts)"))
    empty.set_defaults(handler=cmd_trash_empty)

    retention = commands.add_parser(
        "retention", help=_("show or set how long people are kept after they leave, and who is due when"),
        description=_("Retention: erase people a number of months after they leave (are archived), unless on hold. "
                    "Off by default. The desk's Today shows 'will be erased on …' at least 14 days before."))
    retention.add_argument("--months", metavar="N|off", help=_("erase N months (6-72) after leaving, or 'off'"))
    retention.set_defaults(handler=cmd_retention)

    packet = commands.add_parser(
        "packet",
        help=_("write review packets (PDF) for one mentee or the whole team"),
        description=_("Write a review packet: everything about one mentee for a period, ready to print. "
                    "Without --from and --to, the period is the twelve months up to today."),
    )
    packet.add_argument("mentee", metavar="MENTEE", nargs="?", help=_("a name or a unique start of one"))
    packet.add_argument("--all", action="store_true",
                        help=_("every active mentee: one PDF each into the folder given with -o"))
    packet.add_argument("--combined", action="store_true", help=_("with --all: one PDF for the whole team at -o"))
    packet.add_argument("--from", dest="start", metavar="DATE",
                        help=_("first day of the period, YYYY-MM-DD (default: twelve months before --to)"))
    packet.add_argument("--to", metavar="DATE", help=_("last day of the period, YYYY-MM-DD (default: today)"))
    packet.add_argument("-o", "--output", metavar="OUT", required=True,
                        help=_("the PDF file to write; with --all (and no --combined), the folder for the PDFs"))
    packet.set_defaults(handler=cmd_packet)

    preferences = commands.add_parser(
        "preferences", speaks=False,
        help=_("show or change your choices kept in the journal (name, recognition nudge, auto-lock)"))
    preferences.add_argument("--lead-name", metavar="NAME", help=_("your name, as review packets show it"))
    preferences.add_argument("--recognition-gap", type=whole_number, metavar="DAYS",
                             help=_("nudge when nobody was thanked for this many days (1-730; default 60)"))
    preferences.add_argument("--auto-lock", type=whole_number, metavar="MINUTES",
                             help=_("lock the desk after this many idle minutes (0: never, the default)"))
    preferences.add_argument("--reminders", choices=("on", "off"),
                             help=_("the desk's reminder of what is due (default on)"))
    preferences.add_argument("--reminder-time", metavar="HH:MM", help=_("when the reminder comes (default 09:00)"))
    preferences.add_argument("--reminder-days", metavar="DAYS",
                             help=_("the days it comes, such as mon,wed,fri or sun-thu, in English or your "
                                    "language; 'workdays' for those of your locale (the default)"))
    preferences.add_argument("--reminder-names", choices=("on", "off"),
                             help=_("name who is due in reminders, not only how many (default off)"))
    preferences.add_argument("--keep-running", choices=("on", "off"),
                             help=_("keep the desk in the tray when its window closes (default off)"))
    preferences.add_argument(OPTION, dest="save_language", metavar="TAG", type=language_tag,
                             help=_("the language of the desk and the command line from now on: de, en, es or fr, "
                                    "or 'system' to follow the system's"))
    preferences.set_defaults(handler=cmd_preferences)

    capture = commands.add_parser(
        "capture", help=_("a new note in the running desk (or start the desk with one): bind it to a shortcut"))
    capture.add_argument("mentee", metavar="MENTEE", nargs="?", help=_("who the note is about (a name or its start)"))
    capture.set_defaults(handler=cmd_capture)

    due = commands.add_parser("due", help=_("what is due today (check-ins, reviews, goals, retention), as counts"))
    due.add_argument("--names", action="store_true", help=_("name who is due, not only how many"))
    due.set_defaults(handler=cmd_due)

    backup = commands.add_parser("backup", help=_("back the journal up now, list backups, or set rotation"))
    backup.add_argument("file", metavar="FILE", nargs="?",
                        help=_("where to write the copy (a folder gets a dated file); default: the backup folder"))
    backup.add_argument("--list", action="store_true", help=_("list the backups in the backup folder"))
    backup.add_argument("--keep-daily", type=whole_number, metavar="N",
                        help=_("keep the newest backup of each of the last N days (default 7)"))
    backup.add_argument("--keep-weekly", type=whole_number, metavar="M",
                        help=_("keep the newest backup of each of the last M weeks (default 4)"))
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser("restore", help=_("replace the journal with a backup (backing it up first)"))
    restore.add_argument("file", metavar="FILE", nargs="?", help=_("the backup to restore"))
    restore.add_argument("--latest", action="store_true", help=_("the newest good backup in the backup folder"))
    restore.set_defaults(handler=cmd_restore)

    check = commands.add_parser(
        "check", help=_("check the whole journal: every page, and every change it acknowledged"),
        description=_("Check every page of the journal (its HMAC and SQLite's integrity check). Opening "
                    "already checks a journal up to 16 MiB and refuses one that holds fewer changes than it "
                    "acknowledged; --accept-loss goes on with what such a journal holds."))
    check.add_argument("--accept-loss", action="store_true",
                       help=_("go on with a journal whose log lost acknowledged changes (the log is kept aside)"))
    check.set_defaults(handler=cmd_check)

    unlock = commands.add_parser(
        "unlock", help=_("check the key, or put it back into the keyring from the recovery key"))
    unlock.add_argument("--recovery-key", action="store_true",
                        help=_("read the recovery key (hidden prompt, or standard input) and keep it in the keyring"))
    unlock.set_defaults(handler=cmd_unlock)

    rekey = commands.add_parser("rekey", help=_("change the journal's passphrase or key"))
    rekey.add_argument("--to", choices=("passphrase", "keyring"),
                       help=_("a new passphrase, or a new random key in the keyring (default: the same kind)"))
    rekey.add_argument("--keep-old-backups", action="store_true",
                       help=_("leave the backups under the old key (they are named; by default they are re-encrypted)"))
    rekey.set_defaults(handler=cmd_rekey)

    kit = commands.add_parser("recovery-kit", help=_("write the printable recovery sheet (keyring journals)"))
    kit.add_argument("file", metavar="FILE.pdf", help=_("where to write it ('-' for standard output, e.g. | lp)"))
    kit.set_defaults(handler=cmd_recovery_kit)

    _help_command(parser, commands)
    return parser


def _help_command(parser: argparse.ArgumentParser, commands: argparse._SubParsersAction) -> None:
    helping = commands.add_parser("help", help=_("show the help of mentorapp or of one command"))
    helping.add_argument("command", metavar="COMMAND", nargs="*",
                         help=_("a command, or a command and its action (e.g. mentee add)"))

    def cmd_help(args: argparse.Namespace) -> int:
        target = parser
        for word in args.command:
            found = _subcommands(target).get(word)
            if found is None:
                from mentorapp.models.validation import quoted

                raise UsageError(_("There is no command {command}; 'mentorapp help' lists them.").format(
                    command=quoted(" ".join(args.command))))
            target = found
        target.print_help()
        return EXIT_OK

    helping.set_defaults(handler=cmd_help)


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # noqa: SLF001 - argparse keeps a parser's subcommands in its private list
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}
