"""Preferences kept in QSettings: how long without recognition before the desk nudges."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from mentorapp.models.insights import DEFAULT_RECOGNITION_GAP_DAYS

RECOGNITION_GAP_KEY = "preferences/recognition_gap_days"


def recognition_gap_days() -> int:
    value = QSettings().value(RECOGNITION_GAP_KEY, DEFAULT_RECOGNITION_GAP_DAYS, type=int)
    return value if 1 <= value <= 730 else DEFAULT_RECOGNITION_GAP_DAYS


class PreferencesDialog(QDialog):
    """The few choices the desk leaves to the lead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(420)
        self.gap = QSpinBox()
        self.gap.setObjectName("recognition_gap")
        self.gap.setRange(1, 730)
        self.gap.setSuffix(" days")
        self.gap.setValue(recognition_gap_days())
        self.gap.setAccessibleName("Nudge after this many days without recognition")
        form = QFormLayout()
        form.addRow("&Nudge when nobody was thanked for:", self.gap)
        note = QLabel("People you have not recognised for longer than this are marked in the roster "
                      "and listed in the Today view.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        QSettings().setValue(RECOGNITION_GAP_KEY, self.gap.value())
        super().accept()
