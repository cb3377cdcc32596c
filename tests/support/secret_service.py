"""A real Secret Service for tests: a private D-Bus session with gnome-keyring, torn down afterwards.

Never the developer's own keyring: the bus, the keyring daemon and its files are the test's
alone. `start` returns None, with the reason, when this machine cannot run one (Debian's
`dbus` and `gnome-keyring` packages give it one; `.ci/run` installs them).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BACKEND = "keyring.backends.SecretService.Keyring"
# gnome-keyring makes the login collection only for a non-empty password; this one is the test's.
UNLOCK_PASSWORD = "ci"


@dataclass
class SecretService:
    env: dict[str, str]  # what a process needs to reach it (and only it)
    processes: list[subprocess.Popen] = field(default_factory=list)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _reachable(env: dict[str, str], root: Path) -> bool:
    probe = (
        "import keyring; k = keyring.get_keyring(); k.set_password('mentorapp-probe', 'probe', 'x'); "
        "assert k.get_password('mentorapp-probe', 'probe') == 'x'; k.delete_password('mentorapp-probe', 'probe')"
    )
    try:
        done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, timeout=30, cwd=root,
                              check=False)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def start(home: Path, root: Path) -> tuple[SecretService | None, str]:
    """A running Secret Service reachable through the returned env, or (None, why not)."""
    if os.name != "posix":
        return None, "the Secret Service is a Linux desktop service"
    missing = [name for name in ("dbus-daemon", "gnome-keyring-daemon") if shutil.which(name) is None]
    if missing:
        return None, f"no Secret Service here: {', '.join(missing)} not installed (Debian: dbus, gnome-keyring)"
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORAPP_", "DBUS_", "GNOME_KEYRING"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_RUNTIME_DIR=str(runtime),
               XDG_CONFIG_HOME=str(home / "config"), PYTHON_KEYRING_BACKEND=BACKEND, PYTHONPATH=str(root))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    service = SecretService(env=env, processes=[bus])
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    if not address:
        service.stop()
        return None, "no Secret Service here: dbus-daemon did not start a session bus"
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    service.processes.append(daemon)
    assert daemon.stdin is not None
    daemon.stdin.write(UNLOCK_PASSWORD)
    daemon.stdin.close()
    # A loaded machine (the suite runs in parallel) can take a while to start the daemon.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            break
        if _reachable(env, root):
            return service, ""
        time.sleep(0.2)
    service.stop()
    return None, "no Secret Service here: gnome-keyring-daemon did not answer on a private D-Bus session"
