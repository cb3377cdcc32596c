"""The front door: `mentorapp` opens the desk; subcommands serve terminals and scripts.

`mentorapp capture`, run from a global shortcut, is answered first, before anything else is
loaded (capture_client.py); every other command goes through front_door.py: the language, the
parser, the command's handler, the log. Every mistake a user can make ends with one line on
stderr and exit code 2, and changes nothing in the journal."""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    from mentorapp.cli.capture_client import DeskSilent, quick_capture

    try:
        quick = quick_capture(arguments)
    except (DeskSilent, KeyboardInterrupt) as failure:  # after its request was sent: said the whole way
        from mentorapp.cli.front_door import run

        return run(arguments, failed=failure)
    if quick is not None:
        return quick
    from mentorapp.cli.front_door import run

    return run(arguments)
