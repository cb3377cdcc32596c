"""A private D-Bus session with a notification service of the test's own, recording what it is asked to show.

`dbus-daemon --session` gives a bus nobody else uses; a thread owns org.freedesktop.Notifications on
it (through jeepney, as a desktop's notification daemon would) and keeps every Notify call it
receives. Like the services of real desktops (GNOME Shell, dunst, KDE's), it refuses a call whose
argument types are not those of the specification, with InvalidArgs, so a notifier that gets the
types wrong fails here as it would on a lead's desktop.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from typing import Any

SERVICE = "org.freedesktop.Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"  # the Desktop Notifications Specification's Notify


@dataclass(frozen=True)
class Shown:
    """One notification as the desktop would draw it."""

    app_name: str
    summary: str
    body: str
    hints: dict[str, Any]


@dataclass
class NotificationServer:
    address: str  # DBUS_SESSION_BUS_ADDRESS of the private bus
    shown: list[Shown] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # signatures of calls refused for their types
    _bus: subprocess.Popen[str] | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._bus is not None and self._bus.poll() is None:
            self._bus.terminate()
            try:
                self._bus.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._bus.kill()
                self._bus.wait()


def start() -> tuple[NotificationServer | None, str]:
    """A private session bus with the recording service on it, or (None, why not)."""
    if shutil.which("dbus-daemon") is None:
        return None, "no dbus-daemon here (Debian: the dbus package; .ci/run installs it)"
    from jeepney import HeaderFields, MessageType, new_error, new_method_return
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    server = NotificationServer(address=address, _bus=bus)
    if not address:
        server.stop()
        return None, "dbus-daemon did not start a session bus"
    connection = open_dbus_connection(bus=address)
    owned = connection.send_and_get_reply(message_bus.RequestName(SERVICE, 4), timeout=10).body  # 4: do not queue
    if owned != (1,):  # 1: the primary owner
        connection.close()
        server.stop()
        return None, f"could not own {SERVICE} on the private bus ({owned})"
    next_id = iter(range(1, 1 << 31))

    def serve() -> None:
        with connection:
            while not server._stop.is_set():
                try:
                    message = connection.receive(timeout=0.1)
                except TimeoutError:
                    continue
                header = message.header
                if header.message_type != MessageType.method_call:
                    continue  # the bus's own signals (NameAcquired)
                member = header.fields.get(HeaderFields.member)
                signature = header.fields.get(HeaderFields.signature, "")
                if member == "Notify":
                    if signature != NOTIFY_SIGNATURE:
                        server.refused.append(signature)
                        connection.send(new_error(message, "org.freedesktop.DBus.Error.InvalidArgs", "s", (
                            f"Type of message, “({signature})”, does not match expected type "
                            f"“({NOTIFY_SIGNATURE})”",)))
                        continue
                    app_name, _replaces, _icon, summary, body, _actions, hints, _expire = message.body
                    server.shown.append(Shown(app_name, summary, body, dict(hints)))
                    connection.send(new_method_return(message, "u", (next(next_id),)))
                elif member == "GetCapabilities":
                    connection.send(new_method_return(message, "as", (["body"],)))
                else:
                    connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s",
                                              (f"No method {member}",)))

    server._thread = threading.Thread(target=serve, name="notification-server", daemon=True)
    server._thread.start()
    return server, ""
