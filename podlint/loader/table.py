"""Raw offset entries -> the ``pointer -> NodeSpans`` table of a document.

A file with findings needs the spans of a handful of pointers, but has a hundred or so values; making
a :class:`NodeSpans` (and two :class:`Span`) for each of them was most of the cost of locating
findings. :class:`SpanTable` therefore keeps the raw entries and converts one on first lookup; it is a
``dict`` whose every read gives exactly what the eager table (``build_table(..., lazy=False)``) holds.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Any

from podlint.diagnostics import Span
from podlint.document import NodeSpans
from podlint.loader.lines import LineIndex

# Tests switch this off to compare the lazy tables with the eager ones.
LAZY_TABLES = True


def build_table(
    entries: Sequence[tuple[Any, ...]], lines: LineIndex, *, lazy: bool | None = None
) -> dict[str, NodeSpans]:
    """One NodeSpans per entry ``(pointer, value_start, value_end, key_start, key_end, ...)``.

    Later entries win, which is what a repeated key means (the later value is the one read).
    """
    if LAZY_TABLES if lazy is None else lazy:
        return SpanTable({entry[0]: entry for entry in entries}, lines.starts)
    table: dict[str, NodeSpans] = {}
    starts = lines.starts
    for entry in entries:
        table[entry[0]] = node_spans(entry, starts)
    return table


def node_spans(entry: tuple[Any, ...], starts: list[int]) -> NodeSpans:
    # The line lookups are inlined (this runs once per value looked up).
    _, value_start, value_end, key_start, key_end = entry[:5]
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
    return NodeSpans(value, key, value_start, value_end, key_start, key_end)


class SpanTable(dict[str, NodeSpans]):
    """The table of a document, converting raw entries to :class:`NodeSpans` on first lookup.

    The dict's own storage holds the converted members; ``_raw`` holds every entry. Reads by key
    convert one member; anything that reads them all (iteration of values or items, comparison,
    copying, pickling) converts everything first, so no raw entry is ever seen outside.
    """

    __slots__ = ("_complete", "_raw", "_starts")

    def __init__(self, raw: dict[str, tuple[Any, ...]], starts: list[int]) -> None:
        super().__init__()
        self._raw = raw
        self._starts = starts
        self._complete = False

    def _convert(self, key: str) -> NodeSpans | None:
        entry = self._raw.get(key)
        if entry is None:
            return None
        spans = node_spans(entry, self._starts)
        dict.__setitem__(self, key, spans)
        return spans

    def _materialize(self) -> None:
        if self._complete:
            return
        # Rebuilt in entry order, so iteration order is the eager table's whatever was read first.
        starts = self._starts
        converted = {
            key: found if (found := dict.get(self, key)) is not None else node_spans(entry, starts)
            for key, entry in self._raw.items()
        }
        dict.clear(self)
        dict.update(self, converted)
        self._complete = True

    def get(self, key: str, default: Any = None) -> Any:
        found = dict.get(self, key)
        if found is None:
            found = self._convert(key)
        return default if found is None else found

    def __getitem__(self, key: str) -> NodeSpans:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def keys(self) -> Any:
        self._materialize()
        return dict.keys(self)

    def values(self) -> Any:
        self._materialize()
        return dict.values(self)

    def items(self) -> Any:
        self._materialize()
        return dict.items(self)

    def copy(self) -> dict[str, NodeSpans]:
        self._materialize()
        return dict(dict.items(self))

    def __eq__(self, other: object) -> bool:
        self._materialize()
        if isinstance(other, SpanTable):
            other._materialize()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None

    def __repr__(self) -> str:
        self._materialize()
        return dict.__repr__(self)

    def __reduce__(self) -> Any:
        return (dict, (self.copy(),))

    def __setitem__(self, key: str, value: NodeSpans) -> None:
        self._materialize()
        self._raw[key] = (key,)  # a placeholder: the stored member wins from now on
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self._materialize()
        del self._raw[key]
        dict.__delitem__(self, key)
