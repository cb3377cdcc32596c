"""File → Export journal… and Import journal…: the JSON file from the desk, in the background."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from mentorapp.models.services import Services
from mentorapp.views.shell.main_window import MainWindow


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *rest: said.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    return said


def test_export_from_the_file_menu_writes_the_journal_after_a_warning(qtbot, demo_desk: MainWindow, told,
                                                                     tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "team.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    demo_desk.export_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert len(document["mentees"]) == len(demo_desk.services.mentees.list())
    assert told[0].startswith(f"Exported {len(document['mentees'])} mentees")


def test_import_into_a_team_merges_after_a_backup_and_shows_the_new_people(
    qtbot, demo_desk: MainWindow, told, services: Services, tmp_path: Path, monkeypatch
) -> None:
    other = tmp_path / "other.json"
    services.mentees.add(name="Zoë Newcomer", role="Designer")
    services.interchange.export(other)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(other), ""))
    demo_desk.import_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    assert "Zoë Newcomer" in demo_desk.mentee_names()
    assert "Imported 1 mentee" in told[0] and "before-import" in told[0]
    assert [b for b in demo_desk.services.backups.list() if b.reason.value == "before-import"]


def test_a_bad_file_is_one_sentence_and_imports_nothing(qtbot, demo_desk: MainWindow, told, tmp_path: Path,
                                                        monkeypatch) -> None:
    reports: list[str] = []
    demo_desk.context.report = reports.append
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    before = demo_desk.services.journal.counts()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(bad), ""))
    demo_desk.import_action.trigger()
    qtbot.waitUntil(lambda: bool(reports), timeout=20_000)
    assert "is not valid JSON" in reports[0] and "\n" not in reports[0]
    assert demo_desk.services.journal.counts() == before and not told


def test_export_onto_the_journal_is_one_sentence_and_changes_nothing(qtbot, demo_desk: MainWindow, told,
                                                                    monkeypatch) -> None:
    reports: list[str] = []
    demo_desk.context.report = reports.append
    journal = demo_desk.services.store.path
    before = journal.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(journal), ""))
    demo_desk.export_action.trigger()
    qtbot.waitUntil(lambda: bool(reports), timeout=20_000)
    assert reports == [f"{journal} is the journal itself; name another file."]
    assert journal.read_bytes() == before and not told


def test_importing_a_fifo_is_refused_before_any_backup_is_made(qtbot, demo_desk: MainWindow, told,
                                                              tmp_path: Path, monkeypatch) -> None:
    import os

    reports: list[str] = []
    demo_desk.context.report = reports.append
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    backups_before = demo_desk.services.backups.list()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(fifo), ""))
    demo_desk.import_action.trigger()
    qtbot.waitUntil(lambda: bool(reports), timeout=20_000)
    assert "is not a regular file" in reports[0] and "\n" not in reports[0]
    assert demo_desk.services.backups.list() == backups_before
