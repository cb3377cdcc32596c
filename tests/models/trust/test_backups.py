"""Backups: encrypted, checked, rotated, and restored without losing the journal they replace."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from mentorapp.models.storage import store as store_module

from mentorapp.models.trust import backups
from mentorapp.models.trust.backups import BackupInfo, BackupPolicy, Reason
from mentorapp.models.errors import MentorAppError, StoreError
from mentorapp.models.services import Services, Topic
from mentorapp.models.storage.store import JournalDamagedError, Key, Store
from tests.conftest import TEST_KEY

ROOT = Path(__file__).resolve().parents[3]

NOW = dt.datetime(2026, 11, 29, 10, 30)


def damage_page(path: Path, page: int) -> None:
    """Overwrite part of one page, as a failing disk or a stray write would."""
    with path.open("r+b") as handle:
        handle.seek(4096 * page + 200)
        handle.write(os.urandom(64))


def info(day: dt.date, reason: Reason = Reason.DAILY, hour: int = 9) -> BackupInfo:
    made = dt.datetime.combine(day, dt.time(hour))
    return BackupInfo(path=Path(f"j-{made:%Y%m%d-%H%M%S}-{reason.value}.backup"), made_at=made, reason=reason, size=1)


# -- making backups -------------------------------------------------------------------------------
def test_a_backup_is_encrypted_with_the_journal_key_and_named_without_it(services: Services) -> None:
    services.mentees.add(name="Priya Zanzibarova")
    made = backups.make_backup(services.store, reason=Reason.MANUAL, now=NOW)
    assert made.path.parent == services.store.path.with_name("journal.db-backups")
    assert made.path.name == "journal-20261129-103000-manual.backup"
    data = made.path.read_bytes()
    assert not data.startswith(b"SQLite format 3") and b"Zanzibarova" not in data
    assert TEST_KEY.secret not in made.path.name and "5a5a" not in made.path.name
    with Store.open(made.path, TEST_KEY, create=False) as copy:
        assert [m.name for m in Services(copy).mentees.list()] == ["Priya Zanzibarova"]
    with pytest.raises(StoreError):
        Store.open(made.path, Key(secret="not the key"), create=False)


def test_a_backup_is_one_self_contained_file(services: Services) -> None:
    services.mentees.add(name="Ana")
    made = backups.make_backup(services.store, reason=Reason.MANUAL, now=NOW)
    assert sorted(p.name for p in made.path.parent.iterdir()) == [made.path.name]
    assert backups.backup_problem(made.path, TEST_KEY) is None


def test_the_daily_backup_is_made_once_a_day(services: Services) -> None:
    first = backups.backup_if_due(services.store, now=NOW)
    assert first is not None and first.reason is Reason.DAILY
    assert backups.backup_if_due(services.store, now=NOW + dt.timedelta(hours=5)) is None
    assert backups.backup_if_due(services.store, now=NOW + dt.timedelta(days=1)) is not None
    assert len(backups.list_backups(services.store.path)) == 2


def test_a_backup_of_a_damaged_journal_is_refused_and_names_the_newest_good_one(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "OPEN_CHECK_BYTES", 0)  # as for a journal too large to check at open
    with Store.open(journal_path, TEST_KEY) as store:
        services = Services(store)
        mentee = services.mentees.add(name="Marco")
        for n in range(300):
            services.entries.add(mentee_id=mentee.id, text=f"note {n} " + "words " * 40)
        good = backups.make_backup(store, reason=Reason.MANUAL, now=NOW)
        store.checkpoint()
    damage_page(journal_path, 20)
    with Store.open(journal_path, TEST_KEY) as store:
        with pytest.raises(JournalDamagedError, match="is damaged") as caught:
            backups.make_backup(store, reason=Reason.DAILY, now=NOW + dt.timedelta(days=1))
    assert caught.value.backup is not None and caught.value.backup.path == good.path
    assert [b.path for b in backups.list_backups(journal_path)] == [good.path]  # nothing rotated away


def test_backup_to_a_chosen_file_or_folder(services: Services, tmp_path: Path) -> None:
    outside = tmp_path / "usb"
    outside.mkdir()
    services.mentees.add(name="Ana")
    into_folder = backups.backup_to_file(services.store, outside, now=NOW)
    assert into_folder == outside / "journal-20261129-103000.backup"
    named = backups.backup_to_file(services.store, outside / "mine.backup")
    assert backups.backup_problem(named, TEST_KEY) is None
    with pytest.raises(MentorAppError, match="is the journal itself"):
        backups.backup_to_file(services.store, services.store.path)
    with pytest.raises(MentorAppError, match="does not exist"):
        backups.backup_to_file(services.store, tmp_path / "nowhere" / "x.backup")


def test_an_unwritable_backup_folder_is_one_sentence(services: Services) -> None:
    folder = backups.backup_folder(services.store.path)
    folder.write_text("a file where the folder should be")
    with pytest.raises(StoreError, match="Cannot write a backup"):
        backups.make_backup(services.store, reason=Reason.MANUAL)


@contextmanager
def claimed_by_another_process(path: Path) -> Iterator[None]:
    """Another living process claims `path` the way a writer does while it writes it (atomic.claim)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from mentorapp.models.storage.atomic import claim; claim(sys.argv[1]); "
         "print('held', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.communicate("")


