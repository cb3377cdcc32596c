"""Builds the QApplication, opens the journal and wires the services into the desk."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

from mentorapp import __version__
from mentorapp.logs import configure_logging

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the Qt modules load only once a desk is wanted
    from PySide6.QtWidgets import QApplication

    from mentorapp.models.services import Services
    from mentorapp.models.storage.store import Store
    from mentorapp.views.runtime.single_instance import DeskClaim
    from mentorapp.views.shell.main_window import MainWindow

EXIT_CANNOT_OPEN = 2
BACKUP_GRACE_MS = 5_000
RECOVERY_OFFER_DELAY_MS = 1_500  # the desk first, then the offer beside it


def make_application(argv: list[str] | None = None) -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from mentorapp.resources import register_qt_search_paths
    from mentorapp.views.runtime.gui_collector import collect_garbage_on_gui_thread

    app = cast(QApplication, QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1]))
    collect_garbage_on_gui_thread(app)
    app.setApplicationName("MentorApp")
    app.setOrganizationName("MentorApp")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("mentorapp")
    register_qt_search_paths()
    app.setWindowIcon(QIcon("icons:mentorapp.svg"))
    return app


def build_main_window(services: Services) -> MainWindow:
    """The one place where the desk's objects are created and connected.

    The desk's calendar is the services' clock (a fixed one for screenshots and tests).
    """
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMessageBox

    from mentorapp.views.runtime.background import BackgroundRunner
    from mentorapp.views.context import DeskContext
    from mentorapp.views.shell.main_window import MainWindow
    from mentorapp.views.runtime.change_adapter import QtChanges

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
    )
    window = MainWindow(context)
    changes.setParent(window)
    context.undo_stack.setParent(window)
    context.runner.setParent(window)
    return window


def open_desk(path: Path, *, capture: str | None = None) -> tuple[QApplication, MainWindow | None, Store | None]:
    """Open the journal at `path` and show the desk on it, without entering the event loop.

    Returns the application, the shown window and the open store; when the desk does
    not open (another desk has the journal, or it stays locked or damaged) the person
    has been told why, and window and store are None.
    """
    from PySide6.QtCore import QTimer

    from mentorapp.models.errors import MentorAppError
    from mentorapp.models.services import Services
    from mentorapp.views.runtime.daily_backup import DailyBackup
    from mentorapp.views.journal.opening import open_journal_for_desk
    from mentorapp.views.runtime.journal_watcher import JournalWatcher
    from mentorapp.views.runtime.crash import install_crash_reporter
    from mentorapp.views.runtime.single_instance import bring_to_front, claim_journal, refuse_second_desk

    configure_logging()
    app = make_application()
    install_crash_reporter(app)
    log.info("Desk starting (MentorApp %s)", __version__)
    claim = claim_journal(Path(path).expanduser())
    if not claim.acquired:
        log.info("Desk not opened: another desk has %s", Path(path).name)
        refuse_second_desk(claim)  # and the first desk has been asked to come forward
        return app, None, None
    store = open_journal_for_desk(path)
    if store is None:
        log.info("Desk not opened: %s stayed closed", Path(path).name)
        claim.release()
        return app, None, None
    log.info("Desk opened %s (key from %s)", store.path.name, store.key.source)
    services = Services(store)
    if services.erasure.finish_pending():  # an erasure was stopped before the file was cleaned
        log.info("Finished cleaning %s after an interrupted erasure", store.path.name)
    try:
        retained = [r.summary for r in services.retention.erase_due()]  # the policy's erasures due now
    except MentorAppError as exc:  # the desk opens all the same; the erasure waits for the next opening
        log.warning("Retention could not erase: %s", type(exc).__name__)
        retained = [f"Your retention policy could not erase today: {exc}"]
    window = build_main_window(services)
    claim.setParent(window)
    claim.raise_requested.connect(lambda: bring_to_front(window))
    # Writes from the command line while the desk is open show up without a restart.
    JournalWatcher(services, parent=window).start()
    daily = DailyBackup(services, window.context.runner, parent=window)
    daily.failed.connect(window.context.report)
    window.show()
    _keep_at_hand(window, claim, capture)
    # Once the desk is on screen: the day's backup (after a moment, so it does not compete
    # with the lead's first look) and, on a keyring journal's first run, the recovery sheet.
    QTimer.singleShot(BACKUP_GRACE_MS, daily.start)
    QTimer.singleShot(RECOVERY_OFFER_DELAY_MS, lambda: _offer_recovery_kit(services, window))
    if retained:
        from PySide6.QtWidgets import QMessageBox

        said = "\n".join(retained)
        QTimer.singleShot(0, lambda: QMessageBox.information(
            window, "MentorApp", f"Your retention policy erased, as Today announced:\n{said}"))
    return app, window, store


def _keep_at_hand(window: MainWindow, claim: DeskClaim, capture: str | None) -> None:
    """Once the desk is loaded: capture from outside (`capture`: open it now, on that mentee), tray, reminders."""
    from mentorapp.views.shell.at_hand import keep_at_hand

    keep_at_hand(window, claim, capture=capture)  # each part is the window's child, and lives as long


def _offer_recovery_kit(services: Services, window: MainWindow) -> None:
    # Imported here: the sheet needs ReportLab, which the first paint does not.
    from mentorapp.views.journal.recovery_kit import offer_recovery_kit

    offer_recovery_kit(services, parent=window)


def run_desk(path: Path, *, capture: str | None = None) -> int:
    """Open the desk on the journal at `path`; returns the process exit code.

    `capture`: open quick capture once the desk is loaded, on the mentee named ("" for none).
    """
    app, window, store = open_desk(path, capture=capture)
    if window is None or store is None:
        return EXIT_CANNOT_OPEN
    try:
        return app.exec()
    finally:
        window.context.runner.wait()  # a backup or packet in flight finishes before the key is put away
        store.close()
        log.info("Desk closed %s", store.path.name)
