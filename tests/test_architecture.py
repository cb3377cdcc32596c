"""The house rules that keep the core headless and the package installable."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_importing_the_core_loads_no_qt() -> None:
    code = (
        "import sys, mentorapp.models, mentorapp.models.services, mentorapp.models.insights, "
        "mentorapp.models.trust.keys, mentorapp.models.services.interchange, mentorapp.models.services.demo, "
        "mentorapp.models.storage.migrate, mentorapp.cli\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(loaded))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_no_module_under_models_imports_qt() -> None:
    offenders = []
    for path in (ROOT / "mentorapp" / "models").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names] if isinstance(node, ast.Import)
                else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )
            if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in names):
                offenders.append(path.relative_to(ROOT))
    assert offenders == []


@pytest.mark.slow
def test_wheel_ships_resources_and_migrations(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp_path),
         str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(tmp_path.glob("mentorapp-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "mentorapp/_resources/icons/mentorapp.svg",
        "mentorapp/models/storage/migrations/env.py",
        "mentorapp/models/storage/migrations/script.py.mako",
        "mentorapp/models/storage/migrations/versions/0001_initial.py",
    }
    assert expected <= names
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))
    ).decode()
    assert "[gui_scripts]" in entry_points and "mentorapp = mentorapp.cli:main" in entry_points
