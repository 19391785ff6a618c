"""Interrupting a rule that runs too long, so one plugin cannot hang the whole run.

A rule's ``check`` is ordinary Python code from any installed plugin; it may loop forever or wait on
something that never comes. Where the platform has ``signal.setitimer`` and the linter runs in the
main thread of its process (the command line, and each worker of the process pool), a periodic
``SIGALRM`` checks how long the current rule has been running and raises :class:`RuleTimeout` inside
it once it passes the limit. Elsewhere (Windows, a language server thread) the watchdog does nothing
and the engine still reports slowness after the fact.

The timer is armed once per document, not per rule: arming costs a system call, and a pod is checked
by a hundred rules in well under a millisecond. Any handler or timer that was there before is put
back afterwards.
"""

from __future__ import annotations

import signal
import threading
import time
from types import FrameType, TracebackType
from typing import Any

# How often the alarm looks at the running rule; a rule is stopped at most this much past its limit.
TICK = 0.25


class RuleTimeout(BaseException):
    """Raised inside a rule that ran past its limit.

    A BaseException, like KeyboardInterrupt, so that a rule's own ``except Exception`` cannot swallow
    it and keep running.
    """


def available() -> bool:
    """True when rules can be interrupted here (POSIX interval timers, main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class Watchdog:
    """``with Watchdog(limit) as w: w.start(); ...; w.stop()`` around each rule's check."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self._armed = False
        self._running = False
        self._started = 0.0
        self._previous_handler: Any = None
        self._previous_timer: tuple[float, float] = (0.0, 0.0)
        self._entered = 0.0

    def __enter__(self) -> Watchdog:
        if self.limit > 0 and available():
            try:
                self._previous_handler = signal.signal(signal.SIGALRM, self._on_alarm)
            except (ValueError, OSError):  # not allowed here after all: run unguarded
                return self
            self._entered = time.monotonic()
            tick = min(TICK, self.limit)
            self._previous_timer = signal.setitimer(signal.ITIMER_REAL, tick, tick)
            self._armed = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._running = False
        if not self._armed:
            return
        self._armed = False
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        previous = self._previous_handler
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        delay, interval = self._previous_timer
        if delay > 0 or interval > 0:
            # Someone else's timer was running: give it back what is left of it (at least a tick of
            # the clock, so an alarm that fell due meanwhile still fires).
            left = max(delay - (time.monotonic() - self._entered), 1e-3) if delay > 0 else 0.0
            signal.setitimer(signal.ITIMER_REAL, left, interval)

    def start(self) -> float:
        """Start timing one rule; returns the ``time.monotonic()`` it started at."""
        self._started = started = time.monotonic()
        self._running = True
        return started

    def stop(self) -> None:
        self._running = False

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if self._running and time.monotonic() - self._started > self.limit:
            self._running = False
            raise RuleTimeout
