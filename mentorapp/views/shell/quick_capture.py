"""Quick capture (Ctrl+N): a small dialog to jot down one bite-size note in seconds.

The mentee on screen is preselected (else the last one used), the cursor waits in
the text box, and everything else is reachable with Alt+letter. Ctrl+Enter saves,
from the main Return key or the keypad's Enter. Every pause in typing keeps a
draft inside the encrypted journal (views/widgets/drafts.py), so a crash loses
at most the last keystroke; the next Ctrl+N offers it back, and saving clears it.
"For ne&xt time" (Alt+X) turns the note into a talking point for the next 1:1 instead:
theirs when "From them" is chosen, the lead's otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services.entries import default_kind
from mentorapp.models.services.sensitive import sensitive_hint
from mentorapp.models.vocabulary import Direction, EntryKind, Setting, Side
from mentorapp.views.context import DeskContext
from mentorapp.i18n import N_, _
from mentorapp.views.runtime import desk_state
from mentorapp.views.undo import push
from mentorapp.views.widgets.choice_box import ChoiceCombo
from mentorapp.views.widgets.date_fields import DateTimeField, moment_text
from mentorapp.views.widgets.save_keys import is_save_key
from mentorapp.views.widgets.drafts import DraftKeeper
from mentorapp.views.widgets.starter_picker import StarterPicker
from mentorapp.views.widgets.theme import ProblemText, secondary_text
from mentorapp.views.widgets.text_direction import follow_text_direction
from mentorapp.views.widgets.text_direction import isolate

DRAFT_NAME = "quick_capture"
BITE_SIZE = 400  # characters; past this a note is probably two notes

_DIRECTION_BUTTONS = (
    (Direction.TO_MENTEE, N_("&To them"), N_("I said it to them (lead → mentee)")),
    (Direction.FROM_MENTEE, N_("&From them"), N_("They said it to me (mentee → lead)")),
    (Direction.PRIVATE, N_("&Private"), N_("A private note, not (yet) said to them")),
)


class QuickCaptureDialog(QDialog):
    """Writes one entry; emits entry_saved with it after a successful save."""

    entry_saved = Signal(object)  # EntryView
    point_saved = Signal(object)  # AgendaPointView, when saved "for next time"

    def __init__(self, context: DeskContext, *, mentee_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.services = context.services
        self.setWindowTitle(_("New note"))
        self.setMinimumSize(520, 340)
        self._kind_chosen = False
        self._restoring = False

        self.mentee = QComboBox()
        self.mentee.setAccessibleName(_("Mentee"))
        for mentee in self.services.mentees.list():
            self.mentee.addItem(mentee.name, mentee.id)
        if mentee_id is not None and self.mentee.findData(mentee_id) < 0:
            try:  # an archived mentee's page is open: let the note go to them
                self.mentee.addItem(self.services.mentees.get(mentee_id).name, mentee_id)
            except MentorAppError:
                mentee_id = None
        if mentee_id is None:
            mentee_id = context.state.value(desk_state.QUICK_CAPTURE_MENTEE, 0, int) or None
        self._select_mentee(mentee_id)

        self.text = QPlainTextEdit()
        follow_text_direction(self.text)  # a note typed in Arabic or Hebrew sits at the right edge
        self.text.setObjectName("note_text")
        self.text.setAccessibleName(_("Note"))
        self.text.setPlaceholderText(_("What was said, in a sentence or two…"))
        self.text.setTabChangesFocus(True)
        self.text.installEventFilter(self)

        self.directions = QButtonGroup(self)
        direction_row = QHBoxLayout()
        for position, (direction, label, tip) in enumerate(_DIRECTION_BUTTONS):
            button = QRadioButton(_(label))
            button.setToolTip(_(tip))
            button.setAccessibleName(direction.label)
            # Alt+T/F/P flip the direction while the cursor stays in the text.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.directions.addButton(button, position)
            direction_row.addWidget(button)
        direction_row.addStretch()
        self.directions.button(0).setChecked(True)
        self.next_time = QCheckBox(_("For ne&xt time"))
        self.next_time.setObjectName("for_next_time")
        self.next_time.setToolTip(_("Keep it as a talking point for the next 1:1, not as a note (Alt+X)"))
        self.next_time.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+X ticks it while the cursor stays in the text
        self.next_time.toggled.connect(self._next_time_toggled)
        direction_row.addWidget(self.next_time)

        self.kind = ChoiceCombo(EntryKind)
        self.kind.setAccessibleName(_("Kind"))
        self.kind.set_value(EntryKind.FEEDBACK)
        self.setting = ChoiceCombo(Setting)
        self.setting.setAccessibleName(_("Setting"))
        self.starters = StarterPicker(self.services, self.text)
        self.starters.setText(_("&Starters"))
        self.starters.inserted.connect(self._starter_inserted)

        form = QFormLayout()
        form.addRow(_("&Mentee:"), self.mentee)
        form.addRow(_("Direction:"), direction_row)  # each choice has its own Alt+letter
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        setting_label = QLabel(_("S&etting:"))
        setting_label.setBuddy(self.setting)
        kind_row.addSpacing(12)
        kind_row.addWidget(setting_label)
        kind_row.addWidget(self.setting)
        kind_row.addStretch()
        kind_label = QLabel(_("&Kind:"))
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, kind_row)
        # A concern can be the lead's impression rather than something seen: packets say whose opinion it is.
        self.opinion = QCheckBox(_("My &impression, not an observed fact"))
        self.opinion.setObjectName("opinion")
        self.opinion.setToolTip(_("Packets and exports label it “Opinion of” you, beside the facts"))
        form.addRow("", self.opinion)
        # Now, unless the lead types an earlier day or time (a note written after the talk).
        self.when = DateTimeField(self.context.now(), accessible_name=_("When"))
        self.when.setToolTip(_("Now, or type an earlier day and time for a note written later"))
        self._when_edited = False
        self.when.changed.connect(self._when_changed)
        form.addRow(_("&When:"), self.when)

        self.draft_notice = QLabel()
        self.draft_notice.setObjectName("draft_notice")
        self.draft_notice.setWordWrap(True)
        self.discard_draft_button = QPushButton(_("Start &afresh"))
        self.discard_draft_button.setToolTip(_("Throw away the restored note and start with an empty one"))
        self.discard_draft_button.clicked.connect(self._start_afresh)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.draft_notice, 1)
        notice_row.addWidget(self.discard_draft_button)
        self.notice = QWidget()
        self.notice.setLayout(notice_row)
        notice_row.setContentsMargins(0, 0, 0, 0)
        self.notice.hide()

        self.hint = QLabel()
        self.hint.setObjectName("bite_size_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {secondary_text(self.palette(), self.backgroundRole()).name()}")
        self.problem = ProblemText()

        self.save_button = QPushButton(_("Save"))
        self.save_button.setToolTip(_("Save and close (Ctrl+Enter)"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(_("Cancel"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.starters)
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        # The gentle check on special-category words: one quiet line, never in the way.
        self.sensitive = QLabel()
        self.sensitive.setObjectName("sensitive_hint")
        self.sensitive.setWordWrap(True)
        self.sensitive.setStyleSheet(f"color: {secondary_text(self.palette(), self.backgroundRole()).name()}")
        self.sensitive.hide()
        self.text.setMinimumHeight(60)  # the line above shrinks the box, never the line
        layout.addWidget(self.text, 1)
        layout.addWidget(self.sensitive)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

        self.text.textChanged.connect(self._text_changed)
        self.kind.currentIndexChanged.connect(lambda _i: self._update_hint())
        self.directions.idToggled.connect(self._direction_toggled)
        self.kind.activated.connect(self._kind_activated)

        # The choices first: restoring them must not change the kind the lead chose.
        self.drafts = DraftKeeper(self.services.journal, DRAFT_NAME, self)
        self.drafts.add_value("mentee_id", self.mentee.currentData, self._restore_mentee,
                              self.mentee.currentIndexChanged)
        self.drafts.add_value("kind", lambda: self.kind.value().value, lambda v: self.kind.set_value(EntryKind(str(v))),
                              self.kind.currentIndexChanged)
        self.drafts.add_value("direction", lambda: self.direction().value,
                              lambda v: self.set_direction(Direction(str(v))), self.directions.idToggled)
        self.drafts.add_value("setting", lambda: self.setting.value().value,
                              lambda v: self.setting.set_value(Setting(str(v))), self.setting.currentIndexChanged)
        self.drafts.add_value("for_next_time", self.next_time.isChecked,
                              lambda v: self.next_time.setChecked(bool(v)), self.next_time.toggled)
        self.drafts.add_value("when", lambda: self.when.text() if self._when_edited else "",
                              self._restore_when, self.when.changed)
        self.drafts.add_text("text", self.text)
        self.drafts.failed.connect(self.problem.show_problem)

        self._offer_draft()
        self._update_hint()
        self.text.setFocus()

    # -- fields -------------------------------------------------------------------------------
    def _restore_when(self, value: object) -> None:
        if value:
            self.when.set_text(str(value))
            self._when_edited = True

    def _select_mentee(self, mentee_id: int | None) -> None:
        index = self.mentee.findData(mentee_id) if mentee_id is not None else -1
        self.mentee.setCurrentIndex(index if index >= 0 else 0)

    def direction(self) -> Direction:
        return _DIRECTION_BUTTONS[max(0, self.directions.checkedId())][0]

    def set_direction(self, direction: Direction) -> None:
        position = next(i for i, (d, _l, _t) in enumerate(_DIRECTION_BUTTONS) if d is direction)
        self.directions.button(position).setChecked(True)

    def _next_time_toggled(self, checked: bool) -> None:
        # A talking point has no kind or setting yet: those come when it is discussed.
        self.kind.setEnabled(not checked)
        self.setting.setEnabled(not checked)
        self.save_button.setText(_("Add to next 1:1") if checked else _("Save"))
        self.text.setPlaceholderText(_("Something to talk about next time…") if checked
                                     else _("What was said, in a sentence or two…"))
    def _when_changed(self) -> None:
        if not self._restoring:
            self._when_edited = True

    def _kind_activated(self) -> None:
        self._kind_chosen = True

    def _starter_inserted(self, _text: str) -> None:
        # A starter is a question put to them; unless the lead chose a kind, the note is one.
        if not self._kind_chosen:
            self.kind.set_value(EntryKind.QUESTION)
            self._kind_chosen = True

    def _direction_toggled(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        # Until the lead picks a kind, follow the direction's natural one.
        if not self._kind_chosen and not self._restoring:
            self.kind.set_value(default_kind(self.direction()))

    def _text_changed(self) -> None:
        self._update_hint()
        self.problem.hide()

    def _update_hint(self) -> None:
        concern = self.kind.value() is EntryKind.CONCERN
        self.opinion.setVisible(concern)
        hint = sensitive_hint(self.text.toPlainText()) if concern else None
        self.sensitive.setText(hint or "")
        self.sensitive.setVisible(hint is not None)
        length = len(self.text.toPlainText().strip())
        if length > BITE_SIZE:
            self.hint.setText(_("{count} characters: past bite-size. Could this be two notes?").format(count=length))
        else:
            self.hint.setText(_("Ctrl+Enter saves · Esc closes"))

    # -- drafts -------------------------------------------------------------------------------
    def keep_draft(self) -> None:
        """Write what is typed into the journal now (or forget the draft once the text is empty)."""
        self.drafts.write()

    def _restore_mentee(self, mentee_id: object) -> None:
        if isinstance(mentee_id, int) and self.mentee.findData(mentee_id) >= 0:
            self._select_mentee(mentee_id)

    def _offer_draft(self) -> None:
        self._restoring = True
        try:
            draft = self.drafts.restore()
        finally:
            self._restoring = False
        if draft is None or not isinstance(draft.get("text"), str):
            return
        self._kind_chosen = True
        saved_at = draft.get("saved_at", "")
        try:
            when = moment_text(dt.datetime.fromisoformat(str(saved_at)))
        except (TypeError, ValueError):
            when = ""
        who = isolate(self.mentee.currentText()) if self.mentee.currentText() else ""
        if who and when:
            said = _("Here is the note you had not saved about {name} from {moment}.")
        elif who:
            said = _("Here is the note you had not saved about {name}.")
        elif when:
            said = _("Here is the note you had not saved from {moment}.")
        else:
            said = _("Here is the note you had not saved.")
        self.draft_notice.setText(said.format(name=who, moment=when))
        self.notice.show()

    def _start_afresh(self) -> None:
        self.drafts.discard()
        with self.drafts.quiet():
            self.text.clear()
        self.notice.hide()
        self.text.setFocus()

    # -- saving and leaving -------------------------------------------------------------------
    def save(self) -> None:
        mentee_id = self.mentee.currentData()
        if mentee_id is None:
            self._show_problem(_("Add a mentee first: a note belongs to someone."))
            return
        if self.next_time.isChecked():
            self._save_point(mentee_id)
            return
        entries = self.services.entries
        values = {
            "mentee_id": mentee_id,
            "text": self.text.toPlainText(),
            "kind": self.kind.value(),
            "direction": self.direction(),
            "setting": self.setting.value(),
            "opinion": self.kind.value() is EntryKind.CONCERN and self.opinion.isChecked(),
        }
        try:
            if self._when_edited:
                values["at"] = self.when.moment()  # one sentence if it is no date, or ahead of now
            entry = push(self.context, entries.undoable(_("Add note"), lambda: entries.add(**values)))
        except MentorAppError as exc:
            self._show_problem(str(exc))
            return
        self.drafts.saved()
        self.context.state.set_value(desk_state.QUICK_CAPTURE_MENTEE, mentee_id)
        self.entry_saved.emit(entry)
        self.accept()

    def _save_point(self, mentee_id: int) -> None:
        agenda = self.services.agenda
        text = self.text.toPlainText()
        side = Side.MENTEE if self.direction() is Direction.FROM_MENTEE else Side.LEAD
        try:
            point = push(self.context, agenda.undoable(
                _("Add talking point"), lambda: agenda.add(mentee_id=mentee_id, text=text, raised_by=side)))
        except MentorAppError as exc:
            self._show_problem(str(exc))
            return
        self.drafts.saved()
        self.context.state.set_value(desk_state.QUICK_CAPTURE_MENTEE, mentee_id)
        self.point_saved.emit(point)
        self.accept()

    def _show_problem(self, message: str) -> None:
        self.problem.show_problem(message)
        self.text.setFocus()

    def reject(self) -> None:
        if self.text.toPlainText().strip() and not self._confirm_discard():
            self.text.setFocus()
            return
        # Also when the box was emptied: a draft kept before the lead erased the words
        # (and not yet replaced by the pending one) would otherwise come back next time.
        self.drafts.discard()
        super().reject()

    def _confirm_discard(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, _("Discard this note?"),
                          _("Discard this note? What you typed will be lost."), parent=self)
        discard = box.addButton(_("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("&Keep writing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        # The window's close button behaves like Esc: ask before losing words.
        if self.result() == QDialog.DialogCode.Accepted or not self.text.toPlainText().strip():
            super().closeEvent(event)
            return
        event.ignore()
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if is_save_key(event):
            self.save()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.text and event.type() == QEvent.Type.KeyPress and is_save_key(cast(QKeyEvent, event)):
            self.save()
            return True
        return super().eventFilter(watched, event)
