"""Raw offset entries -> the ``pointer -> NodeSpans`` table of a document."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from podlint.diagnostics import Span
from podlint.document import NodeSpans
from podlint.loader.lines import LineIndex


def build_table(entries: Sequence[tuple[Any, ...]], lines: LineIndex) -> dict[str, NodeSpans]:
    """One NodeSpans per entry ``(pointer, value_start, value_end, key_start, key_end, ...)``.

    Later entries win, which is what a repeated key means (the later value is the one read).
    """
    # The line lookups are inlined (this loop runs once per value of a file with findings).
    starts = lines.starts
    table: dict[str, NodeSpans] = {}
    for entry in entries:
        pointer, value_start, value_end, key_start, key_end = entry[:5]
        line = bisect_right(starts, value_start)
        end_line = bisect_right(starts, value_end, line - 1)
        value = Span(
            line,
            value_start - starts[line - 1] + 1,
            end_line,
            value_end - starts[end_line - 1] + 1,
        )
        key = None
        if key_start is not None:
            key_line = bisect_right(starts, key_start)
            key_end_line = bisect_right(starts, key_end, key_line - 1)
            key = Span(
                key_line,
                key_start - starts[key_line - 1] + 1,
                key_end_line,
                key_end - starts[key_end_line - 1] + 1,
            )
        table[pointer] = NodeSpans(value, key, value_start, value_end, key_start, key_end)
    return table
