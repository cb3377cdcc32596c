"""A desk left open all day must not wear out the interpreter: long sessions exit cleanly."""

from __future__ import annotations

import subprocess
import sys

import pytest

VOID_CALLS = """
import mentorapp.views
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([]); widget = QWidget()
for _ in range(50_000):
    widget.update()
print("alive")
"""

EMITS = """
import mentorapp.views
from PySide6.QtCore import QObject, Signal

class Desk(QObject):
    changed = Signal(object)

desk = Desk()
seen = []
desk.changed.connect(seen.append)
for number in range(60_000):
    desk.changed.emit(number)
print(len(seen))
"""


@pytest.mark.parametrize(("session", "expected"), [(VOID_CALLS, "alive"), (EMITS, "60000")],
                         ids=["void calls", "signal emits"])
def test_a_long_session_of_qt_calls_ends_with_a_clean_exit(session: str, expected: str) -> None:
    # Unguarded, PySide6 6.12.0 drains None (void calls) and True (emits) until CPython 3.11 aborts.
    result = subprocess.run([sys.executable, "-c", session], capture_output=True, text=True,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == expected
