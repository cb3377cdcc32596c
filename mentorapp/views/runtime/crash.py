"""What the desk does with an error nobody caught: log it, and tell the person once, calmly.

`install_crash_reporter(app)` (done by app.py at start-up) replaces sys.excepthook and
threading.excepthook. Each uncaught exception, on any thread, is written to the log
(frames and types only, see mentorapp.logs) and one dialog says that something went
wrong, that the journal is safe (every write is one transaction: it is saved whole
or not at all), and where the log is, with a button that opens the log folder. More
errors while that dialog is open are logged, not shown again. The hooks that were in
place before are still called after (Python's own prints the traceback on stderr, for
a developer at a terminal).
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from mentorapp.i18n import _
from mentorapp.logs import active_log_file
from mentorapp.models.errors import describe_exception
from mentorapp.views.runtime.file_manager import show_folder

log = logging.getLogger(__name__)

TITLE = "MentorApp"


def crash_message(log_path: Path | None) -> str:
    where = (
        _("The details are in the log file {path} (it holds no names and no notes).").format(path=log_path)
        if log_path is not None
        else _("No log could be written this time (its folder could not be made), so there are no details to show.")
    )
    return _(
        "Something went wrong inside MentorApp, and what you just did may not have finished.\n\n"
        "Your journal is safe: every change is saved whole or not at all, so everything saved "
        "before this is still there. Text still being typed in an open window is not saved yet.\n\n{details}"
    ).format(details=where)


class CrashReporter(QObject):
    """Logs uncaught exceptions and shows one dialog at a time about them (on the GUI thread)."""

    _report = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: QMessageBox | None = None
        self.count = 0  # exceptions handled since start-up
        self._cannot_show = False  # the dialog itself failed once: the log is all there is
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # -- the hooks ---------------------------------------------------------------------------------------
    def install(self) -> None:
        if sys.excepthook != self.handle:
            self._previous_hook = sys.excepthook
            sys.excepthook = self.handle
        if threading.excepthook != self._handle_thread:
            self._previous_thread_hook = threading.excepthook
            threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._handle_thread:
            threading.excepthook = self._previous_thread_hook

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """sys.excepthook: log, then ask the GUI thread for the dialog (queued, so any thread may call)."""
        if not issubclass(exc_type, KeyboardInterrupt):
            self._log_and_tell(exc_type, exc, tb)
        self._previous_hook(exc_type, exc, tb)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            self._log_and_tell(args.exc_type, args.exc_value, args.exc_traceback)
        self._previous_thread_hook(args)

    def _log_and_tell(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        self.count += 1
        log.error("Uncaught %s", describe_exception(exc), exc_info=(exc_type, exc, tb))
        try:
            self._report.emit()
        except RuntimeError:
            pass  # the desk is already gone: the log has it

    # -- the dialog --------------------------------------------------------------------------------------
    @Slot()
    def _show(self) -> None:
        if self.dialog is not None or self._cannot_show:
            return  # one is open: the person has been told
        try:
            self.dialog = self._make_dialog(active_log_file())
        except Exception:
            self._cannot_show = True
            log.exception("The dialog about an error could not be shown")
            return
        self.dialog.open()

    def _make_dialog(self, path: Path | None) -> QMessageBox:
        dialog = QMessageBox(QMessageBox.Icon.Warning, TITLE, crash_message(path),
                             QMessageBox.StandardButton.Close, QApplication.activeWindow())
        dialog.setObjectName("crashDialog")
        dialog.setTextFormat(Qt.TextFormat.PlainText)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        if path is not None:
            open_folder = dialog.addButton(_("Open the log folder"), QMessageBox.ButtonRole.ActionRole)
            open_folder.setObjectName("openLogFolder")
            # The folder opens and the dialog stays, so the file named in it can still be read.
            open_folder.clicked.disconnect()
            open_folder.clicked.connect(lambda: open_log_folder(path.parent))
        dialog.setDefaultButton(QMessageBox.StandardButton.Close)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._closed)
        return dialog

    @Slot()
    def _closed(self) -> None:
        self.dialog = None


def open_log_folder(folder: Path) -> bool:
    """Show the log folder in the platform's file manager."""
    folder.mkdir(parents=True, exist_ok=True)
    return show_folder(folder)


def install_crash_reporter(app: QApplication) -> CrashReporter:
    """Install the hooks until `app` quits (the one reporter of `app`, however often this is called)."""
    reporter = app.findChild(CrashReporter)
    if reporter is None:
        reporter = CrashReporter(app)
        app.aboutToQuit.connect(reporter.uninstall)
    reporter.install()
    return reporter
