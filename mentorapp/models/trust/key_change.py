"""Changing a journal's key as one step that a kill cannot tear, and settling a change that was cut short.

A key change is prepared beside the journal and committed by one rename:

1. a backup under the old key (`before-rekey`); the new key, when it belongs in the keyring,
   stored as the journal's "pending" entry (the old entry stays as it is);
2. a marker `<journal>.key-change` (phase "preparing") naming the journal's temporary copy;
3. with the journal taken exclusively (`Store.rekey`): the copy exported under the new key,
   flushed and checked; each backup that opens with the old key re-encrypted into a checked
   temporary file beside it; the marker rewritten (phase "committing") with those pairs;
4. the copy renamed over the journal (the commit point);
5. each backup's copy renamed over it, one by one; the keyring switched (the pending entry
   becomes the entry, or the entry goes when the new key is a passphrase); the marker removed.

The marker holds no secret: file names, the phase, and whether each key is a passphrase or a
keyring key. A process that finds a marker no living process holds (`settle`, at every open)
rolls the change back while the journal's copy is still there (nothing under a final name had
changed yet), and forward once it has been renamed into place: the renames that were left,
then the keyring. Neither direction needs a key, so a change killed at any moment is settled
at the next open without asking anyone, and the journal opens with exactly one of the two keys.

A lead may keep the backups under the old key (`rekey_backups=False`); their names are then
recorded in the backup folder (`EARLIER_KEY_RECORD`), so the opening policy does not take a
key that opens them for the journal's own key, and the change says which they are.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from mentorapp.i18n import _, ngettext
from mentorapp.models.errors import MentorAppError, StoreError
from mentorapp.models.storage.atomic import (
    PARTIAL_SUFFIX,
    fsync_folder,
    remove_abandoned,
    replace_durably,
    write_atomically,
)
from mentorapp.models.storage.store import SIDECAR_SUFFIXES, Key, Store, rekey_copy
from mentorapp.models.trust import backups, file_lock, keys
from mentorapp.models.trust.keys import KeyKind
from mentorapp.models.vocabulary import isolate

__all__ = [
    "EARLIER_KEY_RECORD", "KeyChange", "Settled", "change_key", "earlier_key_backups", "in_progress", "marker_path",
    "settle",
]

MARKER_SUFFIX = ".key-change"
LOCK_SUFFIX = ".key-change.lock"
EARLIER_KEY_RECORD = ".earlier-key-backups"  # in the backup folder: one backup name a line
MARKER_FORMAT = 1
SETTLE_TIMEOUT_SECONDS = 120.0
START_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class KeyChange:
    """What changing the key did."""

    kind: KeyKind  # where the new key lives
    safety_backup: Path
    backups_rekeyed: int
    backups_left: int  # backups that did not open with the old key either (left as they were)
    kept_old: tuple[Path, ...] = ()  # backups the lead chose to leave under the old key
    left: tuple[Path, ...] = field(default=())  # the backups counted in `backups_left`
    old_kind: KeyKind = KeyKind.PASSPHRASE  # where the old key lived (what still opens `kept_old`)


class SettledHow(StrEnum):
    ROLLED_BACK = "rolled back"
    FINISHED = "finished"


@dataclass(frozen=True)
class Settled:
    """A key change a killed process left half-done, and what opening did about it."""

    how: SettledHow
    kind: KeyKind | None  # where the key that opens the journal now lives (None: its record was unreadable)
    backups_rekeyed: int = 0

    def sentence(self, path: Path) -> str:
        name = isolate(path.name)
        n = self.backups_rekeyed
        if self.kind is None:
            said = _("A key change of {name} was cut short and its record could not be read; its temporary "
                     "copies were removed and no key was forgotten, so the journal opens with whichever key it has.")
        elif self.how is SettledHow.ROLLED_BACK and self.kind is KeyKind.PASSPHRASE:
            said = _("A key change of {name} was cut short before it took effect and was undone; "
                     "the journal still opens with its earlier key (a passphrase).")
        elif self.how is SettledHow.ROLLED_BACK:
            said = _("A key change of {name} was cut short before it took effect and was undone; "
                     "the journal still opens with its earlier key (the key in this computer's keyring).")
        elif self.kind is KeyKind.PASSPHRASE and not n:
            said = _("A key change of {name} was cut short after it took effect and has been finished; "
                     "the journal opens with its new key (a passphrase).")
        elif not n:
            said = _("A key change of {name} was cut short after it took effect and has been finished; "
                     "the journal opens with its new key (the key in this computer's keyring).")
        elif self.kind is KeyKind.PASSPHRASE:
            said = ngettext("A key change of {name} was cut short after it took effect and has been finished, "
                            "and {n} backup with it; the journal opens with its new key (a passphrase).",
                            "A key change of {name} was cut short after it took effect and has been finished, "
                            "and {n} backups with it; the journal opens with its new key (a passphrase).", n)
        else:
            said = ngettext("A key change of {name} was cut short after it took effect and has been finished, "
                            "and {n} backup with it; the journal opens with its new key "
                            "(the key in this computer's keyring).",
                            "A key change of {name} was cut short after it took effect and has been finished, "
                            "and {n} backups with it; the journal opens with its new key "
                            "(the key in this computer's keyring).", n)
        return said.format(name=name, n=n)


def marker_path(journal: Path) -> Path:
    journal = Path(journal).expanduser()
    return journal.with_name(f"{journal.name}{MARKER_SUFFIX}")


def _lock_path(journal: Path) -> Path:
    journal = Path(journal).expanduser()
    return journal.with_name(f"{journal.name}{LOCK_SUFFIX}")


def in_progress(journal: Path) -> bool:
    """True when a key change of `journal` was started and not yet settled (by this or another process)."""
    return marker_path(journal).exists()


# -- the marker: no secrets, written whole --------------------------------------------------------------------
def _write_marker(journal: Path, plan: dict[str, Any]) -> None:
    text = json.dumps({"format": MARKER_FORMAT, **plan}, indent=1)
    write_atomically(marker_path(journal), lambda stream: stream.write(text))


def _read_marker(journal: Path) -> dict[str, Any] | None:
    """The marker's plan; {} for one that cannot be read (then only rolling back is safe); None when there is none."""
    try:
        text = marker_path(journal).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return {}
    try:
        plan = json.loads(text)
    except ValueError:
        return {}
    return plan if isinstance(plan, dict) and plan.get("format") == MARKER_FORMAT else {}


