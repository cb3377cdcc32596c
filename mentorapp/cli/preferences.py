"""The preferences command: show or change the lead's choices kept in the journal."""

from __future__ import annotations

import argparse

from mentorapp.cli.opening import EXIT_OK, open_services
from mentorapp.cli.terminal import print_table


def cmd_preferences(args: argparse.Namespace) -> int:
    changes = {
        name: value for name, value in (
            ("lead_name", args.lead_name),
            ("recognition_gap_days", args.recognition_gap),
            ("auto_lock_minutes", args.auto_lock),
        ) if value is not None
    }
    services = open_services(args, create=False, daily_backup=False)
    with services.store:
        preferences = (services.journal.set_preferences(**changes) if changes
                       else services.journal.preferences())
    lock = f"after {preferences.auto_lock_minutes} min" if preferences.auto_lock_minutes else "never"
    print_table([
        ("PREFERENCE", "VALUE"),
        ("Your name on packets", preferences.lead_name or "—"),
        ("Nudge without recognition", f"after {preferences.recognition_gap_days} days"),
        ("Lock the desk when idle", lock),
    ])
    return EXIT_OK
