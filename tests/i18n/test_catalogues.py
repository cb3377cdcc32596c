"""The catalogues against the sources: every marked string translated in German, French and Spanish,
no placeholder or mnemonic broken, the compiled catalogues the install step wrote up to date."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("catalogues", ROOT / "tools" / "catalogues.py")
assert _spec is not None and _spec.loader is not None
catalogues = importlib.util.module_from_spec(_spec)
sys.modules["catalogues"] = catalogues
_spec.loader.exec_module(catalogues)

from mentorapp import i18n  # noqa: E402


@pytest.mark.parametrize("language", catalogues.LANGUAGES)
def test_every_marked_string_has_a_translation_that_keeps_its_placeholders_and_mnemonic(language: str) -> None:
    found = list(catalogues.problems(language))
    assert not found, f"{len(found)} problem(s), first ones:\n" + "\n".join(found[:40])


def test_the_checks_catch_a_lost_placeholder_a_lost_mnemonic_and_a_missing_translation() -> None:
    assert catalogues.placeholders("{name} has {count} notes, %(prog)s") == ["%(prog)s", "{count}", "{name}"]
    assert catalogues.placeholders("{{literal}} {n:d}") == ["{n:d}"]
    assert catalogues.mnemonics("&Save && close") == 1
    assert catalogues.mnemonics("Save && close") == 0
    assert catalogues.mnemonics("Speichern && &schließen") == 1


def test_a_translation_that_drops_an_opening_ellipsis_or_a_placeholder_is_reported(tmp_path, monkeypatch) -> None:
    """The check itself, on a small catalogue: what it must catch and what it must let through."""
    package = tmp_path / "mentorapp"
    (package / "views").mkdir(parents=True)
    (package / "views" / "menu.py").write_text(
        'from mentorapp.i18n import _\n_("&Export…")\n_("{count} notes for {name}")\n_("Close")\n', encoding="utf-8")
    monkeypatch.setattr(catalogues, "PACKAGE", package)
    monkeypatch.setattr(catalogues, "ROOT", tmp_path)
    monkeypatch.setattr(catalogues, "I18N", package / "i18n")
    catalogues.update(["shell"])
    wanted = {"&Export…": "&Exportieren", "{count} notes for {name}": "{count} Notizen", "Close": ""}
    (tmp_path / "de.json").write_text(__import__("json").dumps(wanted), encoding="utf-8")
    catalogues.fill("shell", "de", tmp_path / "de.json")
    found = "\n".join(catalogues.problems("de"))
    assert "closing ellipsis of '&Export…'" in found
    assert "placeholders ['{count}', '{name}'] became ['{count}']" in found
    assert "untranslated 'Close'" in found


def test_strings_are_marked_whole_never_built_from_an_f_string_or_pieces() -> None:
    """A marked string is a literal; `_(CONSTANT)` translates one marked with N_ where it was written."""
    markers = {"_", "N_", "ngettext", "pgettext"}
    wrong = []
    for path in sorted((ROOT / "mentorapp").rglob("*.py")):
        if path.parent.name == "i18n":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in markers:
                continue
            literal = 1 if name in ("_", "N_") else 2
            for arg in node.args[:literal]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    continue
                if name == "_" and isinstance(arg, (ast.Name, ast.Attribute, ast.Subscript)):
                    continue
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not wrong, "a marked string must be whole (fill placeholders with .format after): " + ", ".join(wrong)


@pytest.mark.parametrize("language", catalogues.LANGUAGES)
def test_the_compiled_catalogue_is_the_one_the_sources_make(language: str) -> None:
    """`make` (or the install's build hook) compiled what the .po files say: a stale .mo fails here."""
    compiled = i18n.translations(language)
    stale = []
    for message in catalogues.merged(language):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            got = compiled.ngettext(message.id[0], message.id[1], 1)
            wanted = message.string[0]
        elif message.context is not None:
            got, wanted = compiled.pgettext(message.context, message.id), message.string
        else:
            got, wanted = compiled.gettext(message.id), message.string
        if got != wanted:
            stale.append(message.id)
    assert not stale, f"{len(stale)} compiled translation(s) differ from the .po; run `make catalogues`: {stale[:5]}"
