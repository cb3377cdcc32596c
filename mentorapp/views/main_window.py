"""The desk's main window: the roster of mentees and the selected mentee's page."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Change, Services, Topic
from mentorapp.views.qt_changes import QtChanges
from mentorapp.views.roster_model import MenteeIdRole, RosterModel


class MainWindow(QMainWindow):
    """Lists the team on the left; explains what to do on an empty journal."""

    def __init__(self, services: Services, changes: QtChanges) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle(f"MentorApp — {services.store.path.name}")
        self.setWindowIcon(QIcon("icons:mentorapp.svg"))
        self.setMinimumSize(720, 480)

        self.roster_model = RosterModel(self)
        self.roster_view = QListView()
        self.roster_view.setModel(self.roster_model)
        self.roster_view.setAccessibleName("Mentees")
        self.roster_view.setObjectName("roster")

        self.empty_page = self._build_empty_page()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self.roster_view)

        self.setCentralWidget(self.pages)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.menuBar().addMenu("&File").addAction(quit_action)

        changes.changed.connect(self._on_change)
        self.refresh_roster()
        self._restore_layout()

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch()
        text = QLabel(
            "<h2>Your journal is empty</h2>"
            "<p>Add the people you mentor, then jot down short notes after each conversation.</p>"
            "<p>Want to look around first? Load a demo team; it can be deleted later.</p>"
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout.addWidget(text)
        button = QPushButton("Load the demo team")
        button.setObjectName("load_demo")
        button.clicked.connect(self.load_demo)
        layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()
        return page

    def refresh_roster(self) -> None:
        rows = self.services.mentees.roster()
        self.roster_model.reload(rows)
        self.pages.setCurrentWidget(self.roster_view if rows else self.empty_page)

    def mentee_names(self) -> list[str]:
        model = self.roster_model
        return [model.data(model.index(r, 0)) for r in range(model.rowCount())]

    def selected_mentee_id(self) -> int | None:
        index = self.roster_view.currentIndex()
        return index.data(MenteeIdRole) if index.isValid() else None

    def load_demo(self) -> None:
        try:
            self.services.demo.generate()
        except MentorAppError as exc:
            QMessageBox.warning(self, "MentorApp", str(exc))

    def _on_change(self, change: Change) -> None:
        if change.touches(Topic.MENTEES, Topic.ENTRIES, Topic.RECOGNITIONS, Topic.WATCHLIST):
            self.refresh_roster()

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
