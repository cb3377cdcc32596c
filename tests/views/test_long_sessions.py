"""A desk left open all day must not wear out: Qt calls must not drain Python's None."""

from __future__ import annotations

import subprocess
import sys


def test_a_long_session_of_qt_calls_leaves_the_interpreter_healthy() -> None:
    # PySide6 6.12.0 returns None without a reference from void calls; on CPython 3.11
    # enough of them abort the interpreter. The desk's package guards against it.
    code = (
        "import mentorapp.views\n"
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "app = QApplication([]); w = QWidget()\n"
        "for _ in range(50_000): w.update()\n"
        "print('alive')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "alive"
