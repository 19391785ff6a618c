"""The progress line of ``podlint check``: on a terminal's standard error, for runs that take a while.

Nothing is shown for the first :data:`DELAY` seconds (a pre-commit run on a handful of files never
sees it), nor when standard error is not a terminal (CI logs, pipes), nor with a machine-readable
format or ``--quiet``. The line is rewritten in place and erased when the run ends, so the report
that follows starts on a clean line. A report printed while files are linted (the streamed formats)
shares the terminal: :func:`clear_for_output` erases the line before each printed finding, and the
next update draws it again below.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO, TypeVar

T = TypeVar("T")

DELAY = 2.0
# How often the line is rewritten at most: often enough to look alive, rarely enough to cost nothing.
INTERVAL = 0.1
# The formats a person reads on the same terminal; every other format is for a program.
HUMAN_FORMATS = frozenset({"text", "concise"})
# Lets the test suite see the line without a run of several seconds.
DELAY_ENV = "PODLINT_PROGRESS_DELAY"


def wants_progress(formats: list[str], args: Any, stream: TextIO | None = None) -> bool:
    """Whether this run may show a progress line: a terminal, human formats, not quiet."""
    stream = stream if stream is not None else sys.stderr
    if getattr(args, "quiet", False) or not set(formats) <= HUMAN_FORMATS:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


class Progress:
    """Counts finished files and, once the run is slow, says how far it is."""

    def __init__(
        self,
        total: int,
        stream: TextIO,
        *,
        delay: float = DELAY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.stream = stream
        self.delay = delay
        self.clock = clock
        self.done = 0
        self.started = clock()
        self.last = float("-inf")
        self.shown = False

    def advance(self) -> None:
        self.done += 1
        now = self.clock()
        if now - self.started < self.delay or now - self.last < INTERVAL:
            return
        self.last = now
        global _shown
        _shown = self
        percent = 100 * self.done // self.total if self.total else 100
        self.stream.write(f"\r\x1b[2Kpodlint: {self.done}/{self.total} files ({percent}%)")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        global _shown
        if _shown is self:
            _shown = None
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False

    def suspend(self) -> None:
        """Erase the line for output that goes to the same terminal; the next update redraws it."""
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False
            self.last = float("-inf")


# The progress line on the terminal now, if any: output printed meanwhile must erase it first, or the
# report's line would continue the progress line's text.
_shown: Progress | None = None


def clear_for_output(output: TextIO) -> None:
    """Before printing to ``output``: erase the progress line if both are on a terminal."""
    progress = _shown
    if progress is None or not progress.shown:
        return
    try:
        on_terminal = output.isatty()
    except (AttributeError, ValueError):
        on_terminal = False
    if on_terminal:
        progress.suspend()


def track(items: Iterable[T], total: int, *, enabled: bool) -> Iterator[T]:
    """Yield ``items``, showing progress on standard error when ``enabled``."""
    if not enabled:
        yield from items
        return
    progress = Progress(total, sys.stderr, delay=_delay())
    try:
        for item in items:
            progress.advance()
            yield item
    finally:
        progress.close()


def _delay() -> float:
    try:
        return float(os.environ.get(DELAY_ENV, DELAY))
    except ValueError:
        return DELAY
