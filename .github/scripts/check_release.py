"""Refuse to publish a release whose tag, package version and changelog disagree.

Usage: ``python .github/scripts/check_release.py vX.Y.Z`` from the repository's root. Exit 0 when
``podlint/__init__.py`` says ``__version__ = "X.Y.Z"`` and ``CHANGELOG.md`` has a dated section
``## [X.Y.Z] - YYYY-MM-DD``; otherwise one line on standard error saying what to change, and exit 1.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_SECTION = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$", re.M)


def package_version(init: Path) -> str:
    """``__version__`` read from the source without importing it (what setuptools does too)."""
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise ValueError(f"{init} defines no __version__ string")


def changelog_sections(text: str) -> dict[str, str | None]:
    """Each ``## [version] - date`` heading of a Keep a Changelog file: version -> date (or None)."""
    return {m["version"]: m["date"] for m in _SECTION.finditer(text)}


def problems(tag: str, root: Path = ROOT) -> list[str]:
    if not re.fullmatch(r"v\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?", tag):
        return [f"tag {tag!r} is not of the form vX.Y.Z (or vX.Y.ZrcN)"]
    wanted = tag[1:]
    found: list[str] = []
    version = package_version(root / "podlint" / "__init__.py")
    if version != wanted:
        found.append(
            f'podlint/__init__.py says __version__ = "{version}", the tag says {wanted}: '
            "set __version__ to the tag's version"
        )
    sections = changelog_sections((root / "CHANGELOG.md").read_text(encoding="utf-8"))
    if wanted not in sections:
        found.append(
            f"CHANGELOG.md has no section ## [{wanted}] - YYYY-MM-DD: "
            "move the Unreleased entries under it"
        )
    elif sections[wanted] is None:
        found.append(f"CHANGELOG.md's section [{wanted}] has no release date")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: check_release.py vX.Y.Z", file=sys.stderr)
        return 2
    found = problems(argv[0])
    for problem in found:
        print(f"release {argv[0]}: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
