"""Commands that move the whole journal in and out as the JSON interchange file."""

from __future__ import annotations

import argparse
from pathlib import Path

from mentorapp.cli.opening import EXIT_OK, journal_path, open_services
from mentorapp.cli.terminal import named
from mentorapp.i18n import _, ngettext


def cmd_export(args: argparse.Namespace) -> int:
    from mentorapp.models.trust.outputs import check_output

    target = Path(args.file).expanduser()
    check_output(target, journal_path(args))  # refused before the journal is even opened
    services = open_services(args, create=False)
    with services.store:
        counts = services.interchange.export(target)
    print(_("Exported {mentees} and {entries} to {file}.").format(
        mentees=ngettext("{n} mentee", "{n} mentees", counts["mentees"]).format(n=counts["mentees"]),
        entries=ngettext("{n} entry", "{n} entries", counts["entries"]).format(n=counts["entries"]),
        file=named(target)))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from mentorapp.models.clock import SYSTEM_CLOCK
    from mentorapp.models.services.interchange import load_export
    from mentorapp.models.trust.opening import discard_new_journal, is_new_journal

    source = Path(args.file).expanduser()
    # The whole file is read and checked before the journal is opened (or created), so a
    # bad file, a FIFO or a device never touches the journal or its -wal and -shm.
    rows = load_export(source, now=SYSTEM_CLOCK.now())
    # As with the demo, a refusal after this point leaves the journal alone: it may hold
    # what another command wrote meanwhile.
    path = journal_path(args)
    creating = is_new_journal(path)
    services = open_services(args, create=True)
    try:
        report = services.interchange.import_document(rows, merge=args.merge, source=source)
    except BaseException:
        if creating:  # a refused import into a new journal leaves no empty journal behind
            discard_new_journal(services.store)
        raise
    finally:
        services.store.close()
    print(_("Imported {summary} from {file}.").format(summary=report.summary, file=named(source)))
    return EXIT_OK
