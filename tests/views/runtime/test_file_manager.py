"""Showing a folder starts the file manager without the journal's passphrase in its environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices

from mentorapp.views.runtime.file_manager import show_folder


def test_the_file_manager_is_not_handed_the_passphrase(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MENTORAPP_PASSPHRASE", "the secret words")
    seen: list[tuple[str, str | None]] = []

    def open_url(url) -> bool:  # what the started program would inherit
        seen.append((url.toLocalFile(), os.environ.get("MENTORAPP_PASSPHRASE")))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    assert show_folder(tmp_path)
    assert seen == [(str(tmp_path), None)]
    assert os.environ["MENTORAPP_PASSPHRASE"] == "the secret words"  # this process still has it
