"""docs/architecture.md names every module and command as they are."""

from __future__ import annotations

import re

from tests.conftest import REPO

DOC = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_every_top_level_module_and_package_is_described() -> None:
    package = REPO / "podlint"
    names = [
        f"podlint/{p.name}"
        for p in sorted(package.iterdir())
        if (p.suffix == ".py" and p.stem not in ("__init__", "__main__"))
        or (p.is_dir() and (p / "__init__.py").exists())
    ]
    missing = [n for n in names if f"`{n}`" not in DOC and f"`{n}/`" not in DOC]
    assert not missing, f"docs/architecture.md does not describe {missing}"


def test_every_path_named_exists() -> None:
    for path in re.findall(r"`((?:podlint|rules|schemas)/[\w/.]*)`", DOC):
        assert (REPO / path).exists(), path


def test_every_command_module_is_listed() -> None:
    row = next(line for line in DOC.splitlines() if line.startswith("| `podlint/commands/`"))
    for module in sorted((REPO / "podlint" / "commands").glob("*.py")):
        if module.stem != "__init__":
            assert f"`{module.stem}`" in row, module.stem
