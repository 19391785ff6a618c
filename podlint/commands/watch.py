"""``podlint check --watch``: lint, then lint again whenever a linted file or a configuration changes.

Changes are found by polling ``os.stat`` twice a second over the files a walk of the same paths
would consider, the configuration files above them and ``--config``: no file-system notification
library to install, and the same behaviour on every platform and network drive. On a terminal the
screen is cleared before each run, so what is shown is the current state. Ctrl-C ends the watch
(exit code 130, as for any interrupted command, without a traceback).
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime
from typing import Any

from podlint.discover import ALWAYS_SKIPPED_DIRS
from podlint.exit_status import EXIT_OK, EXIT_USAGE, UsageError

POLL_INTERVAL = 0.5
WATCHED_SUFFIXES = (".json", ".yaml", ".yml", ".toml", ".gitignore")
CONFIG_NAMES = (".podlint.yaml", ".podlint.yml", "pyproject.toml", ".gitignore")
# Stops after this many runs: lets the test suite drive a real watch and see it end.
MAX_RUNS_ENV = "PODLINT_WATCH_MAX_RUNS"

Snapshot = dict[str, tuple[int, int, int]]


def watch(args: Any) -> int:
    from podlint.commands.check import run_check

    paths = list(args.paths or ["."])
    if "-" in paths:
        raise UsageError("--watch lints files and folders, not standard input")
    max_runs = _max_runs()
    runs = 0
    while True:
        before = snapshot(paths, args.config)
        _clear_screen()
        print(f"[{datetime.now():%H:%M:%S}] podlint: linting {' '.join(paths)}", file=sys.stderr)
        try:
            code = run_check(args)
        except UsageError as exc:
            if runs == 0:
                raise  # a mistake on the command line (or a broken start): nothing to watch yet
            # A half-saved configuration, say: report it and keep watching.
            print(f"podlint: error: {exc}", file=sys.stderr)
            code = EXIT_USAGE
        runs += 1
        if max_runs is not None and runs >= max_runs:
            return code
        print("podlint: watching for changes (Ctrl-C to stop)", file=sys.stderr, flush=True)
        while snapshot(paths, args.config) == before:
            time.sleep(POLL_INTERVAL)
    return EXIT_OK  # pragma: no cover - the loop ends by Ctrl-C or the run limit


def snapshot(paths: list[str], config: str | None) -> Snapshot:
    """``(mtime, size, inode)`` of every file whose change should start a new run."""
    state: Snapshot = {}
    for path in paths:
        if os.path.isdir(path):
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = [d for d in dirnames if d not in ALWAYS_SKIPPED_DIRS]
                for name in filenames:
                    if name.endswith(WATCHED_SUFFIXES):
                        _stat_into(state, os.path.join(dirpath, name))
        else:
            _stat_into(state, path)
        # Configuration found from the path upwards governs it, too.
        folder = os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".")
        while True:
            for name in CONFIG_NAMES:
                _stat_into(state, os.path.join(folder, name))
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    if config:
        _stat_into(state, config)
    return state


def _stat_into(state: Snapshot, path: str) -> None:
    try:
        st = os.stat(path)
    except OSError:
        return  # absent now; its appearing later changes the snapshot
    state[os.path.abspath(path)] = (st.st_mtime_ns, st.st_size, st.st_ino)


def _clear_screen() -> None:
    if sys.stdout.isatty():
        sys.stdout.write("\x1b[2J\x1b[3J\x1b[H")
        sys.stdout.flush()


def _max_runs() -> int | None:
    value = os.environ.get(MAX_RUNS_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else None
