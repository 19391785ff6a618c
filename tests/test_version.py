"""One version, defined in ``podlint/__init__.py``: the distribution's metadata, ``podlint --version``,
the pre-commit ``rev:`` shown to users and the changelog all agree with it."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from typing import Any

from packaging.version import Version

import podlint
from tests.conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the backport podlint itself depends on there
    import tomli as tomllib


def _pyproject() -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    return data


def test_pyproject_reads_the_version_from_the_package() -> None:
    data = _pyproject()
    assert "version" not in data["project"], "the version belongs in podlint/__init__.py alone"
    assert "version" in data["project"]["dynamic"]
    assert data["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "podlint.__version__"}


def test_installed_distribution_has_the_package_version() -> None:
    assert importlib.metadata.version("podlint") == podlint.__version__


def test_version_flag_prints_the_installed_version() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "podlint", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    first = proc.stdout.splitlines()[0]
    assert first == f"podlint {importlib.metadata.version('podlint')}"


def test_precommit_rev_shown_to_users_is_this_version() -> None:
    """The snippets name the tag of the release being prepared; a version bump must update them."""
    tag = f"v{podlint.__version__}"
    for name in ("README.md", ".pre-commit-hooks.yaml", "docs/ci.md"):
        text = (REPO / name).read_text("utf-8")
        revs = re.findall(r"^\s*#?\s*rev:\s*(\S+)", text, re.M)
        assert revs, f"{name} shows no pre-commit rev"
        assert set(revs) == {tag}, f"{name}: rev {revs} differs from the version's tag {tag}"


def test_changelog_is_in_keep_a_changelog_form() -> None:
    text = (REPO / "CHANGELOG.md").read_text("utf-8")
    assert text.startswith("# Changelog\n")
    headings = re.findall(r"^## \[([^\]]+)\](.*)$", text, re.M)
    assert headings, "no version sections"
    assert headings[0][0] == "Unreleased", "the first section collects what is not released yet"
    for version, rest in headings[1:]:
        assert re.fullmatch(r"\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?", version), version
        assert re.fullmatch(r" - \d{4}-\d{2}-\d{2}", rest), f"[{version}] needs ' - YYYY-MM-DD'"
    allowed = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
    kinds = set(re.findall(r"^### (.+)$", text, re.M))
    assert kinds <= allowed, f"unknown change kinds: {sorted(kinds - allowed)}"
    # Every section heading is a link, defined at the bottom.
    for version, _ in headings:
        assert re.search(rf"^\[{re.escape(version)}\]: https://", text, re.M), version
    # The version in the source is released already, or newer than every release (being prepared).
    released = [Version(v) for v, _ in headings[1:]]
    current = Version(podlint.__version__)
    assert current in released or all(current > v for v in released)
