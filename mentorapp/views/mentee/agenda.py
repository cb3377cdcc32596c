"""The Next 1:1 tab of the mentee page: talking points that carry over, suggestions, templates, the sheet.

Typing in the box and pressing Enter adds a point (ticking "They raised it" (Alt+R) first records
it as theirs). In the list of points, Enter ticks the selected one as discussed (with an
optional line of what was said) and Delete drops it. Suggestions sit apart, marked as
such: Enter accepts the selected one, Delete dismisses it. Every write goes through undo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import N_, _, ngettext
from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import AgendaPointView, AgendaSuggestion, AgendaTemplateView
from mentorapp.models.services import Topic
from mentorapp.models.vocabulary import Side
from mentorapp.views.context import DeskContext
from mentorapp.views.mentee.section import RecordSection, TranslatedHeaders
from mentorapp.views.undo import push
from mentorapp.views.widgets.date_fields import Today, day_text
from mentorapp.views.widgets.record_dialog import RecordDialog, line_box
from mentorapp.views.widgets.section_parts import (
    EmptyState,
    RecordTable,
    action_bar,
    action_button,
    heading,
    menu_button,
    paragraph,
)
from mentorapp.views.widgets.text_direction import isolate
from mentorapp.views.widgets.theme import ProblemText, secondary_text

POINT, RAISED, CARRIED = range(3)
SUGGESTION, WHY = range(2)
PDF_FILTER = "PDF (*.pdf)"


def carried_text(point: AgendaPointView) -> str:
    if not point.carried:
        return "—"
    # Translators: how often a talking point was carried over to the next 1:1.
    times = ngettext("once", "{count} times", point.carried).format(count=point.carried)
    return f"{times} ⚑" if point.noticeable else times


class PointModel(TranslatedHeaders):
    """The open points, the longest waiting first."""

    headers = (N_("Talking point"), N_("Raised by"), N_("Carried over"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mentee_name = _("them")

    def text(self, record: AgendaPointView, column: int) -> str:
        if column == POINT:
            return record.text
        if column == RAISED:
            return self.mentee_name if record.raised_by is Side.MENTEE else _("You")
        return carried_text(record)

    def tooltip(self, record: AgendaPointView, column: int) -> str | None:
        if column == CARRIED and record.noticeable:
            return ngettext("Carried over {count} time without being discussed: raise it first next time, "
                            "or drop it.",
                            "Carried over {count} times without being discussed: raise it first next time, "
                            "or drop it.", record.carried).format(count=record.carried)
        return record.text if column == POINT else None

    def emphasised(self, record: AgendaPointView, column: int) -> bool:
        return column == CARRIED and record.noticeable


@dataclass(frozen=True, slots=True)
class Offered:
    """A suggestion as a table row (rows are found by a whole-number id)."""

    id: int
    suggestion: AgendaSuggestion


class SuggestionModel(TranslatedHeaders):
    headers = (N_("Suggested"), N_("Why"))

    def text(self, record: Offered, column: int) -> str:
        return record.suggestion.text if column == SUGGESTION else record.suggestion.why

    def tooltip(self, record: Offered, column: int) -> str | None:
        return f"{record.suggestion.text}\n({record.suggestion.why})"


class DiscussDialog(RecordDialog):
    """Tick a point as discussed, with an optional line of what was said or agreed."""

    def __init__(self, point: AgendaPointView, *, mentee_name: str, save: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Discussed"), submit=self._submit, save_text=_("&Discussed"),
                         intro=_("“{point}” becomes a note in {name}'s timeline.").format(
                             point=isolate(point.text), name=isolate(mentee_name)), parent=parent)
        self._save = save
        self.note = line_box("", accessible_name=_("What was said"),
                             placeholder=_("What was said or agreed, in a line (optional)"))
        self.form.addRow(_("&What was said:"), self.note)
        self.watch(self.note)
        self.note.setFocus()

    def _submit(self) -> None:
        self._save(self.note.text())


class TemplatesDialog(QDialog):
    """Edit the conversation templates: a name and its prompts, one question per line."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Conversation templates"))
        self.setMinimumSize(640, 380)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Templates"))
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Template name"))
        self.prompts = QPlainTextEdit()
        self.prompts.setAccessibleName(_("Prompts, one per line"))
        self.prompts.setTabChangesFocus(True)
        self.problem = ProblemText()
        self.new_button = QPushButton(_("&New template"))
        self.new_button.clicked.connect(self.new_template)
        self.save_button = QPushButton(_("&Save"))
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        name_label = QLabel(_("Na&me:"))
        name_label.setBuddy(self.name)
        prompts_label = QLabel(_("&Prompts:"))
        prompts_label.setBuddy(self.prompts)
        form.addRow(name_label, self.name)
        form.addRow(prompts_label, self.prompts)
        hint = paragraph(_("One question per line. Questions open a conversation; a checklist closes it."),
                         quiet=True)
        right = QVBoxLayout()
        right.addLayout(form, 1)
        right.addWidget(hint)
        right.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ApplyRole)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self._templates: list[AgendaTemplateView] = []
        self._editing: int | None = None
        self.reload()

    def reload(self, *, select: int | None = None) -> None:
        self._templates = self.context.services.agenda.templates()
        self.list.blockSignals(True)
        self.list.clear()
        for template in self._templates:
            self.list.addItem(QListWidgetItem(template.name))
        self.list.blockSignals(False)
        ids = [t.id for t in self._templates]
        self.list.setCurrentRow(ids.index(select) if select in ids else 0)
        self._show_current()

    def _show_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._templates):
            template = self._templates[row]
            self._editing = template.id
            self.name.setText(template.name)
            self.prompts.setPlainText("\n".join(template.prompts))
        self.problem.hide()

    def new_template(self) -> None:
        self._editing = None
        self.list.clearSelection()
        self.name.clear()
        self.prompts.clear()
        self.name.setFocus()

    def save(self) -> None:
        agenda = self.context.services.agenda
        editing = self._editing
        name, prompts = self.name.text(), self.prompts.toPlainText().splitlines()
        try:
            saved = push(self.context, agenda.undoable(
                _("Edit template") if editing else _("Add template"),
                lambda: agenda.save_template(name=name, prompts=prompts, template_id=editing)))
        except MentorAppError as exc:
            self.problem.show_problem(str(exc))
            return
        self.reload(select=saved.id if saved is not None else editing)