def test_what_killed_processes_left_is_cleared_at_once_and_never_listed(services: Services) -> None:
    folder = backups.backup_folder(services.store.path)
    folder.mkdir()
    leftover = folder / "journal-20261120-090000-daily.backup.1a2b3c.partial"
    leftover.write_bytes(b"killed half-way")
    rollback = folder / f"{leftover.name}-journal"  # SQLite's own file beside the half-made copy
    rollback.write_bytes(b"hot journal of a killed copy")
    restore_copy = services.store.path.parent / ".mentorapp-restore-x1y2"
    restore_copy.mkdir()
    (restore_copy / "restore.db").write_bytes(b"killed while restoring")
    rekey_copy = services.store.path.parent / f".{services.store.path.name}.9f8e7d6c5b4a.partial"
    rekey_copy.write_bytes(b"killed while changing the key")
    fresh = folder / "journal-20261129-102959-daily.backup.4d5e6f.partial"
    fresh.write_bytes(b"another process is writing this one")
    assert backups.list_backups(services.store.path) == []
    with claimed_by_another_process(fresh):
        # Just made, whatever the clocks say: what no living process claims is gone at the next open.
        backups.clean_leftovers(services.store.path)
        assert not leftover.exists() and not rollback.exists()
        assert not restore_copy.exists() and not rekey_copy.exists()
        assert fresh.exists()  # its writer is alive
        backups.make_backup(services.store, reason=Reason.MANUAL, now=NOW)
        assert fresh.exists()
        assert [info.reason for info in backups.list_backups(services.store.path)] == [Reason.MANUAL]
    backups.clean_leftovers(services.store.path)
    assert not fresh.exists()


# -- rotation -------------------------------------------------------------------------------------
def test_rotation_keeps_seven_days_and_four_weeks_by_default() -> None:
    today = dt.date(2026, 11, 29)  # a Sunday
    history = [info(today - dt.timedelta(days=n)) for n in range(60)]
    kept = backups.backups_to_keep(history, BackupPolicy(), today=today)
    kept_days = sorted((today - dt.date.fromisoformat(f"{p.name[2:6]}-{p.name[6:8]}-{p.name[8:10]}")).days
                       for p in kept)
    # The last seven days, then the newest (Sunday) backup of each of the three weeks before.
    assert kept_days == [0, 1, 2, 3, 4, 5, 6, 7, 14, 21]


def test_rotation_keeps_the_newest_backup_of_each_day() -> None:
    today = dt.date(2026, 11, 29)
    morning, evening = info(today, hour=8), info(today, hour=20)
    kept = backups.backups_to_keep([morning, evening], BackupPolicy(keep_daily=1, keep_weekly=0), today=today)
    assert kept == {evening.path}


