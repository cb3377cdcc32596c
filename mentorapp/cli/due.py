"""`mentorapp due`: what the desk's morning reminder says, for scripts and cron.

Counts by default (the same lines as the notification); `--names` adds who. Never note text.
"""

from __future__ import annotations

import argparse

from mentorapp.cli.opening import EXIT_OK, open_services
from mentorapp.cli.terminal import terminal_safe


def cmd_due(args: argparse.Namespace) -> int:
    services = open_services(args, create=False, daily_backup=False)
    with services.store:
        report = services.due.report()
    for line in report.lines(names=args.names):
        print(terminal_safe(line))
    return EXIT_OK
