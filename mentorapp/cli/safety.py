"""Commands that keep the journal safe: backups and restores, unlocking, changing the key, the recovery sheet."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mentorapp.cli.opening import (
    EXIT_OK,
    UsageError,
    journal_path,
    open_services,
    read_secret,
    tell,
    terminal_prompt,
)
from mentorapp.cli.terminal import named, print_table, size_text
from mentorapp.models.errors import MentorAppError

if TYPE_CHECKING:
    from mentorapp.models.services.keys import KeyChange
    from mentorapp.models.storage.store import Key
    from mentorapp.models.trust.keys import Prompt

log = logging.getLogger(__name__)


# -- trust: backups, restore, keys ------------------------------------------------------------
def _refuse_under_open_desk(path: Path, what: str) -> None:
    from mentorapp.models.trust.opening import desk_holding

    if desk_holding(path) is not None:
        raise MentorAppError(f"The journal is open in the MentorApp desk; close it there first, then {what}.")


def cmd_backup(args: argparse.Namespace) -> int:
    from mentorapp.models.trust.backups import BackupPolicy

    if args.list and args.file:
        raise UsageError("give a FILE or --list, not both (see 'mentorapp backup --help')")
    changing_policy = args.keep_daily is not None or args.keep_weekly is not None
    if args.file:
        from mentorapp.models.trust.outputs import check_output, check_output_folder

        chosen = Path(args.file).expanduser()
        # Refused before the journal is even opened (and again where the copy is written).
        (check_output_folder if chosen.is_dir() else check_output)(chosen, journal_path(args))
    services = open_services(args, create=False, daily_backup=False)
    with services.store:
        if changing_policy:
            current = services.backups.policy()
            policy = BackupPolicy(
                keep_daily=current.keep_daily if args.keep_daily is None else args.keep_daily,
                keep_weekly=current.keep_weekly if args.keep_weekly is None else args.keep_weekly,
            )
            removed = services.backups.set_policy(policy)
            print(
                f"Keeping the newest backup of each of the last {policy.keep_daily} days and "
                f"{policy.keep_weekly} weeks" + (f"; {len(removed)} older backups removed." if removed else ".")
            )
        if args.list:
            backups = services.backups.list()
            if not backups:
                print(f"No backups yet in {named(services.backups.folder())}.")
                return EXIT_OK
            rows = [("MADE", "REASON", "SIZE", "FILE")]
            for info in backups:
                rows.append((f"{info.made_at:%Y-%m-%d %H:%M}", info.reason.value, size_text(info.size), info.path.name))
            print_table(rows)
            print(f"in {named(services.backups.folder())}")
            return EXIT_OK
        if changing_policy and not args.file:
            return EXIT_OK
        if args.file:
            target = services.backups.back_up_to(args.file)
            print(f"Backed up {named(services.store.path.name)} to {named(target)} (encrypted with the journal's key).")
        else:
            info = services.backups.back_up_now()
            print(f"Backed up {named(services.store.path.name)} to {named(info.path)}.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from mentorapp.models.clock import SYSTEM_CLOCK
    from mentorapp.models.errors import JournalIncompleteError
    from mentorapp.models.trust.backups import accept_loss
    from mentorapp.models.trust.opening import open_journal

    path = journal_path(args)
    if args.accept_loss:
        _refuse_under_open_desk(path, "go on with what it holds")
        try:
            open_journal(path, prompt=terminal_prompt(), create=False).close()
        except JournalIncompleteError as exc:
            aside = accept_loss(path, now=SYSTEM_CLOCK.now())
            kept = f"; the damaged log is kept as {named(aside.name)}" if aside is not None else ""
            print(f"{named(path.name)} goes on with what it holds ({exc.missing} acknowledged "
                  f"change{'s' if exc.missing != 1 else ''} lost){kept}.")
        else:
            raise MentorAppError(f"{named(path)} holds every change it acknowledged; there is no loss to accept.")
    services = open_services(args, create=False, daily_backup=False)
    with services.store:
        problem = services.store.whole_check()
        if problem is not None:
            from mentorapp.models.errors import JournalDamagedError
            from mentorapp.models.trust.backups import newest_good_backup

            raise JournalDamagedError(f"The journal {named(path)} is damaged ({problem}).", path=path,
                                      key=services.store.key,
                                      backup=newest_good_backup(path, services.store.key))
    if not args.accept_loss:
        print(f"{named(path.name)} is whole: every page reads back as written and holds every change it acknowledged.")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from mentorapp.models.errors import JournalDamagedError
    from mentorapp.models.services import Services
    from mentorapp.models.trust.backups import backup_folder, newest_good_backup, restore_unopenable
    from mentorapp.models.trust.opening import describe_backup, find_key_for_backups, open_journal

    if bool(args.file) == bool(args.latest):
        raise UsageError("name a backup FILE, or say --latest (see 'mentorapp restore --help')")
    path = journal_path(args)
    _refuse_under_open_desk(path, "restore")
    source = Path(args.file).expanduser() if args.file else None
    prompt = terminal_prompt()
    try:
        store = open_journal(path, prompt=prompt, create=False, told=tell)
    except JournalDamagedError as exc:
        key = exc.key or find_key_for_backups(path, prompt=prompt)
        if source is None:
            newest = newest_good_backup(path, key)
            if newest is None:
                raise MentorAppError(
                    f"No backup of {named(path)} opens with its key and passes SQLite's checks.") from None
            source = newest.path
        report = restore_unopenable(path, source, key=key)
        log.info("Restored %s, which did not open, from %s", path.name,
                 source.name if source.parent == backup_folder(path) else "a file outside the backup folder")
        kept = f"; the damaged file is kept as {named(report.damaged_copy.name)}" if report.damaged_copy else ""
        print(f"Restored {named(path.name)} from {named(source.name)}{kept}.")
        return EXIT_OK
    services = Services(store)
    with store:
        if source is None:
            newest = services.backups.newest_good()
            if newest is None:
                raise MentorAppError(f"No backup in {named(services.backups.folder())} opens with this journal's key.")
            source = newest.path
            when = describe_backup(newest)
        else:
            when = source.name
        source_key = None
        problem = services.backups.problem_with(source) if source.is_file() else None
        if problem is not None and problem.wrong_key:
            source_key = _ask_backup_key(source, prompt)
        report = services.backups.restore(source, source_key=source_key)
    if report.safety_backup is not None:
        print(f"Restored {named(path.name)} from {when}. "
              f"The journal as it was is kept in {named(report.safety_backup)}.")
    else:
        print(f"Restored {named(path.name)} from {when}; the damaged file is kept as {named(report.damaged_copy)}.")
    return EXIT_OK


def _ask_backup_key(source: Path, prompt: Prompt | None) -> Key:
    from mentorapp.models.trust.opening import Key, PromptRequest

    if prompt is None:
        raise MentorAppError(
            f"{named(source.name)} was made under an earlier key; run this in a terminal to type its passphrase."
        )
    typed = prompt(PromptRequest(path=source, creating=False, attempt=1,
                                 retry_reason=f"{named(source.name)} was made under an earlier key."))
    if not typed:
        raise MentorAppError("No passphrase given; nothing was restored.")
    return typed if isinstance(typed, Key) else Key(secret=typed, source="prompt")


def cmd_unlock(args: argparse.Namespace) -> int:
    from mentorapp.models.errors import WrongKeyError
    from mentorapp.models.trust.keys import keyring_has_key
    from mentorapp.models.trust.opening import (
        guessed,
        keyring_available,
        open_journal,
        open_with_recovery_key,
        parse_recovery_key,
    )

    path = journal_path(args)
    if not path.exists():
        raise MentorAppError(f"There is no journal at {named(path)}.")
    if not args.recovery_key:
        store = open_journal(path, prompt=terminal_prompt(), create=False, told=tell)
        with store:
            source = store.key.source
        where = {"keyring": "the key in this computer's keyring", "environment": "MENTORAPP_PASSPHRASE",
                 "prompt": "the passphrase typed", "recovery key": "the recovery key typed"}.get(source, source)
        print(f"{named(path)} opens with {where}.")
        return EXIT_OK
    key = parse_recovery_key(read_secret("Recovery key"))
    try:
        store = guessed(path, lambda: open_with_recovery_key(path, key))  # counted like a passphrase
    except WrongKeyError:
        raise MentorAppError(f"That recovery key is well formed but does not open {named(path)}.") from None
    with store:
        kept = keyring_has_key(path, key)
    if not kept:
        reason = "this computer has no secure keyring" if not keyring_available() else "the keyring refused it"
        raise MentorAppError(
            f"The recovery key opens {named(path)}, but {reason}; type the recovery key at the passphrase prompt "
            "each time, or change to a passphrase with 'mentorapp rekey --to passphrase'."
        )
    print(f"The recovery key opens {named(path)}; its key is back in this computer's keyring.")
    return EXIT_OK


def cmd_rekey(args: argparse.Namespace) -> int:
    from mentorapp.models.trust.keys import ENV_PASSPHRASE, KeyKind

    path = journal_path(args)
    _refuse_under_open_desk(path, "change the key")
    services = open_services(args, create=False, daily_backup=False)
    rekey_backups = not args.keep_old_backups
    with services.store:
        target = KeyKind(args.to) if args.to else services.keys.kind()
        if target is KeyKind.PASSPHRASE:
            new = read_secret("New passphrase")
            if not new:
                raise MentorAppError("The passphrase cannot be empty; nothing was changed.")
            if sys.stdin.isatty() and read_secret("Repeat it") != new:
                raise MentorAppError("The two passphrases differ; nothing was changed.")
            change = services.keys.change_to_passphrase(new, rekey_backups=rekey_backups)
        else:
            change = services.keys.change_to_keyring(rekey_backups=rekey_backups)
    rekeyed = f" {change.backups_rekeyed} backups now use the new key too." if change.backups_rekeyed else ""
    if change.kind is KeyKind.PASSPHRASE:
        print(f"{named(path)} is now locked with the new passphrase.{rekeyed}")
    else:
        print(
            f"{named(path)} is now locked with a new key kept in this computer's keyring.{rekeyed} "
            "Earlier recovery sheets no longer open it: make a new one with 'mentorapp recovery-kit FILE.pdf'."
        )
    for line in key_change_notes(change):
        print(line)
    if change.kind is KeyKind.PASSPHRASE and os.environ.get(ENV_PASSPHRASE):
        print(f"{ENV_PASSPHRASE} still holds the old passphrase; update it.", file=sys.stderr)
    return EXIT_OK


def key_change_notes(change: KeyChange) -> list[str]:
    """The backups a key change left under an older key, named, one line each kind."""
    from mentorapp.models.trust.keys import KeyKind

    notes = []
    if change.kept_old:
        old = ("the old passphrase" if change.old_kind is KeyKind.PASSPHRASE
               else "the old key (on the earlier recovery sheet)")
        names = ", ".join(path.name for path in change.kept_old)
        notes.append(f"As asked, {len(change.kept_old)} backup{'s' if len(change.kept_old) != 1 else ''} "
                     f"still open only with {old}: {names}.")
    if change.left:
        names = ", ".join(path.name for path in change.left)
        notes.append(f"{len(change.left)} backup{'s' if len(change.left) != 1 else ''} did not open with the old key "
                     f"either (made under an earlier one, or damaged) and were left as they were: {names}.")
    return notes


def cmd_recovery_kit(args: argparse.Namespace) -> int:
    from mentorapp.packets.recovery_sheet import RecoverySheet, build_recovery_sheet

    if args.file != "-":
        from mentorapp.models.trust.outputs import check_output

        check_output(Path(args.file).expanduser(), journal_path(args))  # before the journal is opened
    services = open_services(args, create=False, daily_backup=False)
    with services.store:
        sheet = RecoverySheet(
            journal=services.store.path,
            recovery_key=services.keys.recovery_key(),
            sheet_id=services.keys.sheet_id(),
            made_on=services.clock.today(),
        )
        pdf = build_recovery_sheet(sheet)
        if args.file == "-":
            if sys.stdout.isatty():
                raise MentorAppError("The recovery sheet is a PDF; send it to a printer (| lp) or name a FILE.")
            sys.stdout.buffer.write(pdf)
            sys.stdout.flush()
        else:
            target = services.keys.save_recovery_sheet(Path(args.file).expanduser(), pdf)
        services.keys.mark_kit_made()
    if args.file != "-":
        print(f"Wrote recovery sheet {sheet.sheet_id} to {named(target)}. Print it, keep it away from this computer, "
              "and delete the file.")
    return EXIT_OK
