"""Configuration reading that a hostile checkout cannot abuse.

The class: a configuration path (discovered, ``--config``, or ``extend``) that leads to something
that is not a podlint configuration — a secret file, a FIFO, a device, a huge file, a file of
another program. Each is one clear error (exit 2), never a hang, and never quotes what it read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

POD = {
    "id": "/web",
    "containers": [
        {
            "name": "w",
            "resources": {"cpus": 1, "mem": 64},
            "image": {"kind": "DOCKER", "id": "nginx:1"},
        }
    ],
}
SECRET = "TOPSECRET-hunter2"


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (folder / "pod.json").write_text(json.dumps(POD))
    return subprocess.run(
        [sys.executable, "-m", "podlint", "check", "--no-cache", *args, "pod.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _assert_refused(run: subprocess.CompletedProcess[str], *words: str) -> None:
    assert run.returncode == 2, run.stdout + run.stderr
    assert SECRET not in run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    for word in words:
        assert word in run.stderr


@pytest.mark.parametrize(
    "content",
    [
        f"root:{SECRET}:0:0:root:/root:/bin/bash\n",
        f"{SECRET}: 1\n",
        f"- {SECRET}\n",
        f"[{SECRET}\n",
    ],
    ids=["passwd line", "mapping", "list", "broken YAML"],
)
def test_extend_never_reads_a_file_without_a_configuration_name(
    tmp_path: Path, content: str
) -> None:
    (tmp_path / "shadow").write_text(content)
    (tmp_path / ".podlint.yaml").write_text("extend: shadow\n")
    _assert_refused(_run(tmp_path), "not a configuration file name")


@pytest.mark.parametrize(
    "content",
    [f"{SECRET}: 1\nother: 2\n", f"apiVersion: v1\nkind: Secret\ndata: {{token: {SECRET}}}\n"],
    ids=["unknown keys", "a Kubernetes secret"],
)
def test_extend_refuses_a_yaml_file_of_another_program_without_quoting_it(
    tmp_path: Path, content: str
) -> None:
    (tmp_path / "creds.yaml").write_text(content)
    (tmp_path / ".podlint.yaml").write_text("extend: creds.yaml\n")
    _assert_refused(_run(tmp_path), "not a podlint configuration")


def test_a_fifo_in_place_of_a_configuration_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "base.yaml")
    (tmp_path / ".podlint.yaml").write_text("extend: base.yaml\n")
    _assert_refused(_run(tmp_path), "not a regular file")
    os.unlink(tmp_path / "base.yaml")
    os.mkfifo(tmp_path / "other.yaml")
    _assert_refused(_run(tmp_path, "--config", "other.yaml"), "regular file")


def test_a_device_as_configuration_is_refused(tmp_path: Path) -> None:
    _assert_refused(_run(tmp_path, "--config", os.devnull), "regular file")


def test_a_huge_configuration_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_text("select: [PL1]\n" + "#" * (2 * 1024 * 1024) + "\n")
    _assert_refused(_run(tmp_path, "--config", "big.yaml"), "too large")


def test_an_ordinary_extend_still_works(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("fail_on: error\n")
    (tmp_path / ".podlint.yaml").write_text("extend: org.yaml\n")
    run = _run(tmp_path, "--show-settings")
    assert run.returncode == 0, run.stderr
    assert "org.yaml" in run.stdout
