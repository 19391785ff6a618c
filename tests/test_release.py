"""The release pipeline: the workflows pass actionlint, CI covers the Pythons podlint supports, and
a tag is published only when it agrees with ``__version__`` and the changelog."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

import podlint
from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def _workflow(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    return data


def _check_release() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_release", REPO / ".github" / "scripts" / "check_release.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which(
        "actionlint"
    )
    if found is None:
        pytest.skip("actionlint is not installed (pip install -e '.[test]' brings it on Linux)")
    return found


def test_workflows_pass_actionlint() -> None:
    proc = subprocess.run(
        [_actionlint(), "-no-color"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    """The check above can fail: an unknown runner key and a bad expression are reported."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ matrix.nope }}\n        wtih: {}\n"
    )
    proc = subprocess.run(
        [_actionlint(), "-no-color", str(broken)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert "matrix" in proc.stdout
    assert "wtih" in proc.stdout


def test_ci_tests_every_supported_python_on_linux_and_macos() -> None:
    matrix = _workflow("ci.yml")["jobs"]["tests"]["strategy"]["matrix"]
    assert set(matrix["os"]) == {"ubuntu-latest", "macos-latest"}
    pyproject = (REPO / "pyproject.toml").read_text("utf-8")
    minimum = re.search(r'requires-python = ">=3\.(\d+)"', pyproject)
    assert minimum is not None
    assert matrix["python"] == [f"3.{n}" for n in range(int(minimum[1]), 14)]


def test_ci_builds_and_packages_the_vscode_extension() -> None:
    steps = _workflow("ci.yml")["jobs"]["vscode"]["steps"]
    commands = [s["run"] for s in steps if "run" in s]
    for wanted in ("npm ci", "npx tsc --noEmit", "npm test"):
        assert wanted in commands
    assert any(c.startswith("npx vsce package") for c in commands)


def test_release_publishes_with_trusted_publishing() -> None:
    release = _workflow("release.yml")
    # YAML 1.1 reads the key `on` as True.
    trigger = release.get("on", release.get(True))
    assert trigger == {"push": {"tags": ["v*"]}}
    build = release["jobs"]["build"]["steps"]
    runs = "\n".join(s.get("run", "") for s in build)
    assert "check_release.py" in runs
    assert "python -m build" in runs
    assert "twine check" in runs
    publish = release["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    uses = [s.get("uses", "") for s in publish["steps"]]
    assert any(u.startswith("pypa/gh-action-pypi-publish@") for u in uses)
    # No long-lived token: trusted publishing needs none.
    assert "password" not in (WORKFLOWS / "release.yml").read_text("utf-8")


def _release_tree(tmp_path: Path, version: str, changelog: str) -> Path:
    (tmp_path / "podlint").mkdir()
    (tmp_path / "podlint" / "__init__.py").write_text(f'"""x"""\n\n__version__ = "{version}"\n')
    (tmp_path / "CHANGELOG.md").write_text(changelog)
    return tmp_path


def test_release_check_accepts_an_agreeing_tag(tmp_path: Path) -> None:
    root = _release_tree(
        tmp_path, "1.2.0", "# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2027-01-05\n"
    )
    assert _check_release().problems("v1.2.0", root) == []


@pytest.mark.parametrize(
    ("tag", "version", "changelog", "says"),
    [
        ("v1.2.0", "1.1.0", "## [1.2.0] - 2027-01-05\n", '__version__ = "1.1.0"'),
        ("v1.2.0", "1.2.0", "## [Unreleased]\n## [1.1.0] - 2026-01-05\n", "no section ## [1.2.0]"),
        ("v1.2.0", "1.2.0", "## [1.2.0]\n", "has no release date"),
        ("release-1", "1.2.0", "## [1.2.0] - 2027-01-05\n", "not of the form vX.Y.Z"),
    ],
)
def test_release_check_refuses_a_disagreeing_tag(
    tmp_path: Path, tag: str, version: str, changelog: str, says: str
) -> None:
    root = _release_tree(tmp_path, version, "# Changelog\n\n" + changelog)
    found = _check_release().problems(tag, root)
    assert any(says in p for p in found), found


def test_release_check_on_this_repository_names_what_to_do() -> None:
    """Run as the workflow runs it: the current version's tag passes only once it is released."""
    tag = f"v{podlint.__version__}"
    proc = subprocess.run(
        [sys.executable, ".github/scripts/check_release.py", tag],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    released = re.search(
        rf"^## \[{re.escape(podlint.__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$",
        (REPO / "CHANGELOG.md").read_text("utf-8"),
        re.M,
    )
    if released:
        assert proc.returncode == 0, proc.stderr
    else:
        assert proc.returncode == 1
        assert "move the Unreleased entries under it" in proc.stderr
    proc = subprocess.run(
        [sys.executable, ".github/scripts/check_release.py", "v999.0.0"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "set __version__ to the tag's version" in proc.stderr


def test_precommit_runs_actionlint_on_the_workflows() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    actionlint = hooks["actionlint"]
    assert actionlint["entry"] == ".venv/bin/actionlint"
    pattern = re.compile(actionlint["files"])
    assert all(pattern.search(f".github/workflows/{p.name}") for p in WORKFLOWS.glob("*.yml"))
    assert not pattern.search("examples/web.yaml")
