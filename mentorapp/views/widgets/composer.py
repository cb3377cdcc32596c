"""Writing the next entry in place: who speaks, where, the words, and Ctrl+Enter to add it.

Used under a thread's conversation (a reply either way, or a private note) and
under a goal (a progress note). A refusal from the service shows right under the
text, and the text stays, so nothing typed is lost. What is typed is kept as a draft
in the journal for the record written to (`draft_scope` + its id, e.g. "reply.thread.12"),
so it comes back with that record, after a switch, a quit, a crash or a kill.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _
from mentorapp.models.services import Services
from mentorapp.models.vocabulary import Direction, Setting
from mentorapp.views.widgets.choice_box import ChoiceBox
from mentorapp.views.widgets.drafts import DraftKeeper
from mentorapp.views.widgets.fitting_text import NAME, NameChoice
from mentorapp.views.widgets.record_dialog import ProblemLabel
from mentorapp.views.widgets.starter_picker import StarterPicker
from mentorapp.views.widgets.text_direction import follow_text_direction
from mentorapp.views.widgets.text_direction import isolate

SUBMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # the main Return key and the keypad's Enter


class SubmitTextEdit(QPlainTextEdit):
    """Plain text where Ctrl+Enter (either Enter key) submits and Tab moves on."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        follow_text_direction(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if event.key() in SUBMIT_KEYS and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


def direction_words(direction: Direction, mentee_name: str) -> str:
    """The radio-button words for who speaks, with the mentee's own name."""
    if direction is Direction.TO_MENTEE:
        # Translators: who speaks, lead → mentee; {name} is the mentee's name.
        return _("You → {name}").format(name=isolate(mentee_name))
    if direction is Direction.FROM_MENTEE:
        # Translators: who speaks, mentee → lead; {name} is the mentee's name.
        return _("{name} → you").format(name=isolate(mentee_name))
    return _("Private note")


class Composer(QWidget):
    """Direction, setting, a starter picker, the text and the button that adds it."""

    submitted = Signal()

    def __init__(
        self,
        services: Services,
        *,
        accessible_name: str,
        placeholder: str,
        button_text: str,
        draft_scope: str,
        default_direction: Direction = Direction.TO_MENTEE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._default = default_direction
        self._mentee_name = _("the mentee")
        self._target: object = None
        self._draft_scope = draft_scope
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        who = QHBoxLayout()
        self.direction_group = QButtonGroup(self)
        self.direction_buttons: dict[Direction, NameChoice] = {}
        for direction in Direction:
            button = NameChoice(direction_words(direction, NAME))
            button.setAccessibleName(direction.label)
            self.direction_group.addButton(button)
            self.direction_buttons[direction] = button
            who.addWidget(button)
        who.addStretch(1)
        layout.addLayout(who)

        self.text = SubmitTextEdit()
        self.text.setAccessibleName(accessible_name)
        self.text.setPlaceholderText(placeholder)
        line = QFontMetrics(self.text.font()).lineSpacing()
        self.text.setFixedHeight(line * 3 + 2 * self.text.frameWidth() + 12)
        self.text.submitted.connect(self.submitted)
        layout.addWidget(self.text)

        self.problem = ProblemLabel()
        layout.addWidget(self.problem)

        buttons = QHBoxLayout()
        self.starters = StarterPicker(services, self.text)
        buttons.addWidget(self.starters)
        where = QLabel(_("&Where:"))
        self.setting = ChoiceBox(((s.label, s) for s in Setting), accessible_name=_("Setting"))
        where.setBuddy(self.setting)
        buttons.addWidget(where)
        buttons.addWidget(self.setting)
        hint = QLabel(_("Ctrl+Enter adds it"))
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        buttons.addStretch(1)
        buttons.addWidget(hint)
        self.button = QPushButton(button_text)
        self.button.setAccessibleName(button_text.replace("&", ""))
        self.button.setAutoDefault(False)
        self.button.clicked.connect(lambda _checked=False: self.submitted.emit())
        buttons.addWidget(self.button)
        layout.addLayout(buttons)
        self.text.textChanged.connect(self._text_changed)
        self.reset_choices()

        self.drafts = DraftKeeper(services.journal, None, self)
        self.drafts.add_text("text", self.text)
        self.drafts.add_value("direction", lambda: self.direction().value,
                              lambda value: self.set_direction(Direction(str(value))),
                              self.direction_group.buttonToggled)
        self.drafts.add_value("setting", lambda: self.chosen_setting().value,
                              lambda value: self.setting.set_value(Setting(str(value))),
                              self.setting.currentIndexChanged)
        self.drafts.failed.connect(self.show_problem)

    def set_mentee_name(self, name: str) -> None:
        self._mentee_name = name
        for button in self.direction_buttons.values():
            button.set_name(name)

    def set_target(self, target: object) -> None:
        """Write for another record (a thread or goal id, None for none).

        Words typed for the previous record are kept (as its draft) and come back with
        it, so a reply half-written to one thread is never added to another one (or to
        another mentee's) by the next Ctrl+Enter.
        """
        if target == self._target:
            return
        self._target = target
        self.drafts.set_name(None if target is None else f"{self._draft_scope}.{target}")
        with self.drafts.quiet():
            self.text.clear()
        self.drafts.restore()
        self.problem.hide()

    def reset_choices(self) -> None:
        self.direction_buttons[self._default].setChecked(True)
        self.setting.set_value(Setting.ONE_ON_ONE)
        self.set_mentee_name(self._mentee_name)

    def direction(self) -> Direction:
        return next(d for d, b in self.direction_buttons.items() if b.isChecked())

    def set_direction(self, direction: Direction) -> None:
        self.direction_buttons[direction].setChecked(True)

    def chosen_setting(self) -> Setting:
        return self.setting.value()

    def words(self) -> str:
        return self.text.toPlainText()

    def show_problem(self, message: str) -> None:
        self.problem.show_problem(message)

    def clear(self) -> None:
        """After a successful add: empty text, no draft, no problem shown (direction and setting stay)."""
        self.drafts.saved()
        with self.drafts.quiet():
            self.text.clear()
        self.problem.hide()

    def _text_changed(self) -> None:
        if self.problem.isVisible() and self.text.toPlainText().strip():
            self.problem.hide()
