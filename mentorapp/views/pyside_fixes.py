"""Protection against PySide6 hazards: reference-count bugs in 6.12.0 on CPython before 3.12,
and Qt objects freed by the cycle collector outside the GUI thread (see GuiThreadCollector).

PySide6 6.12.0 hands objects back to Python without owning a reference to them:
every call to a void method returns None that way (and so does an empty
QVariant), and every `SignalInstance.emit()` returns True that way. Each call
takes one reference from the interpreter's singleton; after a working session
(or a test run) its count reaches zero and the interpreter aborts with "Fatal
Python error: none_dealloc" or "bool_dealloc", usually at exit.

CPython 3.12 made None, True and False immortal (PEP 683), which makes the bug
harmless there. On 3.11 the same protection is given here by lifting their
reference counts far out of reach — but only when the bug is detected, so a fixed
PySide6 leaves the interpreter untouched.
"""

from __future__ import annotations

import ctypes
import gc
import platform
import sys

# Far more calls than any session makes, far below where the count could overflow.
_HEADROOM = 1 << 40
_PROBES = 16


def _leaks() -> tuple[bool, bool]:
    """(void calls lose a None reference, emits lose a True reference)."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        pinged = Signal()

    probe = Probe()
    none_before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")  # a void method
    none_lost = sys.getrefcount(None) <= none_before - _PROBES
    true_before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.pinged.emit()
    true_lost = sys.getrefcount(True) <= true_before - _PROBES
    return none_lost, true_lost


def _immortalise(obj: object) -> None:
    # ob_refcnt is the first field of every CPython object; raise it as Py_INCREF would, many times over.
    ctypes.c_ssize_t.from_address(id(obj)).value += _HEADROOM


def protect_singletons() -> tuple[object, ...]:
    """Make None, True and False effectively immortal where PySide6 drains them; returns those protected."""
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return ()
    none_lost, true_lost = _leaks()
    protected: tuple[object, ...] = ((None,) if none_lost else ()) + ((True, False) if true_lost else ())
    for singleton in protected:
        _immortalise(singleton)
    return protected


class GuiThreadCollector:
    """Runs Python's cycle collector on the GUI thread only.

    CPython collects cyclic garbage in whichever thread happens to allocate when a
    generation fills up, and that is often a background task's pool thread (packets,
    backups and imports allocate a lot). Garbage can hold Qt wrappers, and a widget
    deleted outside the GUI thread crashes the desk. So automatic collection is
    turned off and a timer on the GUI thread collects, generation by generation, with
    the interpreter's own thresholds.
    """

    INTERVAL_MS = 500

    def __init__(self, parent) -> None:  # noqa: ANN001 - a QObject that lives on the GUI thread
        from PySide6.QtCore import QTimer

        gc.disable()
        self.timer = QTimer(parent)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(collect_due_generations)
        self.timer.start()


def collect_due_generations() -> int:
    """Collect the generations that are due, as the interpreter would have; returns the objects found.

    Call it on the GUI thread only (the collector's timer does, and so do the tests between tests).
    """
    found = 0
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (0, 1, 2):
        if counts[generation] <= thresholds[generation]:
            break
        found = gc.collect(generation)
    return found


def collect_garbage_on_gui_thread(app) -> GuiThreadCollector:  # noqa: ANN001 - the QApplication
    """Install the GUI-thread collector once for `app`; later calls return the same one."""
    collector = getattr(app, "_mentorapp_collector", None)
    if collector is None:
        collector = GuiThreadCollector(app)
        app._mentorapp_collector = collector  # noqa: SLF001 - kept as long as the application lives
    return collector
