"""The house rules that keep the core headless and the package installable."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mentorapp"

# What views/ may import of models/: the use cases, what they return and their words. The
# opening policy is the one part of trust/ the desk needs before any Services exist (at
# start-up, for a damaged journal, for the one-desk claim) and for what a person types.
VIEWS_MAY_IMPORT = (
    "mentorapp.models.services",
    "mentorapp.models.readmodels",
    "mentorapp.models.errors",
    "mentorapp.models.vocabulary",
    "mentorapp.models.insights",
    "mentorapp.models.validation",
    "mentorapp.models.trust.opening",
)


# -- the import graph of mentorapp, imports inside functions included ----------------------------------------
def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def _is_type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _walk_run_time(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below `node` that can run: `if TYPE_CHECKING:` blocks are left out, function bodies are not."""
    for child in ast.iter_child_nodes(node):
        if _is_type_checking_block(child):
            for statement in child.orelse:
                yield statement
                yield from _walk_run_time(statement)
            continue
        yield child
        yield from _walk_run_time(child)


def imported_modules(source: str, importer: str, known: set[str], *, is_package: bool = False) -> set[str]:
    """The project modules a module's code imports when it runs, wherever the import statement stands.

    `from x import y` counts as importing x.y when that is a module, else x; a relative
    import is resolved against `importer`. Importing a module runs its packages' __init__
    first, so those count too, except the importer's own packages (already running by then).
    """
    found: set[str] = set()
    for node in _walk_run_time(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = importer.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else base)
    own = {".".join(importer.split(".")[:n]) for n in range(1, importer.count(".") + 1)}
    if is_package:
        own.add(importer)
    with_packages = set()
    for name in found:
        parts = name.split(".")
        with_packages.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return {name for name in with_packages if name in known and name not in own}


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    known = set(modules)
    return {
        name: imported_modules(path.read_text(encoding="utf-8"), name, known, is_package=path.name == "__init__.py")
        for name, path in modules.items()
    }


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (or a module importing itself), as a path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                groups.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_import_checker_sees_imports_inside_functions_and_resolves_submodules() -> None:
    known = {"pkg", "pkg.a", "pkg.b", "pkg.c", "pkg.sub", "pkg.sub.d"}
    source = (
        "from typing import TYPE_CHECKING\n"
        "from pkg import b, CONSTANT\n"
        "if TYPE_CHECKING:\n    from pkg import c\n"
        "def later():\n    from .sub import d\n    import pkg.c\n"
    )
    assert imported_modules(source, "pkg.a", known) == {"pkg.b", "pkg.sub", "pkg.sub.d", "pkg.c"}
    assert imported_modules("from pkg.sub import d", "other", known) == {"pkg", "pkg.sub", "pkg.sub.d"}
    assert find_cycles({"pkg.a": {"pkg.b"}, "pkg.b": {"pkg.c"}, "pkg.c": {"pkg.a"}, "pkg.d": {"pkg.a"}}) == [
        ["pkg.a", "pkg.b", "pkg.c"]
    ]


def test_mentorapp_has_no_import_cycle() -> None:
    """No module reaches itself through imports, counting imports inside functions (only
    `if TYPE_CHECKING:` blocks, which never run, are left out)."""
    assert find_cycles(import_graph()) == []


def test_views_reach_models_only_through_services_read_models_errors_and_vocabulary() -> None:
    # The packages on the way (mentorapp.models, mentorapp.models.trust) run only their __init__.
    on_the_way = {".".join(allowed.split(".")[:n]) for allowed in VIEWS_MAY_IMPORT for n in range(1, 4)}
    offenders = []
    for name, targets in import_graph().items():
        if not name.startswith("mentorapp.views"):
            continue
        for target in sorted(targets - on_the_way):
            if target.startswith("mentorapp.models") and not any(
                target == allowed or target.startswith(allowed + ".") for allowed in VIEWS_MAY_IMPORT
            ):
                offenders.append(f"{name} imports {target}")
    assert offenders == []


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