def _remove_marker(journal: Path) -> None:
    marker_path(journal).unlink(missing_ok=True)
    fsync_folder(Path(journal).expanduser().parent)


def _kind(value: object) -> KeyKind:
    return KeyKind.KEYRING if value == KeyKind.KEYRING.value else KeyKind.PASSPHRASE


# -- changing the key ----------------------------------------------------------------------------------------------
def change_key(store: Store, new_key: Key, *, rekey_backups: bool = True) -> KeyChange:
    """Re-encrypt the journal (and, unless declined, its backups) with `new_key`, atomically, keyring in step.

    See the module's docstring for the order. Raises MentorAppError with one sentence when the
    change cannot be made; the journal then keeps its key and nothing of the new one is left.
    """
    old = store.key
    if new_key.same_secret(old):
        raise MentorAppError(_("The new passphrase is the same as the current one."))
    if not new_key.raw and not new_key.secret:
        raise MentorAppError(_("The passphrase cannot be empty."))
    if new_key.raw and not keys.keyring_available():
        raise MentorAppError(_("This computer has no secure keyring to keep a key in; choose a passphrase instead."))
    journal = store.path
    settle(journal)  # a change another process left half-done comes first
    try:
        held = file_lock.acquire(
            _lock_path(journal), timeout=START_TIMEOUT_SECONDS,
            busy_message=_("Another MentorApp is changing the key of {path}; wait for it to finish.").format(
                path=journal))
    except OSError as exc:
        raise StoreError(_("Cannot change the key of {path}: its folder cannot be written ({reason}).").format(
            path=journal, reason=exc.strerror or exc)) from None
    try:
        safety = backups.make_backup(store, reason=backups.Reason.BEFORE_REKEY).path
        if new_key.raw and not keys.keyring_set(journal, new_key.secret, pending=True):
            keys.keyring_forget(journal, pending=True)
            raise MentorAppError(_("The keyring refused the new key; the journal keeps its current key."))
        old_kind = KeyKind.KEYRING if old.raw else KeyKind.PASSPHRASE
        new_kind = KeyKind.KEYRING if new_key.raw else KeyKind.PASSPHRASE
        temporary = journal.with_name(f".{journal.name}.{uuid.uuid4().hex[:12]}{PARTIAL_SUFFIX}")
        plan: dict[str, Any] = {"phase": "preparing", "from": old_kind.value, "to": new_kind.value,
                                "journal_temp": temporary.name, "backups": [], "kept": []}
        prepared: list[tuple[Path, Path]] = []
        kept: list[Path] = []
        left: list[Path] = []

        def prepare_backups() -> None:
            # The journal is held exclusively here: no other process makes or rotates a backup meanwhile.
            for info in backups.list_backups(journal):
                if not rekey_backups:
                    kept.append(info.path)
                    continue
                copy = info.path.with_name(f"{info.path.name}.{uuid.uuid4().hex[:12]}{PARTIAL_SUFFIX}")
                if rekey_copy(info.path, copy, old=old, new=new_key):
                    prepared.append((info.path, copy))
                else:
                    left.append(info.path)
            plan.update(phase="committing", backups=[[final.name, copy.name] for final, copy in prepared],
                        kept=[path.name for path in kept], left=[path.name for path in left])
            _write_marker(journal, plan)

        try:
            _write_marker(journal, plan)
            store.rekey(new_key, temporary=temporary, before_replace=prepare_backups)
        except BaseException:
            # Whatever failed, the rename decides: before it, undo; after it, finish.
            _settle_plan(journal, plan)
            raise
        _roll_forward(journal, plan)
    finally:
        held.remove()
        held.release()
    return KeyChange(kind=new_kind, safety_backup=safety, backups_rekeyed=len(prepared), backups_left=len(left),
                     kept_old=tuple(kept), left=tuple(left), old_kind=old_kind)


