"""Keeping a misbehaving plugin inside its own failure.

A plugin is ordinary Python code. What it may do wrong, and what podlint does about it:
- raise anything, ``SystemExit`` included: caught, reported by plugin name, the run goes on;
- never return (at import, in a hook, in a rule): interrupted by :mod:`podlint.watchdog` where the
  platform allows, reported by name;
- call ``os._exit`` or ``os.abort``: while plugin code runs, both raise :class:`PluginExit` instead
  of ending the process silently with no report;
- change the pod it is given: each third-party plugin's rules get their own copy of the pod, so the
  built-in rules (and other plugins) always see the document as it was read.
"""

from __future__ import annotations

import copy
import marshal
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


class PluginExit(Exception):
    """Plugin code tried to end the process."""


def _refuse_exit(*args: Any) -> None:
    raise PluginExit(f"tried to end the process (os._exit{args!r})")


def _refuse_abort() -> None:
    raise PluginExit("tried to abort the process (os.abort())")


@contextmanager
def no_process_exit() -> Iterator[None]:
    """While plugin code runs, ``os._exit`` and ``os.abort`` raise instead of ending the process."""
    real_exit, real_abort = os._exit, os.abort
    os._exit = _refuse_exit  # type: ignore[assignment]
    os.abort = _refuse_abort  # type: ignore[assignment]
    try:
        yield
    finally:
        os._exit, os.abort = real_exit, real_abort


def describe(exc: BaseException) -> str:
    """``SystemExit(3)`` reads as what it is, not as an empty message."""
    if isinstance(exc, SystemExit):
        return f"called sys.exit({exc.code!r})"
    text = str(exc)
    return f"raised {type(exc).__name__}: {text}" if text else f"raised {type(exc).__name__}"


def private_copy(data: T) -> T:
    """A deep copy of plain pod data, at C speed where the data allows."""
    try:
        return marshal.loads(marshal.dumps(data))  # type: ignore[arg-type]
    except ValueError:  # something marshal cannot hold: the general copy
        return copy.deepcopy(data)


def call_guarded(function: Callable[[], T], limit: float) -> T:
    """Run plugin code with exits refused and, where possible, a time limit."""
    from podlint.watchdog import Watchdog

    with Watchdog(limit) as watchdog, no_process_exit():
        watchdog.start()
        try:
            return function()
        finally:
            watchdog.stop()
