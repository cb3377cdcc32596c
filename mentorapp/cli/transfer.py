"""Commands that move the whole journal in and out as the JSON interchange file."""

from __future__ import annotations

import argparse
from pathlib import Path

from mentorapp.cli.opening import EXIT_OK, journal_path, open_services
from mentorapp.models.errors import MentorAppError


def cmd_export(args: argparse.Namespace) -> int:
    target = Path(args.file).expanduser()
    services = open_services(args, create=False)
    with services.store:
        counts = services.interchange.export(target)
    print(f"Exported {counts['mentees']} mentees and {counts['entries']} entries to {target}.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from mentorapp.models.clock import SYSTEM_CLOCK
    from mentorapp.models.services.interchange import parse_document

    source = Path(args.file).expanduser()
    path = journal_path(args)
    existed = path.exists() and path.stat().st_size > 0
    if not existed:
        # Check the file before creating a journal for it, so a bad file leaves nothing behind.
        try:
            parse_document(source.read_bytes(), source=str(source), now=SYSTEM_CLOCK.now())
        except OSError as exc:
            raise MentorAppError(f"Cannot read {source}: {exc.strerror}.") from None
    # As with the demo, a refusal after this point leaves the journal alone: it may hold
    # what another command wrote meanwhile.
    services = open_services(args, create=True)
    with services.store:
        report = services.interchange.import_file(source, merge=args.merge)
    print(f"Imported {report.summary} from {source}.")
    return EXIT_OK
