"""One desk per journal: a second desk on the same journal is refused and raises the first one.

The first desk holds an OS file lock and listens on a QLocalServer, both named after
the journal's file (see models/trust/desk_lock.py, which the command line reads too). A second
desk fails to take the lock, asks the first one over the local socket to come to
the front, and tells the person so.

In app.py, before building the window:

    claim = claim_journal(path)
    if not claim.acquired:
        refuse_second_desk(claim)
        return EXIT_ALREADY_OPEN
    ...
    claim.setParent(window)
    claim.raise_requested.connect(lambda: bring_to_front(window))

`mentorapp capture` talks to the same server (models/trust/desk_channel.py checks it is the
user's own first); its requests come out as `capture_requested`.
"""

from __future__ import annotations

import logging
import os
import socket as _socket
import struct
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.trust.opening import claim_desk, desk_channel, desk_server_name, runtime_folder

RAISE_MESSAGE = b"raise\n"
CONNECT_TIMEOUT_MS = 1000
MAX_MESSAGE = 4096  # a line longer than this is nobody's request

Answer = Callable[[str], None]

log = logging.getLogger(__name__)


def _same_user(socket: QLocalSocket) -> bool:
    """Whether the process at the other end runs as this user (Linux tells; elsewhere the folder's 0700 must do)."""
    peer_credentials = getattr(_socket, "SO_PEERCRED", None)
    if peer_credentials is None or not hasattr(os, "getuid"):
        return True
    try:
        with _socket.socket(fileno=os.dup(int(socket.socketDescriptor()))) as peer:
            _pid, uid, _gid = struct.unpack("3i", peer.getsockopt(_socket.SOL_SOCKET, peer_credentials,
                                                                  struct.calcsize("3i")))
    except OSError:
        return False
    return uid == os.getuid()


def _answer(socket: QLocalSocket, answer: str) -> None:
    """Send the one-line answer to a capture request, and end the conversation."""
    # The command that asked logs nothing on its quick way (cli/capture_client.py): the desk's log says it.
    log.info("Capture request answered: %s", desk_channel.parse_request(answer.encode("utf-8"))[0])
    try:
        if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            return  # the command gave up waiting: the dialog is open all the same
        socket.write((" ".join(answer.splitlines()) + "\n").encode("utf-8", "replace"))
        socket.flush()
        socket.disconnectFromServer()
    except RuntimeError:  # the socket was already deleted after the command hung up
        return


def _server_name(journal: Path) -> str:
    # On Unix a full path keeps the socket in the private runtime folder; Windows wants a pipe name.
    if os.name == "nt":
        return desk_server_name(journal)
    return str(runtime_folder() / f"{desk_server_name(journal)}.sock")


class DeskClaim(QObject):
    """The right to be the one desk on a journal, held until `release` (or the process ends)."""

    raise_requested = Signal()  # a second desk asked this one to come to the front
    # `mentorapp capture [MENTEE]` asked for quick capture: (the name typed, or "", and a callable
    # taking the one-line answer, which the handler calls once the dialog is on screen).
    capture_requested = Signal(str, object)

    def __init__(self, journal: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = Path(journal).expanduser()
        self._server: QLocalServer | None = None
        self.first_desk_raised = False
        self._problem = ""  # why the journal could not be claimed at all (the lock folder), else ""
        try:
            # An OS lock, so it ends with this process however it ends.
            self._lock = claim_desk(self.journal)
        except MentorAppError as exc:
            self._lock, self._problem = None, str(exc)
        self.acquired = self._lock is not None
        if self.acquired:
            self._listen()
        elif not self._problem:
            self.first_desk_raised = self._ask_first_desk_to_raise()

    def _listen(self) -> None:
        name = _server_name(self.journal)
        QLocalServer.removeServer(name)  # a socket left by a desk that was killed
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_connection)
        if server.listen(name):
            self._server = server

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if not _same_user(socket):
                log.warning("Refused a connection to the desk's socket from another user")
                socket.abort()  # the folder is the user's own; this is a second lock on the door
                socket.deleteLater()
                continue
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_MESSAGE:
                socket.disconnectFromServer()
            return  # the rest of the line is on its way
        verb, argument = desk_channel.parse_request(bytes(socket.readLine().data()))
        if verb == desk_channel.RAISE:
            self.raise_requested.emit()
        elif verb == desk_channel.CAPTURE:
            self.capture_requested.emit(argument, lambda answer, s=socket: _answer(s, answer))
            return  # the handler answers, and the answer ends the conversation
        socket.disconnectFromServer()

    def _ask_first_desk_to_raise(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(_server_name(self.journal))
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(RAISE_MESSAGE)
        sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return sent

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
            self.acquired = False

    @property
    def refusal(self) -> str:
        """The sentence a refused second desk shows."""
        name = self.journal.name
        if self._problem:
            return self._problem
        if self.first_desk_raised:
            return _("{file} is already open in MentorApp; that window has been brought to the front.").format(
                file=name)
        return _("{file} is already open in another MentorApp window; use that one, or close it first.").format(
            file=name)


def claim_journal(journal: Path, *, parent: QObject | None = None) -> DeskClaim:
    """Try to become the one desk on `journal`; check `.acquired` on the result."""
    return DeskClaim(journal, parent)


def refuse_second_desk(claim: DeskClaim, parent: QWidget | None = None) -> None:
    """Tell the person why this second desk does not open."""
    QMessageBox.information(parent, "MentorApp", claim.refusal)


def bring_to_front(window: QWidget) -> None:
    """Show, un-minimise and activate a window (asked for by a second desk)."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
