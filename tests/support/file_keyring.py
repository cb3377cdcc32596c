"""A keyring backend for command-line tests: keeps secrets in a JSON file named by an environment variable.

Only for tests, which need a keyring shared by several processes; the app itself
refuses plaintext keyrings.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend

ENV_FILE = "MENTORAPP_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    """Secrets in one JSON file, so that several test processes see the same keyring."""

    priority = 1

    @staticmethod
    def _path() -> Path:
        return Path(os.environ[ENV_FILE])

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def _change(self, change) -> None:
        """Read, change and write the file as one step among processes (like a real keyring's daemon)."""
        import fcntl

        path = self._path()
        with open(f"{path}.lock", "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = self._load()
            change(data)
            partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
            partial.write_text(json.dumps(data), encoding="utf-8")
            os.replace(partial, path)  # a reader sees the old file or the new one, never half of one

    def set_password(self, service: str, username: str, password: str) -> None:
        self._change(lambda data: data.__setitem__(f"{service}\n{username}", password))

    def delete_password(self, service: str, username: str) -> None:
        self._change(lambda data: data.pop(f"{service}\n{username}", None))
