"""Protection against a reference-count bug in PySide6 6.12's signals.

In PySide6 6.12.0, `SignalInstance.emit()` returns True without owning a
reference to it. Every emit from Python code therefore takes one reference away
from the interpreter's True; after a few thousand emits (an ordinary working
session, or a test run) True's count reaches zero and the interpreter aborts
with "Fatal Python error: bool_dealloc", usually at exit.

CPython 3.12 made True and False immortal (PEP 683), which makes the bug
harmless there. On 3.11 the same protection is given here by lifting their
reference counts out of reach, and only when the bug is actually detected, so a
fixed PySide6 leaves the interpreter untouched.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

# Far more emits than any session makes, far below where the count could overflow.
_HEADROOM = 1 << 40
_PROBES = 16


class _Probe(QObject):
    pinged = Signal()


def emit_drops_a_reference() -> bool:
    """True if emitting a signal from Python loses a reference to True (the PySide6 6.12 bug)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.pinged.emit()
    return sys.getrefcount(True) <= before - _PROBES


def protect_booleans() -> bool:
    """Make True and False effectively immortal if signals leak their references; says whether it did."""
    if sys.version_info >= (3, 12) or not emit_drops_a_reference():
        return False
    for flag in (True, False):
        # ob_refcnt is the first field of every object; raise it the way Py_INCREF would, many times over.
        ctypes.c_ssize_t.from_address(id(flag)).value += _HEADROOM
    return True
