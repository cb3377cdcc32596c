"""Shows the desk what other programs wrote to its journal (the command line, a restore), without a restart.

A timer asks SQLite's `PRAGMA data_version` on a connection of its own: the value
changes whenever another connection committed. Commits this desk made itself are
told apart by the store's own count of committed writes, so only foreign writes
are announced, as `Topic.JOURNAL` on the change bus (everything may have changed).

In the main window:  JournalWatcher(services, parent=self).start()
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from mentorapp.models.services import Services, Topic

DEFAULT_INTERVAL_MS = 1500


class JournalWatcher(QObject):
    """Polls the journal for writes made by other processes and announces them."""

    foreign_write = Signal()  # after Topic.JOURNAL was published for it

    def __init__(self, services: Services, *, interval_ms: int = DEFAULT_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_now)
        self._connection: Any = None  # a sqlcipher3 connection while watching
        self._generation = -1
        self._version: int | None = None
        self._own = 0

    def start(self) -> None:
        self._baseline()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._disconnect()

    def check_now(self) -> bool:
        """Look once; True (and the change announced) when another process wrote since the last look."""
        store = self.services.store
        if store.locked or store.key_changing:
            # The key is put away, or the journal is being taken exclusively to change it: let go.
            self._disconnect()
            return False
        if self._connection is None or store.generation != self._generation:
            self._baseline()
            return False
        try:
            version = self._connection.execute("PRAGMA data_version").fetchone()[0]
        except Exception:  # a vanished or re-keyed file: start again on the next tick
            self._disconnect()
            return False
        own = store.local_commits
        foreign = version != self._version and own == self._own
        self._version, self._own = version, own
        if foreign:
            self.services.changes.publish(Topic.JOURNAL)
            self.foreign_write.emit()
        return foreign

    def _baseline(self) -> None:
        store = self.services.store
        self._disconnect()
        if store.locked or store.key_changing:
            return
        try:
            self._connection = self.services.journal.watch_connection()
            self._version = self._connection.execute("PRAGMA data_version").fetchone()[0]
        except Exception:  # try again on the next tick
            self._disconnect()
            return
        self._generation = store.generation
        self._own = store.local_commits

    def _disconnect(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except Exception:  # closing a broken connection
                pass
            self._connection = None
