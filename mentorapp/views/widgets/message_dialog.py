"""Correcting one message of a thread or a goal: its words, who spoke, and where."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from mentorapp.i18n import _
from mentorapp.models.readmodels import EntryView
from mentorapp.models.services import Services
from mentorapp.models.vocabulary import Direction, Setting
from mentorapp.views.widgets.choice_box import combo
from mentorapp.views.widgets.composer import direction_words
from mentorapp.views.widgets.date_fields import moment_text
from mentorapp.views.widgets.record_dialog import RecordDialog, text_box
from mentorapp.views.widgets.starter_picker import StarterPicker

SaveEntry = Callable[..., object]  # save(text=, direction=, setting=)


class MessageDialog(RecordDialog):
    """The entry's text with its direction and setting; Save calls `save` with the three."""

    def __init__(self, services: Services, entry: EntryView, *, mentee_name: str, save: SaveEntry,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Edit entry"), submit=self._submit,
                         intro=_("Written {when}.").format(when=moment_text(entry.at)), parent=parent)
        self._save = save
        self.text = text_box(entry.text, accessible_name=_("Text"), lines=5)
        self.direction = combo([(direction_words(d, mentee_name), d) for d in Direction], entry.direction,
                               accessible_name=_("Who spoke"))
        self.setting = combo([(s.label, s) for s in Setting], entry.setting, accessible_name=_("Setting"))
        self.form.addRow(_("&Text:"), self.text)
        self.form.addRow("", StarterPicker(services, self.text))
        self.form.addRow(_("W&ho spoke:"), self.direction)
        self.form.addRow(_("W&here:"), self.setting)
        self.watch(self.text, self.direction, self.setting)
        self.text.setFocus()

    def _submit(self) -> None:
        self._save(text=self.text.toPlainText(), direction=self.direction.value(),
                   setting=self.setting.value())
