"""A long desk session emits many signals; the interpreter must still exit cleanly."""

from __future__ import annotations

import subprocess
import sys

SESSION = """
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


def test_sixty_thousand_signals_and_a_clean_exit() -> None:
    # PySide6 6.12 loses a reference to True on every emit; unguarded, this aborts the interpreter.
    result = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "60000"
