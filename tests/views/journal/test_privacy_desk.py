"""The desk's privacy tools: a hold (with its banner, and every change refused in a dialog) and the access request."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from desk_support import activate, when_modal
from mentorapp.views.journal.privacy import AccessRequestDialog
from mentorapp.views.shell.main_window import MainWindow

SHOTS = os.environ.get("MENTORAPP_SHOTS")


def _answer_reason(qtbot, reason: str) -> None:
    def act(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        edit = dialog.findChild(QLineEdit)
        qtbot.keyClicks(edit, reason)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    when_modal(act)


def _capture_warning(seen: list[str]) -> None:
    def act(dialog) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text())
        dialog.accept()

    when_modal(act)


def test_a_hold_shows_a_banner_and_refuses_changes_in_a_dialog(qtbot, demo_desk: MainWindow) -> None:
    services = demo_desk.services
    marco = services.mentees.find("Marco Rossi")
    demo_desk.show_mentee(marco.id)
    page = demo_desk.mentee_page
    assert not page.hold_banner.isVisible()
    _answer_reason(qtbot, "Access request of 2 Dec")
    demo_desk.hold_action.trigger()
    qtbot.waitUntil(lambda: page.hold_banner.isVisible())
    assert "On hold since 29 Nov 2026: Access request of 2 Dec." in page.hold_banner.text()
    assert demo_desk.hold_action.text() == "Release &hold"
    if SHOTS:
        demo_desk.resize(1024, 640)
        demo_desk.grab().save(str(Path(SHOTS) / "hold-banner.png"))

    seen: list[str] = []
    _capture_warning(seen)
    demo_desk.trash_mentee_action.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert "is on hold (Access request of 2 Dec)" in seen[0]
    assert services.mentees.get(marco.id).name == "Marco Rossi"  # still there, not in the trash
    activate(qtbot, demo_desk)
    demo_desk.hold_action.trigger()  # release
    qtbot.waitUntil(lambda: not page.hold_banner.isVisible())
    assert not services.mentees.get(marco.id).held


def test_access_request_writes_a_new_folder_and_refuses_an_existing_one(qtbot, demo_desk: MainWindow,
                                                                        tmp_path: Path) -> None:
    services = demo_desk.services
    priya = services.mentees.find("Priya Raman")
    dialog = AccessRequestDialog(demo_desk.context, mentee_id=priya.id, parent=demo_desk)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.mentee.currentText() == "Priya Raman"
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "access-request.png"))
    existing = tmp_path / "taken"
    existing.mkdir()
    dialog.folder.setText(str(existing))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.isVisible() and "already exists; name a new folder" in dialog.problem.text()
    dialog.folder.setText(str(tmp_path / "priya"))
    seen: list[str] = []
    _capture_warning(seen)
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert seen and "Wrote" in seen[0]
    files = sorted(p.name for p in (tmp_path / "priya").iterdir())
    assert [Path(f).suffix for f in files] == [".json", ".pdf"]
    document = json.loads(next((tmp_path / "priya").glob("*.json")).read_text())
    assert document["manifest"]["person"]["name"] == "Priya Raman"
    assert {row["mentee_id"] for row in document["records"]["entries"]} == {priya.id}


def _type_into_input(qtbot, text: str) -> None:
    def act(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        assert "cannot be undone" in dialog.labelText()
        edit = dialog.findChild(QLineEdit)
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    when_modal(act)


def test_erase_from_the_desk_asks_for_the_name_and_reaches_the_backups(qtbot, demo_desk: MainWindow) -> None:
    from mentorapp.models.storage.store import connect_raw
    from tests.conftest import TEST_KEY
    from tests.support.pages import plain_pages, plain_wal

    services = demo_desk.services
    marco = services.mentees.find("Marco Rossi")
    services.entries.add(mentee_id=marco.id, text="private words, platypusword", direction="private")
    backup = services.backups.back_up_now()
    demo_desk.show_mentee(marco.id)
    seen: list[str] = []
    _type_into_input(qtbot, "Marco")  # not the whole name: refused, nothing erased
    _capture_warning(seen)
    demo_desk.erase_action.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert "not the name" in seen[0] and services.mentees.get(marco.id)
    activate(qtbot, demo_desk)
    _type_into_input(qtbot, "Marco Rossi")
    _capture_warning(seen)
    demo_desk.erase_action.trigger()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert "Erased Marco Rossi for good" in seen[1] and "cannot be reached" in seen[1]
    assert "Marco Rossi" not in demo_desk.mentee_names()
    assert demo_desk.context.undo_stack.count() == 0
    assert services.search.query("platypusword") == []
    path = services.store.path
    everything = plain_pages(path, TEST_KEY.secret) + plain_wal(Path(f"{path}-wal"), TEST_KEY.secret)
    assert b"Marco Rossi" not in everything and b"platypusword" not in everything
    in_backup = plain_pages(backup.path, TEST_KEY.secret)
    assert b"Marco Rossi" not in in_backup and b"platypusword" not in in_backup
    connection = connect_raw(backup.path, TEST_KEY)
    try:
        assert connection.execute("SELECT count(*) FROM mentee WHERE name = 'Priya Raman'").fetchone()[0] == 1
    finally:
        connection.close()


def test_empty_trash_from_the_trash_window_is_final_and_says_so(qtbot, demo_desk: MainWindow) -> None:
    from mentorapp.views.journal.trash import TrashDialog

    services = demo_desk.services
    priya = services.mentees.find("Priya Raman")
    note = services.entries.add(mentee_id=priya.id, text="a note to purge, wombatword")
    services.entries.trash(note.id)
    dialog = TrashDialog(demo_desk.context, parent=demo_desk)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty_button.isEnabled()
    seen: list[str] = []

    def confirm(box) -> None:
        assert isinstance(box, QMessageBox) and "cannot be undone" in box.text()
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Discard).click()
        _capture_warning(seen)

    when_modal(confirm)
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert "Erased the trash for good" in seen[1]
    assert services.trash.items() == [] and dialog.stack.currentWidget() is dialog.empty
    assert services.search.query("wombatword") == []
