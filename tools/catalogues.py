"""MentorApp's translation catalogues: extract the marked strings, update the `.po` sources, compile them.

    python tools/catalogues.py update [AREA…]   # marked strings into mentorapp/i18n/<language>/<area>.po
    python tools/catalogues.py compile          # mentorapp/i18n/<language>/LC_MESSAGES/mentorapp.mo (install step)
    python tools/catalogues.py check [AREA…]    # what a translator still has to do, per language and area
    python tools/catalogues.py fill AREA LANGUAGE FILE.json   # translations from {msgid: msgstr} into a .po
        (a plural's msgstr is a list of forms, keyed by its singular; a context is "context\u0004msgid")

Each part of the code has its own `.po` file per language (AREAS), so the command line, the packets
and each part of the desk are translated on their own. `update` keeps every translation already made,
adds new strings untranslated and drops the ones no longer in the sources. The compiled catalogue
of a language is all its areas in one; a string used in two areas must read the same in both.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mentorapp"
I18N = PACKAGE / "i18n"
LANGUAGES = ("de", "fr", "es")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
# Where a source file's strings are translated: the first prefix (relative to mentorapp/) that matches.
AREAS: tuple[tuple[str, ...], ...] = (
    ("models/services/demo.py", "demo"),
    ("models/sync/", "sync"),
    ("cli/sync.py", "sync"),
    ("views/journal/sync", "sync"),
    ("models/services/", "services"),
    ("models/", "core"),
    ("i18n/", "core"),
    ("cli/", "cli"),
    ("packets/", "packets"),
    ("views/mentee/", "mentee"),
    ("views/journal/", "journal"),
    ("views/widgets/", "widgets"),
    ("views/", "shell"),
    ("", "shell"),  # app.py, logs.py, resources.py
)
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%\([A-Za-z_]+\)[sdr]|%[sdr]")
MNEMONIC = re.compile(r"&(?!&)(.)", re.DOTALL)


def area_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE).as_posix()
    return next(area for prefix, area in AREAS if relative.startswith(prefix))


@dataclass(frozen=True)
class Message:
    msgid: str | tuple[str, ...]
    context: str | None
    locations: tuple[tuple[str, int], ...]
    comments: tuple[str, ...]


def extract() -> dict[str, dict[tuple[str | tuple[str, ...], str | None], Message]]:
    """Every marked string of the sources, by area."""
    from babel.messages.extract import extract_from_file

    found: dict[str, dict[tuple[str | tuple[str, ...], str | None], Message]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        area = area_of(path)
        relative = path.relative_to(ROOT).as_posix()
        for lineno, msgid, comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True,
        ):
            key = (msgid, context)
            messages = found.setdefault(area, {})
            previous = messages.get(key)
            locations = ((relative, lineno),) if previous is None else (*previous.locations, (relative, lineno))
            notes = tuple(comments) if previous is None else tuple(dict.fromkeys((*previous.comments, *comments)))
            messages[key] = Message(msgid, context, locations, notes)
    return found


def po_path(language: str, area: str) -> Path:
    return I18N / language / f"{area}.po"


def read(path: Path, language: str):  # noqa: ANN201 - babel's Catalog, untyped
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    if not path.exists():
        return Catalog(locale=language, domain="mentorapp", project="MentorApp", fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def update(areas: Iterable[str] = ()) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    wanted = set(areas)
    for area, messages in extract().items():
        if wanted and area not in wanted:
            continue
        template = Catalog(domain="mentorapp", project="MentorApp", fuzzy=False)
        for message in messages.values():
            template.add(message.msgid, locations=message.locations, auto_comments=message.comments,
                         context=message.context)
        for language in LANGUAGES:
            path = po_path(language, area)
            catalog = read(path, language)
            catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
            catalog.obsolete.clear()
            catalog.project, catalog.version = "MentorApp", ""
            catalog.fuzzy = False
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                write_po(handle, catalog, width=100, sort_output=False, omit_header=False, include_previous=False,
                         include_lineno=False)
    print("updated", ", ".join(sorted(wanted or extract())), "in", ", ".join(LANGUAGES))


def fill(area: str, language: str, source: Path) -> int:
    """Set translations from a JSON object into `language`'s `area`.po; returns how many were set."""
    import json

    from babel.messages.pofile import write_po

    path = po_path(language, area)
    catalog = read(path, language)
    wanted = json.loads(source.read_text(encoding="utf-8"))
    done = 0
    for key, value in wanted.items():
        context, _sep, msgid = key.rpartition("\u0004")
        message = catalog.get(msgid, context=context or None)
        if message is None:
            plural = next((m for m in catalog if isinstance(m.id, tuple) and m.id[0] == msgid
                           and m.context == (context or None)), None)
            message = plural
        if message is None:
            print(f"not in {path.name}: {msgid!r}", file=sys.stderr)
            continue
        message.string = tuple(value) if isinstance(message.id, tuple) else value
        message.flags.discard("fuzzy")
        done += 1
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=False, omit_header=False, include_previous=False,
                 include_lineno=False)
    return done


