"""Undo and redo for every create, edit and delete, through one QUndoStack.

An action runs once, before anything is pushed: if the service refuses it (a
MentorAppError), nothing lands on the stack. Undo and redo are service calls too,
so undo never touches widgets; views refresh from the change announcements.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtGui import QUndoCommand, QUndoStack

from mentorapp.models.errors import MentorAppError

T = TypeVar("T")

ErrorReporter = Callable[[str], None]


class ServiceCommand(QUndoCommand, Generic[T]):
    """A change already made, with the service calls that take it back and make it again."""

    def __init__(
        self,
        text: str,
        result: T,
        *,
        undo: Callable[[T], object],
        redo: Callable[[T], object],
        report: ErrorReporter | None = None,
    ) -> None:
        super().__init__(text)
        self.result = result
        self._undo = undo
        self._redo = redo
        self._report = report
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:  # the action already ran before the push
            self._first_redo = False
            return
        self._call(self._redo, "redo")

    def undo(self) -> None:
        self._call(self._undo, "undo")

    def _call(self, step: Callable[[T], object], verb: str) -> None:
        try:
            step(self.result)
        except MentorAppError as exc:
            # The journal moved on (e.g. the item was changed from the command line);
            # say so, and drop this step rather than leave the stack lying.
            self.setObsolete(True)
            if self._report is not None:
                self._report(f"Cannot {verb} “{self.text()}”: {exc}")


def push_undoable(
    stack: QUndoStack,
    text: str,
    *,
    do: Callable[[], T],
    undo: Callable[[T], object],
    redo: Callable[[T], object] | None = None,
    report: ErrorReporter | None = None,
) -> T:
    """Run `do` now; if it succeeds, push a command that can undo and redo it.

    `undo` and `redo` receive what `do` returned (usually a read model, whose id
    stays valid because deletions go to the trash). Without `redo`, `do` runs again.
    MentorAppError from `do` propagates and nothing is pushed.
    """
    result = do()
    stack.push(ServiceCommand(text, result, undo=undo, redo=redo or (lambda _r: do()), report=report))
    return result


class Trashable(Protocol):
    """A service whose records go to the trash and come back (every record service)."""

    def trash(self, record_id: int) -> object: ...

    def restore(self, record_id: int) -> object: ...


def undone_by_trash(service: Trashable) -> dict[str, Callable[[Any], object]]:
    """The undo and redo of creating a record through `service`: to the trash, and back.

        push_undoable(stack, "Add ask", do=lambda: asks.add(...), **undone_by_trash(asks))
    """
    return {"undo": lambda made: service.trash(made.id), "redo": lambda made: service.restore(made.id)}


def moved_to_trash(service: Trashable, record_id: int) -> dict[str, Callable[..., object]]:
    """do, undo and redo for moving one record of `service` to the trash (deleting never loses it)."""
    return {
        "do": lambda: service.trash(record_id),
        "undo": lambda _result: service.restore(record_id),
        "redo": lambda _result: service.trash(record_id),
    }
