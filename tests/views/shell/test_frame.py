"""The desk's frame can be painted before the stack is loaded: its modules import none of it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
STACK = ("sqlalchemy", "keyring", "sqlcipher3", "mentorapp.models.services", "mentorapp.models.storage")


def test_importing_the_window_shell_and_the_start_loads_no_database_keyring_or_services() -> None:
    code = (
        "import sys\n"
        "import mentorapp.app, mentorapp.views.shell.frame, mentorapp.views.runtime.crash\n"
        f"print(','.join(name for name in {STACK!r} if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PATH": ""}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
