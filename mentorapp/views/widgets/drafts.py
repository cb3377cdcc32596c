"""Drafts: every text a lead types is kept inside the encrypted journal while it is typed.

A DraftKeeper watches a few text boxes (and, if asked, the choices beside them) under one
draft name scoped to the record: "reply.thread.12", "goal.new.mentee.3", "goal.edit.7".
Each change is written at once when the previous write is older than COALESCE_MS, else
once, that much after it; and again when a box loses focus. So a crash or a kill loses at
most the last keystroke or two. Reopening the same box (or the same dialog for the same
record) restores the draft; saving or an explicit discard clears it.

Drafts are journal rows (`services.journal.save_draft`): never on the undo stack, never
announced, never in plain settings files. Nothing here logs what is typed.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from mentorapp.i18n import N_, _, ngettext
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services.journal import JournalService
from mentorapp.views.widgets.date_fields import moment_text

COALESCE_MS = 50
TextBox = QLineEdit | QPlainTextEdit | QTextEdit
Json = str | int | float | bool | None

_live: weakref.WeakSet[DraftKeeper] = weakref.WeakSet()


def text_of(box: TextBox) -> str:
    return box.text() if isinstance(box, QLineEdit) else box.toPlainText()


def _set_text(box: TextBox, text: str) -> None:
    if isinstance(box, QLineEdit):
        box.setText(text)
        return
    box.setPlainText(text)
    box.moveCursor(box.textCursor().MoveOperation.End)


@dataclass
class _Value:
    get: Callable[[], Json]
    set: Callable[[Json], object]


class DraftKeeper(QObject):
    """Keeps what is typed into some boxes as the draft called `name` (None: keeps nothing yet)."""

    failed = Signal(str)  # the journal refused the write (one sentence)

    def __init__(self, journal: JournalService, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self._name = name
        self._texts: dict[str, TextBox] = {}
        self._baseline: dict[str, str] = {}
        self._values: dict[str, _Value] = {}
        self._quiet = 0
        self._pending = False
        self._stored = False  # a row for this name is (believed to be) in the journal
        self._stopped = False
        self._last_write = float("-inf")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.write)
        _live.add(self)

    # -- what is kept ---------------------------------------------------------------------
    @property
    def name(self) -> str | None:
        return self._name

    def add_text(self, key: str, box: TextBox) -> None:
        """Keep `box`'s text; what it holds now is what saving it would not change."""
        self._texts[key] = box
        self._baseline[key] = text_of(box)
        box.textChanged.connect(self.changed)
        box.installEventFilter(self)

    def add_value(self, key: str, get: Callable[[], Json], set_: Callable[[Json], object],
                  *signals: SignalInstance) -> None:
        """Keep a choice beside the text (restored with it; alone it makes no draft)."""
        self._values[key] = _Value(get, set_)
        for signal in signals:
            signal.connect(self.changed)

    def set_name(self, name: str | None) -> None:
        """Keep the boxes under another name from now on; what is pending goes to the old one first."""
        if name == self._name:
            return
        self.flush()
        self._name = name
        self._stored = False
        self._last_write = float("-inf")

    def rebase(self) -> None:
        """What the boxes hold now is the record's own text (nothing unsaved)."""
        for key, box in self._texts.items():
            self._baseline[key] = text_of(box)

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Changes made inside (by the program, not the lead) are not drafts."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    # -- state ----------------------------------------------------------------------------
    def texts(self) -> dict[str, str]:
        return {key: text_of(box) for key, box in self._texts.items() if isValid(box)}

    def has_unsaved(self) -> bool:
        """True when some box holds words that differ from the record's own."""
        if self._stopped or self._name is None:
            return False
        return any(text.strip() != self._baseline.get(key, "").strip() for key, text in self.texts().items())

    # -- writing --------------------------------------------------------------------------
    def changed(self, *_args: object) -> None:
        if self._quiet or self._stopped or self._name is None:
            return
        self._pending = True
        elapsed_ms = (time.monotonic() - self._last_write) * 1000
        if elapsed_ms >= COALESCE_MS:
            self.write()
        elif not self._timer.isActive():
            self._timer.start(max(1, round(COALESCE_MS - elapsed_ms)))

    def flush(self) -> None:
        """Write what is pending now (focus leaves a box, the window closes, another record)."""
        if self._pending:
            self.write()

    def write(self) -> None:
        self._timer.stop()
        self._pending = False
        if self._stopped or self._name is None or not isValid(self):
            return
        self._last_write = time.monotonic()
        try:
            if not self.has_unsaved():
                if self._stored:
                    self.journal.clear_draft(self._name)
                    self._stored = False
                return
            record: dict[str, Json] = dict(self.texts())
            for key, value in self._values.items():
                try:
                    record[key] = value.get()
                except RuntimeError:  # the widget is already gone
                    pass
            record["saved_at"] = self.journal.clock.now().isoformat(timespec="minutes")
            self.journal.save_draft(self._name, json.dumps(record))
            self._stored = True
        except MentorAppError as exc:
            self.failed.emit(_("The draft could not be kept: {reason}").format(reason=exc))

    def restore(self) -> dict[str, Json] | None:
        """Put the kept draft (if any) back into the boxes; returns it, else None."""
        if self._name is None:
            return None
        try:
            raw = self.journal.draft(self._name)
        except MentorAppError:
            return None
        if not raw:
            return None
        try:
            record = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(record, dict):
            return None
        self._stored = True
        with self.quiet():
            for key, value in self._values.items():
                if key in record:
                    try:
                        value.set(record[key])
                    except (ValueError, TypeError, KeyError):
                        pass  # a choice that no longer exists: keep the one shown
            for key, box in self._texts.items():
                if isinstance(record.get(key), str):
                    _set_text(box, record[key])
        return record

    def discard(self) -> None:
        """Forget the draft (the lead threw the words away, or saved them)."""
        self._timer.stop()
        self._pending = False
        if self._name is not None:
            try:
                self.journal.clear_draft(self._name)
            except MentorAppError as exc:
                self.failed.emit(_("The draft could not be removed: {reason}").format(reason=exc))
        self._stored = False

    saved = discard  # after a successful save the draft has done its work

    def stop(self) -> None:
        """Write nothing more (the desk is closing; what is kept stays kept)."""
        self.flush()
        self._stopped = True
        self._timer.stop()

    # -- focus ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)