def test_safety_backups_survive_rotation_for_the_daily_window() -> None:
    today = dt.date(2026, 11, 29)
    before_restore = info(today, Reason.BEFORE_RESTORE, hour=8)
    second_restore = info(today, Reason.BEFORE_RESTORE, hour=9)
    daily = info(today, hour=10)
    old_manual = info(today - dt.timedelta(days=30), Reason.MANUAL)
    week = [info(today - dt.timedelta(days=n)) for n in range(1, 8)]
    kept = backups.backups_to_keep([before_restore, second_restore, daily, old_manual, *week],
                                   BackupPolicy(keep_weekly=0), today=today)
    assert {before_restore.path, second_restore.path, daily.path} <= kept
    assert old_manual.path not in kept


def test_rotation_policy_is_kept_in_the_journal_and_applied(services: Services) -> None:
    for days_ago in range(5):
        backups.make_backup(services.store, reason=Reason.DAILY, now=NOW - dt.timedelta(days=days_ago))
    assert services.backups.policy() == BackupPolicy(7, 4)
    removed = services.backups.set_policy(BackupPolicy(keep_daily=2, keep_weekly=0))
    assert len(removed) == 3
    assert services.backups.policy() == BackupPolicy(2, 0)
    assert len(services.backups.list()) == 2


@pytest.mark.parametrize(("daily", "weekly"), [(0, 4), (400, 4), (7, -1), (7, 10_000)])
def test_rotation_policy_out_of_range_is_one_sentence(daily: int, weekly: int) -> None:
    with pytest.raises(MentorAppError, match="Keep between"):
        BackupPolicy(keep_daily=daily, keep_weekly=weekly)


# -- restoring ------------------------------------------------------------------------------------
def test_restore_backs_up_first_and_replaces_the_content(services: Services) -> None:
    services.mentees.add(name="Kept in the backup")
    made = services.backups.back_up_now()
    services.mentees.add(name="Added after the backup")
    heard = []
    services.changes.subscribe(heard.append)
    report = services.backups.restore(made.path)
    assert [m.name for m in services.mentees.list()] == ["Kept in the backup"]
    assert any(change.touches(Topic.MENTEES) for change in heard)
    assert report.safety_backup is not None and report.damaged_copy is None
    with Store.open(report.safety_backup, TEST_KEY, create=False) as before:
        assert {m.name for m in Services(before).mentees.list()} == {"Kept in the backup", "Added after the backup"}


def test_another_connection_sees_the_restored_journal_at_once(services: Services, journal_path: Path) -> None:
    services.mentees.add(name="Old name")
    made = services.backups.back_up_now()
    with Store.open(journal_path, TEST_KEY) as other:
        watching = Services(other)
        assert [m.name for m in watching.mentees.list()] == ["Old name"]
        services.mentees.add(name="Then another")
        services.backups.restore(made.path)
        assert [m.name for m in watching.mentees.list()] == ["Old name"]
        watching.mentees.add(name="Written by the other")  # and it can still write
    assert {m.name for m in services.mentees.list()} == {"Old name", "Written by the other"}
    assert services.store.integrity_problem() is None


def test_restoring_a_damaged_or_foreign_backup_changes_nothing(services: Services, tmp_path: Path) -> None:
    services.mentees.add(name="Ana")
    damaged_copy = tmp_path / "damaged.backup"
    shutil.copyfile(services.backups.back_up_now().path, damaged_copy)
    damage_page(damaged_copy, 0)
    foreign = tmp_path / "foreign.backup"
    with Store.open(foreign, Key(secret="someone else's")) as other:
        other.checkpoint()
    not_a_journal = tmp_path / "notes.txt"
    not_a_journal.write_text("hello")
    count = len(services.backups.list())
    for path, words in ((damaged_copy, "does not open|damaged"), (foreign, "earlier key"),
                        (not_a_journal, "notes.txt is not a MentorApp backup"),
                        (tmp_path / "missing.backup", "There is no backup"),
                        (tmp_path, "is a folder"), (services.store.path, "journal itself")):
        with pytest.raises(MentorAppError, match=words):
            services.backups.restore(path)
    assert [m.name for m in services.mentees.list()] == ["Ana"]
    assert len(services.backups.list()) == count  # not even a safety backup was made
    assert not list(services.store.path.parent.glob(".mentorapp-restore-*"))


