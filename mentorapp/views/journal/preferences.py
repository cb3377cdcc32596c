"""The lead's preferences: their name on review packets (kept in the journal), and how long
without recognition before the desk nudges (kept in QSettings, as a habit of this desk)."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentorapp.models.errors import MentorAppError
from mentorapp.models.insights import DEFAULT_RECOGNITION_GAP_DAYS
from mentorapp.models.services import Services
from mentorapp.views.widgets.theme import ProblemText

RECOGNITION_GAP_KEY = "preferences/recognition_gap_days"


def recognition_gap_days() -> int:
    value = cast(int, QSettings().value(RECOGNITION_GAP_KEY, DEFAULT_RECOGNITION_GAP_DAYS, type=int))
    return value if 1 <= value <= 730 else DEFAULT_RECOGNITION_GAP_DAYS


class PreferencesDialog(QDialog):
    """The few choices the desk leaves to the lead."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(420)
        self._lead_name = services.journal.lead_name()
        self.lead_name = QLineEdit(self._lead_name)
        self.lead_name.setObjectName("lead_name")
        self.lead_name.setAccessibleName("Your name, on review packets")
        self.lead_name.setPlaceholderText("As it should appear on review packets")
        self.gap = QSpinBox()
        self.gap.setObjectName("recognition_gap")
        self.gap.setRange(1, 730)
        self.gap.setSuffix(" days")
        self.gap.setValue(recognition_gap_days())
        self.gap.setAccessibleName("Nudge after this many days without recognition")
        form = QFormLayout()
        form.addRow("&Your name:", self.lead_name)
        form.addRow("&Nudge when nobody was thanked for:", self.gap)
        note = QLabel("People you have not recognised for longer than this are marked in the roster "
                      "and listed in the Today view.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.problem = ProblemText()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def accept(self) -> None:
        name = self.lead_name.text().strip()
        if name != self._lead_name:
            try:
                self.services.journal.set_lead_name(name)
            except MentorAppError as exc:
                self.problem.show_problem(str(exc))
                return
        QSettings().setValue(RECOGNITION_GAP_KEY, self.gap.value())
        super().accept()
