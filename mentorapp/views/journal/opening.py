"""Opening the journal when the desk starts: the key in the documented order, then a person if needed.

A key change that a killed process left half-done is settled first (finished or undone)
and a message box says which key opens the journal now. The environment's passphrase
or the keyring's key open it without a word; else the
unlock dialog asks for the passphrase or the recovery key (three tries); a damaged
or missing journal gets the dialog that offers its newest good backup. Any other
reason is one sentence in a message box.

The policy itself (key order, backup before an upgrade, damage told apart from a wrong
key) is `models/trust/opening.py`'s, shared with the command line and the auto-lock;
this module only asks and tells. In app.py:

    store = open_journal_for_desk(path)
    if store is None:
        return EXIT_CANNOT_OPEN
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from mentorapp.i18n import _, ngettext
from mentorapp.models.errors import JournalDamagedError, StoreError, describe_exception
from mentorapp.models.services import Store
from mentorapp.models.trust import opening

# The unlock and damaged-journal dialogs load when a person has to be asked or a journal is damaged,
# not on every start.

log = logging.getLogger(__name__)


class _Closed(Exception):
    """The person closed the unlock dialog; the desk does not open."""


def open_journal_for_desk(path: Path, *, parent: QWidget | None = None) -> Store | None:
    """The open journal, or None when it stays closed (the person was told why)."""
    path = Path(path).expanduser()
    start_over = False
    while True:
        try:
            store = opening.open_without_asking(path, create=True, start_over=start_over,
                                                told=lambda sentence: _tell(sentence, parent))
            return store if store is not None else _ask_person(path, parent)
        except _Closed:
            return None
        except JournalDamagedError as exc:
            from mentorapp.views.journal.damaged import Choice, offer_restore

            log.warning("Journal %s does not open: %s", path.name, describe_exception(exc))
            choice = offer_restore(exc, parent=parent)
            log.info("Damaged journal %s: the person chose %s", path.name, choice.name)
            if choice is Choice.QUIT:
                return None
            start_over = choice is Choice.START_OVER
        except StoreError as exc:
            log.warning("Journal %s refused: %s", path.name, describe_exception(exc))
            QMessageBox.critical(parent, "MentorApp", str(exc))
            return None


def _tell(sentence: str, parent: QWidget | None) -> None:
    """A key change cut short was settled before the journal opened: say which key opens it now."""
    log.info("A key change cut short was settled before opening")
    QMessageBox.information(parent, "MentorApp", sentence)


def _ask_person(path: Path, parent: QWidget | None) -> Store:
    from mentorapp.views.journal.unlock import TRIES, UnlockDialog

    creating = opening.is_new_journal(path)
    dialog = UnlockDialog(path, attempt=lambda key: opening.open_typed(path, key), creating=creating, parent=parent)
    if not creating and not opening.keyring_available():
        dialog.intro.setText(
            _("Type the journal's passphrase. If its key was kept in a keyring this computer no longer has, "
              "use the recovery key from its recovery sheet.")
        )
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.result_value
    if dialog.error is not None:
        raise dialog.error
    log.info("Unlock of %s not done (%s)", path.name, "three wrong tries" if dialog.gave_up else "closed")
    if dialog.gave_up:
        QMessageBox.warning(
            parent, "MentorApp",
            ngettext("{n} try did not open {name}; it stays closed. If its key lived in a keyring "
                     "that is gone, start MentorApp again and use the recovery key.",
                     "{n} tries did not open {name}; it stays closed. If its key lived in a keyring "
                     "that is gone, start MentorApp again and use the recovery key.", TRIES).format(
                n=TRIES, name=path.name),
        )
    raise _Closed