def _roll_back(journal: Path, plan: dict[str, Any]) -> None:
    """Undo a change whose journal copy was never renamed into place: nothing under a final name had changed."""
    folder = backups.backup_folder(journal)
    temporary = plan.get("journal_temp")
    if isinstance(temporary, str) and temporary and "/" not in temporary:
        for suffix in ("", *SIDECAR_SUFFIXES):
            journal.with_name(f"{temporary}{suffix}").unlink(missing_ok=True)
    for pair in plan.get("backups") or []:
        if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str) and "/" not in pair[1]:
            (folder / pair[1]).unlink(missing_ok=True)
    remove_abandoned(folder, f"*{PARTIAL_SUFFIX}")  # copies made before the plan named them
    if plan.get("to") == KeyKind.KEYRING.value:
        keys.keyring_forget(journal, pending=True)  # it opens no file: every copy under it is gone
    _remove_marker(journal)


def _roll_forward(journal: Path, plan: dict[str, Any]) -> int:
    """Finish a change whose journal copy is in place: the backups' copies, then the keyring. Returns how many
    backups were put in place."""
    folder = backups.backup_folder(journal)
    done = 0
    for pair in plan.get("backups") or []:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(n, str) and "/" not in n for n in pair)):
            continue
        final, copy = folder / pair[0], folder / pair[1]
        if not copy.exists():
            continue  # put in place before the kill
        try:
            replace_durably(copy, final)
        except OSError as exc:
            raise StoreError(_("Cannot put the re-encrypted backup {name} in place: {reason}.").format(
                name=isolate(final.name), reason=exc.strerror or exc)) from None
        done += 1
    earlier = [name for name in (*(plan.get("kept") or []), *(plan.get("left") or [])) if isinstance(name, str)]
    if earlier:
        _record_earlier_key(journal, earlier)
    if plan.get("to") == KeyKind.KEYRING.value:
        pending = keys.keyring_get(journal, pending=True)
        if pending is not None:
            if not keys.keyring_set(journal, pending):
                raise StoreError(_("The keyring did not take the new key of {path}; it is kept as pending.").format(
                    path=journal))
            keys.keyring_forget(journal, pending=True)
    elif plan.get("from") == KeyKind.KEYRING.value and not plan.get("kept"):
        # Nothing on disk opens with the old random key any more (backups kept under it keep it too).
        keys.keyring_forget(journal)
    _remove_marker(journal)
    return done


