"""`mentorapp rekey` that dies (os._exit, as under SIGKILL: no clean-up runs) at a chosen moment of the change.

    python -m tests.support.rekey_dies MOMENT mentorapp-arguments…

MOMENT is one of:
- `before-rename`: the journal's copy and the backups' copies are written and checked, not yet in place;
- `after-rename`: the journal's copy is in place, no backup's copy yet;
- `after-first-backup`: the journal's copy and one backup's copy are in place;
- `before-keyring`: every copy is in place, the keyring not yet switched.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from mentorapp import cli
from mentorapp.models.trust import key_change


def die() -> None:
    sys.stdout.flush()
    os._exit(137)


def main() -> None:
    moment, arguments = sys.argv[1], sys.argv[2:]
    real_replace = os.replace
    real_replace_durably = key_change.replace_durably
    real_set, real_forget, real_remove_marker = (key_change.keys.keyring_set, key_change.keys.keyring_forget,
                                                 key_change._remove_marker)
    renamed = False

    def is_journal_rename(source: object, target: object) -> bool:
        # The journal's copy is a hidden temporary file; backups, the marker and records have other names.
        name, final = os.path.basename(str(source)), os.path.basename(str(target))
        return name.startswith(".") and not final.startswith(".") and not final.endswith(".key-change")

    def replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal renamed
        if not is_journal_rename(source, target):
            real_replace(source, target, *args, **kwargs)
            return
        if moment == "before-rename":
            die()
        real_replace(source, target, *args, **kwargs)
        renamed = True
        if moment == "after-rename":
            die()

    def replace_durably(source: Any, target: Any) -> None:
        real_replace_durably(source, target)
        if moment == "after-first-backup":
            die()

    def after_rename(real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if renamed and moment == "before-keyring":
                die()
            return real(*args, **kwargs)
        return wrapped

    os.replace = replace
    key_change.replace_durably = replace_durably  # type: ignore[assignment]
    key_change.keys.keyring_set = after_rename(real_set)  # type: ignore[assignment]
    key_change.keys.keyring_forget = after_rename(real_forget)  # type: ignore[assignment]
    key_change._remove_marker = after_rename(real_remove_marker)  # type: ignore[assignment]
    sys.exit(cli.main(arguments))


if __name__ == "__main__":
    main()
