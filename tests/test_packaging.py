"""The wheel holds the engine, the built-in rules and the schemas: build it, install it into a fresh
virtual environment, and lint a pod with the installed command."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

BROKEN_POD = {
    "id": "/web",
    "containers": [
        {
            "name": "web",
            "resources": {"cpus": 0.5, "mem": 64},
            "endpoints": [{"name": "http", "hostPort": 0}],
            "healthCheck": {"http": {"endpoint": "htp"}},
        }
    ],
    "networks": [{"mode": "host"}],
}


@pytest.mark.slow
def test_wheel_installs_and_lints(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(REPO)],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = dist.glob("podlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("podlint_rules/") and n.endswith(".py") for n in names)
    assert any(n.startswith("podlint_schemas/") and n.endswith(".json") for n in names)
    assert "podlint/json_output.schema.json" in names
    assert not any(n.startswith(("tests/", "examples/", "benchmarks/")) for n in names)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True
    )
    pod = tmp_path / "pod.json"
    pod.write_text(json.dumps(BROKEN_POD, indent=2))
    proc = subprocess.run(
        [str(bin_dir / "podlint"), "check", "--format", "json", "--no-cache", str(pod)],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    names_found = {d["name"] for d in report["diagnostics"]}
    assert "health-check-endpoint" in names_found
    assert report["summary"]["files"] == 1
