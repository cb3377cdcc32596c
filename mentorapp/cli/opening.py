"""Opening the journal from a terminal: which file, its key (environment, keyring, prompt), and what a refusal says."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mentorapp import i18n
from mentorapp.cli.journal_file import ENV_DB as ENV_DB  # the parser's help names it
from mentorapp.cli.journal_file import default_db_path as default_db_path
from mentorapp.cli.journal_file import journal_file
from mentorapp.cli.terminal import terminal_safe
from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError

if TYPE_CHECKING:  # loaded by the commands that open a journal, not by every start of the command line
    from mentorapp.models.services import Services
    from mentorapp.models.storage.store import Key
    from mentorapp.models.trust.keys import Prompt, PromptRequest

log = logging.getLogger(__name__)


EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells count it


class UsageError(MentorAppError):
    """The command line itself is wrong (unknown option, missing argument)."""


def journal_path(args: argparse.Namespace) -> Path:
    return Path(journal_file(args.db))


# -- key prompt in a terminal -------------------------------------------------------------------
def terminal_prompt() -> Prompt | None:
    """A hidden passphrase prompt on the terminal, or None when there is no one to ask."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None

    def ask(request: PromptRequest) -> str | Key | None:
        if request.retry_reason:
            print(request.retry_reason, file=sys.stderr)
        try:
            if request.creating:
                print(
                    _("Creating {path}. Choose a passphrase: without it the journal cannot be read.").format(
                        path=request.path),
                    file=sys.stderr,
                )
                first = getpass.getpass(_("New passphrase: "))
                if first and getpass.getpass(_("Repeat it: ")) != first:
                    print(_("The two passphrases differ."), file=sys.stderr)
                    return ""
                return first
            return typed_key(getpass.getpass(
                _("Passphrase (or recovery key) for {file}: ").format(file=request.path.name)))
        except (EOFError, KeyboardInterrupt):
            return None

    return ask


def typed_key(text: str) -> str | Key:
    """What was typed at a passphrase prompt: a recovery key (14 groups of 4) is taken as one."""
    from mentorapp.models.trust.opening import RecoveryKeyError, parse_recovery_key

    if len(text.replace("-", "").replace(" ", "")) == 56:
        try:
            return parse_recovery_key(text)
        except RecoveryKeyError:
            pass
    return text


def tell(sentence: str) -> None:
    """A sentence the person should read while the command goes on (on stderr, so scripts' output stays clean)."""
    print(f"mentorapp: {sentence}", file=sys.stderr)


def open_services(args: argparse.Namespace, *, create: bool, daily_backup: bool = True) -> Services:
    """Open the journal for one command (Services); the first command of a day also backs it up."""
    from mentorapp.models.errors import JournalDamagedError, StoreError
    from mentorapp.models.services import Services
    from mentorapp.models.trust.opening import open_journal, tell_waiting

    path = journal_path(args)
    existed = path.exists() and path.stat().st_size > 0
    tell_waiting(lambda line: print(f"mentorapp: {line}", file=sys.stderr, flush=True))
    store = open_journal(path, prompt=terminal_prompt(), create=create, told=tell)
    log.info("%s %s (key from %s)", "Opened" if existed else "Created", path.name, store.key.source)
    services = Services(store)
    if existed and services.erasure.finish_pending():  # an erasure stopped before the file was cleaned
        log.info("Finished cleaning %s after an interrupted erasure", path.name)
    if existed:
        try:
            due = services.retention.erase_due()  # the policy's erasures due at this opening
        except MentorAppError as exc:  # the person's own command goes on; the erasure waits for the next opening
            tell(_("warning: the retention policy could not erase today: {problem}").format(problem=exc))
            due = []
        for report in due:
            tell(_("{summary} (the retention policy)").format(summary=terminal_safe(report.summary)))
    if existed and daily_backup:
        try:
            services.backups.back_up_if_due()
        except JournalDamagedError:
            store.close()
            raise
        except StoreError as exc:
            # A missing daily backup must not cost the person the note they are writing.
            tell(_("warning: {problem}").format(problem=exc))
    return services


