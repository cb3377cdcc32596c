"""Quick capture asked for from outside the window: `mentorapp capture [MENTEE]` or the tray's New note.

A request names the mentee as the lead typed it (found as every command finds mentees: an
exact name or a unique prefix). The desk opens quick capture on them and answers once the
dialog has been painted, so the command returns when the lead can type. A name that finds
nobody still opens the dialog, with the sentence saying so, since the lead who pressed a
global shortcut is looking at the desk, not at a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.trust.opening import desk_channel
from mentorapp.views.runtime.single_instance import bring_to_front

if TYPE_CHECKING:
    from mentorapp.views.shell.main_window import MainWindow
    from mentorapp.views.shell.quick_capture import QuickCaptureDialog

Answer = Callable[[str], None]
PAINT_WAIT_MS = 2000  # answer anyway if the platform never paints (the dialog is open)


class _AnswerOnPaint(QObject):
    """Calls `answer` once, when the dialog has first been painted (or after PAINT_WAIT_MS)."""

    def __init__(self, dialog: QuickCaptureDialog, answer: Answer, text: str) -> None:
        super().__init__(dialog)
        self._answer: Answer | None = answer
        self._text = text
        dialog.installEventFilter(self)
        dialog.update()  # a dialog already open is brought forward: it paints again, and that answers
        QTimer.singleShot(PAINT_WAIT_MS, self, self.send)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self.send)  # after this paint has reached the screen
        return False

    def send(self) -> None:
        if self._answer is not None:
            answer, self._answer = self._answer, None
            answer(self._text)


class CaptureRequests(QObject):
    """Opens quick capture in the desk for a request from outside, and answers it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._waiting: list[tuple[str, Answer | None]] = []
        window.auto_lock.unlocked.connect(self._after_unlock)

    def capture(self, mentee: str = "", answer: Answer | None = None) -> QuickCaptureDialog | None:
        """Open quick capture, on `mentee` when named; returns the dialog (None when there is none to open)."""
        window = self.window
        if window.auto_lock.is_locked:
            self._waiting = [(mentee, None)]  # once unlocked, the note the lead asked for opens
            bring_to_front(window)  # the lock's cover, asking for the key
            if answer is not None:
                answer(desk_channel.REFUSED + "\t" + _("The desk is locked; the new note opens once you unlock it."))
            return None
        mentee_id, problem = None, ""
        if mentee.strip():
            try:
                mentee_id = window.services.mentees.find(mentee).id
            except MentorAppError as exc:
                problem = _("{reason} Choose who the note is about.").format(reason=exc)
        dialog = window.quick_capture(mentee_id=mentee_id)
        if dialog is None:
            bring_to_front(window)
            if answer is not None:
                answer(desk_channel.REFUSED + "\t" + _("Add a mentee first: every note is about someone."))
            return None
        if problem:
            dialog.problem.show_problem(problem)
        dialog.raise_()
        dialog.activateWindow()
        if answer is not None:
            _AnswerOnPaint(dialog, answer, f"{desk_channel.SHOWN}\t{problem}" if problem else desk_channel.SHOWN)
        return dialog

    def _after_unlock(self) -> None:
        waiting, self._waiting = self._waiting, []
        for mentee, answer in waiting:
            self.capture(mentee, answer)

