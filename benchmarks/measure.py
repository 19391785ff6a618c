"""Timing and memory of whole commands, run as subprocesses.

Commands of one comparison are run alternately (A B A B ...) in one session, so slow drifts of the
machine (thermal, noisy neighbours, page cache) hit every command alike.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Command:
    label: str
    argv: tuple[str, ...]
    cwd: Path
    files: int
    # Exit codes that mean "ran fine": linters exit 1 when they have findings.
    ok_codes: frozenset[int] = frozenset({0, 1})

    def shell_text(self) -> str:
        """The command as a reader would type it (paths relative to the corpus folder)."""
        shown = [Path(self.argv[0]).name]
        for arg in self.argv[1:]:
            # Inline scripts are named, not printed; see the module that defines them.
            shown.append("'<script>'" if "\n" in arg else shlex.quote(arg))
        files = [i for i, arg in enumerate(shown) if "/pod-" in arg]
        if len(files) > 3:
            shown[files[2] : files[-1] + 1] = [f"... ({len(files) - 2} more files)"]
        return " ".join(shown)


@dataclass
class Timing:
    command: Command
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def low(self) -> float:
        return min(self.seconds)

    @property
    def high(self) -> float:
        return max(self.seconds)

    @property
    def per_file_ms(self) -> float:
        return 1000 * self.median / max(1, self.command.files)


class CommandFailed(RuntimeError):
    def __init__(self, command: Command, returncode: int, stderr: str) -> None:
        tail = stderr.strip().splitlines()[-5:]
        super().__init__(
            f"{command.label}: exit code {returncode}" + (": " + " | ".join(tail) if tail else "")
        )
        self.command = command
        self.returncode = returncode


def benchmark_env() -> dict[str, str]:
    """The environment for measured commands: byte-code caching on, as users run Python."""
    env = dict(os.environ)
    # With this set every start recompiles the project's modules, which users never pay.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("NO_COLOR", "1")
    return env


def run_once(
    command: Command, env: Mapping[str, str], timeout: float, capture: bool = False
) -> tuple[float, str]:
    """Run ``command`` once; return its wall time and (if ``capture``) its standard output."""
    start = time.perf_counter()
    proc = subprocess.run(
        command.argv,
        cwd=command.cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=timeout,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in command.ok_codes:
        raise CommandFailed(command, proc.returncode, proc.stderr.decode(errors="replace"))
    return elapsed, proc.stdout.decode(errors="replace") if capture else ""


def alternate(
    commands: Sequence[Command],
    runs: int,
    env: Mapping[str, str],
    timeout: float,
    progress: bool = True,
) -> list[Timing]:
    """One warm-up run of each command, then ``runs`` rounds of each in turn."""
    for command in commands:
        run_once(command, env, timeout)
    timings = [Timing(command) for command in commands]
    for round_number in range(runs):
        for timing in timings:
            seconds, _ = run_once(timing.command, env, timeout)
            timing.seconds.append(seconds)
        if progress:
            summary = ", ".join(f"{t.command.label} {t.seconds[-1]:.3f}s" for t in timings)
            print(f"    round {round_number + 1}/{runs}: {summary}", file=sys.stderr)
    return timings


# -- memory ----------------------------------------------------------------------------------------

# Runs the command as its own child and reports the largest resident set of any process it waited
# for (ru_maxrss is per process, in KiB on Linux): the figure ``/usr/bin/time -v`` prints.
_RSS_PROBE = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


@dataclass(frozen=True)
class MemoryUse:
    # Largest single process (getrusage RUSAGE_CHILDREN), MiB.
    peak_process_mib: float
    # Largest sum over the command's process tree, sampled every 20 ms from /proc (None off Linux).
    peak_tree_mib: float | None


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The process name may contain spaces and parentheses: fields start after the last ")".
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def _tree_rss_bytes(root: int, page_size: int) -> int:
    children = _children_map()
    total, stack = 0, list(children.get(root, []))  # the probe itself is not counted
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * page_size
        except (OSError, IndexError, ValueError):
            continue
    return total


def measure_memory(command: Command, env: Mapping[str, str], timeout: float) -> MemoryUse:
    """One extra run of ``command`` under the probe; memory is never measured in timed runs."""
    probe = subprocess.Popen(
        [sys.executable, "-c", _RSS_PROBE, *command.argv],
        cwd=command.cwd,
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    peak_tree = 0
    sampling = os.path.isdir("/proc")
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        page_size = os.sysconf("SC_PAGE_SIZE")
        while not stop.is_set():
            peak_tree = max(peak_tree, _tree_rss_bytes(probe.pid, page_size))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    if sampling:
        sampler.start()
    try:
        out, _ = probe.communicate(timeout=timeout)
    finally:
        stop.set()
        if sampling:
            sampler.join()
    returncode, max_rss_kib = (int(x) for x in out.decode().split())
    if returncode not in command.ok_codes:
        raise CommandFailed(command, returncode, "")
    return MemoryUse(
        peak_process_mib=max_rss_kib / 1024,
        peak_tree_mib=peak_tree / 2**20 if sampling else None,
    )
