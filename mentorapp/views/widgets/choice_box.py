"""A drop-down whose choices are Python values (vocabulary members, ids), handed back unchanged.

Qt stores item data as its own variants, which turns a StrEnum member into a plain
string; keeping the values on the Python side returns the very member chosen.

A box is as wide as its longest choice up to WIDEST_CHOICE characters: a 110-character
name shows shortened (…) in the closed box, whole in its list, and never widens the
dialog or the bar it is in past the screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from mentorapp.models.vocabulary import Labelled

WIDEST_CHOICE = 36  # characters


class ChoiceBox(QComboBox):
    """(words, value) pairs; `value()` is the chosen value, `set_value()` chooses one."""

    def __init__(self, items: Iterable[tuple[str, Any]] = (), *, accessible_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self._values: list[Any] = []
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for text, value in items:
            self.add_choice(text, value)

    def add_choice(self, text: str, value: Any) -> None:
        self._values.append(value)
        self.addItem(text)
        self.setMinimumContentsLength(min(WIDEST_CHOICE, max(self.minimumContentsLength(), len(text))))

    def clear_choices(self) -> None:
        self._values.clear()
        self.clear()
        self.setMinimumContentsLength(0)

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def values(self) -> list[Any]:
        return list(self._values)

    def set_value(self, value: Any) -> bool:
        if value not in self._values:
            return False
        self.setCurrentIndex(self._values.index(value))
        return True


class ChoiceCombo(ChoiceBox):
    """A ChoiceBox over one vocabulary (kind, direction, setting…), by each member's label.

    With `any_label`, the first choice is that "any" entry, whose value is None.
    """

    def __init__(self, enum: type[Labelled], *, any_label: str | None = None, accessible_name: str = "",
                 parent: QWidget | None = None) -> None:
        items: list[tuple[str, Labelled | None]] = [(any_label, None)] if any_label is not None else []
        items += [(member.label, member) for member in enum]
        super().__init__(items, accessible_name=accessible_name, parent=parent)


def combo(items: Iterable[tuple[str, Any]], current: Any, *, accessible_name: str) -> ChoiceBox:
    """A ChoiceBox with `current` chosen (the first choice if `current` is not among them)."""
    box = ChoiceBox(items, accessible_name=accessible_name)
    box.set_value(current)
    return box
