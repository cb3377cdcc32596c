"""Finds the files in resources/ (icons, fonts, styles) wherever the app is installed.

In a wheel they live inside the package as `_resources`; in a source checkout or an
editable install they are the `resources/` folder beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from mentorapp.i18n import _

if TYPE_CHECKING:  # Qt loads only where an icon is asked for (the command line never does)
    from PySide6.QtGui import QIcon

_PACKAGE = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    for candidate in (_PACKAGE / "_resources", _PACKAGE.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(_("MentorApp's resources folder is missing from this installation."))


def resource(*parts: str) -> Path:
    """The path of one resource file, e.g. resource("fonts", "DejaVuSans.ttf")."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(_("MentorApp resource {name} is missing from this installation.").format(
            name="/".join(parts)))
    return path


def register_qt_search_paths() -> None:
    """Let Qt code say QIcon("icons:name.svg")."""
    from PySide6.QtCore import QDir

    for name in ("icons", "styles"):
        QDir.addSearchPath(name, str(resources_dir() / name))


def action_icon(name: str) -> QIcon:
    """One of the desk's own action icons (resources/icons/actions/NAME.svg), no system icon theme needed."""
    from PySide6.QtGui import QIcon

    return QIcon(str(resource("icons", "actions", f"{name}.svg")))
