"""Bridges the core's change bus to a Qt signal, so views refresh on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from mentorapp.models.services import Change, ChangeBus


class QtChanges(QObject):
    """Re-emits every committed change as `changed(Change)`."""

    changed = Signal(object)

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        bus.subscribe(self._relay)

    def _relay(self, change: Change) -> None:
        try:
            self.changed.emit(change)
        except RuntimeError:
            # The window that owned this bridge is gone (the services outlived it):
            # stop listening rather than fail the write that announced the change.
            self._bus.unsubscribe(self._relay)
