"""Sealed change files carried by a real Syncthing between two folders, as between a lead's laptop and desktop.

Two Syncthing instances run on loopback (tests/support/syncthing.py); what one machine seals into
its folder, the other reads from its own, whole and in order, and nothing Syncthing adds to the
folder (its marker, ignore file, temporary names, conflict copies) is ever taken for a change.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorapp.models.sync.sealed import (
    change_path, device_folder, new_device_id, new_sync_key, read_new, unseal, write_change,
)
from tests.support import syncthing


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[syncthing.Pair]:
    syncthing.require()
    with syncthing.start_pair(tmp_path) as started:
        yield started


def _note(device: str, number: int, size: int = 300) -> bytes:
    """A change's payload: recognisable, of the given size (change files are small, some not)."""
    head = f"{device[:6]} change {number}: Ana asked for more room on the design review. ".encode()
    return (head * (size // len(head) + 1))[:size]


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def test_changes_sealed_on_each_machine_are_read_on_the_other_in_order(pair: syncthing.Pair) -> None:
    key = new_sync_key()
    laptop, desktop = new_device_id(), new_device_id()
    for number in range(1, 6):
        write_change(pair.a.folder, key, laptop, number, _note(laptop, number))
    for number in range(1, 4):
        write_change(pair.b.folder, key, desktop, number, _note(desktop, number))

    pair.wait_until_in_sync(timeout=60)

    on_desktop, refused = read_new(pair.b.folder, key, {}, skip=desktop)
    assert refused == []
    assert [(a.device, a.sequence) for a in on_desktop] == [(laptop, n) for n in range(1, 6)]
    assert [a.payload for a in on_desktop] == [_note(laptop, n) for n in range(1, 6)]
    on_laptop, refused = read_new(pair.a.folder, key, {}, skip=laptop)
    assert refused == []
    assert [(a.device, a.payload) for a in on_laptop] == [(desktop, _note(desktop, n)) for n in range(1, 4)]
    # Byte for byte the same files on both machines, and only them.
    for device in (laptop, desktop):
        assert _names(device_folder(pair.a.folder, device)) == _names(device_folder(pair.b.folder, device))
        for path in device_folder(pair.a.folder, device).iterdir():
            assert path.read_bytes() == (device_folder(pair.b.folder, device) / path.name).read_bytes()


def test_a_burst_of_200_changes_arrives_whole_and_a_read_meanwhile_never_refuses_one(
        pair: syncthing.Pair) -> None:
    key = new_sync_key()
    laptop = new_device_id()
    # Mostly small, a few larger than Syncthing's 128 KiB block, so they arrive in several pieces.
    sizes = {n: 300_000 if n % 50 == 0 else 200 + n * 7 for n in range(1, 201)}
    for number, size in sizes.items():
        write_change(pair.a.folder, key, laptop, number, _note(laptop, number, size))

    failure: list[BaseException] = []

    def carry() -> None:
        try:
            pair.wait_until_in_sync(timeout=90)
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread, which raises it
            failure.append(exc)

    carrier = threading.Thread(target=carry)
    carrier.start()
    # The desktop syncs while files are still arriving (in Syncthing's own order, not by number):
    # each read takes a whole run from the first change on, and refuses nothing half there.
    reads = []
    while carrier.is_alive():
        arrived, refused = read_new(pair.b.folder, key, {})
        assert refused == []
        assert [a.sequence for a in arrived] == list(range(1, len(arrived) + 1))
        reads.append(len(arrived))
        time.sleep(0.01)  # leaves the two cores to Syncthing
    carrier.join()
    if failure:
        raise failure[0]

    arrived, refused = read_new(pair.b.folder, key, {})
    assert refused == []
    assert [a.sequence for a in arrived] == list(range(1, 201))
    assert all(a.payload == _note(laptop, a.sequence, sizes[a.sequence]) for a in arrived)
    assert reads == sorted(reads)  # what was read once is there at every later read
    # Nothing but the 200 files: no temporary name of the writer's or of Syncthing's is left on either side.
    expected = {f"{n:012d}.change" for n in range(1, 201)}
    assert _names(device_folder(pair.b.folder, laptop)) == expected
    assert _names(device_folder(pair.a.folder, laptop)) == expected


def test_syncthings_own_files_are_left_alone(pair: syncthing.Pair) -> None:
    key = new_sync_key()
    laptop = new_device_id()
    for number in range(1, 4):
        write_change(pair.a.folder, key, laptop, number, _note(laptop, number))
    # What a lead's Syncthing puts beside the changes: the folder marker (made by Syncthing itself),
    # an ignore file, and the temporary names a transfer cut short leaves for a day (Unix and Windows).
    pair.a.folder.joinpath(".stignore").write_text("(?d).DS_Store\n", encoding="utf-8")
    pair.wait_until_in_sync(timeout=60)
    assert not pair.b.folder.joinpath(".stignore").exists()  # each machine's ignore file is its own
    left = device_folder(pair.b.folder, laptop)
    strays = {
        left / ".syncthing.000000000004.change.tmp": b"MENTORAPP-SYNC-1\nhalf a file",
        left / "~syncthing~000000000004.change.tmp": b"MENTORAPP-SYNC-1\nhalf a file",
        pair.b.folder / ".stignore": b"// the desktop's own\n(?d)Thumbs.db\n",
    }
    for path, content in strays.items():
        path.write_bytes(content)
    marker = pair.b.folder / ".stfolder"
    assert marker.exists(), "Syncthing marks the folder it shares"
    before = {p: (p.stat().st_mtime_ns, p.read_bytes() if p.is_file() else None) for p in [*strays, marker]}

    arrived, refused = read_new(pair.b.folder, key, {})

    assert refused == []
    assert [a.sequence for a in arrived] == [1, 2, 3]  # the temporary "4" is not taken for change 4
    assert {p: (p.stat().st_mtime_ns, p.read_bytes() if p.is_file() else None) for p in before} == before
    # Syncthing keeps its own files to itself: the temporary names and the ignore file never travel.
    pair.wait_until_in_sync(timeout=60)
    assert _names(device_folder(pair.a.folder, laptop)) == {f"{n:012d}.change" for n in range(1, 4)}
    assert pair.a.folder.joinpath(".stignore").read_text(encoding="utf-8") == "(?d).DS_Store\n"


def test_a_conflict_copy_syncthing_makes_is_not_read_as_a_change_and_keeps_the_other_version(
        pair: syncthing.Pair) -> None:
    # One journal copied to a second machine (same device id) writes change 1 on both while they
    # are apart: Syncthing keeps one under the name and renames the other as a conflict copy.
    key = new_sync_key()
    cloned = new_device_id()
    versions = {b"written on the laptop", b"written on the copy"}
    with pair.apart():
        write_change(pair.a.folder, key, cloned, 1, b"written on the laptop")
        write_change(pair.b.folder, key, cloned, 1, b"written on the copy")
        for side in (pair.a, pair.b):
            side.scan(timeout=60)
    pair.wait_until_in_sync(timeout=60)

    kept = set()
    for side in (pair.a, pair.b):
        arrived, refused = read_new(side.folder, key, {})
        assert refused == []
        assert [a.sequence for a in arrived] == [1]
        kept.add(arrived[0].payload)
        copies = [p for p in device_folder(side.folder, cloned).iterdir() if ".sync-conflict-" in p.name]
        assert len(copies) == 1, sorted(os.listdir(device_folder(side.folder, cloned)))
        assert copies[0].name.startswith("000000000001.sync-conflict-") and copies[0].name.endswith(".change")
        # The copy still opens as change 1 of that device: the other version is kept, not lost.
        assert {unseal(key, cloned, 1, copies[0].read_bytes()), arrived[0].payload} == versions
    assert len(kept) == 1  # both machines read the same change 1
    assert change_path(pair.a.folder, cloned, 1).read_bytes() == change_path(pair.b.folder, cloned, 1).read_bytes()
