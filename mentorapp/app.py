"""Builds the QApplication, opens the journal and wires the services into the desk."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from mentorapp import __version__, i18n
from mentorapp.i18n import _

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the Qt modules load only once a desk is wanted
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from mentorapp.models.services import Services
    from mentorapp.models.storage.store import Store
    from mentorapp.views.runtime.single_instance import DeskClaim
    from mentorapp.views.shell.frame import DeskFrame
    from mentorapp.views.shell.main_window import MainWindow

EXIT_CANNOT_OPEN = 2
BACKUP_GRACE_MS = 5_000
# Set to a PNG path, the desk saves its first frame painted with the data there and closes
# (the package's smoke test).
ENV_FIRST_PAINT = "MENTORAPP_FIRST_PAINT_PNG"


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


# Qt's own translations (its standard dialogs and buttons), kept alive while installed.
_qt_translators: list[QTranslator] = []


def speak_language(app: QApplication, explicit: str | None = None, *, log_missing: bool = True) -> i18n.Speech:
    """The desk speaks the lead's language: MentorApp's catalogue, Qt's own strings and QLocale's dates.

    `explicit` is a --language choice; None reads it from the command line that started the desk
    (`mentorapp --language de`, `mentorapp capture … --language fr`), else MENTORAPP_LANG, Preferences,
    the system. Called before any widget is built; QCalendarWidget and the date fields follow QLocale's
    default (its first weekday too). `log_missing=False`: the caller logs Qt's missing translations
    itself (`qt_translations_missing`), as the start does once its log is set up.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    tag = explicit
    command_line = sys.modules.get("mentorapp.cli.language")  # loaded when the command line started the desk
    if tag is None and command_line is not None:
        tag = command_line.requested(sys.argv[1:])
        if tag is not None and tag.strip().casefold() == command_line.SYSTEM:
            tag = None
    try:
        chosen = i18n.choose(tag)
    except ValueError:  # the command line has already refused a language MentorApp does not speak
        chosen = i18n.choose(None)
    speech = i18n.set_language(chosen)
    QLocale.setDefault(QLocale(speech.locale))
    for old in _qt_translators:
        app.removeTranslator(old)
    _qt_translators.clear()
    if speech.language not in (i18n.SOURCE, i18n.PSEUDO):
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(app)
        if translator.load(f"qtbase_{speech.language}", folder):
            app.installTranslator(translator)
            _qt_translators.append(translator)
        elif log_missing:
            log.warning("Qt has no translations for %s in %s", speech.language, folder)
    return speech


def qt_translations_missing(speech: i18n.Speech) -> bool:
    """True when the desk speaks a language whose Qt strings (standard buttons, dialogs) were not found."""
    return speech.language not in (i18n.SOURCE, i18n.PSEUDO) and not _qt_translators


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


# What loads off the painting path, in a thread, once the frame is on screen: the stack and the
# desk's own modules (none of them makes a Qt object when imported). Services makes each service
# when first asked for; those the start asks for (the roster, Today, the tray's count, retention,
# the auto-lock) are imported here, the others when first used.
STACK_MODULES = (
    "sqlalchemy.orm",
    "sqlcipher3",
    "keyring",
    "mentorapp.models.services",
    *(f"mentorapp.models.services.{name}" for name in (
        "mentees", "search", "entries", "threads", "watchlist", "journal", "erasure", "retention", "due", "keys")),
    "mentorapp.models.trust.opening",
    "mentorapp.views.journal.opening",
    "mentorapp.views.runtime.single_instance",
    "mentorapp.views.runtime.daily_backup",
    "mentorapp.views.runtime.journal_watcher",
    "mentorapp.views.shell.main_window",
    "mentorapp.views.shell.at_hand",
)


