"""Offsets into decoded text -> 1-based line/column spans.

Lines end at LF, CRLF or a lone CR; columns count code points, so the CR of a CRLF never counts as
a column. The loader strips a UTF-8 byte-order mark before building the index, so it never counts
either.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from podlint.diagnostics import Span

_ONE = 1


class LineIndex:
    """Maps code-point offsets of one text to (line, column) pairs; built once per text in O(n)."""

    __slots__ = ("length", "starts")

    def __init__(self, text: str) -> None:
        # Offsets at which each line starts; line n (1-based) starts at starts[n - 1]. Built with
        # C-speed string operations: CRLF and lone CR become one LF of the same width, and each
        # line starts one past the end of the previous line.
        if "\r" in text:
            text = text.replace("\r\n", " \n").replace("\r", "\n")
        widths = map(_ONE.__add__, map(len, text.split("\n")))
        self.starts = list(accumulate(widths, initial=0))
        self.starts.pop()  # past the last line
        self.length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset`` (clamped into the text)."""
        offset = min(max(offset, 0), self.length)
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        if end <= start:
            return Span(line, column, line, column)
        end_line, end_column = self.position(end)
        return Span(line, column, end_line, end_column)

    def point(self, offset: int, width: int = 1) -> Span:
        """A span of ``width`` code points at ``offset`` (for problems at one character)."""
        return self.span(offset, min(offset + width, self.length))
