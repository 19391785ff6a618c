"""``check --watch`` driven in a real process, and the progress line on a real terminal (a pty)."""

from __future__ import annotations

import io
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from podlint.commands.progress import Progress

CLEAN = {
    "id": "/shop/web",
    "containers": [
        {
            "name": "web",
            "resources": {"cpus": 0.5, "mem": 128},
            "exec": {"command": {"shell": "sleep 1"}},
        }
    ],
}
BROKEN = {**CLEAN, "id": "web"}  # a relative id: Marathon rejects it

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and signals")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(extra)
    return env


class _Lines:
    """Lines of a pipe, read by a thread, so waiting for one can time out."""

    def __init__(self, stream: io.TextIOBase) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream: io.TextIOBase) -> None:
        for line in stream:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line with {text!r} in {self.seen}") from None
            self.seen.append(line)
            if text in line:
                return


def _start(tmp_path: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "podlint", "check", "--no-cache", "--watch", *args],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(**env),
    )


def test_watch_lints_again_when_a_file_changes(tmp_path: Path) -> None:
    pod = tmp_path / "web.json"
    pod.write_text(json.dumps(CLEAN))
    proc = _start(tmp_path, "--format", "concise", ".", PODLINT_WATCH_MAX_RUNS="2")
    assert proc.stderr is not None
    stderr = _Lines(proc.stderr)
    try:
        stderr.wait_for("watching for changes")
        pod.write_text(json.dumps(BROKEN, indent=2))
        out, _ = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 1  # the second run found the relative id
    assert sum("linting ." in line for line in stderr.seen) == 1  # the first run's header
    # The first run was clean: its report comes before any finding of the second one.
    first, _, second = out.partition("All good")
    assert "pod-id-" not in first
    assert "pod-id-" in second


def test_watch_ends_on_ctrl_c_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "web.json").write_text(json.dumps(CLEAN))
    proc = _start(tmp_path, "web.json")
    assert proc.stderr is not None
    stderr = _Lines(proc.stderr)
    try:
        stderr.wait_for("watching for changes")
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    time.sleep(0.1)  # let the reader thread take the last lines
    while not stderr.lines.empty():
        stderr.seen.append(stderr.lines.get())
    assert proc.returncode == 130
    assert not any("Traceback" in line for line in stderr.seen)


def test_watch_refuses_standard_input(tmp_path: Path) -> None:
    result = subprocess.run(  # noqa: PLW1510 - the exit code is asserted
        [sys.executable, "-m", "podlint", "check", "--watch", "-"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        input="{}",
        env=_env(),
        timeout=60,
    )
    assert result.returncode == 2
    assert "--watch lints files and folders, not standard input" in result.stderr


def test_watch_keeps_going_through_a_broken_configuration(tmp_path: Path) -> None:
    (tmp_path / "web.json").write_text(json.dumps(CLEAN))
    proc = _start(tmp_path, "web.json", PODLINT_WATCH_MAX_RUNS="3")
    assert proc.stderr is not None
    stderr = _Lines(proc.stderr)
    try:
        stderr.wait_for("watching for changes")
        (tmp_path / ".podlint.yaml").write_text("fail_onn: error\n")
        stderr.wait_for("unknown configuration key 'fail_onn'")
        stderr.wait_for("watching for changes")
        (tmp_path / ".podlint.yaml").write_text("fail_on: error\n")
        proc.wait(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0


# ---- the progress line ----------------------------------------------------------------------------


def _run_on_a_terminal(
    tmp_path: Path, *args: str, stdout_too: bool = False
) -> tuple[int, str, str]:
    """Run podlint with standard error (and standard output if ``stdout_too``) on a pseudo-terminal;
    return (code, stdout, terminal text)."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "podlint", "check", "--no-cache", *args],
        cwd=tmp_path,
        stdout=slave if stdout_too else subprocess.PIPE,
        stderr=slave,
        text=True,
        # The delay is what makes the line appear only on slow runs; a test cannot wait for one.
        env=_env(PODLINT_PROGRESS_DELAY="0"),
    )
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    out, _ = proc.communicate(timeout=60)
    return proc.returncode, out or "", b"".join(chunks).decode()


def _pods(tmp_path: Path, count: int = 30) -> None:
    for i in range(count):
        (tmp_path / f"pod{i:02}.json").write_text(json.dumps(CLEAN))


def test_progress_line_on_a_terminal_is_erased_at_the_end(tmp_path: Path) -> None:
    _pods(tmp_path)
    code, out, terminal = _run_on_a_terminal(tmp_path, ".")
    assert code == 0
    assert re.search(r"podlint: \d+/30 files \(\d+%\)", terminal)
    assert terminal.endswith("\r\x1b[2K")  # the line is gone before the report
    assert "files (" not in out


def test_findings_printed_meanwhile_never_continue_the_progress_line(tmp_path: Path) -> None:
    for i in range(40):
        pod = BROKEN if i % 2 else CLEAN
        (tmp_path / f"pod{i:02}.json").write_text(json.dumps(pod))
    code, _, terminal = _run_on_a_terminal(
        tmp_path, "--jobs", "1", "--color", "never", ".", stdout_too=True
    )
    assert code == 1
    assert re.search(r"podlint: \d+/40 files \(\d+%\)", terminal)
    # Each finding starts on a line of its own: the progress text is erased before it is printed.
    assert not re.search(r"files \(\d+%\)[^\r]", terminal)
    # What the terminal shows of each line: "erase line" drops what came before it.
    shown = [line.split("\x1b[2K")[-1].strip("\r") for line in terminal.split("\n")]
    findings = [line for line in shown if re.search(r"pod\d\d\.json:\d", line)]
    assert len(findings) == 20
    assert all(re.match(r"(\./)?pod\d\d\.json:", line) for line in findings), findings


@pytest.mark.parametrize("flags", [["--format", "json"], ["--format", "sarif"], ["--quiet"]])
def test_no_progress_line_with_machine_formats_or_quiet(tmp_path: Path, flags: list[str]) -> None:
    _pods(tmp_path)
    _, _, terminal = _run_on_a_terminal(tmp_path, *flags, ".")
    assert "files (" not in terminal


def test_no_progress_line_in_a_pipe(tmp_path: Path) -> None:
    _pods(tmp_path)
    result = subprocess.run(  # noqa: PLW1510 - the exit code is asserted
        [sys.executable, "-m", "podlint", "check", "--no-cache", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=_env(PODLINT_PROGRESS_DELAY="0"),
        timeout=60,
    )
    assert "files (" not in result.stderr


def test_progress_waits_for_the_delay_then_throttles() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(100, stream, delay=2.0, clock=lambda: now[0])
    for _ in range(10):
        now[0] += 0.1
        progress.advance()
    assert stream.getvalue() == ""  # one second in: quiet
    now[0] = 2.5
    progress.advance()
    assert stream.getvalue() == "\r\x1b[2Kpodlint: 11/100 files (11%)"
    now[0] = 2.55
    progress.advance()  # too soon to rewrite
    assert stream.getvalue().count("files") == 1
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[2K")
