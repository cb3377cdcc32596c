"""Bridges the core's change bus to a Qt signal, so views refresh on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from mentorapp.models.services import Change, ChangeBus


class QtChanges(QObject):
    """Re-emits every committed change as `changed(Change)`."""

    changed = Signal(object)

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        bus.subscribe(self._relay)

    def _relay(self, change: Change) -> None:
        self.changed.emit(change)