def _record_earlier_key(journal: Path, names: list[str]) -> None:
    folder = backups.backup_folder(journal)
    known = set(earlier_key_backups(journal))
    lines = sorted(known | set(names))
    write_atomically(folder / EARLIER_KEY_RECORD, lambda stream: stream.write("".join(f"{n}\n" for n in lines)))


def earlier_key_backups(journal: Path) -> list[str]:
    """Names of the backups left under an earlier key by a key change (they do not prove the journal's key)."""
    try:
        text = (backups.backup_folder(journal) / EARLIER_KEY_RECORD).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [line for line in text.splitlines() if line and "/" not in line]


# -- settling a change a killed process left ----------------------------------------------------------------------
def settle(journal: Path) -> Settled | None:
    """Roll back or finish a key change that a killed process left half-done; None when there was none.

    Waits for a change still being made by a living process (up to two minutes). Needs no key.
    """
    journal = Path(journal).expanduser()
    if not marker_path(journal).exists():
        _remove_abandoned_lock(journal)
        return None
    try:
        held = file_lock.acquire(
            _lock_path(journal), timeout=SETTLE_TIMEOUT_SECONDS,
            busy_message=_("Another MentorApp is still changing the key of {path}; try again in a moment.").format(
                path=journal))
    except OSError:
        raise StoreError(_("A key change of {path} was cut short, and its folder cannot be written to settle it.")
                         .format(path=journal)) from None
    try:
        plan = _read_marker(journal)
        if plan is None:
            return None  # settled by the process that held the lock
        return _settle_plan(journal, plan)
    finally:
        held.remove()
        held.release()


def _remove_abandoned_lock(journal: Path) -> None:
    """The lock of a change killed before it wrote its marker (nothing else of it exists): removed."""
    lock = _lock_path(journal)
    if not lock.exists():
        return
    try:
        held = file_lock.try_acquire(lock)
    except OSError:
        return
    if held is not None:
        if not marker_path(journal).exists():
            held.remove()
        held.release()


def _settle_plan(journal: Path, plan: dict[str, Any]) -> Settled:
    """Roll back while the journal's copy waits beside it (or the plan never reached "committing"), else finish."""
    temporary = plan.get("journal_temp")
    copy_waiting = (isinstance(temporary, str) and bool(temporary) and "/" not in temporary
                    and journal.with_name(temporary).exists())
    if plan.get("phase") != "committing" or copy_waiting:
        _roll_back(journal, plan)
        return Settled(how=SettledHow.ROLLED_BACK, kind=_kind(plan.get("from")) if plan else None)
    done = _roll_forward(journal, plan)
    return Settled(how=SettledHow.FINISHED, kind=_kind(plan.get("to")), backups_rekeyed=done)

