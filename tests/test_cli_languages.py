"""The command line in German, French and Spanish: chosen by MENTORAPP_LANG, --language or preferences,
its refusals and argparse's own words in that language, one line on stderr and exit code 2."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.test_cli import run

NBSP = "\u202f"


def refused(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize(("tag", "sentence"), [
    ("de_DE", "'x' ist keine ganze Zahl"),
    ("fr_FR", "'x' n'est pas un nombre entier"),
    ("es_ES", "'x' no es un número entero"),
])
def test_a_mistyped_number_is_refused_in_the_language_of_mentorapp_lang(tmp_path: Path, tag: str,
                                                                        sentence: str) -> None:
    said = refused(run("mentee", "add", "Ana Lima", "--cadence", "x", db=tmp_path / "journal.db",
                       extra_env={"MENTORAPP_LANG": tag}))
    assert sentence in said
    assert not (tmp_path / "journal.db").exists()


@pytest.mark.parametrize(("tag", "sentence"), [
    ("de_DE", "ungültige Wahl: 'mente'"),
    ("fr_FR", f"choix non valide{NBSP}: 'mente'"),
    ("es_ES", "opción no válida: 'mente'"),
])
def test_a_mistyped_command_is_refused_in_argparse_words_translated(tag: str, sentence: str) -> None:
    assert sentence in refused(run("mente", "add", "Ana", passphrase=None, extra_env={"MENTORAPP_LANG": tag}))


def test_language_after_the_subcommand_wins_over_mentorapp_lang() -> None:
    said = refused(run("note", "--language", "de", passphrase=None, extra_env={"MENTORAPP_LANG": "fr_FR"}))
    assert "diese Argumente fehlen: MENTEE, TEXT" in said and "(siehe 'mentorapp note --help')" in said


def test_help_is_translated_before_the_parser_is_built() -> None:
    german = run("--language", "de", "--help", passphrase=None)
    assert german.returncode == 0, german.stderr
    assert german.stdout.startswith("Aufruf: mentorapp")
    assert "diese Hilfe zeigen und beenden" in german.stdout
    assert "eine kurze Notiz ins Journal schreiben" in german.stdout
    spanish = run("help", "mentee", "add", passphrase=None, extra_env={"MENTORAPP_LANG": "es_ES"})
    assert spanish.returncode == 0, spanish.stderr
    assert "días entre seguimientos (14 por defecto)" in spanish.stdout
    assert "opciones:" in spanish.stdout


def test_an_unknown_language_is_one_line_and_exit_2() -> None:
    said = refused(run("--language", "klingon", "help", passphrase=None))
    assert "MentorApp does not speak 'klingon'; choose one of de, en, es, fr." in said
    said = refused(run("--language=xx", "help", passphrase=None, extra_env={"MENTORAPP_LANG": "de_DE"}))
    assert "MentorApp spricht 'xx' nicht" in said


def test_preferences_keeps_the_language_until_set_back_to_the_system(tmp_path: Path) -> None:
    config = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "MENTORAPP_LANG": "",
              "LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": ""}
    saved = run("preferences", "--language", "fr", passphrase=None, extra_env=config)
    assert saved.returncode == 0, saved.stderr
    assert "MentorApp parle désormais Français" in saved.stdout
    assert "n'est pas un nombre entier" in refused(run("demo", "--seed", "x", passphrase=None, extra_env=config))
    back = run("preferences", "--language", "system", passphrase=None, extra_env=config)
    assert back.returncode == 0, back.stderr
    assert "MentorApp now follows the system's language (English)." in back.stdout
    assert "is not a whole number" in refused(run("demo", "--seed", "x", passphrase=None, extra_env=config))


def test_preferences_shows_the_language_in_the_table(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    config = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "MENTORAPP_LANG": ""}
    assert run("mentee", "add", "Ana Lima", db=db, extra_env=config).returncode == 0
    assert run("preferences", "--language", "de", db=db, extra_env=config).returncode == 0
    shown = run("preferences", db=db, extra_env=config)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].split() == ["EINSTELLUNG", "WERT"]
    assert any(line.startswith("Sprache") and line.rstrip().endswith("Deutsch") for line in lines)
    assert any("nach 60 Tagen" in line for line in lines)


def test_what_a_command_prints_is_in_german(tmp_path: Path) -> None:
    db, german = tmp_path / "journal.db", {"MENTORAPP_LANG": "de_DE"}
    added = run("mentee", "add", "Ana Lima", "--cadence", "7", db=db, extra_env=german)
    assert added.returncode == 0, added.stderr
    assert added.stdout == "Ana Lima (#1) hinzugefügt, Check-in alle 7 Tage.\n"
    listing = run("mentee", "list", db=db, extra_env=german)
    assert listing.stdout.splitlines()[0].split() == ["NAME", "ROLLE", "RHYTHMUS", "LETZTER", "KONTAKT", "STAND"]
    assert "7 T." in listing.stdout
    unknown = refused(run("packet", "--combined", "-o", str(tmp_path / "out.pdf"), db=db, extra_env=german))
    assert "Nennen Sie einen Mentee, oder --all für das ganze Team." in unknown


def test_the_team_list_gives_each_health_mark_in_the_lead_s_language(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert run("demo", db=db).returncode == 0
    english = run("mentee", "list", db=db).stdout
    german = run("mentee", "list", db=db, extra_env={"MENTORAPP_LANG": "de_DE"}).stdout
    assert "overdue" in english and "unrecognised" in english
    assert "überfällig" in german and "ohne Anerkennung" in german
    assert "overdue" not in german and "unrecognised" not in german and "undiscussed" not in german


def test_the_list_of_backups_says_why_each_was_made_in_the_lead_s_language(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert run("mentee", "add", "Ana Lima", db=db).returncode == 0
    assert run("backup", db=db).returncode == 0
    listing = run("backup", "--list", db=db, extra_env={"MENTORAPP_LANG": "de_DE"}).stdout
    assert listing.splitlines()[0].split() == ["ERSTELLT", "ANLASS", "GRÖSSE", "DATEI"]
    assert "Von Hand erstellt" in listing
