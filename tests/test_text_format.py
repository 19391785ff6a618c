"""The default text output: location, severity, code, message, name, source line, carets, help."""

from __future__ import annotations

from pathlib import Path

import pytest

from podlint.cli import main

POD = """\
{
  "id": "/web",
  "networks": [{"mode": "host"}],
  "containers": [
    {
      "name": "web",
      "resources": {"cpus": 0.5, "mem": 64},
      "exec": {"command": {"shell": "./serve"}},
      "endpoints": [{"name": "http", "hostPort": 0}],
      "healthCheck": {"http": {"endpoint": "htp"}, "intervalSeconds": 30, "timeoutSeconds": 5}
    }
  ]
}
"""


@pytest.fixture
def pod(tmp_path: Path) -> Path:
    path = tmp_path / "web.json"
    path.write_text(POD)
    return path


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().out


def test_full_text_output(
    pod: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(pod.parent)
    code, out = _run(
        ["check", "--no-cache", "--select", "health-check-endpoint", "web.json"], capsys
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("web.json:10:44: error PL301 ")
    assert lines[0].endswith("(health-check-endpoint)")
    assert (
        lines[2]
        == '10 |       "healthCheck": {"http": {"endpoint": "htp"}, "intervalSeconds": 30, "timeoutSeconds": 5}'
    )
    assert lines[3] == "   | " + " " * 43 + "^^^^^"  # under `"htp"`, quotes included
    assert lines[4].startswith("   = help: ")
    assert lines[-2] == "Found 1 problem (1 error) in 1 file."
    assert lines[-1].startswith("1 fixable with `podlint check --fix --unsafe-fixes`")
    assert "\x1b[" not in out


def test_quiet_and_no_source(pod: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(
        [
            "check",
            "--no-cache",
            "-q",
            "--no-show-source",
            "--select",
            "health-check-endpoint",
            str(pod),
        ],
        capsys,
    )
    assert "|" not in out
    assert "Found" not in out


def test_colour_is_forced_or_refused(
    pod: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out = _run(["check", "--no-cache", "--select", "health-check-endpoint", str(pod)], capsys)
    assert "\x1b[1;31merror" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out = _run(["check", "--no-cache", "--select", "health-check-endpoint", str(pod)], capsys)
    assert "\x1b[" not in out


def test_clean_run_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.json"
    clean.write_text(POD.replace('"htp"', '"http"'))
    code, out = _run(
        ["check", "--no-cache", "--select", "health-check-endpoint", str(clean)], capsys
    )
    assert code == 0
    assert out.strip() == "All good: 1 file checked, no problems found."


def test_statistics(pod: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(
        ["check", "--no-cache", "--statistics", "--select", "health-check-endpoint", str(pod)],
        capsys,
    )
    assert "     1  PL301  health-check-endpoint" in out


def test_summary_counts_suppressed_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pod = tmp_path / "web.yaml"
    pod.write_text(
        "id: /web\nlabels:\n  commit: 6490e74 # podlint: disable=schema-type\n"
        "networks: [{mode: host}]\ncontainers:\n  - name: web\n    resources: {cpus: 0.5, mem: 64}\n"
        "    exec: {command: {shell: ./serve}}\n"
    )
    for cache in (["--no-cache"], []):  # computed, then answered from the cache
        code, out = _run(["check", *cache, str(pod)], capsys)
        assert code == 0
        assert out.strip() == "All good: 1 file checked, no problems found (1 suppressed)."
