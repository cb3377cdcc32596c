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
from mentorapp.i18n import _, ngettext
from mentorapp.models.errors import MentorAppError

if TYPE_CHECKING:
    from mentorapp.models.services.keys import KeyChange
    from mentorapp.models.storage.store import Key
    from mentorapp.models.trust.keys import Prompt

log = logging.getLogger(__name__)


# -- trust: backups, restore, keys ------------------------------------------------------------
def _refuse_under_open_desk(path: Path, sentence: str) -> None:
    """`sentence`: "The journal is open in the MentorApp desk; close it there first, then …", whole, translated."""
    from mentorapp.models.trust.opening import desk_holding

    if desk_holding(path) is not None:
        raise MentorAppError(sentence)


def cmd_backup(args: argparse.Namespace) -> int:
    from mentorapp.models.trust.backups import BackupPolicy

    if args.list and args.file:
        raise UsageError(_("give a FILE or --list, not both (see 'mentorapp backup --help')"))
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
            days = ngettext("{n} day", "{n} days", policy.keep_daily).format(n=policy.keep_daily)
            weeks = ngettext("{n} week", "{n} weeks", policy.keep_weekly).format(n=policy.keep_weekly)
            if removed:
                print(ngettext("Keeping the newest backup of each of the last {days} and {weeks}; {n} older backup "
                               "removed.", "Keeping the newest backup of each of the last {days} and {weeks}; {n} "
                               "older backups removed.", len(removed)).format(days=days, weeks=weeks, n=len(removed)))
            else:
                print(_("Keeping the newest backup of each of the last {days} and {weeks}.").format(
                    days=days, weeks=weeks))
        if args.list:
            backups = services.backups.list()
            if not backups:
                print(_("No backups yet in {folder}.").format(folder=named(services.backups.folder())))
                return EXIT_OK
            rows = [(_("MADE"), _("REASON"), _("SIZE"), _("FILE"))]
            for info in backups:
                rows.append((f"{info.made_at:%Y-%m-%d %H:%M}", info.reason.label, size_text(info.size), info.path.name))
            print_table(rows)
            print(_("in {folder}").format(folder=named(services.backups.folder())))
            return EXIT_OK
        if changing_policy and not args.file:
            return EXIT_OK
        if args.file:
            target = services.backups.back_up_to(args.file)
            print(_("Backed up {journal} to {file} (encrypted with the journal's key).").format(
                journal=named(services.store.path.name), file=named(target)))
        else:
            info = services.backups.back_up_now()
            print(_("Backed up {journal} to {file}.").format(journal=named(services.store.path.name),
                                                             file=named(info.path)))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from mentorapp.models.clock import SYSTEM_CLOCK
    from mentorapp.models.errors import JournalIncompleteError
    from mentorapp.models.trust.backups import accept_loss
    from mentorapp.models.trust.opening import open_journal

    path = journal_path(args)
    if args.accept_loss:
        _refuse_under_open_desk(path, _(
            "The journal is open in the MentorApp desk; close it there first, then go on with what it holds."))
        try:
            open_journal(path, prompt=terminal_prompt(), create=False).close()
        except JournalIncompleteError as exc:
            aside = accept_loss(path, now=SYSTEM_CLOCK.now())
            if aside is not None:
                print(ngettext("{journal} goes on with what it holds ({n} acknowledged change lost); the damaged log "
                               "is kept as {log}.", "{journal} goes on with what it holds ({n} acknowledged changes "
                               "lost); the damaged log is kept as {log}.", exc.missing).format(
                    journal=named(path.name), n=exc.missing, log=named(aside.name)))
            else:
                print(ngettext("{journal} goes on with what it holds ({n} acknowledged change lost).",
                               "{journal} goes on with what it holds ({n} acknowledged changes lost).",
                               exc.missing).format(journal=named(path.name), n=exc.missing))
        else:
            raise MentorAppError(_("{journal} holds every change it acknowledged; there is no loss to accept.").format(
                journal=named(path)))
    services = open_services(args, create=False, daily_backup=False)
    with services.store:
        problem = services.store.whole_check()
        if problem is not None:
            from mentorapp.models.errors import JournalDamagedError
            from mentorapp.models.trust.backups import newest_good_backup

            raise JournalDamagedError(_("The journal {journal} is damaged ({problem}).").format(
                journal=named(path), problem=problem), path=path,
                                      key=services.store.key,
                                      backup=newest_good_backup(path, services.store.key))
    if not args.accept_loss:
        print(_("{journal} is whole: every page reads back as written and holds every change it acknowledged.").format(
            journal=named(path.name)))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from mentorapp.models.errors import JournalDamagedError
    from mentorapp.models.services import Services
    from mentorapp.models.trust.backups import backup_folder, newest_good_backup, restore_unopenable
    from mentorapp.models.trust.opening import describe_backup, find_key_for_backups, open_journal

    if bool(args.file) == bool(args.latest):
        raise UsageError(_("name a backup FILE, or say --latest (see 'mentorapp restore --help')"))
    path = journal_path(args)
    _refuse_under_open_desk(path, _(
        "The journal is open in the MentorApp desk; close it there first, then restore."))
    source = Path(args.file).expanduser() if args.file else None
    prompt = terminal_prompt()
    try:
        store = open_journal(path, prompt=prompt, create=False, told=tell)
    except JournalDamagedError as exc:
        key = exc.key or find_key_for_backups(path, prompt=prompt)
        if source is None:
            newest = newest_good_backup(path, key)
            if newest is None:
                raise MentorAppError(_("No backup of {journal} opens with its key and passes SQLite's checks.").format(
                    journal=named(path))) from None
            source = newest.path
        report = restore_unopenable(path, source, key=key)
        log.info("Restored %s, which did not open, from %s", path.name,
                 source.name if source.parent == backup_folder(path) else "a file outside the backup folder")
        if report.damaged_copy:
            print(_("Restored {journal} from {backup}; the damaged file is kept as {copy}.").format(
                journal=named(path.name), backup=named(source.name), copy=named(report.damaged_copy.name)))
        else:
            print(_("Restored {journal} from {backup}.").format(journal=named(path.name), backup=named(source.name)))
        return EXIT_OK
    services = Services(store)
    with store:
        if source is None:
            newest = services.backups.newest_good()
            if newest is None:
                raise MentorAppError(_("No backup in {folder} opens with this journal's key.").format(
                    folder=named(services.backups.folder())))
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
        print(_("Restored {journal} from {backup}. The journal as it was is kept in {copy}.").format(
            journal=named(path.name), backup=when, copy=named(report.safety_backup)))
    else:
        print(_("Restored {journal} from {backup}; the damaged file is kept as {copy}.").format(
            journal=named(path.name), backup=when, copy=named(report.damaged_copy)))
    return EXIT_OK


