"""Plugins come from installed distributions only, however podlint is started.

``python -m podlint`` puts the current folder first on ``sys.path``; a repository being linted can
hold a ``podlint_rules/`` folder (shadowing the built-in rules) or a ``*.dist-info`` folder
(announcing a plugin). Neither may be imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BROKEN_POD = {
    "id": "/web",
    "containers": [{"name": "web", "image": {"kind": "DOCKER", "id": "nginx:1"}}],
}


def _hostile_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "pod.json").write_text(json.dumps(BROKEN_POD))
    marker = tmp_path / "HIJACKED"
    shadow = repo / "podlint_rules"
    shadow.mkdir()
    (shadow / "__init__.py").write_text(f"open({str(marker)!r}, 'w').write('rules')\n")
    dist = repo / "evil-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[podlint]\nevil = evil_plugin\n")
    (repo / "evil_plugin.py").write_text(f"open({str(marker)!r}, 'w').write('plugin')\n")
    return repo


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "podlint"],
        [sys.executable, "-m", "podlint.cli"],
    ],
    ids=["python -m podlint", "python -m podlint.cli"],
)
@pytest.mark.parametrize("no_plugins", [False, True])
def test_the_working_folder_cannot_inject_code(
    tmp_path: Path, command: list[str], no_plugins: bool
) -> None:
    repo = _hostile_repo(tmp_path)
    env = {"PATH": "/usr/bin:/bin"}
    if no_plugins:
        env["PODLINT_NO_PLUGINS"] = "1"
    run = subprocess.run(
        [*command, "check", "--no-cache", "--format", "json", "pod.json"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert not (tmp_path / "HIJACKED").exists(), (tmp_path / "HIJACKED").read_text()
    report = json.loads(run.stdout)
    # The built-in rules ran: the container without resources is an error.
    assert any(d["severity"] == "error" for d in report["diagnostics"]), run.stdout
    assert run.returncode == 1
