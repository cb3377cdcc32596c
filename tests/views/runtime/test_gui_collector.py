"""A desk left open all day must not wear out the interpreter: long sessions exit cleanly."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading

import pytest

from mentorapp.views.runtime.gui_collector import collect_garbage_on_gui_thread

VOID_CALLS = """
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([]); widget = QWidget()
for _ in range(50_000):
    widget.update()
print("alive")
"""

EMITS = """
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
    # PySide6 6.12.0 drained None (void calls) and True (emits) until CPython 3.11 aborted; the pin keeps it away.
    result = subprocess.run([sys.executable, "-c", session], capture_output=True, text=True,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == expected


class _Cycle:
    def __init__(self, threads: list[bool]) -> None:
        self.threads = threads
        self.me = self  # only the cycle collector can free it

    def __del__(self) -> None:
        self.threads.append(threading.current_thread() is threading.main_thread())


def test_garbage_is_collected_on_the_gui_thread_however_much_a_worker_allocates(qtbot, qapp) -> None:
    collect_garbage_on_gui_thread(qapp)
    assert not gc.isenabled()
    gc.collect()
    on_gui_thread: list[bool] = []
    for _ in range(50):
        _Cycle(on_gui_thread)  # e.g. a closed dialog with a handler that refers back to it
    worker = threading.Thread(target=lambda: [[] for _ in range(200_000)])  # a packet being built
    worker.start()
    worker.join()
    assert on_gui_thread == []  # the worker's allocations collected nothing, anywhere
    young = [[] for _ in range(2 * gc.get_threshold()[0])]  # the youngest generation is due
    qtbot.waitUntil(lambda: len(on_gui_thread) == 50, timeout=5000)
    assert all(on_gui_thread) and young
