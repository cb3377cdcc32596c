"""Builds the QApplication, opens the journal and wires the services into the desk."""

from __future__ import annotations

import sys
from pathlib import Path

from mentorapp import __version__

EXIT_CANNOT_OPEN = 2


def make_application(argv: list[str] | None = None):  # noqa: ANN201 - QApplication
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from mentorapp.resources import register_qt_search_paths

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("MentorApp")
    app.setOrganizationName("MentorApp")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("mentorapp")
    register_qt_search_paths()
    app.setWindowIcon(QIcon("icons:mentorapp.svg"))
    return app


def build_main_window(services, *, today=None):  # noqa: ANN001, ANN201 - Services -> MainWindow
    """The one place where the desk's objects are created and connected.

    `today` (a callable returning a date) fixes the desk's calendar for screenshots and tests.
    """
    import datetime as dt

    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMessageBox

    from mentorapp.views.background import BackgroundRunner
    from mentorapp.views.context import DeskContext
    from mentorapp.views.main_window import MainWindow
    from mentorapp.views.qt_changes import QtChanges

    window: MainWindow | None = None

    def report(message: str) -> None:
        QMessageBox.warning(window, "MentorApp", message)

    changes = QtChanges(services.changes)
    context = DeskContext(
        services=services,
        changes=changes,
        undo_stack=QUndoStack(),
        runner=BackgroundRunner(),
        report=report,
        today=today or dt.date.today,
    )
    window = MainWindow(context)
    changes.setParent(window)
    context.undo_stack.setParent(window)
    context.runner.setParent(window)
    return window


def open_desk(path: Path):  # noqa: ANN201 - (QApplication, MainWindow | None, Store | None)
    """Open the journal at `path` and show the desk on it, without entering the event loop.

    Returns the application, the shown window and the open store; when the journal
    cannot be opened the person has been told why and window and store are None.
    """
    from PySide6.QtWidgets import QMessageBox

    from mentorapp.models.errors import StoreError
    from mentorapp.models.keys import open_journal
    from mentorapp.models.services import Services
    from mentorapp.views.passphrase_dialog import ask_passphrase

    app = make_application()
    try:
        store = open_journal(path, prompt=ask_passphrase)
    except StoreError as exc:
        QMessageBox.critical(None, "MentorApp", str(exc))
        print(f"mentorapp: {exc}", file=sys.stderr)
        return app, None, None
    window = build_main_window(Services(store))
    window.show()
    return app, window, store


def run_desk(path: Path) -> int:
    """Open the desk on the journal at `path`; returns the process exit code."""
    app, window, store = open_desk(path)
    if window is None or store is None:
        return EXIT_CANNOT_OPEN
    try:
        return app.exec()
    finally:
        store.close()
