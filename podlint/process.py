"""The ``podlint`` process itself: garbage collection during start-up, and a quick, flushed exit.

Only the console entry point (``podlint.cli.console_main``) uses these; code that calls
``podlint.cli.main`` in its own process keeps its collector and its exit as they were.

Start-up (the rules, the schema validator, the configuration) creates tens of thousands of objects
that live as long as the run: the cyclic collector would traverse them again and again while they
are being made, for nothing. It is paused until the run is about to lint, then the objects made so
far are frozen out of its sight (``gc.freeze``) and it runs as usual.

At the end, tearing the interpreter down (hundreds of modules, every object) takes longer than a
one-file run's linting. Once standard output and standard error are flushed, the exit handlers have
run and no other thread is alive, nothing is left for the teardown to do that anyone could see.
"""

from __future__ import annotations

import gc
import os
import sys

_paused = False


def pause_gc() -> None:
    """Pause the cyclic collector for start-up (until :func:`startup_done`)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def startup_done() -> None:
    """Start-up is over: what it made is frozen out of the collector's sight, which runs again.

    Does nothing unless :func:`pause_gc` paused the collector (and only the first time).
    """
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def exit_now(code: int) -> None:
    """End the process with ``code`` without the interpreter's teardown, when that is safe.

    Returns (and the caller exits as usual) when it is not: another thread still runs, or flushing
    standard output or standard error fails (a closed pipe is then reported exactly as before).
    """
    import atexit

    if not _alone_and_flushed():
        return
    # Exit handlers (a process pool's, logging's, a plugin's) run as at a normal exit.
    atexit._run_exitfuncs()
    # A handler may have printed, or left a thread running, since the first look.
    if not _alone_and_flushed():
        return
    os._exit(code)


def _alone_and_flushed() -> bool:
    """No other thread runs, and standard output and error were flushed without error."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True
