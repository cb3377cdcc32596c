"""The lead's preferences: their name on review packets and how long without recognition
before the desk nudges, both kept in the journal, so the command line and the packets read
the same ones (`mentorapp preferences`); and the language the desk speaks, kept outside the journal
(`mentorapp.i18n.save_language`) so that the unlock dialog already speaks it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyle,
    QSystemTrayIcon,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mentorapp import i18n
from mentorapp.i18n import _, ngettext
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.services.journal import MAX_RECOGNITION_GAP_DAYS
from mentorapp.models.services.retention import MONTH_CHOICES
from mentorapp.views.widgets.choice_box import ChoiceBox
from mentorapp.views.widgets.theme import ProblemText


class PreferencesDialog(QDialog):
    """The few choices the desk leaves to the lead."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Preferences"))
        self.setMinimumWidth(420)
        self._preferences = services.journal.preferences()
        self.lead_name = QLineEdit(self._preferences.lead_name)
        self.lead_name.setObjectName("lead_name")
        self.lead_name.setAccessibleName(_("Your name, on review packets"))
        self.lead_name.setPlaceholderText(_("As it should appear on review packets"))
        self.gap = QSpinBox()
        self.gap.setObjectName("recognition_gap")
        self.gap.setRange(1, MAX_RECOGNITION_GAP_DAYS)
        # Translators: the suffix of a number of days in a spin box ("14 days"); keep the leading space.
        self.gap.setSuffix(_(" days"))
        self.gap.setValue(self._preferences.recognition_gap_days)
        self.gap.setAccessibleName(_("Nudge after this many days without recognition"))
        self.retention = ChoiceBox(
            [(_("Never (keep them)"), None)]
            + [(ngettext("{n} month", "{n} months", n).format(n=n), n) for n in MONTH_CHOICES],
            accessible_name=_("Erase people this long after they leave"))
        self.retention.setObjectName("retention_months")
        self._retention = services.retention.months()
        self.retention.set_value(self._retention)
        # The language: the system's (named in its own words) or one MentorApp speaks, each in its own words.
        system = i18n.LANGUAGES[i18n.system_speech().language]
        self.language = ChoiceBox(
            [(_("System language ({language})").format(language=system), None)]
            + [(words, code) for code, words in i18n.LANGUAGES.items()],
            accessible_name=_("The language the desk speaks"))
        self.language.setObjectName("language")
        self._language = i18n.saved_language()
        self.language.set_value(self._language)
        self.language_note = QLabel()
        self.language_note.setObjectName("language_note")
        self.language_note.setWordWrap(True)
        self.language_note.hide()
        self.language.currentIndexChanged.connect(self._language_changed)
        self.reminders = QCheckBox(_("Re&mind me of what is due at"))
        self.reminders.setObjectName("reminders")
        self.reminders.setChecked(self._preferences.reminders)
        at = self._preferences.reminder_time
        self.reminder_time = QTimeEdit(QTime(at.hour, at.minute))
        self.reminder_time.setObjectName("reminder_time")
        self.reminder_time.setDisplayFormat("HH:mm")
        self.reminder_time.setAccessibleName(_("Reminder time"))
        self.reminder_names = QCheckBox(_("S&how names in reminders, not only how many"))
        self.reminder_names.setObjectName("reminder_names")
        self.reminder_names.setToolTip(_("Notifications can appear on a locked screen; by default they only count."))
        self.reminder_names.setChecked(self._preferences.reminder_names)
        # The days, one box each in the week's order where the lead is (Sunday first in the US), short
        # names so that seven fit a row in any language; the whole name is what a screen reader says.
        days_label = QLabel(_("&On these days:"))
        self.reminder_days: dict[int, QCheckBox] = {}
        whole = dict(i18n.weekday_names())
        days_row = QHBoxLayout()
        days_row.addSpacing(self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 4)
        days_row.addWidget(days_label)
        for day, name in i18n.weekday_names(short=True):
            box = QCheckBox(name)
            box.setObjectName(f"reminder_day_{day}")
            box.setAccessibleName(whole[day])
            box.setToolTip(whole[day])
            box.setChecked(day in self._preferences.reminder_days)
            self.reminder_days[day] = box
            days_row.addWidget(box)
        days_row.addStretch()
        days_label.setBuddy(next(iter(self.reminder_days.values())))
        for follower in (self.reminder_time, self.reminder_names, days_label, *self.reminder_days.values()):
            self.reminders.toggled.connect(follower.setEnabled)
            follower.setEnabled(self.reminders.isChecked())
        reminder_row = QHBoxLayout()
        reminder_row.addWidget(self.reminders)
        reminder_row.addWidget(self.reminder_time)
        reminder_row.addStretch()
        self.keep_running = QCheckBox(_("&Keep running in the tray when the window closes"))
        self.keep_running.setObjectName("keep_running")
        self.keep_running.setChecked(self._preferences.keep_running)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self.keep_running.setToolTip(_("This desktop shows no tray icons: closing the window quits."))
        form = QFormLayout()
        form.addRow(_("&Your name:"), self.lead_name)
        form.addRow(_("&Nudge when nobody was thanked for:"), self.gap)
        form.addRow(_("&Erase people after they leave:"), self.retention)
        form.addRow(_("&Language:"), self.language)
        note = QLabel(_("People you have not recognised for longer than this are marked in the roster "
                        "and listed in the Today view. People archived longer than the time you choose are "
                        "erased for good, backups too, unless on hold; Today says so at least 14 days before."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.problem = ProblemText()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.language_note)
        layout.addWidget(note)
        layout.addSpacing(8)
        layout.addLayout(reminder_row)
        layout.addLayout(days_row)
        layout.addWidget(self.reminder_names)
        layout.addWidget(self.keep_running)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _language_changed(self) -> None:
        """Say when the chosen language takes over: the desk is not retranslated while it runs."""
        chosen = self.language.value()
        if chosen == self._language:
            self.language_note.hide()
            return
        if chosen is None:
            text = _("The desk will follow the system's language from its next start.")
        else:
            # Translators: {language} is the language's own name (Deutsch, Français…).
            text = _("The desk will speak {language} from its next start.").format(language=i18n.LANGUAGES[chosen])
        self.language_note.setText(text)
        self.language_note.show()

    def chosen_days(self) -> frozenset[int]:
        """The days ticked, as `date.weekday()` numbers them (0 is Monday)."""
        return frozenset(day for day, box in self.reminder_days.items() if box.isChecked())

    def accept(self) -> None:
        try:
            at = self.reminder_time.time()
            days = {}
            # Kept only when changed: until the lead chooses, the days follow the locale's workdays.
            # With reminders off, the days are not looked at (nor refused for being none).
            if self.chosen_days() != self._preferences.reminder_days and self.reminders.isChecked():
                days = {"reminder_days": self.chosen_days()}
            self.services.journal.set_preferences(
                lead_name=self.lead_name.text().strip(), recognition_gap_days=self.gap.value(),
                reminders=self.reminders.isChecked(), reminder_time=dt.time(at.hour(), at.minute()),
                reminder_names=self.reminder_names.isChecked(), keep_running=self.keep_running.isChecked(),
                **days)
            if self.retention.value() != self._retention:
                self.services.retention.set_months(self.retention.value())
        except MentorAppError as exc:
            self.problem.show_problem(str(exc))
            return
        if self.language.value() != self._language:
            try:
                i18n.save_language(self.language.value())
            except OSError:
                self.problem.show_problem(_("The language could not be saved; the desk keeps the one it speaks."))
                return
        super().accept()
