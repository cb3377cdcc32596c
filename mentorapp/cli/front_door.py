"""Every command but the quick capture: its language first, then the parser, the handler and the log.

Every mistake a user can make ends with one line on stderr and exit code 2, and
changes nothing in the journal."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
from collections.abc import Callable, Sequence

from mentorapp.cli.language import UnknownLanguageError, speak
from mentorapp.cli.opening import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    damage_advice,
    database_failure,
    journal_path,
)
from mentorapp.cli.parser import build_parser
from mentorapp.cli.terminal import one_line, terminal_safe
from mentorapp.i18n import _
from mentorapp.logs import configure_logging
from mentorapp.models.errors import MentorAppError, StoreError, describe_exception

__all__ = ["run"]

log = logging.getLogger(__name__)


def run(arguments: Sequence[str], *, failed: BaseException | None = None) -> int:
    """Run the command line `arguments` (without the program's name); the process's exit code.

    `failed`: what stopped the quick capture (capture_client.py) once it had sent its request;
    the command is not run again, its failure is said and logged as any command's.
    """
    configure_logging()
    status = _run(list(arguments), failed)
    log.info("Finished with exit code %d", status)
    return status


def _run(arguments: list[str], failed: BaseException | None) -> int:
    from mentorapp.models.errors import JournalDamagedError

    try:
        # The language first: argparse's help and every refusal below are already in it.
        speech = speak(arguments)
    except UnknownLanguageError as exc:
        log.info("Refused: an unknown language")
        print(f"mentorapp: {terminal_safe(one_line(str(exc)))}", file=sys.stderr)
        return EXIT_USAGE
    log.info("Speaking %s (%s)", speech.language, speech.locale)
    parser = build_parser()
    args: argparse.Namespace | None = None
    try:
        args = parser.parse_args(arguments)
        handler: Callable[[argparse.Namespace], int] = args.handler
        log.info("Command %s started", _command_name(handler))
        if failed is not None:
            from mentorapp.cli.capture import as_refusal

            raise as_refusal(failed)
        status = handler(args)
        sys.stdout.flush()  # a reader that went away is found here, not in Python's exit
        return status
    except BrokenPipeError:
        # The output went to a reader that stopped reading (`| head`): no complaint about
        # it, but not a success either, so `set -o pipefail` scripts can tell.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except JournalDamagedError as exc:
        log.warning("Refused: %s", describe_exception(exc))
        print(f"mentorapp: {terminal_safe(one_line(damage_advice(exc, exc.path)))}", file=sys.stderr)
        return EXIT_USAGE
    except MentorAppError as exc:
        # A journal that will not open is worth a warning; a mistyped name only a note.
        log.log(logging.WARNING if isinstance(exc, StoreError) else logging.INFO, "Refused: %s",
                describe_exception(exc))
        print(f"mentorapp: {terminal_safe(one_line(str(exc)))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("mentorapp: " + _("interrupted; nothing was changed by the unfinished command."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        log.warning("Failed: %s", describe_exception(exc))
        if exc.errno == errno.ENAMETOOLONG:
            # A path longer than the system allows: said in one short line, never echoed whole.
            from mentorapp.models.storage.atomic import shown_path

            sentence = (_("a path is too long for this system ({path}); name a shorter one.").format(
                path=shown_path(exc.filename)) if exc.filename else
                _("a path is too long for this system; name a shorter one."))
            print(f"mentorapp: {sentence}", file=sys.stderr)
            return EXIT_USAGE
        print(f"mentorapp: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}.", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:
        # SQLite failing under a command (a page that no longer reads back): one line, not a traceback.
        message = database_failure(exc, journal_path(args) if args is not None else None)
        if message is None:
            log.error("Crashed: %s", describe_exception(exc), exc_info=True)
            raise
        log.warning("Database failure: %s", describe_exception(exc))
        print(f"mentorapp: {message}", file=sys.stderr)
        return EXIT_FAILURE


def _command_name(handler: Callable[..., object]) -> str:
    # The subcommand, from its handler's name: never its arguments, which hold names and notes.
    return getattr(handler, "__name__", "command").removeprefix("cmd_")
