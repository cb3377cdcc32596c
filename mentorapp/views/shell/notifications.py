"""A desktop notification through the freedesktop service (org.freedesktop.Notifications), for desks without a tray.

The call is typed as the specification says (`Notify`, signature ``susssasa{sv}i``: an unsigned
replaces_id, a list of strings for actions). PySide6's QtDBus cannot say so: a Python int goes out
as a signed one and an empty list as a list of variants, and the services that check (GNOME Shell,
dunst, KDE's) refuse the call. jeepney writes the types given; it is pure Python and on Linux
already comes with keyring (the Secret Service backend).

Each notification opens its own connection to the session bus named by DBUS_SESSION_BUS_ADDRESS
at that moment (a desk started before the session bus still notifies once there is one) and waits
at most `REPLY_TIMEOUT_S` for the answer. The summary and body are given by the caller; nothing
else about the journal goes out, and nothing leaves the machine.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
SIGNATURE = "susssasa{sv}i"  # app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout
APP_NAME = "MentorApp"
ICON = "mentorapp"  # the icon theme name the package installs
DESKTOP_ENTRY = "mentorapp"  # mentorapp.desktop: lets the desktop group the notification under the app
REPLY_TIMEOUT_S = 3.0


def notify_over_session_bus(summary: str, body: str, *, expire_ms: int) -> bool:
    """Show `summary` and `body` through the session's notification service; False when there is none."""
    try:
        from jeepney import DBusAddress, DBusErrorResponse, new_method_call
        from jeepney.wrappers import unwrap_msg
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:  # not Linux: no freedesktop service to ask
        return False
    service = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
    message = new_method_call(service, "Notify", SIGNATURE, (
        APP_NAME, 0, ICON, summary, body, [], {"desktop-entry": ("s", DESKTOP_ENTRY)}, expire_ms))
    try:
        with open_dbus_connection(bus="SESSION") as connection:
            # An error reply raises here, with its name (InvalidArgs from a service that checks the types).
            reply_body = unwrap_msg(connection.send_and_get_reply(message, timeout=REPLY_TIMEOUT_S))
    except DBusErrorResponse as error:
        log.info("Notification not shown: the session bus answered %s", error.name)
        return False
    except KeyError:  # jeepney finds no DBUS_SESSION_BUS_ADDRESS (and no default bus)
        return False
    except (OSError, TimeoutError, ValueError, RuntimeError) as error:  # no bus there, or an address jeepney
        # cannot reach (a transport other than a Unix socket), or a service that never answered
        log.info("Notification not sent: %s", type(error).__name__)
        return False
    return bool(reply_body)
