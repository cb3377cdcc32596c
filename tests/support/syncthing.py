"""Two real Syncthing instances on loopback, sharing one folder, for tests of what a real engine carries.

Each instance is the test's alone: its own home (keys, config, database) and its own HOME and
XDG folders in the test's temporary folder, so nothing of the developer's own Syncthing is read
or touched. Both listen on 127.0.0.1 only, on ports the system picks (port 0; read back from the
instance, so two test workers never race for a port), and every way of reaching beyond the
machine is off: global and local discovery, relays, NAT traversal, usage and crash reporting,
upgrades. Each is told the other's device id (and one of them the other's address, so that only
one dials), and both share the folder `FOLDER_ID` (the file watcher on, one second's delay;
`wait_until_in_sync` also asks each for a scan).

Debian's `syncthing` package provides the binary (`.ci/run` installs it). `start_pair` raises
`SyncthingFailed` with the instance's own last log lines when one will not start or connect.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

BINARY = "syncthing"
FOLDER_ID = "mentorapp-journal"
# Generous: the suite runs four workers on two shared cores, and a first start migrates a database.
START_TIMEOUT = 90.0
POLL_SECONDS = 0.2
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_GUI_LINE = re.compile(r"GUI and API listening on 127\.0\.0\.1:(\d+)")
# Not handed to the engine: libfaketime's (make test-shifted-clock; the engine keeps the machine's real
# clock, like a program on another machine), proxies (loopback only), and Syncthing's own overrides.
_NOT_INHERITED = ("LD_PRELOAD", "FAKETIME", "FAKETIME_NO_CACHE", "DONT_FAKE_MONOTONIC", "http_proxy",
                  "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "STGUIADDRESS",
                  "STGUIAPIKEY", "STHOMEDIR", "STCONFDIR", "STDATADIR")


class SyncthingFailed(AssertionError):
    """An instance would not start, connect or come into sync; the message says which and how, with its log."""


def require() -> None:
    """Skip the calling test where Syncthing is not installed, but fail it in CI, which must run it."""
    if shutil.which(BINARY) is not None:
        return
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail("CI must run the tests through a real Syncthing, and `syncthing` is not installed "
                    "(Debian: the syncthing package; .ci/run installs it).", pytrace=False)
    pytest.skip("Syncthing is not installed (Debian: the syncthing package)")


@dataclass
class Instance:
    """One running Syncthing: its REST API, device id and the folder it shares."""

    name: str
    root: Path  # everything of this instance: home, HOME, XDG folders, log
    folder: Path
    device_id: str = ""
    api_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    api: str = ""
    listen: str = ""
    process: subprocess.Popen[bytes] | None = None
    stopping: bool = False

    @property
    def home(self) -> Path:
        return self.root / "syncthing"

    @property
    def log(self) -> Path:
        return self.root / "syncthing.log"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED and not k.startswith("FAKETIME")}
        private = self.root / "user"
        env.update(HOME=str(private), XDG_CONFIG_HOME=str(private / ".config"),
                   XDG_DATA_HOME=str(private / ".local" / "share"), XDG_STATE_HOME=str(private / ".local" / "state"),
                   XDG_CACHE_HOME=str(private / ".cache"), STNODEFAULTFOLDER="1", STNOUPGRADE="1",
                   STNORESTART="1", no_proxy="*", NO_PROXY="*")
        return env

    def log_tail(self, lines: int = 25) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(f"    {line}" for line in text.splitlines()[-lines:])

    def rest(self, method: str, path: str, body: Any = None, *, timeout: float = 30.0,
             **query: str) -> Any:
        """The instance's answer to one REST call (JSON decoded), or SyncthingFailed saying which call failed."""
        url = f"{self.api}{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method, headers={
            "X-API-Key": self.api_key, "Content-Type": "application/json"})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never through a proxy
        try:
            with opener.open(request, timeout=timeout) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode(errors="replace").strip()
            raise SyncthingFailed(f"Syncthing {self.name}: {method} {path} answered {exc.code}: {detail}") from None
        except (OSError, urllib.error.URLError) as exc:
            raise SyncthingFailed(f"Syncthing {self.name}: {method} {path} failed: {exc}\n{self.log_tail()}") from None
        return json.loads(text) if text.strip() else None

    def check_running(self) -> None:
        if self.process is None or self.process.poll() is not None:
            code = None if self.process is None else self.process.returncode
            raise SyncthingFailed(f"Syncthing {self.name} is not running (exit status {code}); its log ends:\n"
                                  f"{self.log_tail()}")

    # -- the steps of start_pair -----------------------------------------------------------------------------
    def generate(self) -> None:
        """Keys and a config of its own, changed so that it reaches nothing beyond this machine's loopback."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.root.joinpath("user").mkdir(parents=True, exist_ok=True)
        _run([BINARY, "generate", f"--home={self.home}", "--no-default-folder", "--skip-port-probing"], self)
        shown = _run([BINARY, "serve", f"--home={self.home}", "--device-id"], self).strip()
        if not re.fullmatch(r"[A-Z2-7]{7}(-[A-Z2-7]{7}){7}", shown):
            raise SyncthingFailed(f"Syncthing {self.name}: `syncthing serve --device-id` printed {shown!r}")
        self.device_id = shown
        config = self.home / "config.xml"
        tree = ET.parse(config)
        root = tree.getroot()
        gui = _child(root, "gui")
        gui.set("tls", "false")
        _child(gui, "address").text = "127.0.0.1:0"
        _child(gui, "apikey").text = self.api_key
        options = _child(root, "options")
        for name, value in {
            "listenAddress": "tcp://127.0.0.1:0",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "urAccepted": "-1",  # usage reporting declined
            "crashReportingEnabled": "false",
            "autoUpgradeIntervalH": "0",
            "startBrowser": "false",
            "announceLANAddresses": "false",
            # A dial refused (the other side not yet told of this one) is retried soon, not after a minute.
            "reconnectionIntervalS": "1",
            # The test waits on it: not lowered below the other programs of a loaded machine.
            "setLowPriority": "false",
        }.items():
            _child(options, name).text = value
        for device in root.findall("device"):
            if device.get("id") == self.device_id:
                device.set("name", self.name)
        tree.write(config, encoding="utf-8", xml_declaration=False)

    def start(self) -> None:
        with open(self.log, "wb") as log:  # a file, not a pipe: a chatty engine never blocks on a full pipe
            self.process = subprocess.Popen(
                [BINARY, "serve", f"--home={self.home}", "--no-browser", "--no-restart", "--no-upgrade",
                 "--logflags=2"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=self.env(), cwd=self.root,
                start_new_session=True,  # its own process group: stop() ends it and anything it started
                preexec_fn=_end_with_parent,
            )

    def wait_for_api(self, deadline: float) -> None:
        """The REST address the instance chose, then its listening address, read back from it."""
        while not self.api:
            self.check_running()
            match = _GUI_LINE.search(self.log.read_text(encoding="utf-8", errors="replace"))
            if match:
                self.api = f"http://127.0.0.1:{match.group(1)}"
                break
            _before(deadline, f"Syncthing {self.name} did not open its REST API", self)
        while True:
            self.check_running()
            try:
                status = self.rest("GET", "/rest/system/status", timeout=10)
            except SyncthingFailed:
                status = {}
            for service in (status.get("connectionServiceStatus") or {}).values():
                for address in service.get("lanAddresses") or []:
                    if address.startswith("tcp://127.0.0.1:") and not address.endswith(":0"):
                        self.listen = address
                        return
            _before(deadline, f"Syncthing {self.name} did not report a listening address", self)

    def know(self, other: Instance, *, dial: bool) -> None:
        """Share the folder with `other`; dial it only if `dial` (one side dials, so the two never race)."""
        self.rest("PUT", f"/rest/config/devices/{other.device_id}", {
            "deviceID": other.device_id, "name": other.name, "addresses": ["dynamic"], "autoAcceptFolders": False,
        })
        self.rest("PUT", f"/rest/config/folders/{FOLDER_ID}", {
            "id": FOLDER_ID, "label": "MentorApp", "path": str(self.folder), "type": "sendreceive",
            "devices": [{"deviceID": self.device_id}, {"deviceID": other.device_id}],
            "fsWatcherEnabled": True, "fsWatcherDelayS": 1, "rescanIntervalS": 3600,
        })
        if dial:
            # With discovery off, "dynamic" reaches nothing: only now, with the folder shared, does it dial.
            self.rest("PATCH", f"/rest/config/devices/{other.device_id}", {"addresses": [other.listen]})

    def connected_to(self, other: Instance) -> bool:
        connections = self.rest("GET", "/rest/system/connections", timeout=10).get("connections") or {}
        return bool((connections.get(other.device_id) or {}).get("connected"))

    def scan(self, timeout: float) -> None:
        """A scan of the folder now (the REST call returns when it is done), not waiting for the watcher."""
        self.rest("POST", "/rest/db/scan", timeout=max(timeout, 5.0), folder=FOLDER_ID)

    def status(self) -> dict[str, Any]:
        return dict(self.rest("GET", "/rest/db/status", timeout=10, folder=FOLDER_ID))

    def completion_of(self, other: Instance) -> dict[str, Any]:
        """How much of the folder `other` holds, as this instance knows it from the other's index."""
        return dict(self.rest("GET", "/rest/db/completion", timeout=10, folder=FOLDER_ID, device=other.device_id))

    def folder_errors(self) -> list[dict[str, Any]]:
        try:
            answer = self.rest("GET", "/rest/folder/errors", timeout=10, folder=FOLDER_ID)
        except SyncthingFailed:
            return []
        return list((answer or {}).get("errors") or [])

    def request_shutdown(self) -> None:
        if self.process is not None and self.process.poll() is None and self.api and not self.stopping:
            self.stopping = True
            try:
                self.rest("POST", "/rest/system/shutdown", timeout=5)
            except SyncthingFailed:
                pass  # stop() goes on to SIGTERM

    def stop(self) -> None:
        """REST shutdown, then SIGTERM, then SIGKILL to its process group: nothing of it is left running."""
        process = self.process
        if process is None:
            return
        self.request_shutdown()
        for sign, grace in ((None, 15.0), (signal.SIGTERM, 10.0), (signal.SIGKILL, 10.0)):
            if sign is not None:
                try:
                    os.killpg(process.pid, sign)
                except ProcessLookupError:
                    pass
            try:
                process.wait(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
        try:  # the engine process its monitor started, should the monitor have gone first
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@dataclass
class Pair:
    """Two instances sharing `FOLDER_ID`: `a.folder` on one side, `b.folder` on the other."""

    a: Instance
    b: Instance

    def wait_until_in_sync(self, timeout: float = 60.0) -> None:
        """Return once both hold the same folder, whole; else SyncthingFailed saying what each still lacks.

        Each instance scans first (so what was just written counts); then, twice running, both
        must be connected and idle, need nothing, have no pull errors, agree on the global file
        count and size, and each must see the other's index 100 % complete with nothing needed.
        Then both scan once more: what pulling made (a conflict copy) must be carried too.
        """
        deadline = time.monotonic() + timeout
        while True:
            self._scan_both(deadline)
            self._settle(deadline, timeout)
            self._scan_both(deadline)
            if not self._report():
                return

    def _scan_both(self, deadline: float) -> None:
        for side in (self.a, self.b):
            side.check_running()
            side.scan(deadline - time.monotonic())

    def _settle(self, deadline: float, timeout: float) -> None:
        settled = 0
        while True:
            report = self._report()
            settled = settled + 1 if not report else 0
            if settled >= 2:
                return
            if time.monotonic() > deadline:
                raise SyncthingFailed(
                    f"The two Syncthing instances were not in sync after {timeout:.0f} s: {report}\n"
                    f"a's log ends:\n{self.a.log_tail(12)}\nb's log ends:\n{self.b.log_tail(12)}")
            time.sleep(POLL_SECONDS)

    def _report(self) -> str:
        try:
            return self._unsettled()
        except SyncthingFailed as exc:  # a REST call slow on a loaded machine: asked again, unless one died
            self.a.check_running()
            self.b.check_running()
            return str(exc)

    def _unsettled(self) -> str:
        """Why the pair is not in sync yet, in a few words, or "" when it is."""
        reasons: list[str] = []
        statuses: dict[str, dict[str, Any]] = {}
        for side, other in ((self.a, self.b), (self.b, self.a)):
            side.check_running()
            if not side.connected_to(other):
                reasons.append(f"{side.name} is not connected to {other.name}")
                continue
            status = statuses[side.name] = side.status()
            if status.get("state") != "idle":
                reasons.append(f"{side.name} is {status.get('state')!r}")
            if status.get("needTotalItems") or status.get("pullErrors"):
                errors = "; ".join(f"{e.get('path')}: {e.get('error')}" for e in side.folder_errors()[:3])
                reasons.append(f"{side.name} still needs {status.get('needTotalItems')} items"
                               f" ({status.get('pullErrors')} pull errors{': ' + errors if errors else ''})")
            completion = side.completion_of(other)
            if completion.get("completion") != 100 or completion.get("needItems") or completion.get("needDeletes"):
                reasons.append(f"{side.name} sees {other.name} {completion.get('completion')} % complete "
                               f"({completion.get('needItems')} items, {completion.get('needDeletes')} deletions "
                               "to go)")
        if len(statuses) == 2:
            a, b = statuses[self.a.name], statuses[self.b.name]
            for key in ("globalFiles", "globalBytes", "localFiles", "localBytes"):
                if a.get(key) != b.get(key):
                    reasons.append(f"{key}: a {a.get(key)}, b {b.get(key)}")
        return "; ".join(reasons)

    @contextmanager
    def apart(self, timeout: float = 60.0) -> Iterator[None]:
        """The two disconnected (each pauses the other) for the block, as two machines offline; together after."""
        for side, other in ((self.a, self.b), (self.b, self.a)):
            side.rest("PATCH", f"/rest/config/devices/{other.device_id}", {"paused": True})
        _until(lambda: not (self.a.connected_to(self.b) or self.b.connected_to(self.a)), timeout,
               "The two Syncthing instances did not disconnect", self.a, self.b)
        try:
            yield
        finally:
            for side, other in ((self.b, self.a), (self.a, self.b)):
                side.rest("PATCH", f"/rest/config/devices/{other.device_id}", {"paused": False})
        _until(lambda: self.a.connected_to(self.b) and self.b.connected_to(self.a), timeout,
               "The two Syncthing instances did not connect again", self.a, self.b)

    def stop(self) -> None:
        for side in (self.a, self.b):  # both told at once, so neither waits on a connection to the other
            side.request_shutdown()
        for side in (self.a, self.b):
            side.stop()


@contextmanager
def start_pair(root: Path) -> Iterator[Pair]:
    """Two connected instances sharing a folder each (`root`/a/Sync and `root`/b/Sync), stopped on the way out."""
    pair = Pair(Instance("a", root / "a", root / "a" / "Sync"), Instance("b", root / "b", root / "b" / "Sync"))
    try:
        deadline = time.monotonic() + START_TIMEOUT
        for side in (pair.a, pair.b):
            side.generate()
        for side in (pair.a, pair.b):
            side.start()
        for side in (pair.a, pair.b):
            side.wait_for_api(deadline)
        # b learns of a first, so a's dial to b is taken at once (b never dials: a dial refused as
        # "unknown device" would leave the pair half-connected until a handshake times out).
        pair.b.know(pair.a, dial=False)
        pair.a.know(pair.b, dial=True)
        _until(lambda: pair.a.connected_to(pair.b) and pair.b.connected_to(pair.a), deadline - time.monotonic(),
               "The two Syncthing instances did not connect", pair.a, pair.b)
        yield pair
    finally:
        pair.stop()


def _end_with_parent() -> None:
    """In the engine's process before it runs: a SIGTERM when the test process dies without its finalisers
    (a hang's timeout ends it at once), so not even then is an instance left running."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _child(element: ET.Element, name: str) -> ET.Element:
    found = element.find(name)
    if found is None:
        found = ET.SubElement(element, name)
    return found


def _run(command: list[str], instance: Instance) -> str:
    done = subprocess.run(command, env=instance.env(), cwd=instance.root, capture_output=True, text=True,
                          timeout=60, check=False)
    if done.returncode != 0:
        raise SyncthingFailed(f"`{' '.join(command)}` failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def _before(deadline: float, what: str, *instances: Instance) -> None:
    """Wait a moment, or fail with `what` and each instance's last log lines once the deadline has passed."""
    if time.monotonic() > deadline:
        logs = "\n".join(f"{i.name}'s log ends:\n{i.log_tail()}" for i in instances)
        raise SyncthingFailed(f"{what} in time.\n{logs}")
    time.sleep(POLL_SECONDS)


def _until(done: Callable[[], bool], timeout: float, what: str, *instances: Instance) -> None:
    deadline = time.monotonic() + timeout
    while True:
        for instance in instances:
            instance.check_running()
        try:
            if done():
                return
        except SyncthingFailed:
            pass  # asked again; a dead instance is caught above
        _before(deadline, what, *instances)
