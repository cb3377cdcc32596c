"""A combo box over one of the method's vocabularies (kind, direction, setting…)."""

from __future__ import annotations

from enum import StrEnum
from typing import Generic, TypeVar

from PySide6.QtWidgets import QComboBox, QWidget

E = TypeVar("E", bound=StrEnum)


class ChoiceCombo(QComboBox, Generic[E]):
    """Shows each member's label; `value()` gives the member (or None for the 'any' entry)."""

    def __init__(self, enum: type[E], *, any_label: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._enum = enum
        if any_label is not None:
            self.addItem(any_label, None)
        # Qt would turn a str-based enum into a plain string, so the raw value is stored.
        for member in enum:
            self.addItem(member.label, member.value)  # type: ignore[attr-defined]

    def value(self) -> E | None:
        data = self.currentData()
        return None if data is None else self._enum(data)

    def set_value(self, member: E | None) -> None:
        index = self.findData(None if member is None else member.value)
        if index >= 0:
            self.setCurrentIndex(index)
