"""Keeping the desk at hand once it is loaded: capture from outside, the tray icon, the morning reminder.

app.py calls `keep_at_hand` once the window and its services exist (one call, whatever the
start sequence around it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from mentorapp.models.services import Change, Topic
from mentorapp.views.shell.capture_requests import CaptureRequests
from mentorapp.views.shell.reminders import Reminders
from mentorapp.views.shell.tray import DeskTray

if TYPE_CHECKING:
    from mentorapp.views.runtime.single_instance import DeskClaim
    from mentorapp.views.shell.main_window import MainWindow


@dataclass(frozen=True, slots=True)
class AtHand:
    requests: CaptureRequests
    tray: DeskTray
    reminders: Reminders


def keep_at_hand(window: MainWindow, claim: DeskClaim | None, *, capture: str | None = None,
                 tray_available: bool | None = None) -> AtHand:
    """Wire capture requests, the tray and reminders into a loaded desk.

    `capture`: open quick capture at once (the desk was started by `mentorapp capture`), on the
    mentee named, or "" for none.
    """
    requests = CaptureRequests(window)
    if claim is not None:
        claim.capture_requested.connect(requests.capture)
    tray = DeskTray(window, requests, available=tray_available)
    reminders = Reminders(window.services, notify=tray.notify, is_locked=lambda: window.auto_lock.is_locked,
                          parent=window)

    def preferences_changed(change: Change) -> None:
        if Topic.JOURNAL in change.topics:
            reminders.reschedule()

    window.context.changes.changed.connect(preferences_changed)
    if capture is not None:
        QTimer.singleShot(0, window, lambda: requests.capture(capture))
    return AtHand(requests, tray, reminders)
