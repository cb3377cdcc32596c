"""The built bundle (make package) carries what the app loads at run time, and shares journals with the source tree.

Runs only where MENTORAPP_BUNDLE names an unpacked bundle (packaging/package-test.sh sets it to the
package's /opt/mentorapp); everywhere else these tests are skipped, since there is nothing to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BUNDLE = Path(os.environ["MENTORAPP_BUNDLE"]) if os.environ.get("MENTORAPP_BUNDLE") else None

pytestmark = pytest.mark.skipif(BUNDLE is None, reason="no built bundle (MENTORAPP_BUNDLE): make package-test")


def _inside() -> Path:
    assert BUNDLE is not None
    return BUNDLE / "_internal"


def _names(folder: Path, pattern: str = "*") -> set[str]:
    return {path.name for path in folder.glob(pattern)}


def test_the_bundle_carries_the_fonts_icons_and_guide_the_app_loads() -> None:
    resources = _inside() / "mentorapp" / "_resources"
    source = REPO / "resources"
    for kind in ("fonts", "icons", "icons/actions", "guide"):
        missing = _names(source / kind) - _names(resources / kind)
        assert not missing, f"{kind} missing from the bundle: {sorted(missing)}"
    assert (resources / "fonts" / "DejaVuSans.ttf").read_bytes() == (source / "fonts" / "DejaVuSans.ttf").read_bytes()


def test_the_bundle_carries_every_migration_as_a_file_alembic_can_read() -> None:
    migrations = _inside() / "mentorapp" / "models" / "storage" / "migrations"
    source = REPO / "mentorapp" / "models" / "storage" / "migrations"
    assert (migrations / "env.py").is_file()
    assert _names(migrations / "versions", "*.py") == _names(source / "versions", "*.py")


def test_the_bundle_carries_qt_platforms_for_x11_wayland_and_offscreen_and_svg_icons() -> None:
    plugins = _inside() / "PySide6" / "Qt" / "plugins"
    assert {"libqxcb.so", "libqwayland.so", "libqoffscreen.so"} <= _names(plugins / "platforms")
    assert "libqsvg.so" in _names(plugins / "imageformats")
    assert "libqsvgicon.so" in _names(plugins / "iconengines")
    assert "libcupsprintersupport.so" in _names(plugins / "printsupport")  # File → Print


def test_the_bundle_leaves_out_the_qt_modules_the_app_does_not_use() -> None:
    libraries = _names(_inside() / "PySide6" / "Qt" / "lib")
    unused = {name for name in libraries
              if name.startswith(("libQt6WebEngine", "libQt63D", "libQt6Qml", "libQt6Quick", "libQt6Multimedia"))}
    assert not unused, f"unused Qt modules in the bundle: {sorted(unused)}"
    translations = _names(_inside() / "PySide6" / "Qt" / "translations")
    assert translations and all(name.startswith("qtbase_") for name in translations)


def test_the_bundle_speaks_german_french_and_spanish_and_carries_only_their_dates() -> None:
    for language in ("de", "fr", "es"):
        assert (_inside() / "mentorapp" / "i18n" / language / "LC_MESSAGES" / "mentorapp.mo").stat().st_size > 10_000
        assert f"qtbase_{language}.qm" in _names(_inside() / "PySide6" / "Qt" / "translations")
    locales = {name.split(".")[0].split("_")[0] for name in _names(_inside() / "babel" / "locale-data", "*.dat")}
    assert locales == {"root", "en", "de", "fr", "es"}


def test_the_bundled_program_refuses_in_the_language_of_the_system(tmp_path: Path) -> None:
    assert BUNDLE is not None
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "de_DE.UTF-8",
           "MENTORAPP_DB": str(tmp_path / "journal.db"), "MENTORAPP_PASSPHRASE": "auf Deutsch bitte"}
    done = subprocess.run([str(BUNDLE / "mentorapp"), "--help"], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0 and "Optionen" in done.stdout, done.stdout + done.stderr


def _run(program: list[str], journal: Path, home: Path, *args: str) -> str:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "MENTORAPP_DB": str(journal), "MENTORAPP_PASSPHRASE": "from the source and back"}
    if program[0] == sys.executable:
        env["PYTHONPATH"] = str(REPO)
    done = subprocess.run([*program, *args], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"{' '.join(args)} failed: {done.stderr}"
    return done.stdout


def test_a_journal_goes_from_the_source_tree_to_the_bundle_and_back(tmp_path: Path) -> None:
    assert BUNDLE is not None
    source, bundled = [sys.executable, "-m", "mentorapp"], [str(BUNDLE / "mentorapp")]
    journal, home = tmp_path / "team.db", tmp_path / "home"
    home.mkdir()
    _run(source, journal, home, "mentee", "add", "Ada Lovelace")
    _run(source, journal, home, "note", "Ada", "Asked for time on the compiler rewrite")

    assert "Ada Lovelace" in _run(bundled, journal, home, "mentee", "list")
    assert "compiler rewrite" in _run(bundled, journal, home, "search", "compiler")
    _run(bundled, journal, home, "mentee", "add", "Grace Hopper")
    _run(bundled, journal, home, "note", "Grace", "Led the incident review calmly")

    listed = _run(source, journal, home, "mentee", "list")
    assert "Ada Lovelace" in listed and "Grace Hopper" in listed
    assert "incident review" in _run(source, journal, home, "search", "incident")


def test_the_bundled_program_upgrades_a_journal_of_an_earlier_schema(tmp_path: Path) -> None:
    """The migrations run in the bundle (Alembic reading its scripts from the bundle's files), not only ship."""
    from mentorapp.models.storage import migrate
    from mentorapp.models.storage.store import Key, _make_engine

    assert BUNDLE is not None
    journal, home = tmp_path / "older.db", tmp_path / "home"
    home.mkdir()
    earlier = migrate.revisions()[-2]
    engine = _make_engine(journal, Key(secret="from the source and back"))
    migrate.upgrade(engine, earlier)
    engine.dispose()

    assert "No mentees yet" in _run([str(BUNDLE / "mentorapp")], journal, home, "mentee", "list")
    upgraded = _make_engine(journal, Key(secret="from the source and back"))
    with upgraded.connect() as connection:
        revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    upgraded.dispose()
    assert revision == migrate.revisions()[-1], f"the bundle left the journal at {revision}"
