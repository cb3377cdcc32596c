"""The preferences command: show or change the lead's choices kept in the journal."""

from __future__ import annotations

import argparse

from mentorapp.cli.opening import EXIT_OK, open_services
from mentorapp.cli.terminal import print_table

def _switch(value: str | None) -> bool | None:
    return None if value is None else value == "on"


def cmd_preferences(args: argparse.Namespace) -> int:
    from mentorapp.models.services.journal import parse_time_of_day

    changes = {
        name: value for name, value in (
            ("lead_name", args.lead_name),
            ("recognition_gap_days", args.recognition_gap),
            ("auto_lock_minutes", args.auto_lock),
            ("reminders", _switch(args.reminders)),
            ("reminder_time", parse_time_of_day(args.reminder_time) if args.reminder_time is not None else None),
            ("reminder_names", _switch(args.reminder_names)),
            ("keep_running", _switch(args.keep_running)),
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
        ("Reminder of what is due", f"workdays at {preferences.reminder_time:%H:%M}" if preferences.reminders
         else "off"),
        ("Names in reminders", "shown" if preferences.reminder_names else "counts only"),
        ("Keep running in the tray", "yes" if preferences.keep_running else "no"),
    ])
    return EXIT_OK