def merged(language: str):  # noqa: ANN201 - babel's Catalog
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=language, domain="mentorapp", project="MentorApp", fuzzy=False)
    for path in sorted((I18N / language).glob("*.po")):
        for message in read(path, language):
            strings = (message.string,) if isinstance(message.string, str) else tuple(message.string)
            if message.id and strings and all(strings) and not message.fuzzy:
                catalog.add(message.id, message.string, context=message.context)
    return catalog


def compile_all(target: Path | None = None) -> list[Path]:
    """Write every language's compiled catalogue (under `target`, default mentorapp/i18n); returns the files."""
    from babel.messages.mofile import write_mo

    written = []
    for language in LANGUAGES:
        out = (target or I18N) / language / "LC_MESSAGES" / "mentorapp.mo"
        out.parent.mkdir(parents=True, exist_ok=True)
        temporary = out.with_suffix(".mo.tmp")
        with temporary.open("wb") as handle:
            write_mo(handle, merged(language), use_fuzzy=False)
        temporary.replace(out)
        written.append(out)
    return written


# -- what the catalogue test and `check` report ---------------------------------------------------------------
def placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text.replace("{{", "").replace("}}", "")))


def mnemonics(text: str) -> int:
    return len(MNEMONIC.findall(text.replace("&&", "")))


def _forms(msgid: str | tuple[str, ...], string: str | tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    ids = (msgid,) if isinstance(msgid, str) else tuple(msgid)
    strings = (string,) if isinstance(string, str) else tuple(string)
    for index, text in enumerate(strings):
        yield ids[min(index, len(ids) - 1)], text


def problems(language: str, areas: Iterable[str] = ()) -> Iterator[str]:
    """Every string of the sources without a translation in `language`, and every translation that breaks one."""
    extracted = extract()
    wanted = set(areas)
    translated: dict[tuple[object, object], tuple[str, object]] = {}
    for area, messages in sorted(extracted.items()):
        if wanted and area not in wanted:
            continue
        catalog = read(po_path(language, area), language)
        for key, message in messages.items():
            where = "{}:{}".format(*message.locations[0])
            found = catalog.get(message.msgid, context=message.context)
            strings = () if found is None else ((found.string,) if isinstance(found.string, str) else found.string)
            if found is None or found.fuzzy or not strings or not all(strings):
                yield f"{language}: untranslated {_show(message.msgid)} ({where})"
                continue
            for source, text in _forms(message.msgid, found.string):
                # A plural form for one may say "one" instead of {n}; every other placeholder must be kept.
                kept = placeholders(source)
                have = placeholders(text)
                if have != kept and not (set(have) <= set(kept) and isinstance(message.msgid, tuple)):
                    yield f"{language}: placeholders {kept} became {have} in {_show(text)} ({where})"
                if mnemonics(source) != mnemonics(text):
                    yield f"{language}: the mnemonic of {_show(source)} is lost or doubled in {_show(text)} ({where})"
                # "…" on a menu item or button says it opens a dialog first, in every language.
                if source.endswith("…") != text.endswith("…"):
                    yield (f"{language}: the closing ellipsis of {_show(source)} is lost or added in {_show(text)}"
                           f" ({where})")
            earlier = translated.get(key)
            if earlier is not None and earlier[1] != found.string:
                yield f"{language}: {_show(message.msgid)} reads differently in {earlier[0]} and {area}"
            translated.setdefault(key, (area, found.string))


def _show(text: str | tuple[str, ...]) -> str:
    shown = text if isinstance(text, str) else " / ".join(text)
    return repr(shown[:70] + ("…" if len(shown) > 70 else ""))


def check(areas: Iterable[str] = ()) -> int:
    found = [problem for language in LANGUAGES for problem in problems(language, tuple(areas))]
    for problem in found:
        print(problem)
    print(f"{len(found)} problem(s)")
    return 1 if found else 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "update":
        update(argv[2:])
        return 0
    if command == "compile":
        for path in compile_all():
            print("compiled", path.relative_to(ROOT))
        return 0
    if command == "fill" and len(argv) == 5:
        print("set", fill(argv[2], argv[3], Path(argv[4])), "translation(s)")
        return 0
    if command == "check":
        return check(argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
