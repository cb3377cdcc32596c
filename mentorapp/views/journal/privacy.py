"""File → Access request… and Mentee → Put on hold…: answering what a person may ask of the lead's notes.

The access request writes a new folder (JSON and PDF, `packets.access`) for the mentee
chosen; the hold freezes what is written about someone (`services.mentees.hold`), with
the reason shown on their page. Problems are said in the dialog, in one sentence.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import N_, _, ngettext
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services.erasure import UNREACHABLE_COPIES
from mentorapp.packets.access import AccessExport, write_access_export
from mentorapp.packets.render import safe_file_stem
from mentorapp.views.context import DeskContext
from mentorapp.views.undo import push
from mentorapp.views.widgets.choice_box import ChoiceBox
from mentorapp.views.widgets.fitting_text import ask_text, cap_width
from mentorapp.views.widgets.text_direction import isolate

INTRO = N_("Anyone you keep notes about may ask for a copy of them (GDPR art. 15; within a month). "
           "This writes a new folder with everything held about them — private notes, the watchlist, the "
           "trash and unsaved drafts included — as a JSON file and a readable PDF. Nobody else appears in it. "
           "The files are not encrypted: hand them over, then delete them.")


def _documents() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                or str(Path.home()))


class AccessRequestDialog(QDialog):
    """Choose the person and the new folder; Write makes it and says where."""

    def __init__(self, context: DeskContext, *, mentee_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.written: AccessExport | None = None
        self.setWindowTitle(_("Access request"))
        self.setMinimumWidth(560)
        cap_width(self)
        intro = QLabel(_(INTRO))
        intro.setWordWrap(True)
        mentees = context.services.mentees.list(include_archived=True)
        self._names = {m.id: m.name for m in mentees}
        self.mentee = ChoiceBox(((_("{name} (archived)").format(name=m.name) if m.archived else m.name, m.id)
                                 for m in mentees), accessible_name=_("Mentee"))
        if mentee_id is not None:
            self.mentee.set_value(mentee_id)
        self.folder = QLineEdit()
        self.folder.setAccessibleName(_("New folder"))
        choose = QPushButton(_("C&hoose…"))
        choose.clicked.connect(self._choose)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(choose)
        form = QFormLayout()
        form.addRow(_("&Mentee:"), self.mentee)
        form.addRow(_("New folder:"), where)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: palette(highlight)")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write_button = buttons.addButton(_("&Write"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.write)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.mentee.currentIndexChanged.connect(self._suggest)
        self._suggest()

    def _suggest(self, *_args: object) -> None:
        name = self._names.get(self.mentee.value(), "")
        stem = safe_file_stem(name, fallback="mentee")
        self.folder.setText(str(_documents() / f"{stem}-access-{self.context.today():%Y-%m-%d}"))
        self.problem.hide()

    def _choose(self) -> None:
        parent = QFileDialog.getExistingDirectory(self, _("Where to make the new folder"), str(_documents()))
        if parent:
            self.folder.setText(str(Path(parent) / Path(self.folder.text()).name))

    def write(self) -> None:
        mentee_id = self.mentee.value()
        text = self.folder.text().strip()
        if mentee_id is None or not text:
            self._say(_("Choose a mentee and name a new folder."))
            return
        try:
            self.written = write_access_export(self.context.services, mentee_id=int(mentee_id), folder=Path(text))
        except MentorAppError as exc:
            self._say(str(exc))
            return
        QMessageBox.information(
            self, _("Access request"),
            ngettext("Wrote {n} record to {folder}: {json} and {pdf}. They are not encrypted: hand them over, "
                     "then delete them.",
                     "Wrote {n} records to {folder}: {json} and {pdf}. They are not encrypted: hand them over, "
                     "then delete them.", self.written.records).format(
                n=self.written.records, folder=self.written.folder, json=self.written.json.name,
                pdf=self.written.pdf.name))
        self.accept()

    def _say(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.show()


def toggle_hold(context: DeskContext, mentee_id: int, *, parent: QWidget) -> bool:
    """Put the mentee on hold (asking why) or release their hold; True when it changed."""
    mentees = context.services.mentees
    try:
        mentee = mentees.get(mentee_id)
    except MentorAppError as exc:
        context.report(str(exc))
        return False
    try:
        if mentee.held:
            command = mentees.undoable(_("Release hold on"), lambda: mentees.release(mentee.id))
        else:
            reason, ok = ask_text(
                parent, _("Put on hold"),
                _("Why is {name} on hold? (an access request, a dispute, a litigation hold)\n"
                  "While held, nothing already written about them can be changed or deleted; new notes can be "
                  "added.").format(name=isolate(mentee.name)))
            if not ok:
                return False
            command = mentees.undoable(_("Put on hold"), lambda: mentees.hold(mentee.id, reason=reason))
    except MentorAppError as exc:
        context.report(str(exc))
        return False
    return push(context, command) is not None


def _finish(context: DeskContext, parent: QWidget, summary: str) -> None:
    # The undo history holds the words of what went (to undo and redo them): it goes too.
    context.undo_stack.clear()
    QMessageBox.information(parent, "MentorApp", f"{summary}\n\n{_(UNREACHABLE_COPIES)}")


def erase_mentee(context: DeskContext, mentee_id: int, *, parent: QWidget) -> bool:
    """Mentee → Erase…: say it is final, ask for the name typed, erase from the journal and its backups."""
    services = context.services
    try:
        mentee = services.mentees.get(mentee_id)
        services.mentees.refuse_if_held(mentee_id)
    except MentorAppError as exc:
        context.report(str(exc))
        return False
    typed, ok = ask_text(
        parent, _("Erase for good"),
        _("This erases {name} for good: every note, thread, goal, recognition, ask and "
          "watchlist case about them, from the journal and from every backup in its backup folder.\n"
          "It cannot be undone. Type {name} to erase them:").format(name=isolate(mentee.name)))
    if not ok:
        return False
    if typed.strip().casefold() != mentee.name.casefold():
        context.report(_("What you typed is not the name, so nothing was erased."))
        return False
    try:
        report = services.erasure.erase(mentee_id)
    except MentorAppError as exc:
        context.report(str(exc))
        return False
    _finish(context, parent, report.summary)
    return True


def empty_trash(context: DeskContext, *, parent: QWidget) -> bool:
    """Edit → Trash → Empty trash…: say it is final, then purge the trash from the journal and its backups."""
    erasure = context.services.erasure
    waiting = sum(len(ids) for ids in erasure.trashed_ids().values())
    if not waiting:
        QMessageBox.information(parent, "MentorApp", _("The trash is empty."))
        return False
    answer = QMessageBox.warning(
        parent, _("Empty trash"),
        ngettext("This deletes the record in the trash for good, from the journal and from every backup in "
                 "its backup folder. It cannot be undone.",
                 "This deletes the {n} records in the trash for good, from the journal and from every backup in "
                 "its backup folder. It cannot be undone.", waiting).format(n=waiting),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Discard:
        return False
    try:
        report = erasure.empty_trash()
    except MentorAppError as exc:
        context.report(str(exc))
        return False
    _finish(context, parent, report.summary)
    return True


def delete_for_good(context: DeskContext, kind: str, item_id: int, label: str, *, parent: QWidget) -> bool:
    """The trash window's Delete for good…: one item, from the journal and its backups."""
    answer = QMessageBox.warning(
        parent, _("Delete for good"),
        # Translators: {kind} is what the item is, as the trash's Kind column says (Note, Goal…).
        _("This deletes the selected item ({kind}) for good, with what went to the trash with it, from the "
          "journal and from every backup in its backup folder. It cannot be undone.").format(kind=label),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Discard:
        return False
    try:
        report = context.services.erasure.delete_for_good(kind, item_id)
    except MentorAppError as exc:
        context.report(str(exc))
        return False
    _finish(context, parent, report.summary)
    return True
