"""Exit codes (DESIGN.md): 0 clean, 1 findings at or above ``fail_on``, 2 usage or configuration
error, 3 internal error; ``--exit-zero``. Each case runs in-process through ``podlint.cli.main`` and as
a real process, since CI sees only the latter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from podlint.cli import main
from podlint.exit_status import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from tests.conftest import REPO


def _pod(**image: object) -> dict[str, object]:
    container: dict[str, object] = {
        "name": "app",
        "resources": {"cpus": 0.5, "mem": 128},
        "exec": {"command": {"shell": "sleep 1000"}},
    }
    if image:
        container["image"] = {"kind": "DOCKER", "id": "nginx:1.25.3", **image}
    return {"id": "/app", "containers": [container]}


PODS: dict[str, object] = {
    "clean.json": _pod(),
    # Marathon rejects it: the health check names an endpoint the container does not declare.
    "error.json": {
        **_pod(),
        "containers": [
            {
                **_pod()["containers"][0],  # type: ignore[index]
                "healthCheck": {"http": {"endpoint": "web", "path": "/"}},
            }
        ],
    },
    # Accepted, but `force` is ignored (a warning only).
    "warning.json": _pod(force=True),
    # Accepted, style only: "docker" instead of "DOCKER" (an info only).
    "info.json": {
        **_pod(),
        "containers": [
            {
                **_pod()["containers"][0],  # type: ignore[index]
                "image": {"kind": "docker", "id": "nginx:1.25.3"},
            }
        ],
    },
}


@pytest.fixture
def pods(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, pod in PODS.items():
        (tmp_path / name).write_text(json.dumps(pod, indent=2), encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "not-pods").mkdir()
    (tmp_path / "not-pods" / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    (tmp_path / "bad-config").mkdir()
    (tmp_path / "bad-config" / ".podlint.yaml").write_text("selekt: [PL1]\n", encoding="utf-8")
    (tmp_path / "bad-config" / "pod.json").write_text(json.dumps(_pod()), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


# (arguments after `podlint`, expected exit code, text expected on stderr or None)
CASES: list[tuple[list[str], int, str | None]] = [
    (["check", "clean.json"], EXIT_OK, None),
    (["check", "error.json"], EXIT_FINDINGS, None),
    (["check", "warning.json"], EXIT_FINDINGS, None),
    (["check", "info.json"], EXIT_OK, None),
    (["check", "--fail-on", "error", "warning.json"], EXIT_OK, None),
    (["check", "--fail-on", "info", "info.json"], EXIT_FINDINGS, None),
    (["check", "--fail-on", "error", "error.json"], EXIT_FINDINGS, None),
    (["check", "--exit-zero", "error.json"], EXIT_OK, None),
    (["check", "--format", "json", "--exit-zero", "error.json", "clean.json"], EXIT_OK, None),
    (["check", "clean.json", "error.json"], EXIT_FINDINGS, None),
    (["check", "not-pods/package.json"], EXIT_FINDINGS, None),  # named: not-a-pod
    (["check", "--skip-non-pods", "not-pods/package.json"], EXIT_OK, None),
    # Nothing linted is never a silent success.
    (["check", "missing.json"], EXIT_USAGE, "missing.json: no such file or folder"),
    (["check", "--exit-zero", "missing.json"], EXIT_USAGE, "no such file"),
    (["check", "empty"], EXIT_USAGE, "no pod definition found"),
    (["check", "not-pods"], EXIT_USAGE, "skipped as not pods"),
    # Usage and configuration errors.
    (["check", "--format", "xml", "clean.json"], EXIT_USAGE, "unknown format 'xml'"),
    (["check", "--fix", "--diff", "clean.json"], EXIT_USAGE, "--fix and --diff"),
    (["check", "--no-such-flag", "clean.json"], EXIT_USAGE, "unrecognized arguments"),
    (["check", "--fail-on", "fatal", "clean.json"], EXIT_USAGE, "invalid choice"),
    (["check", "bad-config/pod.json"], EXIT_USAGE, "selekt"),
    (["check", "--config", "nowhere.yaml", "clean.json"], EXIT_USAGE, "nowhere.yaml"),
    (["check", "-", "clean.json"], EXIT_USAGE, "standard input"),
    ([], EXIT_USAGE, None),
]


def _ids(case: tuple[list[str], int, str | None]) -> str:
    return " ".join(case[0]) or "(no arguments)"


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_exit_code_in_process(
    pods: Path, capsys: pytest.CaptureFixture[str], case: tuple[list[str], int, str | None]
) -> None:
    argv, expected, stderr = case
    if argv[:1] == ["check"]:
        argv = [argv[0], "--no-cache", *argv[1:]]
    assert main(argv) == expected
    err = capsys.readouterr().err
    if stderr is not None:
        assert stderr in err
    if expected == EXIT_USAGE and argv:
        assert err.startswith("podlint: error: ")


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_exit_code_in_a_subprocess(pods: Path, case: tuple[list[str], int, str | None]) -> None:
    argv, expected, stderr = case
    proc = subprocess.run(
        [sys.executable, "-m", "podlint", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=_env(),
    )
    assert proc.returncode == expected, proc.stderr
    if stderr is not None:
        assert stderr in proc.stderr


def _env() -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PODLINT_DEBUG")}
    # The package is importable from the repository even when it is not installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def _boom(*_: object, **__: object) -> int:
    raise RuntimeError("simulated bug")


def test_internal_error_in_process(
    pods: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import podlint.commands.check

    monkeypatch.delenv("PODLINT_DEBUG", raising=False)
    monkeypatch.setattr(podlint.commands.check, "run_check", _boom)
    assert main(["check", "clean.json"]) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: simulated bug" in err
    assert "Traceback" not in err


def test_internal_error_in_a_formatter(
    pods: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from podlint.formatters.sarif import SarifFormatter

    monkeypatch.delenv("PODLINT_DEBUG", raising=False)
    monkeypatch.setattr(SarifFormatter, "format", _boom)
    assert main(["check", "--no-cache", "--format", "sarif", "error.json"]) == EXIT_INTERNAL


# A bug cannot be provoked from outside on purpose, so the subprocess patches one in first.
_CRASH = (
    "import sys, podlint.commands.check as c\n"
    "def boom(args):\n"
    "    raise RuntimeError('simulated bug')\n"
    "c.run_check = boom\n"
    "from podlint.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@pytest.mark.parametrize(("debug", "traceback"), [("", False), ("1", True)])
def test_internal_error_in_a_subprocess(pods: Path, debug: str, traceback: bool) -> None:
    env = _env()
    if debug:
        env["PODLINT_DEBUG"] = debug
    proc = subprocess.run(
        [sys.executable, "-c", _CRASH, "check", "clean.json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    if traceback:
        # With PODLINT_DEBUG the exception propagates: Python's own exit status 1 and a traceback.
        assert "Traceback" in proc.stderr
    else:
        assert proc.returncode == EXIT_INTERNAL
        assert "podlint: internal error: RuntimeError: simulated bug" in proc.stderr


def test_exit_zero_still_prints_findings(pods: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-cache", "--exit-zero", "--format", "concise", "error.json"]) == 0
    assert "error PL301" in capsys.readouterr().out


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "podlint"
    if not script.exists():
        pytest.skip("podlint is not installed in this environment")
    proc = subprocess.run(
        [str(script), "check", "--no-cache", "--isolated", "tests/data/formats/web.json"],
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert proc.returncode == EXIT_FINDINGS
