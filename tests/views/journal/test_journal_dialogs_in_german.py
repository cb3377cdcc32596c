"""The journal's dialogs in German: what a lead on a German desk reads when a key does not fit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mentorapp import i18n
from mentorapp.models.errors import WrongKeyError
from mentorapp.views.journal.backups import when_text
from mentorapp.views.journal.unlock import UnlockDialog, wait_text


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
