"""A keyring for benchmark runs: hands out the raw key given in MENTORAPP_BENCH_KEY.

The desk normally gets a raw 256-bit key from the OS keyring, which costs no key
stretching at open; benchmark processes have no OS keyring, so this backend plays
its part (selected with PYTHON_KEYRING_BACKEND=bench.keyring_backend.EnvKeyring).
"""

from __future__ import annotations

import os

from keyring.backend import KeyringBackend


class EnvKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return os.environ.get("MENTORAPP_BENCH_KEY")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError("the benchmark keyring is read-only")

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError("the benchmark keyring is read-only")
