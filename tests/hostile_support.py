"""Running podlint as a separate process under hard limits, for the hostile-input and security tests.

A test of "bounded time and memory" must not share the test runner's process: a hang or a runaway
allocation there would take the whole suite down. Each run gets an address-space and a CPU-time limit
(``resource.setrlimit`` in the child) plus a wall-clock timeout, and the test asserts on the outcome:
an exit code of 0 or 1 (never 2 or 3), no traceback, and parseable JSON output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

resource = pytest.importorskip("resource", reason="resource limits need a POSIX system")

MEMORY_LIMIT = 1024 * 1024 * 1024  # 1 GiB of address space
CPU_SECONDS = 20
WALL_SECONDS = 60

# A pod Marathon accepts, which podlint must lint cleanly next to every hostile file.
GOOD_POD: dict[str, Any] = {
    "id": "/good",
    "containers": [
        {
            "name": "web",
            "resources": {"cpus": 0.5, "mem": 128},
            "image": {"kind": "DOCKER", "id": "nginx:1.25"},
        }
    ],
}


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.stdout)
        return data

    def diagnostics(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.json()["diagnostics"]
        return found

    def names_for(self, path: str | Path) -> set[str]:
        return {d["name"] for d in self.diagnostics() if d["file"] == str(path)}


def podlint_command() -> list[str]:
    script = Path(sys.executable).with_name("podlint")
    if script.exists():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "podlint"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PODLINT", "PYTHON"))}
    env.update(extra)
    return env


def run_podlint(
    args: list[str],
    cwd: Path,
    *,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    python: list[str] | None = None,
) -> Run:
    """``podlint ARGS`` in ``cwd`` under the limits; a timeout fails the test.

    The console script, not ``python -m podlint``: ``-m`` puts the working folder first on
    ``sys.path``, which is exactly what a linted repository must never get.
    """
    command = [*(python or podlint_command()), *args]
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=env if env is not None else clean_env(),
            input=stdin,
            capture_output=True,
            timeout=WALL_SECONDS,
            preexec_fn=_limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"podlint {' '.join(args)} did not end within {WALL_SECONDS} s")
    return Run(
        done.returncode,
        done.stdout.decode("utf-8", errors="replace"),
        done.stderr.decode("utf-8", errors="replace"),
    )


def assert_handled(run: Run) -> None:
    """The run ended normally: findings or none, no usage or internal error, no traceback."""
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert "internal error" not in run.stderr + run.stdout, (run.stderr + run.stdout)[-3000:]
    assert run.code in (0, 1), f"exit code {run.code}: {run.stderr[-3000:]}"


def write_plugin(site: Path, module: str, body: str, *, dist: str = "hostile-plugin") -> None:
    """An installed distribution (module + dist-info with a ``podlint`` entry point) under ``site``."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{module}.py").write_text(textwrap.dedent(body))
    info = site / f"{dist.replace('-', '_')}-0.1.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[podlint]\n{dist} = {module}\n")
