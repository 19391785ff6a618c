"""Printing findings while the run goes on, in exactly the order of the finished run's report.

A report lists findings sorted by (file, line, column, code, message). Files come back from the
runner in the order of the targets, which is sorted already when one folder is walked, but not in
general (several paths on the command line, say). Since the targets are known before the first file
is read, a finding can be printed as soon as its file sorts before every target still to come: no
later file can sort before it. Findings wait in a heap until then; with sorted targets that is the
current file's findings only, and the file's text (for snippets) is held only while they wait.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Any

from podlint.diagnostics import Diagnostic
from podlint.results import FileResult


class OrderedStream:
    """Feeds findings to ``write`` in report order; see the module docstring.

    ``paths`` are the targets' paths in the order their results will arrive. ``source`` gives a
    result's text for snippets (None: no snippets). Nothing is written before the first result that
    counts as a linted file (``hold_until_file``), so a run that ends up linting nothing prints
    nothing.
    """

    def __init__(
        self,
        paths: list[str],
        write: Callable[[Diagnostic, str | None], None],
        source: Callable[[FileResult], str | None] | None = None,
    ) -> None:
        self._paths = paths
        # _bound[k]: the least path among paths[k:], the targets still to come after k results.
        self._bound: list[str | None] = [None] * (len(paths) + 1)
        least: str | None = None
        for k in range(len(paths) - 1, -1, -1):
            least = paths[k] if least is None or paths[k] < least else least
            self._bound[k] = least
        self._arrived = 0
        self._write = write
        self._source = source
        self._heap: list[tuple[Any, int, Diagnostic]] = []
        self._seq = 0
        # Texts of files whose findings still wait, with how many of them wait.
        self._texts: dict[str, tuple[str | None, int]] = {}
        self._holding = True

    def add(self, result: FileResult) -> None:
        if (
            self._arrived < len(self._paths)
            and result.path == self._paths[self._arrived]
            and not result.path.startswith("<")
        ):
            self._arrived += 1
        if self._holding and not result.skipped and not result.path.startswith("<"):
            self._holding = False
        if result.diagnostics:
            text = self._source(result) if self._source is not None else None
            if not self._holding and not self._heap and self._write_now(result, text):
                return
            for d in result.diagnostics:
                heapq.heappush(self._heap, (d.sort_key, self._seq, d))
                self._seq += 1
                held, waiting = self._texts.get(d.file, (text, 0))
                self._texts[d.file] = (held if held is not None else text, waiting + 1)
        self._release(self._bound[self._arrived])

    def _write_now(self, result: FileResult, text: str | None) -> bool:
        """Write ``result``'s findings at once if nothing waits and they may all go now.

        The common case (targets in order, findings sorted): the heap would take them in and give
        them back in the same order, which costs more than printing them.
        """
        diagnostics = result.diagnostics
        keys = [d.sort_key for d in diagnostics]
        bound = self._bound[self._arrived]
        if (bound is not None and not keys[-1][0] < bound) or sorted(keys) != keys:
            return False
        for d in diagnostics:
            self._write(d, text)
        return True

    def finish(self) -> None:
        """Every result is in: write whatever still waits (nothing when no file was linted)."""
        if not self._holding:
            self._release(None)

    def _release(self, bound: str | None) -> None:
        if self._holding:
            return
        heap = self._heap
        while heap and (bound is None or heap[0][0][0] < bound):
            _, _, d = heapq.heappop(heap)
            text, waiting = self._texts[d.file]
            self._write(d, text)
            if waiting == 1:
                del self._texts[d.file]
            else:
                self._texts[d.file] = (text, waiting - 1)