class NextMeetingSection(RecordSection):
    """What to talk about with one person next time, and what the journal suggests adding."""

    title = N_("Next 1:1")
    topics = (Topic.AGENDA, Topic.ENTRIES, Topic.GOALS, Topic.ASKS, Topic.THREADS, Topic.STARTERS, Topic.MENTEES)

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *, today: Today | None = None) -> None:
        super().__init__(context, parent, today=today)
        self.summary = paragraph(accessible_name=_("Next 1:1 summary"))
        self.new_point = QLineEdit()
        self.new_point.setObjectName("new_point")
        self.new_point.setAccessibleName(_("New talking point"))
        self.new_point.setPlaceholderText(_("Something to talk about next time — Enter adds it"))
        self.new_point.returnPressed.connect(self.add)
        add_label = QLabel(_("Add a &point:"))
        add_label.setBuddy(self.new_point)
        self.theirs = QCheckBox(_("They &raised it"))
        self.theirs.setToolTip(_("The mentee asked to talk about this"))
        self.discuss_button = action_button(_("Disc&ussed…"), accessible_name=_("Discussed"), slot=self.discuss,
                                            tooltip=_("Tick the point as discussed, with a line of what was said "
                                                      "(Enter in the list)"))
        self.drop_button = action_button(_("Dr&op"), accessible_name=_("Drop talking point"), slot=self.drop,
                                         tooltip=_("Take the point off the list without discussing it (Delete)"))
        self.template_button = menu_button(_("From temp&late"), accessible_name=_("Add points from a template"),
                                           tooltip=_("Add the prompts of a conversation template in one step"))
        self.template_menu = QMenu(self)
        self.template_menu.aboutToShow.connect(self._fill_template_menu)
        self.template_button.setMenu(self.template_menu)
        self.sheet_button = action_button(_("Pr&int sheet…"), accessible_name=_("Print the 1:1 sheet"),
                                          slot=self.save_sheet, tooltip=_("A one-page PDF to take into the 1:1"))
        self.model = PointModel(self)
        self.table = RecordTable(self.model, accessible_name=_("Talking points"), stretch=(0,))
        self.table.record_selected.connect(lambda _id: self._update_buttons())
        self.table.edit_requested.connect(lambda _id: self.discuss())
        self.table.delete_requested.connect(lambda _id: self.drop())
        self.empty = EmptyState()

        self.suggestion_heading = heading(_("Suggestions"), level=2)
        self.suggestion_note = paragraph(
            _("Not on the list until you accept one: Enter accepts, Delete dismisses."), quiet=True)
        self.accept_button = action_button(_("&Accept"), accessible_name=_("Accept suggestion"), slot=self.accept,
                                           tooltip=_("Put the suggestion on the list (Enter)"))
        self.dismiss_button = action_button(_("Dismi&ss"), accessible_name=_("Dismiss suggestion"),
                                            slot=self.dismiss,
                                            tooltip=_("Not this time: it will not be suggested again (Delete)"))
        self.suggestion_model = SuggestionModel(self)
        self.suggestions = RecordTable(self.suggestion_model, accessible_name=_("Suggestions"), stretch=(0,))
        self.suggestions.setObjectName("agenda_suggestions")
        self.suggestions.record_selected.connect(lambda _id: self._update_buttons())
        self.suggestions.edit_requested.connect(lambda _id: self.accept())
        self.suggestions.delete_requested.connect(lambda _id: self.dismiss())
        self.suggestion_box = QFrame()
        self.suggestion_box.setObjectName("suggestion_box")
        self.suggestion_box.setFrameShape(QFrame.Shape.StyledPanel)
        italic = QFont(self.suggestions.font())
        italic.setItalic(True)
        self.suggestions.setFont(italic)
        box = QVBoxLayout(self.suggestion_box)
        box.setContentsMargins(8, 6, 8, 8)
        box.addLayout(action_bar(self.suggestion_heading, trailing=(self.accept_button, self.dismiss_button)))
        box.addWidget(self.suggestion_note)
        box.addWidget(self.suggestions)

        entry_row = QHBoxLayout()
        entry_row.addWidget(add_label)
        entry_row.addWidget(self.new_point, 1)
        entry_row.addWidget(self.theirs)
        self.problem = ProblemText()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(entry_row)
        layout.addWidget(self.problem)
        layout.addLayout(action_bar(self.discuss_button, self.drop_button, self.template_button,
                                    trailing=(self.sheet_button,)))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.suggestion_box, 0)  # as tall as its few rows: the points keep the room
        self.setMinimumSize(440, 300)
        self.new_point.textChanged.connect(lambda _t: self.problem.hide())
        self.reload()

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        mentee = self.load_mentee()
        keep, keep_suggestion = self.table.current_id(), self.suggestions.current_id()
        for widget in (self.new_point, self.theirs, self.template_button, self.sheet_button):
            widget.setEnabled(mentee is not None)
        if mentee is None:
            self.model.reload([])
            self.suggestion_model.reload([])
            self.summary.setText("")
            self.empty.set_message(_("No mentee chosen"), _("Choose someone in the team to prepare your next 1:1."))
            self._show_list(False)
            self._update_buttons()
            return
        self.model.mentee_name = mentee.name
        points = self.services.agenda.points(mentee.id)
        offered = [Offered(i, s) for i, s in enumerate(self.services.agenda.suggestions(mentee.id), start=1)]
        self.model.reload(points)
        self.suggestion_model.reload(offered)
        self.summary.setText(self._summary(mentee.name, mentee.next_meeting_on, points))
        if points:
            self._show_list(True)
            if not self.table.select_id(keep):
                self.table.select_first()
        else:
            self.empty.set_message(
                _("Nothing to talk about with {name} yet").format(name=isolate(mentee.name)),
                _("Jot down what you want to raise and what they asked to talk about; what is not discussed "
                  "stays here for the time after. Accept a suggestion below, or start from a template."))
            self._show_list(False)
        self.suggestion_box.setVisible(bool(offered))
        self._fit_suggestions(len(offered))
        if offered and not self.suggestions.select_id(keep_suggestion):
            self.suggestions.select_first()
        quiet = secondary_text(self.palette(), self.backgroundRole())
        self.suggestions.setStyleSheet(f"QTableView {{ color: {quiet.name()}; }}")
        self._update_buttons()

    SHOWN_SUGGESTIONS = 4  # more scroll

    def _fit_suggestions(self, rows: int) -> None:
        shown = max(1, min(rows, self.SHOWN_SUGGESTIONS))
        row_height = self.suggestions.verticalHeader().defaultSectionSize()
        frame = 2 * self.suggestions.frameWidth()
        self.suggestions.setFixedHeight(self.suggestions.horizontalHeader().sizeHint().height()
                                        + shown * row_height + frame)

    def _summary(self, name: str, next_on: dt.date | None, points: list[AgendaPointView]) -> str:
        parts = []
        if next_on is not None and next_on >= self.today():
            parts.append(_("Next 1:1 with {name} on {day}").format(name=isolate(name), day=day_text(next_on)))
        else:
            parts.append(_("Next 1:1 with {name}").format(name=isolate(name)))
        # Translators: the summary's facts are joined with " · " and end with a full stop.
        parts.append(_("nothing on the list yet") if not points else
                     ngettext("{count} point to raise", "{count} points to raise", len(points)).format(
                         count=len(points)))
        long_carried = sum(1 for p in points if p.noticeable)
        if long_carried:
            parts.append(ngettext("{count} carried over three times or more (⚑)",
                                  "{count} carried over three times or more (⚑)", long_carried).format(
                                      count=long_carried))
        return " · ".join(parts) + "."

    def _show_list(self, has_points: bool) -> None:
        self.table.setVisible(has_points)
        self.empty.setVisible(not has_points)

    def _update_buttons(self) -> None:
        has_point = self.table.current_record() is not None and self.table.isVisibleTo(self)
        self.discuss_button.setEnabled(has_point)
        self.drop_button.setEnabled(has_point)
        has_suggestion = self.suggestions.current_record() is not None
        self.accept_button.setEnabled(has_suggestion)
        self.dismiss_button.setEnabled(has_suggestion)

    def show_item(self, doc_type: str, doc_id: int) -> bool:
        return doc_type == "agenda_point" and self.table.reveal(doc_id)

    def _fill_template_menu(self) -> None:
        self.template_menu.clear()
        for template in self.services.agenda.templates():
            action = self.template_menu.addAction(template.name.replace("&", "&&"))
            action.setToolTip("\n".join(template.prompts))
            action.triggered.connect(lambda _checked=False, t=template: self.use_template(t))
        self.template_menu.addSeparator()
        self.template_menu.addAction(_("Edit templates…")).triggered.connect(self.edit_templates)

    # -- writing -------------------------------------------------------------------------
    def add(self) -> None:
        mentee = self.mentee
        if mentee is None:
            return
        agenda = self.services.agenda
        text = self.new_point.text()
        side = Side.MENTEE if self.theirs.isChecked() else Side.LEAD
        try:
            made = self.push(agenda, _("Add talking point"),
                             lambda: agenda.add(mentee_id=mentee.id, text=text, raised_by=side))
        except MentorAppError as exc:
            self.problem.show_problem(str(exc))
            return
        self.new_point.clear()
        self.theirs.setChecked(False)
        if made is not None:
            self.table.select_id(made.id)

    def discuss(self) -> None:
        point: AgendaPointView | None = self.table.current_record()
        if point is None:
            return
        agenda = self.services.agenda

        def save(note: str) -> None:
            self.push(agenda, _("Discuss talking point"), lambda: agenda.discuss(point.id, note=note))

        self.show_dialog(DiscussDialog(point, mentee_name=self.mentee_name, save=save, parent=self),
                         draft=f"agenda.discuss.{point.id}")

    def drop(self) -> None:
        point: AgendaPointView | None = self.table.current_record()
        if point is None:
            return
        agenda = self.services.agenda
        self.undoable(agenda, _("Drop talking point"), lambda: agenda.drop(point.id))

    def accept(self) -> None:
        self._take(dismiss=False)

    def dismiss(self) -> None:
        self._take(dismiss=True)

    def _take(self, *, dismiss: bool) -> None:
        row: Offered | None = self.suggestions.current_record()
        mentee = self.mentee
        if row is None or mentee is None:
            return
        agenda, key = self.services.agenda, row.suggestion.key
        if dismiss:
            self.undoable(agenda, _("Dismiss suggestion"), lambda: agenda.dismiss(mentee_id=mentee.id, key=key))
        else:
            made = self.undoable(agenda, _("Accept suggestion"), lambda: agenda.accept(mentee_id=mentee.id, key=key))
            if made is not None:
                self.table.select_id(made.id)
        self.suggestions.setFocus()

    def use_template(self, template: AgendaTemplateView) -> None:
        mentee = self.mentee
        if mentee is None:
            return
        agenda = self.services.agenda
        made = self.undoable(agenda, _("Add points from {template}").format(template=template.name),
                             lambda: agenda.apply_template(mentee_id=mentee.id, template_id=template.id))
        if made == []:
            self.problem.show_note(_("Every prompt of {template} is already on the list.").format(
                template=isolate(template.name)))

    def edit_templates(self) -> None:
        self.show_dialog(TemplatesDialog(self.context, parent=self))

    def save_sheet(self, path: Path | None = None) -> Path | None:
        """Write the 1:1 sheet as a PDF (asking where, unless told)."""
        mentee = self.mentee
        if mentee is None:
            return None
        if path is None:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            suggested = Path(folder or Path.home()) / f"1-1 {mentee.name} {self.today():%Y-%m-%d}.pdf"
            chosen, _filter = QFileDialog.getSaveFileName(self, _("Print the 1:1 sheet"), str(suggested),
                                                          PDF_FILTER)
            if not chosen:
                return None
            path = Path(chosen)
        try:
            # Imported here: the sheet needs ReportLab, which the desk's start does not.
            from mentorapp.packets.agenda_sheet import write_sheet

            written = write_sheet(self.services, mentee_id=mentee.id, path=path)
        except MentorAppError as exc:
            self.context.report(str(exc))
            return None
        self.problem.show_note(_("Wrote the 1:1 sheet for {name} to {path}.").format(
            name=isolate(mentee.name), path=isolate(str(written))))
        return written
