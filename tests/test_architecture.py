"""The architecture as the folders draw it: no import cycles, and the layers import only downwards.

Imports are read with ``ast`` from the source (module level and inside functions alike), so a lazy
import cannot hide a dependency; every module is also imported in a fresh interpreter, so a module
that only works when something else was imported first fails here.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Installed names of the shipped folders (pyproject.toml's package-dir).
PACKAGES = {
    "podlint": ROOT / "podlint",
    "podlint_rules": ROOT / "rules",
    "podlint_schemas": ROOT / "schemas",
}


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            if path.name.startswith("_generated"):
                continue
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join([package, *parts])] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path, *, module_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    out: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            out.add(target)
            # `from podlint.fixing import edits` imports the module podlint.fixing.edits
            out.update(f"{target}.{alias.name}" for alias in node.names)
    return {_owner(t) for t in out if _owner(t)}


def _owner(target: str) -> str:
    """The project module a dotted import target refers to ('' when it is not ours)."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target


def _type_checking_free(name: str, path: Path) -> set[str]:
    """Module-level imports, without those under ``if TYPE_CHECKING:`` (they never run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    body = [
        n
        for n in tree.body
        if not (isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test))
    ]
    tree.body = body
    stripped = ast.unparse(tree)
    tmp = ast.parse(stripped)
    out: set[str] = set()
    for node in tmp.body:
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {_owner(t) for t in out if _owner(t) and _owner(t) != name}


def test_no_import_cycles_at_module_level() -> None:
    graph = {name: _type_checking_free(name, path) for name, path in MODULES.items()}
    # A package's __init__ importing its own submodules is not a cycle of the design.
    for name, deps in graph.items():
        graph[name] = {d for d in deps if not d.startswith(name + ".") and d != name}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


# DESIGN.md's never-rules: who may not import whom, lazy imports included.
FORBIDDEN = {
    "podlint_rules": (
        "podlint.loader",
        "podlint.formatters",
        "podlint.engine",
        "podlint.runner",
        "podlint.cli",
        "podlint.commands",
    ),
    # The engine and everything below it never reach up into the command line.
    "podlint.engine": ("podlint.cli", "podlint.commands"),
    "podlint.runner": ("podlint.cli", "podlint.commands"),
    "podlint.loader": ("podlint.cli", "podlint.commands", "podlint.engine", "podlint.formatters"),
    "podlint.formatters": ("podlint.cli", "podlint.commands", "podlint.engine", "podlint.loader"),
    "podlint.config": ("podlint.cli", "podlint.commands"),
    "podlint.results": ("podlint.cli", "podlint.commands", "podlint.formatters"),
    "podlint.exit_status": ("podlint",),
}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layers_import_only_downwards(layer: str) -> None:
    bad: list[str] = []
    for name, path in MODULES.items():
        if name != layer and not name.startswith(layer + "."):
            continue
        for dep in _imports(name, path, module_level_only=False):
            for banned in FORBIDDEN[layer]:
                if dep == banned or dep.startswith(banned + "."):
                    bad.append(f"{name} imports {dep}")
    assert not bad, "\n".join(bad)


def test_every_module_imports_on_its_own() -> None:
    names = [n for n in MODULES if not n.endswith("__main__")]
    script = (
        "import importlib, subprocess, sys\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    r = subprocess.run([sys.executable, '-c', f'import {name}'], capture_output=True, text=True)\n"
        "    if r.returncode:\n"
        "        failed.append(f'{name}: {r.stderr.strip().splitlines()[-1]}')\n"
        "print('\\n'.join(failed))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *names], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "", out.stdout
