"""The desk: Qt widgets, dialogs and item models over the services' read models.

Importing this package first makes `None` immortal on CPython before 3.12, as
PEP 683 did from 3.12 on. PySide6 6.12.0 hands back `None` without taking a
reference on every call to a void method (and whenever an empty QVariant comes
back), so on 3.11 None's reference count drains with use until the interpreter
aborts ("none_dealloc"). A count far beyond reach cannot drain.
"""

from __future__ import annotations

import ctypes
import platform
import sys

if sys.version_info < (3, 12) and platform.python_implementation() == "CPython":
    # ob_refcnt is the first field of every CPython object.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