def _ask_backup_key(source: Path, prompt: Prompt | None) -> Key:
    from mentorapp.models.trust.opening import Key, PromptRequest

    if prompt is None:
        raise MentorAppError(
            _("{backup} was made under an earlier key; run this in a terminal to type its passphrase.").format(
                backup=named(source.name)))
    typed = prompt(PromptRequest(path=source, creating=False, attempt=1,
                                 retry_reason=_("{backup} was made under an earlier key.").format(
                                     backup=named(source.name))))
    if not typed:
        raise MentorAppError(_("No passphrase given; nothing was restored."))
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
        raise MentorAppError(_("There is no journal at {path}.").format(path=named(path)))
    if not args.recovery_key:
        store = open_journal(path, prompt=terminal_prompt(), create=False, told=tell)
        with store:
            source = store.key.source
        said = {"keyring": _("{journal} opens with the key in this computer's keyring."),
                "environment": _("{journal} opens with MENTORAPP_PASSPHRASE."),
                "prompt": _("{journal} opens with the passphrase typed."),
                "recovery key": _("{journal} opens with the recovery key typed.")}.get(source)
        print((said or _("{journal} opens with {source}.")).format(journal=named(path), source=source))
        return EXIT_OK
    key = parse_recovery_key(read_secret(_("Recovery key")))
    try:
        store = guessed(path, lambda: open_with_recovery_key(path, key))  # counted like a passphrase
    except WrongKeyError:
        raise MentorAppError(_("That recovery key is well formed but does not open {journal}.").format(
            journal=named(path))) from None
    with store:
        kept = keyring_has_key(path, key)
    if not kept:
        if not keyring_available():
            sentence = _("The recovery key opens {journal}, but this computer has no secure keyring; type the "
                         "recovery key at the passphrase prompt each time, or change to a passphrase with "
                         "'mentorapp rekey --to passphrase'.")
        else:
            sentence = _("The recovery key opens {journal}, but the keyring refused it; type the recovery key at "
                         "the passphrase prompt each time, or change to a passphrase with 'mentorapp rekey --to "
                         "passphrase'.")
        raise MentorAppError(sentence.format(journal=named(path)))
    print(_("The recovery key opens {journal}; its key is back in this computer's keyring.").format(
        journal=named(path)))
    return EXIT_OK


