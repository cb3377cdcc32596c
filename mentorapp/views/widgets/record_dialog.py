"""The dialog every section uses to add or change one record.

The dialog judges nothing itself: Save hands the fields to a service call, and
if the service refuses (a MentorAppError), its one sentence appears inside the
dialog, which stays open with everything typed still there. Closing a dialog
with changes in it asks first, so a slip of the Esc key loses nothing; and with
`keep_drafts`, what is typed is kept in the journal as it is typed, so a crash or a
kill loses nothing either: the same dialog for the same record brings it back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services.journal import JournalService
from mentorapp.views.widgets.date_fields import DateField, OptionalDateEdit
from mentorapp.views.widgets.save_keys import SaveOnCtrlEnter
from mentorapp.views.widgets.drafts import DraftKeeper, discard_hint, restored_notice
from mentorapp.views.widgets.fitting_text import cap_width
from mentorapp.views.widgets.text_direction import follow_text_direction


class TextBox(QPlainTextEdit):
    """A few lines of plain text that ask for just those lines' height (and grow with the dialog)."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, so the form stays keyboard-friendly
        follow_text_direction(self)
        self._height = QFontMetrics(self.font()).lineSpacing() * lines + 2 * self.frameWidth() + 12
        self.setMinimumHeight(self._height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # Qt override
        return QSize(super().sizeHint().width(), self._height)


def text_box(
    text: str = "",
    *,
    accessible_name: str,
    placeholder: str = "",
    lines: int = 3,
    parent: QWidget | None = None,
) -> TextBox:
    box = TextBox(lines, parent)
    box.setPlainText(text)
    box.moveCursor(QTextCursor.MoveOperation.End)  # editing usually means adding to what is there
    box.setAccessibleName(accessible_name)
    box.setPlaceholderText(placeholder)
    return box


def line_box(text: str = "", *, accessible_name: str, placeholder: str = "",
             parent: QWidget | None = None) -> QLineEdit:
    box = QLineEdit(text, parent)
    box.setAccessibleName(accessible_name)
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    return box


WRAP_HINT_FROM = 520  # pixels: a hand-broken hint line up to this wide is shown as it is


def form_hint(text: str, parent: QWidget | None = None) -> QLabel:
    """A quiet explanation under a field, broken into lines by hand.

    Word-wrapped labels inside a form make Qt size the dialog for more lines than
    they end up needing, leaving a gap; lines chosen by hand size exactly. A line wider
    than WRAP_HINT_FROM (a long name inside it) wraps after all: the dialog keeps to the
    screen's width (`cap_width`), so the line breaks rather than is cut.
    """
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    metrics = QFontMetrics(label.font())
    label.setWordWrap(max(metrics.horizontalAdvance(line) for line in text.split("\n")) > WRAP_HINT_FROM)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class ProblemLabel(QFrame):
    """The service's one sentence, shown inside the dialog with a warning sign."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problem")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(_("Problem"))
        layout.addWidget(icon)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_problem(self, message: str) -> None:
        self.text.setText(message)
        self.show()


class RecordDialog(QDialog):
    """A form whose Save calls `submit`; a refusal is shown inline and nothing is closed or lost."""

    def __init__(
        self,
        title: str,
        *,
        submit: Callable[[], object],
        save_text: str | None = None,
        intro: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        cap_width(self)
        self._submit = submit
        self._dirty = False
        self._watched: list[QWidget] = []
        self.drafts: DraftKeeper | None = None
        self.discard_box: QMessageBox | None = None

        layout = QVBoxLayout(self)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setVisible(bool(intro))
        layout.addWidget(self.intro)
        self.draft_notice = QLabel()
        self.draft_notice.setObjectName("draft_notice")
        self.draft_notice.setWordWrap(True)
        self.draft_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.draft_notice.hide()
        layout.addWidget(self.draft_notice)
        self.body = QVBoxLayout()
        layout.addLayout(self.body)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.problem = ProblemLabel()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save") if save_text is None else save_text)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.save_keys = SaveOnCtrlEnter(self, self.accept)

    def intro_text(self) -> str:
        return self.intro.text()

    def watch(self, *fields: QWidget) -> None:
        """Count edits in these fields as work that closing would throw away."""
        for field in fields:
            self._watched.append(field)
            if isinstance(field, QPlainTextEdit):
                field.textChanged.connect(self._mark_dirty)
            elif isinstance(field, QLineEdit):
                field.textEdited.connect(self._mark_dirty)
            elif isinstance(field, QComboBox):
                field.currentIndexChanged.connect(self._mark_dirty)
            elif isinstance(field, DateField):
                field.day_changed.connect(self._mark_dirty)
            elif isinstance(field, OptionalDateEdit):
                field.changed.connect(self._mark_dirty)
            elif isinstance(field, QAbstractButton):
                field.toggled.connect(self._mark_dirty)

    def _mark_dirty(self, *_args: object) -> None:
        self._dirty = True

    def keep_drafts(self, journal: JournalService, name: str) -> bool:
        """Keep the watched fields as the draft `name` while they are edited; restore it now if kept.

        Returns True when a draft came back (the dialog then says so, and counts as changed).
        """
        keeper = DraftKeeper(journal, name, self)
        for number, field in enumerate(self._watched):
            _keep_field(keeper, f"field{number}", field)
        keeper.failed.connect(self.problem.show_problem)
        self.drafts = keeper
        record = keeper.restore()
        if record is None:
            return False
        self._dirty = True
        self.draft_notice.setText(f"{restored_notice(record)} {discard_hint()}")
        self.draft_notice.show()
        return True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def accept(self) -> None:
        try:
            self._submit()
        except MentorAppError as exc:
            self.problem.show_problem(str(exc))
            return
        self._dirty = False
        if self.drafts is not None:
            self.drafts.saved()
        super().accept()

    def reject(self) -> None:
        if not self._dirty:
            super().reject()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.windowTitle(),
            _("Discard what you typed here?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(_("Nothing has been saved yet."))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(self._discard_answered)
        self.discard_box = box
        box.open()

    def _discard_answered(self, answer: int) -> None:
        self.discard_box = None
        if answer == QMessageBox.StandardButton.Discard.value:
            self._dirty = False
            if self.drafts is not None:
                self.drafts.discard()
            super().reject()


def _choice(combo: QComboBox) -> str | int:
    """A combo's choice as a draft keeps it: by its id when it has one (a mentee), else by position."""
    data = combo.currentData()
    if isinstance(data, int) and not isinstance(data, bool):
        return f"id:{data}"
    return combo.currentIndex()


def _choose(combo: QComboBox, choice: object) -> None:
    if isinstance(choice, str) and choice.startswith("id:"):
        # By id only: a draft must never move to whoever now sits at the same position.
        index = combo.findData(int(choice.removeprefix("id:")))
    else:
        index = choice if isinstance(choice, int) else -1
    if 0 <= index < combo.count():
        combo.setCurrentIndex(index)


def _keep_field(keeper: DraftKeeper, key: str, field: QWidget) -> None:
    """Have `keeper` keep what `field` holds under `key` (text, a choice, a date or a tick)."""
    if isinstance(field, (QPlainTextEdit, QLineEdit)):
        keeper.add_text(key, field)
    elif isinstance(field, QComboBox):
        combo = field
        keeper.add_value(key, lambda: _choice(combo), lambda value: _choose(combo, value), combo.currentIndexChanged)
    elif isinstance(field, DateField):
        date_field = field  # kept as typed, so that a half-typed date comes back as it was
        keeper.add_value(key, date_field.text, lambda value: date_field.set_text(str(value)), date_field.day_changed)
    elif isinstance(field, OptionalDateEdit):
        optional = field
        keeper.add_value(key, lambda: optional.edit.text() if optional.check.isChecked() else None,
                         lambda value: _set_optional(optional, value), optional.changed)
    elif isinstance(field, QAbstractButton) and field.isCheckable():
        button = field
        keeper.add_value(key, button.isChecked, lambda value: button.setChecked(bool(value)), button.toggled)


def _set_optional(optional: OptionalDateEdit, value: object) -> None:
    optional.check.setChecked(bool(value))
    if value:
        optional.edit.set_text(str(value))
