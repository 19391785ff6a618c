"""``podlint check -`` with ``--stdin-filename``: the name picks the parser and the configuration."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from podlint.cli import main
from tests.conftest import REPO

WORKER = (REPO / "tests" / "data" / "formats" / "worker.yaml").read_bytes()


def run_stdin(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data: bytes,
    *args: str,
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = main(["check", "--no-cache", "--format", "json", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_findings_name_the_stdin_filename(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_stdin(
        monkeypatch, capsys, WORKER, "--isolated", "--stdin-filename", "pods/worker.yaml", "-"
    )
    assert code == 1
    diagnostics = json.loads(out)["diagnostics"]
    assert {d["file"] for d in diagnostics} == {"pods/worker.yaml"}
    timeout = next(d for d in diagnostics if d["name"] == "health-check-timeout")
    assert (timeout["line"], timeout["column"]) == (19, 23)


def test_the_extension_selects_the_parser(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same YAML text named as JSON is read as JSON, and is not valid JSON.
    code, out, _ = run_stdin(
        monkeypatch, capsys, WORKER, "--isolated", "--stdin-filename", "worker.json", "-"
    )
    assert code == 1
    names = {d["name"] for d in json.loads(out)["diagnostics"]}
    assert "syntax-error" in names
    assert "health-check-timeout" not in names


def test_the_location_selects_the_configuration(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / ".podlint.yaml").write_text("ignore: [health-check-timeout]\n", encoding="utf-8")
    (tmp_path / "pods").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_stdin(monkeypatch, capsys, WORKER, "--stdin-filename", "pods/w.yaml", "-")
    assert code == 0
    assert json.loads(out)["diagnostics"] == []
    # Outside that folder the rule applies again.
    elsewhere = str(tmp_path.parent / "w.yaml")
    code, _, _ = run_stdin(monkeypatch, capsys, WORKER, "--stdin-filename", elsewhere, "-")
    assert code == 1


def test_stdin_without_a_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pod = b'{"id": "/a", "containers": [{"name": "a", "resources": {"cpus": 0.1, "mem": 32}}]}'
    code, out, _ = run_stdin(monkeypatch, capsys, pod, "--isolated", "-")
    assert code in (0, 1)
    assert {d["file"] for d in json.loads(out)["diagnostics"]} <= {"-"}


def test_stdin_cannot_be_combined_with_paths(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_stdin(monkeypatch, capsys, WORKER, "--isolated", "-", "tests")
    assert code == 2
    assert "standard input" in err


def test_skip_non_pods_on_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    package = b'{"name": "web", "version": "1.0.0"}'
    code, _, _ = run_stdin(
        monkeypatch, capsys, package, "--isolated", "--stdin-filename", "package.json", "-"
    )
    assert code == 1  # named explicitly: not-a-pod
    code, out, _ = run_stdin(
        monkeypatch,
        capsys,
        package,
        "--isolated",
        "--skip-non-pods",
        "--stdin-filename",
        "package.json",
        "-",
    )
    assert code == 0
    assert json.loads(out)["summary"]["skipped"] == 1


def test_stdin_end_to_end_in_a_subprocess() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "podlint", "check", "--isolated", "--no-cache", "--format",
         "concise", "--stdin-filename", "deploy/worker.yaml", "-"],
        input=WORKER,
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.decode()
    assert "deploy/worker.yaml:19:23: error PL317 " in out