def live_keepers(journal: JournalService, within: QWidget | None = None, *,
                 shown: bool = True) -> list[DraftKeeper]:
    """The keepers at work on `journal` in this process (inside `within`, when given).

    With `shown`, only those on screen: a box that is hidden (a crashed dialog) is nobody's work in progress.
    """
    found = []
    for keeper in list(_live):
        if not isValid(keeper) or keeper.journal is not journal:
            continue
        host = keeper.parent()
        if not isinstance(host, QWidget) or (shown and not host.isVisible()):
            continue
        if within is not None:
            widget: QWidget | None = host
            while widget is not None and widget is not within:
                widget = widget.parentWidget()
            if widget is None:
                continue
        found.append(keeper)
    return found


def unsaved_keepers(journal: JournalService, within: QWidget | None = None) -> list[DraftKeeper]:
    """After writing what is pending: the keepers whose boxes hold unsaved words."""
    keepers = live_keepers(journal, within)
    for keeper in keepers:
        keeper.flush()
    return [keeper for keeper in keepers if keeper.has_unsaved()]


# Translators: what a kept draft was, listed after "2 unsaved drafts kept from last time:".
_KINDS = {
    "quick_capture": N_("a new note (Ctrl+N)"), "reply": N_("a reply"), "progress": N_("a progress note"),
    "goal": N_("a goal"), "thread": N_("a thread"), "ask": N_("an ask"), "recognition": N_("a recognition"),
    "case": N_("a watchlist case"), "chance": N_("a chance"), "entry": N_("a note being corrected"),
    "message": N_("a message being corrected"), "mentee": N_("a mentee's details"),
    "starter": N_("a conversation starter"),
}
_SOME_TEXT = N_("a text")


def drafts_sentence(names: list[str]) -> str:
    """What the status bar says at start-up about drafts kept from last time ("" for none)."""
    if not names:
        return ""
    marked = [_KINDS.get(name.split(".")[0], _SOME_TEXT) for name in names]
    kinds = list(dict.fromkeys(_(kind) for kind in marked))
    count = len(names)
    # Translators: the separator between the kinds of drafts listed ("a new note (Ctrl+N), a reply").
    listed = _(", ").join(kinds)
    return ngettext("{n} unsaved draft kept from last time: {kinds}. Each comes back when you open the same box "
                    "again.",
                    "{n} unsaved drafts kept from last time: {kinds}. Each comes back when you open the same box "
                    "again.", count).format(n=count, kinds=listed)


def restored_notice(record: dict[str, Json], what: str | None = None) -> str:
    """ "Restored what you had not saved (from 29 Nov, 15:30)." """
    what = _("what you had not saved") if what is None else what
    try:
        when = moment_text(dt.datetime.fromisoformat(str(record.get("saved_at"))))
    except ValueError:
        return _("Restored {what}.").format(what=what)
    return _("Restored {what} (from {when}).").format(what=what, when=when)


def discard_hint() -> str:
    """What follows a restored notice in a dialog: how to throw the draft away."""
    return _("Cancel, then Discard, throws it away.")


def keep_fields(journal: JournalService, name: str, fields: dict[str, TextBox],
                parent: QWidget) -> tuple[DraftKeeper, dict[str, Json] | None]:
    """A keeper for these boxes under `name`, with any draft already restored into them."""
    keeper = DraftKeeper(journal, name, parent)
    for key, box in fields.items():
        keeper.add_text(key, box)
    return keeper, keeper.restore()


def keep_dialog_drafts(dialog: QDialog, journal: JournalService, name: str,
                       fields: dict[str, TextBox]) -> DraftKeeper:
    """Keep a dialog's boxes as the draft `name`: restored now (saying so), cleared when it is saved.

    The dialog's reject() asks `confirm_discard` first, so closing never throws words away unasked.
    """
    keeper, record = keep_fields(journal, name, fields, dialog)
    dialog.accepted.connect(keeper.saved)
    if record is not None:
        notice = QLabel(f"{restored_notice(record)} {discard_hint()}")
        notice.setObjectName("draft_notice")
        notice.setWordWrap(True)
        notice.setTextFormat(Qt.TextFormat.PlainText)
        layout = dialog.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, notice)
    return keeper


def confirm_discard(parent: QWidget, keeper: DraftKeeper | None) -> bool:
    """Closing a dialog: True when nothing typed is lost, or the lead chose to throw it away."""
    if keeper is None:
        return True
    if not keeper.has_unsaved():
        keeper.discard()  # a draft equal to the record's own text has nothing left to keep
        return True
    box = QMessageBox(QMessageBox.Icon.Question, parent.windowTitle(), _("Discard what you typed here?"),
                      QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(_("Nothing has been saved yet."))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if box.exec() != QMessageBox.StandardButton.Discard.value:
        return False
    keeper.discard()
    return True
