"""The desk's one adapter from a service's command to the QUndoStack.

Services run each write as a headless `Command` (models/services/commands.py) that
knows its undo, its redo and a text naming the record and the person. Views only push
it here: nothing lands on the stack when the write changed nothing, undo and redo say
in the Edit menu what they change, and after each step the desk goes to that record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from PySide6.QtGui import QUndoCommand

from mentorapp import i18n
from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services.commands import Command
from mentorapp.views.context import DeskContext

T = TypeVar("T")


class DeskCommand(QUndoCommand):
    """A write already made by a service, on the undo stack."""

    def __init__(self, command: Command[object], *, report: Callable[[str], None] = lambda _message: None,
                 reveal: Callable[[Command[object], str], None] = lambda _command, _verb: None) -> None:
        # Before the newline: the text of the step; after it: what the Edit menu says after
        # "Undo"/"Redo" ("Undo edit goal ‘Lead a design review’ for Ana Lima").
        # German capitalises its nouns, so only the other languages lower the step's first letter.
        tail = command.text if i18n.language() == "de" else f"{command.text[:1].lower()}{command.text[1:]}"
        super().__init__(f"{command.text}\n{tail}")
        self.command = command
        self._report = report
        self._reveal = reveal
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:  # the service already made the change before the push
            self._first_redo = False
            return
        self._step(self.command.redo, redo=True)

    def undo(self) -> None:
        self._step(self.command.undo, redo=False)

    def _step(self, step: Callable[[], None], *, redo: bool) -> None:
        try:
            step()
        except MentorAppError as exc:
            # The journal moved on (e.g. the record was changed from the command line);
            # say so, and drop this step rather than leave the stack lying.
            self.setObsolete(True)
            said = _("Cannot redo “{step}”: {reason}") if redo else _("Cannot undo “{step}”: {reason}")
            self._report(said.format(step=self.text(), reason=exc))
            return
        # Translators: the status bar's "Undone: Add note" after Ctrl+Z (and "Redone: …" after redo)
        self._reveal(self.command, _("Redone") if redo else _("Undone"))


def push(context: DeskContext, command: Command[T] | None) -> T | None:
    """Put a service's command on the desk's undo stack; None (and nothing pushed) when nothing changed."""
    if command is None:
        return None
    context.undo_stack.push(DeskCommand(cast("Command[object]", command), report=context.report,
                                        reveal=lambda done, verb: context.reveal(done, verb)))
    return command.result
