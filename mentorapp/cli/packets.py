"""The packet command: one mentee's review packet, or the whole team's, as PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from mentorapp.cli.opening import EXIT_OK, journal_path, open_services
from mentorapp.cli.terminal import named
from mentorapp.models.errors import MentorAppError
from mentorapp.i18n import _, ngettext


def cmd_packet(args: argparse.Namespace) -> int:
    from mentorapp.models.clock import SYSTEM_CLOCK
    from mentorapp.models.trust.outputs import check_output, check_output_folder
    from mentorapp.models.validation import parse_date
    from mentorapp.packets.data import check_period, default_period
    from mentorapp.packets.render import write_packet, write_team_packets
    from mentorapp.packets.story import period_text

    if args.all and args.mentee:
        raise MentorAppError(_("Name one mentee or use --all, not both."))
    if not args.all and not args.mentee:
        raise MentorAppError(_("Name a mentee, or use --all for the whole team."))
    if args.combined and not args.all:
        raise MentorAppError(_("--combined only goes with --all."))
    today = SYSTEM_CLOCK.today()
    end = parse_date(args.to, what="end date", today=today) if args.to else today
    start = parse_date(args.start, what="start date", today=today) if args.start else default_period(end)[0]
    check_period(start, end)
    out = Path(args.output).expanduser()
    # Refused before the journal is even opened: the journal, its sidecars, a backup, a device.
    if args.all and not args.combined:
        if out.exists():
            check_output_folder(out, journal_path(args))
    else:
        check_output(out, journal_path(args))
    period = period_text(start, end)
    services = open_services(args, create=False)
    with services.store:
        if not args.all:
            mentee = services.mentees.find(args.mentee)
            written = write_packet(services, mentee_id=mentee.id, start=start, end=end, path=out, today=today)
            print(_("Wrote the review packet for {name} ({period}) to {file}.").format(
                name=named(mentee.name), period=period, file=named(written)))
        elif args.combined:
            written = write_team_packets(services, start=start, end=end, combined=out, today=today)[0]
            print(_("Wrote the team's review packets ({period}) to {file}.").format(period=period, file=named(written)))
        else:
            created = _make_folder(out)
            try:
                files = write_team_packets(services, start=start, end=end, folder=out, today=today)
            except BaseException:
                if created:
                    _remove_empty_folder(out)
                raise
            print(ngettext("Wrote {n} review packet ({period}) to {folder}.",
                           "Wrote {n} review packets ({period}) to {folder}.", len(files)).format(
                n=len(files), period=period, folder=named(out)))
    return EXIT_OK


def _make_folder(folder: Path) -> bool:
    """Create the packets' folder if only its last part is missing; True if it was created."""
    if folder.exists() or not folder.parent.is_dir():
        return False
    try:
        folder.mkdir()
    except OSError as exc:
        raise MentorAppError(_("Cannot create the folder {folder}: {reason}.").format(
            folder=folder, reason=(exc.strerror or str(exc)).lower())) from None
    return True


def _remove_empty_folder(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass
