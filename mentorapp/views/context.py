"""What every desk view is given: the services, change signal, undo stack and background runner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QUndoStack

from mentorapp.models.services import Services
from mentorapp.models.services.commands import Command
from mentorapp.views.runtime.background import BackgroundRunner
from mentorapp.views.runtime.change_adapter import QtChanges
from mentorapp.views.runtime.desk_state import DeskState


@dataclass
class DeskContext:
    """Shared by all views of one desk window; created once in app.py."""

    services: Services
    changes: QtChanges
    undo_stack: QUndoStack
    runner: BackgroundRunner
    # Shows one sentence to the person (a dialog in the desk); set by the main window.
    report: Callable[[str], None]
    # Goes to the record an undo or redo just changed (the mentee's page, tab and row); set by the main window.
    # Called with the command and "Undone" or "Redone".
    reveal: Callable[[Command[object], str], None] = field(default=lambda _command, _verb: None)
    # What the desk remembers for this journal on this machine (geometry, last mentee…).
    state: DeskState = field(init=False)

    def __post_init__(self) -> None:
        self.state = DeskState(self.services.store.path)

    def today(self) -> dt.date:
        """The desk's idea of today: the journal's clock (the real one, or a fixed one for
        screenshots and tests, so due dates and "days since" agree with the journal shown)."""
        return self.services.clock.today()

    def now(self) -> dt.datetime:
        return self.services.clock.now()