def damage_advice(exc: BaseException, path: Path) -> str:
    """The one line for a damaged or missing journal: what happened and the command that repairs it."""
    from mentorapp.models.errors import JournalIncompleteError, JournalMissingError
    from mentorapp.models.trust.opening import backup_folder, describe_backup, what_a_restore_loses

    backup = getattr(exc, "backup", None)
    if isinstance(exc, JournalIncompleteError):
        if backup is None:
            return _("{problem} 'mentorapp check --accept-loss' goes on with what it holds and keeps the damaged "
                     "log aside.").format(problem=exc)
        return _("{problem} 'mentorapp check --accept-loss' goes on with what it holds and keeps the damaged log "
                 "aside; 'mentorapp restore --latest' puts back the backup from {when} instead ({loss}).").format(
            problem=exc, when=describe_backup(backup),
            loss=_inside(what_a_restore_loses(path, backup, getattr(exc, "key", None))))
    if isinstance(exc, JournalMissingError):
        return _("{problem} 'mentorapp restore --latest' puts the newest one back.").format(problem=exc)
    if backup is not None:
        return _("{problem}. The newest good backup is from {when}: 'mentorapp restore --latest' puts it back and "
                 "keeps the damaged file aside. {loss}").format(
            problem=str(exc).rstrip("."), when=describe_backup(backup),
            loss=what_a_restore_loses(path, backup, getattr(exc, "key", None)))
    return _("{problem}. No good backup of it was found in {folder}.").format(
        problem=str(exc).rstrip("."), folder=backup_folder(path))


def _inside(sentence: str) -> str:
    """A whole sentence put in parentheses inside another: without its full stop, lower-cased as the language allows."""
    clause = sentence.rstrip(".")
    if i18n.language() == "en":
        return clause.lower()
    return clause if i18n.language() == "de" else clause[:1].lower() + clause[1:]


def read_secret(label: str) -> str:
    """A secret from a hidden prompt in a terminal, else the first line of standard input."""
    if sys.stdin.isatty():
        try:
            return getpass.getpass(f"{label}: ")
        except (EOFError, KeyboardInterrupt):
            raise MentorAppError(_("Nothing typed; nothing was changed.")) from None
    return sys.stdin.readline().rstrip("\r\n")


def database_failure(exc: BaseException, path: Path | None) -> str | None:
    import sqlcipher3
    from sqlalchemy.exc import DatabaseError

    from mentorapp.models.storage.store import describe_database_error, is_damage, is_full_disk

    if not isinstance(exc, (DatabaseError, sqlcipher3.DatabaseError)):
        return None
    words = describe_database_error(exc)
    if is_full_disk(exc, path):
        if path is None:
            return _("The disk holding the journal is full, so nothing more was written; free some space there "
                     "and try again.")
        return _("The disk holding {journal} is full, so nothing more was written; free some space there and "
                 "try again.").format(journal=path)
    if is_damage(exc):
        return _("The journal {journal} is damaged ({problem}); nothing more was written. 'mentorapp restore "
                 "--latest' puts back the newest good backup and keeps the damaged file aside.").format(
            journal=path or "", problem=words).replace("  ", " ")
    if _sqlite_result(exc) in (sqlcipher3.SQLITE_BUSY, sqlcipher3.SQLITE_LOCKED):
        return _("The journal {journal} stayed busy (another program is writing to it); try again.").format(
            journal=path or "").replace("  ", " ")
    return _("The journal {journal} cannot be used: {problem}.").format(journal=path or "", problem=words).replace(
        "  ", " ")


def _sqlite_result(exc: BaseException) -> int | None:
    """SQLite's primary result code for a failure (SQLITE_BUSY, …), from the driver's error under SQLAlchemy's."""
    driver_error = getattr(exc, "orig", None) or exc
    code = getattr(driver_error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None  # an extended code keeps the primary in its low byte
