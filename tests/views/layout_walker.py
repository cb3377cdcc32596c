"""Finds clipped text on a window: what a lead at 1024×640 (or 200 %) would see cut off.

Each check reads the widgets as they are laid out, the way Qt paints them:
- a one-line label, button or check box whose text needs more width than it was given;
- a word-wrapped label taller than its room, or holding a word longer than its width (a label
  breaks only between words, so a long one is cut);
- an elided text ("How we han…") whose full text (its tooltip) would fit where it stands;
- a control reaching outside what its parents show (only a scroll area's viewport may hide it);
- a widget given less room than its layout's minimum (its controls are drawn over each other);
- a scroll area inside another (two scroll bars for one page: the inner one hides the fold);
- a window or dialog larger than the screen it is on.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's Qt namespace
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QToolButton,
    QWidget,
)

_SLACK = 1  # a pixel of rounding, at any scale
_MNEMONIC = re.compile(r"&(?!&)")


def _shown(text: str) -> str:
    return _MNEMONIC.sub("", text).replace("&&", "&")


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()
    elif isinstance(widget, QLineEdit):
        text = widget.text() or widget.placeholderText()
    text = " ".join(_shown(text).split())
    return f"{type(widget).__name__} {text[:50]!r}" if text else f"{type(widget).__name__} {widget.objectName()!r}"


def _hidden_by_scrolling(widget: QWidget, stop: QWidget) -> bool:
    """Whether `widget` sits inside a scroll area's viewport below `stop` (scrolling may hide it)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return True
        parent = parent.parentWidget()
    return False


def _plain_label_problem(label: QLabel) -> str | None:
    room = label.contentsRect().width() - 2 * label.margin() - max(label.indent(), 0)
    if room <= 0 or not label.text():
        return None
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(label.text()))
    metrics = QFontMetrics(label.font())
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(label.text())
        if label.wordWrap():
            document.setTextWidth(room)
            needed_width = document.idealWidth()
            needed_height = document.size().height()
        else:
            needed_width = document.idealWidth()
            needed_height = 0
    else:
        text = _shown(label.text()) if label.buddy() is not None else label.text()
        lines = text.split("\n")
        if label.wordWrap():
            words = [w for line in lines for w in line.split()]
            needed_width = max((metrics.horizontalAdvance(w) for w in words), default=0)
            needed_height = label.heightForWidth(label.width()) if label.width() else 0
        else:
            needed_width = max(metrics.horizontalAdvance(line) for line in lines)
            needed_height = 0
    if needed_width > room + _SLACK:
        what = "a word of it" if label.wordWrap() else "it"
        return f"{_name(label)} is cut: {what} needs {needed_width:.0f} px, it has {room}"
    if needed_height and needed_height > label.height() + _SLACK:
        return f"{_name(label)} is cut: it needs {needed_height:.0f} px of height, it has {label.height()}"
    tip = label.toolTip()
    if label.text().endswith("…") and tip and "\n" not in tip and not rich and not label.wordWrap() \
            and metrics.horizontalAdvance(tip) <= room:
        return f"{_name(label)} is elided although its full text ({tip[:40]!r}) fits"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    if isinstance(button, QToolButton) and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
        return None
    if not isinstance(button, QPushButton | QCheckBox | QRadioButton | QToolButton) or not button.text():
        return None
    # The base class's measure of the words shown (a subclass may ask for room to show more).
    base = next(kind for kind in (QRadioButton, QCheckBox, QToolButton, QPushButton) if isinstance(button, kind))
    needed = base.sizeHint(button).width()
    if needed > button.width() + _SLACK:
        return f"{_name(button)} is cut: it needs {needed} px, it has {button.width()}"
    return None


def _outside_problem(widget: QWidget, window: QWidget) -> str | None:
    """A control that reaches past the part of its window its parents show."""
    if _hidden_by_scrolling(widget, window):
        return None
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    visible = window.rect()
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        visible = visible.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    if not visible.adjusted(-_SLACK, -_SLACK, _SLACK, _SLACK).contains(rect):
        return f"{_name(widget)} reaches outside what its window shows ({rect.getRect()} in {visible.getRect()})"
    return None


def _nested_problem(area: QAbstractScrollArea, window: QWidget) -> str | None:
    parent = area.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea) and parent.isVisibleTo(window):
            return f"{type(area).__name__} {area.objectName()!r} scrolls inside another scroll area"
        parent = parent.parentWidget()
    return None


def _squeezed_problem(widget: QWidget) -> str | None:
    layout = widget.layout()
    if layout is None:
        return None
    least = layout.totalMinimumSize()
    if widget.height() + _SLACK < least.height() or widget.width() + _SLACK < least.width():
        return (f"{type(widget).__name__} {widget.objectName()!r} is {widget.width()}×{widget.height()}, "
                f"less than its controls' minimum {least.width()}×{least.height()}: they overlap")
    return None


def window_problems(window: QWidget) -> list[str]:
    """Every clipped text, control outside the view, nested scroll area, and a too-large window."""
    found: list[str] = []
    screen = (window.screen() or QApplication.primaryScreen()).availableGeometry()
    frame = window.frameGeometry()
    if frame.width() > screen.width() + _SLACK or frame.height() > screen.height() + _SLACK:
        found.append(f"the window is {frame.width()}×{frame.height()}, the screen {screen.width()}×{screen.height()}")
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if minimum.width() > screen.width() or minimum.height() > screen.height():
        found.append(f"the window cannot shrink below {minimum.width()}×{minimum.height()}, "
                     f"the screen is {screen.width()}×{screen.height()}")
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window) or widget.width() <= 0:
            continue
        problem = None
        if isinstance(widget, QLabel) and widget.pixmap().isNull():
            problem = _plain_label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
        if problem is None and not _hidden_by_scrolling(widget, window):
            problem = _squeezed_problem(widget)
        if problem is None and isinstance(widget, QAbstractScrollArea):
            problem = _nested_problem(widget, window)
        if problem is None and isinstance(widget, QLabel | QAbstractButton | QLineEdit | QComboBox
                                          | QAbstractScrollArea):
            problem = _outside_problem(widget, window)
        if problem is not None:
            found.append(problem)
    return found