class DeskStart:
    """One start of the desk, in stages: the frame painted at once, then the stack, the journal, the desk.

    `window` and `store` are set once the desk is loaded; `done` once the start is over,
    opened or not (`exit_code` then says which). Code that needs the loaded desk (the
    capture channel, the tray, reminders) adds a callable to `when_loaded`; each is called
    with this start from `_desk_loaded`, the one place the loaded desk is announced.
    """

    def __init__(self, app: QApplication, frame: DeskFrame, path: Path, *, capture: str | None = None) -> None:
        self.app = app
        self.capture = capture  # open quick capture once loaded, on the mentee named ("" for none)
        self.claim: DeskClaim | None = None
        self.frame: DeskFrame | None = frame
        self.path = Path(path).expanduser()
        self.window: MainWindow | None = None
        self.store: Store | None = None
        self.services: Services | None = None
        self.done = False
        self.exit_code = 0
        self.in_event_loop = False  # run_desk's app.exec() is what runs the start
        self.first_paint_ns = 0  # time.monotonic_ns() when the frame had been painted (for bench/)
        # And when the GUI thread heard the stack was loaded, the journal was open, the desk was built (bench/).
        self.stack_loaded_ns = self.opened_ns = self.built_ns = 0
        self.when_loaded: list[Callable[[DeskStart], object]] = []
        self._load_error: BaseException | None = None

    # -- stage 2: the stack, in a thread -----------------------------------------------------------
    def load_stack(self) -> None:
        import threading

        from PySide6.QtCore import Qt

        assert self.frame is not None
        self.frame.stack_loaded.connect(self._open, Qt.ConnectionType.QueuedConnection)
        self.frame.quit_requested.connect(self._quit_before_loaded)
        threading.Thread(target=self._import_stack, name="mentorapp-stack", daemon=True).start()

    def _import_stack(self) -> None:
        import importlib

        try:
            for name in STACK_MODULES:
                importlib.import_module(name)
            import keyring

            keyring.get_keyring()  # the backend is chosen (and its modules imported) here too
        except BaseException as exc:  # noqa: BLE001  # told on the GUI thread, in a dialog
            self._load_error = exc
        frame = self.frame
        try:
            if frame is not None:
                frame.stack_loaded.emit()
        except RuntimeError:  # the lead quit before the stack was loaded: the frame is gone
            pass

    # -- stage 3: the journal and the desk, on the GUI thread --------------------------------------
    def _open(self) -> None:
        import time

        self.stack_loaded_ns = time.monotonic_ns()
        if self.done:
            return
        try:
            if self._load_error is not None:
                raise self._load_error
            self._open_journal()
        except Exception as exc:  # noqa: BLE001  # never a dead window: one sentence, and the start is over
            self._failed(exc)

    def _open_journal(self) -> None:
        import time

        from mentorapp.models.errors import MentorAppError
        from mentorapp.models.services import Services
        from mentorapp.views.journal.opening import open_journal_for_desk
        from mentorapp.views.runtime.single_instance import bring_to_front, claim_journal, refuse_second_desk

        frame = self.frame
        assert frame is not None
        claim = self.claim = claim_journal(self.path)
        if not claim.acquired:
            log.info("Desk not opened: another desk has %s", self.path.name)
            refuse_second_desk(claim, parent=frame)  # and the first desk has been asked to come forward
            self._finish(EXIT_CANNOT_OPEN)
            return
        store = open_journal_for_desk(self.path, parent=frame)
        if store is None:
            log.info("Desk not opened: %s stayed closed", self.path.name)
            claim.release()
            self._finish(EXIT_CANNOT_OPEN)
            return
        log.info("Desk opened %s (key from %s)", store.path.name, store.key.source)
        self.store = store
        frame.say(_("Opening {file}: the team and Today…").format(file=store.path.name))
        frame.repaint()
        services = self.services = Services(store)
        if services.erasure.finish_pending():  # an erasure was stopped before the file was cleaned
            log.info("Finished cleaning %s after an interrupted erasure", store.path.name)
        try:
            retained = [r.summary for r in services.retention.erase_due()]  # the policy's erasures due now
        except MentorAppError as exc:  # the desk opens all the same; the erasure waits for the next opening
            log.warning("Retention could not erase: %s", type(exc).__name__)
            retained = [_("Your retention policy could not erase today: {reason}").format(reason=exc)]
        self.opened_ns = time.monotonic_ns()
        window = self.window = build_main_window(services)  # the roster listed and Today filled
        self.built_ns = time.monotonic_ns()
        claim.setParent(window)
        claim.raise_requested.connect(lambda: bring_to_front(window))
        frame.hand_over(window)
        self.frame = None
        window.repaint()  # the data is on screen before anything is offered over it
        self._desk_loaded(retained)

    def _desk_loaded(self, retained: list[str]) -> None:
        """The desk is loaded and painted with its data: what waits for that starts here."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QMessageBox

        from mentorapp.views.runtime.daily_backup import DailyBackup
        from mentorapp.views.runtime.journal_watcher import JournalWatcher

        window, services = self.window, self.services
        assert window is not None and services is not None
        # Writes from the command line while the desk is open show up without a restart.
        JournalWatcher(services, parent=window).start()
        daily = DailyBackup(services, window.context.runner, parent=window)
        daily.failed.connect(window.context.report)
        # The day's backup after a moment, so it does not compete with the lead's first look.
        QTimer.singleShot(BACKUP_GRACE_MS, daily.start)
        self._finish(0)
        assert self.claim is not None
        _keep_at_hand(window, self.claim, self.capture)
        for attach in self.when_loaded:
            attach(self)
        # Over the painted desk, after this start returns: the retention summary, then (on a
        # keyring journal's first run) the recovery sheet.
        if retained:
            said = _("Your retention policy erased, as Today announced:\n{erased}").format(erased="\n".join(retained))
            QTimer.singleShot(0, lambda: QMessageBox.information(window, "MentorApp", said))
        QTimer.singleShot(0, lambda: _offer_recovery_kit(services, window))

    # -- endings ------------------------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from mentorapp.models.errors import MentorAppError, describe_exception

        log.error("The desk could not load: %s", describe_exception(exc))
        said = str(exc) if isinstance(exc, MentorAppError) else _(
            "MentorApp could not finish starting; the log has the details. Your journal was not changed.")
        QMessageBox.critical(self.frame or self.window, "MentorApp", said)
        if self.store is not None:
            self.store.close()
            self.store = None
        for leftover in (self.window, self.frame):
            if leftover is not None:
                leftover.hide()
                leftover.deleteLater()
        self.window = self.frame = None
        self._finish(EXIT_CANNOT_OPEN)

    def _quit_before_loaded(self) -> None:
        if not self.done:
            log.info("Desk closed before %s was open", self.path.name)
            self._finish(0)

    def _finish(self, code: int) -> None:
        if self.frame is not None and code != 0:
            self.frame.hide()
            self.frame.deleteLater()
            self.frame = None
        self.done, self.exit_code = True, code
        if self.in_event_loop and (code != 0 or self.window is None):
            # Only from inside app.exec(): Qt remembers an exit asked for before, and the next
            # event loop (a dialog's, a test's wait) would return at once.
            self.app.exit(code)


def start_desk(path: Path, *, capture: str | None = None, language: str | None = None) -> DeskStart:
    """Paint the desk's frame at once and start loading the rest; the event loop does the rest.

    Only Qt and the frame are imported before the first paint (the log and the crash
    reporter are set up just after it); the stack loads in a
    thread, then the journal opens (with its dialogs over the frame) and the desk takes
    the frame's place.
    """
    import time

    from mentorapp.views.shell.frame import DeskFrame

    app = make_application()
    speech = speak_language(app, language, log_missing=False)  # before any widget is built
    frame = DeskFrame(Path(path))
    frame.show()
    frame.repaint()  # the first paint, before anything heavy is imported
    painted_ns = time.monotonic_ns()
    start = DeskStart(app, frame, path, capture=capture)
    start.first_paint_ns = painted_ns
    start.load_stack()  # the thread starts at once; the journal opens only once this function has returned
    frame.answer_keys()
    # Then the log (its rotating handler) and the crash reporter, before anything of the journal can go wrong.
    from mentorapp.logs import configure_logging
    from mentorapp.views.runtime.crash import install_crash_reporter

    configure_logging()
    install_crash_reporter(app)
    log.info("Desk starting (MentorApp %s)", __version__)
    if qt_translations_missing(speech):
        log.warning("Qt has no translations for %s", speech.language)
    return start


def open_desk(path: Path, *, capture: str | None = None,
              language: str | None = None) -> tuple[QApplication, MainWindow | None, Store | None]:
    """Open the journal at `path` and show the desk on it, returning once the start is over.

    Runs the staged start (`start_desk`) until the desk is loaded or has not opened,
    without entering the application's event loop. Returns the application, the shown
    window and the open store; when the desk does not open (another desk has the journal,
    or it stays locked or damaged) the person has been told why, and window and store are None.
    """
    from PySide6.QtCore import QEventLoop

    start = start_desk(path, capture=capture, language=language)
    while not start.done:
        start.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    return start.app, start.window, start.store


def _keep_at_hand(window: MainWindow, claim: DeskClaim, capture: str | None) -> None:
    """Once the desk is loaded: capture from outside (`capture`: open it now, on that mentee), tray, reminders."""
    from mentorapp.views.shell.at_hand import keep_at_hand

    keep_at_hand(window, claim, capture=capture)  # each part is the window's child, and lives as long


def _offer_recovery_kit(services: Services, window: MainWindow) -> None:
    # Imported here: the sheet needs ReportLab, which the first paint does not.
    from mentorapp.views.journal.recovery_kit import offer_recovery_kit

    offer_recovery_kit(services, parent=window)


def _save_first_paint_and_quit(start: DeskStart, png: str) -> None:
    from PySide6.QtCore import QTimer

    def save_and_quit() -> None:
        window = start.window
        saved = window is not None and window.grab().save(png, "PNG")
        start.app.exit(0 if saved else EXIT_CANNOT_OPEN)

    QTimer.singleShot(0, save_and_quit)


def run_desk(path: Path, *, capture: str | None = None, language: str | None = None) -> int:
    """Open the desk on the journal at `path`; returns the process exit code.

    `capture`: open quick capture once the desk is loaded, on the mentee named ("" for none);
    `language`: the command line's --language (None: MENTORAPP_LANG, Preferences, the system).
    """
    start = start_desk(path, capture=capture, language=language)
    start.in_event_loop = True
    first_paint = os.environ.get(ENV_FIRST_PAINT)
    if first_paint:
        start.when_loaded.append(lambda loaded: _save_first_paint_and_quit(loaded, first_paint))
    try:
        code = start.app.exec()
    finally:
        if start.window is not None:
            start.window.context.runner.wait()  # a backup or packet in flight finishes before the key goes
        if start.store is not None:
            start.store.close()
            log.info("Desk closed %s", start.store.path.name)
    return start.exit_code or code
