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
from mentorapp.i18n import _, ngettext, pgettext
from mentorapp.models.errors import MentorAppError


def cmd_mentee_hold(args: argparse.Namespace) -> int:
    from mentorapp.models.validation import one_line

    reason = one_line(args.reason, what="reason for the hold")
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        held = services.mentees.hold(mentee.id, reason=reason)
    print(terminal_safe(_("{name} is on hold since {day} ({reason}): nothing already written about them can be "
                          "changed or deleted until you release the hold.").format(
        name=named(held.name), day=f"{held.held_on:%Y-%m-%d}", reason=named(held.hold_reason))))
    return EXIT_OK


def cmd_mentee_release(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        released = services.mentees.release(mentee.id)
    print(terminal_safe(_("Released the hold on {name}.").format(name=named(released.name))))
    return EXIT_OK


def confirm_by_typing(name: str, *, warning: str) -> None:
    """Ask the person to type `name` to go on; refuse (one sentence) when they do not, or cannot."""
    if not sys.stdin.isatty():
        raise MentorAppError(_("This cannot be undone, so it asks first: run it in a terminal, or add --yes."))
    print(terminal_safe(warning), file=sys.stderr)
    print(terminal_safe(_("Type {name} to go on: ").format(name=named(name))), end="", file=sys.stderr, flush=True)
    typed = sys.stdin.readline().strip()
    if typed.casefold() != name.casefold():
        raise MentorAppError(_("What you typed is not the name, so nothing was changed."))


def agreed(answer: str) -> bool:
    """A yes to a [y/N] question, in English or in the language asked."""
    said = answer.strip().casefold()
    # Translators: the short and the long answer that agree to a [y/N] question ("j", "ja"); casing is ignored.
    return said in ("y", "yes", pgettext("answer", "y").casefold(), pgettext("answer", "yes").casefold())


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
    print(terminal_safe(ngettext("Wrote everything held about {name} to {folder}: {json} and {pdf} ({n} record).",
                                 "Wrote everything held about {name} to {folder}: {json} and {pdf} ({n} records).",
                                 written.records).format(
        name=named(mentee.name), folder=named(written.folder), json=written.json.name, pdf=written.pdf.name,
        n=written.records)))
    return EXIT_OK


def cmd_mentee_erase(args: argparse.Namespace) -> int:
    from mentorapp.models.services.erasure import UNREACHABLE_COPIES

    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        services.mentees.refuse_if_held(mentee.id)
        if not args.yes:
            confirm_by_typing(mentee.name, warning=_(
                "This erases {name} for good: every note, thread, goal, recognition, ask and watchlist case about "
                "them, from the journal and from every backup in its backup folder. It cannot be undone.").format(
                name=named(mentee.name)))
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
            print(ngettext("The trash is empty. ({n} item of people on hold is kept.)",
                           "The trash is empty. ({n} items of people on hold are kept.)", kept).format(n=kept)
                  if kept else _("The trash is empty."))
            return EXIT_OK
        if not args.yes:
            if not sys.stdin.isatty():
                raise MentorAppError(_("This cannot be undone, so it asks first: run it in a terminal, or add --yes."))
            print(ngettext("This deletes the {n} record in the trash for good, from the journal and from every "
                           "backup in its backup folder. It cannot be undone. Empty the trash? [y/N] ",
                           "This deletes the {n} records in the trash for good, from the journal and from every "
                           "backup in its backup folder. It cannot be undone. Empty the trash? [y/N] ",
                           waiting).format(n=waiting),
                  end="", file=sys.stderr, flush=True)
            if not agreed(sys.stdin.readline()):
                raise MentorAppError(_("Nothing was deleted."))
        report = services.erasure.empty_trash()
    print(terminal_safe(report.summary))
    if kept:
        print(ngettext("{n} item in the trash belongs to people on hold and was kept.",
                       "{n} items in the trash belong to people on hold and were kept.", kept).format(n=kept))
    print(terminal_safe(UNREACHABLE_COPIES))
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    from mentorapp.models.services.retention import MAX_MONTHS, MIN_MONTHS

    if args.months is not None and args.months.casefold() != "off":
        try:
            months: int | None = int(args.months)
        except ValueError:
            raise MentorAppError(_("--months takes a number of months ({low}-{high}) or 'off'.").format(
                low=MIN_MONTHS, high=MAX_MONTHS)) from None
    else:
        months = None
    services = open_services(args, create=False)
    with services.store:
        retention = services.retention
        if args.months is not None:
            retention.set_months(months)
        policy = retention.months()
        if policy is None:
            print(_("Retention is off: people who leave are kept until you erase them (turn it on with: mentorapp "
                    "retention --months N, {low}-{high}).").format(low=MIN_MONTHS, high=MAX_MONTHS))
            return EXIT_OK
        print(ngettext("People are erased {n} month after they leave (are archived), unless on hold.",
                       "People are erased {n} months after they leave (are archived), unless on hold.",
                       policy).format(n=policy))
        schedule = retention.schedule()
        today = services.clock.today()
        retention.mark_noticed([d for d in schedule if d.in_notice(today)])  # said here as on Today
        if not schedule:
            print(_("Nobody has left: nobody is due."))
        for due in retention.schedule():
            left = f"{due.archived_on:%Y-%m-%d}"
            if due.held:
                line = _("{name}: left {day}, kept: on hold").format(name=named(due.name), day=left)
            else:
                line = _("{name}: left {day}, will be erased on {erased}").format(
                    name=named(due.name), day=left, erased=f"{due.erased_from(today):%Y-%m-%d}")
            print(terminal_safe(line))
    return EXIT_OK
