"""The journal's dialogs in German, French and Spanish: what a lead reads when a key does not fit, and one
Alt letter per control in each language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mentorapp import i18n
from mentorapp.models.errors import WrongKeyError
from mentorapp.views.journal.backups import when_text
from mentorapp.views.journal.unlock import UnlockDialog, wait_text


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The language preference in a folder of this test's own (platformdirs follows XDG_CONFIG_HOME)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def test_the_unlock_dialog_counts_wrong_tries_in_german(qtbot, tmp_path: Path) -> None:
    def attempt(_key: object) -> None:
        raise WrongKeyError("wrong")

    with i18n.speaking("de"):
        dialog = UnlockDialog(tmp_path / "team.db", attempt=attempt, retry_in=lambda: 0)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Journal entsperren"
        assert dialog.ok_button.text() == "Entsperren"
        dialog.passphrase.setText("falsch geraten")
        dialog.try_unlock()
        assert dialog.problem.text() == "Diese Passphrase öffnet dieses Journal nicht (noch 2 Versuche)."
        dialog.try_unlock()
        assert dialog.problem.text() == "Diese Passphrase öffnet dieses Journal nicht (noch 1 Versuch)."
        assert wait_text(130) == ("Zu viele falsche Versuche hintereinander. Versuchen Sie es in 2 min 10 s "
                                  "erneut.")
        today = dt.date(2026, 11, 29)
        assert when_text(dt.datetime(2026, 11, 28, 18, 2), today=today).startswith("Gestern, ")


@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_the_journal_dialogs_keep_one_alt_letter_per_control_in_every_language(qtbot, desk, language: str,
                                                                              config: Path) -> None:
    from mnemonic_walker import window_clashes

    from mentorapp.views.journal.backups import BackupsDialog
    from mentorapp.views.journal.change_key import ChangeKeyDialog
    from mentorapp.views.journal.preferences import PreferencesDialog
    from mentorapp.views.journal.privacy import AccessRequestDialog
    from mentorapp.views.journal.starters import StartersDialog
    from mentorapp.views.journal.trash import TrashDialog

    context = desk.context
    clashes = []
    with i18n.speaking(language):
        for dialog in (PreferencesDialog(context.services, desk), ChangeKeyDialog(context.services, context.runner),
                       BackupsDialog(context.services, context.runner), TrashDialog(context),
                       StartersDialog(context), AccessRequestDialog(context)):
            qtbot.addWidget(dialog)
            dialog.show()
            clashes += [f"{type(dialog).__name__}: {clash}" for clash in window_clashes(dialog)]
            dialog.hide()
    assert clashes == []