def test_a_backup_made_under_an_earlier_key_restores_with_that_key(services: Services, tmp_path: Path) -> None:
    earlier = Key(secret="the passphrase of last year")
    source = tmp_path / "last-year.backup"
    with Store.open(source, earlier) as old:
        Services(old).mentees.add(name="From last year")
        old.checkpoint()
    services.backups.restore(source, source_key=earlier)
    assert [m.name for m in services.mentees.list()] == ["From last year"]
    services.store.reconnect()  # the restored journal still opens with today's key
    assert [m.name for m in services.mentees.list()] == ["From last year"]


def test_restoring_over_a_damaged_journal_moves_it_aside(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "OPEN_CHECK_BYTES", 0)  # as for a journal too large to check at open
    with Store.open(journal_path, TEST_KEY) as store:
        services = Services(store)
        mentee = services.mentees.add(name="Marco")
        for n in range(300):
            services.entries.add(mentee_id=mentee.id, text=f"note {n} " + "words " * 40)
        good = services.backups.back_up_now()
    damage_page(journal_path, 20)
    with Store.open(journal_path, TEST_KEY) as store:
        services = Services(store)
        services.mentees.add(name="Written to the log after the damage")
        assert Path(f"{journal_path}-wal").exists()
        report = services.backups.restore(good.path)
        assert report.safety_backup is None and report.damaged_copy is not None
        assert len(services.entries.page(mentee.id, limit=1000)) == 300
        # The damaged journal's log was not replayed into the restored one.
        assert [m.name for m in services.mentees.list()] == ["Marco"]
        assert services.store.integrity_problem() is None
        services.mentees.add(name="Written after the restore")
    aside = report.damaged_copy
    assert aside.name.startswith("journal.db.damaged-") and aside.stat().st_size > 0
    with Store.open(journal_path, TEST_KEY) as store:
        assert [m.name for m in Services(store).mentees.list()] == ["Marco", "Written after the restore"]


def test_a_journal_that_cannot_be_opened_is_replaced_and_kept_aside(journal_path: Path) -> None:
    with Store.open(journal_path, TEST_KEY) as store:
        Services(store).mentees.add(name="Ana")
        good = backups.make_backup(store, reason=Reason.DAILY, now=NOW)
    damage_page(journal_path, 0)
    original = journal_path.read_bytes()
    with pytest.raises(StoreError):
        Store.open(journal_path, TEST_KEY)
    assert backups.newest_good_backup(journal_path, TEST_KEY) == good
    report = backups.restore_unopenable(journal_path, good.path, key=TEST_KEY, now=NOW)
    assert report.damaged_copy is not None and report.damaged_copy.read_bytes() == original
    with Store.open(journal_path, TEST_KEY) as store:
        assert [m.name for m in Services(store).mentees.list()] == ["Ana"]


def test_the_newest_good_backup_skips_damaged_ones(services: Services) -> None:
    services.mentees.add(name="Ana")
    older = backups.make_backup(services.store, reason=Reason.DAILY, now=NOW - dt.timedelta(days=1))
    newer = backups.make_backup(services.store, reason=Reason.DAILY, now=NOW)
    damage_page(newer.path, 0)
    assert backups.newest_good_backup(services.store.path, TEST_KEY) == older
    assert "does not open" in str(backups.backup_problem(newer.path, TEST_KEY) or "")


def test_backups_are_described_as_people_read_dates() -> None:
    made = info(dt.date(2026, 11, 29), Reason.BEFORE_RESTORE, hour=10)
    text = backups.describe_backup(made, now=dt.datetime(2026, 11, 29, 13, 5))
    assert text == "Sunday 29 November 2026 at 10:00 (3 hours ago, before a restore)"


def test_the_days_backup_is_left_to_the_process_already_making_it(services: Services) -> None:
    from mentorapp.models.trust import file_lock

    folder = backups.backup_folder(services.store.path)
    folder.mkdir()
    other = file_lock.try_acquire(folder / backups.DAILY_LOCK_NAME)  # another command, mid-copy
    assert other is not None
    try:
        assert backups.backup_if_due(services.store, now=NOW) is None
        assert backups.list_backups(services.store.path) == []
    finally:
        other.release()
    made = backups.backup_if_due(services.store, now=NOW)
    assert made is not None and backups.backup_if_due(services.store, now=NOW) is None  # once a day
