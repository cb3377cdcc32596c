"""Showing a folder in the platform's file manager, without handing it the journal's passphrase.

Qt opens a folder by starting another program (xdg-open, a file manager), which inherits
this process's environment, MENTORAPP_PASSPHRASE included. The variable is taken out of
the environment for the moment the program is started and put back at once.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def show_folder(folder: Path) -> bool:
    """Open `folder` in the file manager; False when the platform could not."""
    # Imported here: the crash reporter needs this module before the first paint, the stack later.
    from mentorapp.models.trust.opening import ENV_PASSPHRASE

    secret = os.environ.pop(ENV_PASSPHRASE, None)
    try:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    finally:
        if secret is not None:
            os.environ[ENV_PASSPHRASE] = secret
