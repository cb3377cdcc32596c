"""Sealed change files: what one machine writes another reads, and nothing altered, copied or moved passes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentorapp.models.errors import MentorAppError
from mentorapp.models.sync.sealed import (
    SYNC_FOLDER, change_path, new_device_id, new_sync_key, read_new, write_change,
)

NOTE = "Ana asked for more room on the design review".encode()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "Sync"


@pytest.fixture
def key() -> bytes:
    return new_sync_key()


def _write(folder: Path, key: bytes, device: str, count: int) -> list[Path]:
    return [write_change(folder, key, device, n, f"change {n} ".encode() + NOTE) for n in range(1, count + 1)]


def test_changes_arrive_in_order_and_the_host_sees_no_text(folder: Path, key: bytes) -> None:
    laptop = new_device_id()
    paths = _write(folder, key, laptop, 3)
    assert paths[0] == folder / SYNC_FOLDER / laptop / "000000000001.change"
    for path in paths:
        assert b"Ana" not in path.read_bytes() and key not in path.read_bytes()
    assert not [p for p in paths[0].parent.iterdir() if p not in paths]  # no temporary file left beside them
    arrived, refused = read_new(folder, key, {})
    assert refused == []
    assert [a.sequence for a in arrived] == [1, 2, 3]
    assert arrived[1].payload == b"change 2 " + NOTE
    # What was seen already is not read again; this machine's own folder is skipped.
    assert [a.sequence for a in read_new(folder, key, {laptop: 2})[0]] == [3]
    assert read_new(folder, key, {}, skip=laptop) == ([], [])


def test_a_file_under_another_key_is_refused_by_name(folder: Path, key: bytes) -> None:
    device = new_device_id()
    write_change(folder, new_sync_key(), device, 1, NOTE)  # forged: someone without the key
    arrived, refused = read_new(folder, key, {})
    assert arrived == []
    assert len(refused) == 1 and "000000000001.change" in refused[0].line
    assert "nothing of it was applied" in refused[0].line


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty"])
def test_a_damaged_file_is_refused_and_the_changes_after_it_wait(folder: Path, key: bytes, damage: str) -> None:
    device = new_device_id()
    paths = _write(folder, key, device, 3)
    data = bytearray(paths[1].read_bytes())
    if damage == "flip":
        data[-5] ^= 0x01
    elif damage == "truncate":
        data = data[:-7]
    else:
        data = bytearray()
    paths[1].write_bytes(bytes(data))
    arrived, refused = read_new(folder, key, {})
    assert [a.sequence for a in arrived] == [1]  # number 3 is not applied ahead of the missing 2
    assert [r.path for r in refused] == [paths[1]]


def test_replayed_reordered_and_moved_files_are_refused(folder: Path, key: bytes) -> None:
    laptop, desktop = new_device_id(), new_device_id()
    paths = _write(folder, key, laptop, 2)
    # Replayed: change 1 copied as a new change 3.
    shutil.copy(paths[0], change_path(folder, laptop, 3))
    arrived, refused = read_new(folder, key, {laptop: 2})
    assert arrived == [] and [r.path.name for r in refused] == ["000000000003.change"]
    # Reordered: 1 and 2 swapped.
    change_path(folder, laptop, 3).unlink()
    one, two = paths[0].read_bytes(), paths[1].read_bytes()
    paths[0].write_bytes(two)
    paths[1].write_bytes(one)
    arrived, refused = read_new(folder, key, {})
    assert arrived == [] and [r.path for r in refused] == [paths[0]]
    # Moved to another device's folder.
    moved = change_path(folder, desktop, 1)
    moved.parent.mkdir(parents=True)
    shutil.copy(paths[1], moved)
    arrived, refused = read_new(folder, key, {laptop: 2})
    assert arrived == [] and [r.path for r in refused] == [moved]


def test_one_bad_device_does_not_stop_another(folder: Path, key: bytes) -> None:
    good, bad = new_device_id(), new_device_id()
    _write(folder, key, good, 2)
    write_change(folder, new_sync_key(), bad, 1, NOTE)
    arrived, refused = read_new(folder, key, {})
    assert [(a.device, a.sequence) for a in arrived] == [(good, 1), (good, 2)]
    assert len(refused) == 1 and refused[0].path.parent.name == bad


def test_a_number_is_never_written_twice(folder: Path, key: bytes) -> None:
    device = new_device_id()
    write_change(folder, key, device, 1, NOTE)
    with pytest.raises(MentorAppError, match="already holds change 1"):
        write_change(folder, key, device, 1, b"other")
    assert read_new(folder, key, {})[0][0].payload == NOTE


def test_files_a_sync_engine_leaves_are_ignored(folder: Path, key: bytes) -> None:
    device = new_device_id()
    paths = _write(folder, key, device, 1)
    (paths[0].parent / ".syncthing.000000000002.change.tmp").write_bytes(b"half")
    (paths[0].parent / "000000000001.sync-conflict-20261203.change").write_bytes(b"x")
    (folder / SYNC_FOLDER / "desktop.ini").write_text("host noise")
    arrived, refused = read_new(folder, key, {})
    assert [a.sequence for a in arrived] == [1] and refused == []


def test_a_refusal_is_said_in_the_language_spoken_where_it_is_shown(folder: Path, key: bytes) -> None:
    from mentorapp import i18n

    write_change(folder, new_sync_key(), new_device_id(), 1, NOTE)
    refused = read_new(folder, key, {})[1]
    with i18n.speaking("de"):
        line = refused[0].line
    assert line.startswith("Die Synchronisationsdatei ") and "000000000001.change" in line
    assert "nichts davon wurde übernommen" in line
    assert refused[0].line.startswith("Refused the sync file ")