def cmd_rekey(args: argparse.Namespace) -> int:
    from mentorapp.models.trust.keys import ENV_PASSPHRASE, KeyKind

    path = journal_path(args)
    _refuse_under_open_desk(path, _(
        "The journal is open in the MentorApp desk; close it there first, then change the key."))
    services = open_services(args, create=False, daily_backup=False)
    rekey_backups = not args.keep_old_backups
    with services.store:
        target = KeyKind(args.to) if args.to else services.keys.kind()
        if target is KeyKind.PASSPHRASE:
            new = read_secret(_("New passphrase"))
            if not new:
                raise MentorAppError(_("The passphrase cannot be empty; nothing was changed."))
            if sys.stdin.isatty() and read_secret(_("Repeat it")) != new:
                raise MentorAppError(_("The two passphrases differ; nothing was changed."))
            change = services.keys.change_to_passphrase(new, rekey_backups=rekey_backups)
        else:
            change = services.keys.change_to_keyring(rekey_backups=rekey_backups)
    rekeyed = change.backups_rekeyed
    also = (" " + ngettext("{n} backup now uses the new key too.", "{n} backups now use the new key too.",
                           rekeyed).format(n=rekeyed)) if rekeyed else ""
    if change.kind is KeyKind.PASSPHRASE:
        print(_("{journal} is now locked with the new passphrase.").format(journal=named(path)) + also)
    else:
        print(_("{journal} is now locked with a new key kept in this computer's keyring.").format(journal=named(path))
              + also + " " + _("Earlier recovery sheets no longer open it: make a new one with 'mentorapp "
                               "recovery-kit FILE.pdf'."))
    for line in key_change_notes(change):
        print(line)
    if change.kind is KeyKind.PASSPHRASE and os.environ.get(ENV_PASSPHRASE):
        print(_("{variable} still holds the old passphrase; update it.").format(variable=ENV_PASSPHRASE),
              file=sys.stderr)
    return EXIT_OK


def key_change_notes(change: KeyChange) -> list[str]:
    """The backups a key change left under an older key, named, one line each kind."""
    from mentorapp.models.trust.keys import KeyKind

    notes = []
    if change.kept_old:
        names = ", ".join(path.name for path in change.kept_old)
        count = len(change.kept_old)
        if change.old_kind is KeyKind.PASSPHRASE:
            note = ngettext("As asked, {n} backup still opens only with the old passphrase: {names}.",
                            "As asked, {n} backups still open only with the old passphrase: {names}.", count)
        else:
            note = ngettext("As asked, {n} backup still opens only with the old key (on the earlier recovery "
                            "sheet): {names}.", "As asked, {n} backups still open only with the old key (on the "
                            "earlier recovery sheet): {names}.", count)
        notes.append(note.format(n=count, names=names))
    if change.left:
        names = ", ".join(path.name for path in change.left)
        notes.append(ngettext("{n} backup did not open with the old key either (made under an earlier one, or "
                              "damaged) and was left as it was: {names}.", "{n} backups did not open with the old "
                              "key either (made under an earlier one, or damaged) and were left as they were: "
                              "{names}.", len(change.left)).format(n=len(change.left), names=names))
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
                raise MentorAppError(_("The recovery sheet is a PDF; send it to a printer (| lp) or name a FILE."))
            sys.stdout.buffer.write(pdf)
            sys.stdout.flush()
        else:
            target = services.keys.save_recovery_sheet(Path(args.file).expanduser(), pdf)
        services.keys.mark_kit_made()
    if args.file != "-":
        print(_("Wrote recovery sheet {sheet} to {file}. Print it, keep it away from this computer, and delete the "
                "file.").format(sheet=sheet.sheet_id, file=named(target)))
    return EXIT_OK
