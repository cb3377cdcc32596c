"""Commands for what the law expects of notes about people: holds, access requests, erasure, the trash.

Every refusal is one line on stderr and exit code 2 (raised as MentorAppError, said by
`cli.main`); erasure and emptying the trash are final, so they ask first unless `--yes`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mentorapp.cli.opening import EXIT_OK, journal_path, open_services
from mentorapp.cli.terminal import named, terminal_safe
from mentorapp.models.errors import MentorAppError


def cmd_mentee_hold(args: argparse.Namespace) -> int:
    from mentorapp.models.validation import one_line

    reason = one_line(args.reason, what="reason for the hold")
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        held = services.mentees.hold(mentee.id, reason=reason)
    print(terminal_safe(f"{named(held.name)} is on hold since {held.held_on:%Y-%m-%d} ({named(held.hold_reason)}): "
                        "nothing already written about them can be changed or deleted until you release the hold."))
    return EXIT_OK


def cmd_mentee_release(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        released = services.mentees.release(mentee.id)
    print(terminal_safe(f"Released the hold on {named(released.name)}."))
    return EXIT_OK


def confirm_by_typing(name: str, *, warning: str) -> None:
    """Ask the person to type `name` to go on; refuse (one sentence) when they do not, or cannot."""
    if not sys.stdin.isatty():
        raise MentorAppError("This cannot be undone, so it asks first: run it in a terminal, or add --yes.")
    print(terminal_safe(warning), file=sys.stderr)
    print(terminal_safe(f"Type {named(name)} to go on: "), end="", file=sys.stderr, flush=True)
    typed = sys.stdin.readline().strip()
    if typed.casefold() != name.casefold():
        raise MentorAppError("What you typed is not the name, so nothing was changed.")


def cmd_access_export(args: argparse.Namespace) -> int:
    from mentorapp.models.trust.outputs import check_output_folder
    from mentorapp.packets.access import check_new_folder, write_access_export

    target = Path(args.output).expanduser()
    check_output_folder(target, journal_path(args))  # refused before the journal is even opened
    check_new_folder(target)
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        written = write_access_export(services, mentee_id=mentee.id, folder=target)
    print(terminal_safe(f"Wrote everything held about {named(mentee.name)} to {named(written.folder)}: "
                        f"{written.json.name} and {written.pdf.name} ({written.records} records)."))
    return EXIT_OK


def cmd_mentee_erase(args: argparse.Namespace) -> int:
    from mentorapp.models.services.erasure import UNREACHABLE_COPIES

    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        services.mentees.refuse_if_held(mentee.id)
        if not args.yes:
            confirm_by_typing(mentee.name, warning=(
                f"This erases {named(mentee.name)} for good: every note, thread, goal, recognition, ask and watchlist "
                "case about them, from the journal and from every backup in its backup folder. It cannot be "
                "undone."))
        report = services.erasure.erase(mentee.id)
    print(terminal_safe(report.summary))
    print(terminal_safe(UNREACHABLE_COPIES))
    return EXIT_OK


def cmd_trash_empty(args: argparse.Namespace) -> int:
    from mentorapp.models.services.erasure import UNREACHABLE_COPIES

    services = open_services(args, create=False)
    with services.store:
        waiting = sum(len(ids) for ids in services.erasure.trashed_ids().values())
        kept = services.erasure.held_in_trash()
        if not waiting:
            print("The trash is empty." + (f" ({kept} items of people on hold are kept.)" if kept else ""))
            return EXIT_OK
        if not args.yes:
            if not sys.stdin.isatty():
                raise MentorAppError("This cannot be undone, so it asks first: run it in a terminal, or add --yes.")
            print(f"This deletes the {waiting} records in the trash for good, from the journal and from every "
                  "backup in its backup folder. It cannot be undone. Empty the trash? [y/N] ",
                  end="", file=sys.stderr, flush=True)
            if sys.stdin.readline().strip().casefold() not in ("y", "yes"):
                raise MentorAppError("Nothing was deleted.")
        report = services.erasure.empty_trash()
    print(terminal_safe(report.summary))
    if kept:
        print(f"{kept} items in the trash belong to people on hold and were kept.")
    print(terminal_safe(UNREACHABLE_COPIES))
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    from mentorapp.models.services.retention import MAX_MONTHS, MIN_MONTHS

    if args.months is not None and args.months.casefold() != "off":
        try:
            months: int | None = int(args.months)
        except ValueError:
            raise MentorAppError(f"--months takes a number of months ({MIN_MONTHS}-{MAX_MONTHS}) or 'off'.") from None
    else:
        months = None
    services = open_services(args, create=False)
    with services.store:
        retention = services.retention
        if args.months is not None:
            retention.set_months(months)
        policy = retention.months()
        if policy is None:
            print("Retention is off: people who leave are kept until you erase them "
                  f"(turn it on with: mentorapp retention --months N, {MIN_MONTHS}-{MAX_MONTHS}).")
            return EXIT_OK
        print(f"People are erased {policy} months after they leave (are archived), unless on hold.")
        schedule = retention.schedule()
        today = services.clock.today()
        retention.mark_noticed([d for d in schedule if d.in_notice(today)])  # said here as on Today
        if not schedule:
            print("Nobody has left: nobody is due.")
        for due in retention.schedule():
            if due.held:
                when = "kept: on hold"
            else:
                when = f"will be erased on {due.erased_from(today):%Y-%m-%d}"
            print(terminal_safe(f"{named(due.name)}: left {due.archived_on:%Y-%m-%d}, {when}"))
    return EXIT_OK
