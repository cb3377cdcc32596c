"""Protection against reference-count bugs in PySide6 6.12.0 on CPython before 3.12.

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
