"""The desk's frame while the journal opens: title, menus and a calm placeholder, painted at once.

The first thing a start shows. It imports Qt and nothing of the stack (no SQLAlchemy,
keyring or sqlcipher3; tests/views/shell/test_frame.py checks it in a fresh process), so it
paints while app.py loads the rest. Its menus answer meanwhile (File → Quit, its shortcut given
by `answer_keys` just after the paint; the others
are there, greyed, so the bar does not jump when the desk takes over). The passphrase
prompt and the damaged-journal dialog open over it. When the desk is built it takes the
frame's place and geometry (`hand_over`), and the frame goes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from mentorapp.i18n import N_, _
from mentorapp.views.runtime import desk_state

_MENUS = (N_("&Edit"), N_("&Mentee"), N_("&View"), N_("&Help"))  # as the desk has them, greyed until it is there


class DeskFrame(QMainWindow):
    """The window as the lead first sees it: the desk's frame with a placeholder where the data will be."""

    stack_loaded = Signal()  # emitted from the loading thread; received on the GUI thread
    quit_requested = Signal()  # the lead closed the frame or chose Quit before the desk was there

    def __init__(self, journal: Path) -> None:
        super().__init__()
        self.journal = Path(journal).expanduser()
        self.setObjectName("desk_frame")
        self.setWindowTitle(_("MentorApp — {file}").format(file=self.journal.name))
        self.setWindowIcon(QIcon("icons:mentorapp.svg"))
        self.setMinimumSize(760, 500)
        self.handed_over = False
        file_menu = self.menuBar().addMenu(_("&File"))
        self.quit_action = file_menu.addAction(_("&Quit"))
        self.quit_action.triggered.connect(self.close)
        for title in _MENUS:
            self.menuBar().addMenu(_(title)).setEnabled(False)
        self.setCentralWidget(self._placeholder())
        geometry = desk_state.DeskState(self.journal).value(desk_state.GEOMETRY, None)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 760)

    def answer_keys(self) -> None:
        """The Quit shortcut, given just after the first paint: a key sequence makes Qt build every enum of its
        namespace (over 10 ms), and nobody presses a key before the window is there."""
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)

    def _placeholder(self) -> QWidget:
        page = QWidget()
        page.setObjectName("desk_placeholder")
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        left = QWidget()
        left.setObjectName("placeholder_team")
        left.setFixedWidth(270)  # where the views and the team will be, as wide as the desk's column
        left.setAutoFillBackground(True)
        palette = left.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase))
        left.setPalette(palette)
        right = QVBoxLayout()
        right.addStretch(2)
        self.status = QLabel(_("Opening {file}…").format(file=self.journal.name))
        self.status.setObjectName("placeholder_status")
        # Set by name: reading Qt's namespace (Qt.AlignmentFlag) builds all its enums, some 15 ms before the paint.
        self.status.setProperty("alignment", "AlignCenter")
        self.status.setWordWrap(True)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = self.status.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.status.setFont(font)
        right.addWidget(self.status)
        right.addStretch(3)
        row.addWidget(left)
        row.addLayout(right, 1)
        return page

    def say(self, sentence: str) -> None:
        """What the start is doing, in the placeholder (never journal text)."""
        self.status.setText(sentence)

    def hand_over(self, window: QMainWindow) -> None:
        """The desk takes the frame's place, where the lead may have moved or resized it meanwhile."""
        window.setGeometry(self.geometry())
        if self.isMaximized():
            window.showMaximized()
        else:
            window.show()
        self.handed_over = True
        self.hide()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if not self.handed_over:
            self.quit_requested.emit()
        super().closeEvent(event)
