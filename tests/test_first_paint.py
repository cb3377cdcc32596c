"""MENTORAPP_FIRST_PAINT_PNG: the desk opens, saves its first painted frame and closes (the package test's probe)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from tests.conftest import TEST_PASSPHRASE


def test_the_desk_saves_its_first_paint_and_closes(passphrase_journal: Path, tmp_path: Path) -> None:
    frame = tmp_path / "first-paint.png"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORAPP_")}
    env.update(MENTORAPP_PASSPHRASE=TEST_PASSPHRASE, MENTORAPP_FIRST_PAINT_PNG=str(frame),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "mentorapp", "--db", str(passphrase_journal)], env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    image = QImage(str(frame))
    assert image.width() > 600 and image.height() > 400  # the whole window, not an empty grab
    # The demo team's desk was drawn: more than a plain background (text, toolbar icons, badges).
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20

