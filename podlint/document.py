"""Loaded documents: plain data plus a way to turn a JSON Pointer into a text span.

The loader (``podlint.loader``) is the only code that knows about text positions; this module is the
contract between it and the rest of the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from podlint.diagnostics import Span, Target, split_pointer

Format = Literal["json", "yaml"]


@dataclass(frozen=True)
class NodeSpans:
    """Where one member sits in the text: its key (None for array items and the root) and its value."""

    value: Span
    key: Span | None = None
    # Offsets into the text (code points), end exclusive, for fixes.
    value_start: int = 0
    value_end: int = 0
    key_start: int | None = None
    key_end: int | None = None


@dataclass(frozen=True)
class LoadProblem:
    """A problem found while reading a file: becomes a diagnostic of rule ``rule`` at ``span``."""

    rule: str
    message: str
    span: Span
    help: str | None = None
    # The document (0-based, in the file) it belongs to, or None when it concerns the whole file.
    document: int | None = None


@dataclass
class Document:
    """One document of a file (JSON files have one; YAML may have many)."""

    data: Any
    format: Format
    index: int = 0
    # Builds the pointer -> spans table on first use (lazily: most documents have no finding).
    index_builder: Callable[[], dict[str, NodeSpans]] | None = None
    # The document's whole extent (root span), used when a pointer cannot be resolved.
    extent: Span = field(default_factory=lambda: Span(1, 1, 1, 1))
    # YAML only: pointer -> source text of plain scalars that resolved to something other than a string.
    plain_scalars: dict[str, str] = field(default_factory=dict)
    # True when the data was recovered from text with syntax errors (it may be incomplete).
    recovered: bool = False
    # Finds one pointer's spans without building the table (clean JSON); the table, once built,
    # answers instead. Both give the same answers.
    lookup: Callable[[str], NodeSpans | None] | None = None
    _table: dict[str, NodeSpans] | None = None

    def table(self) -> dict[str, NodeSpans]:
        if self._table is None:
            self._table = self.index_builder() if self.index_builder else {}
        return self._table

    def node(self, pointer: str) -> NodeSpans | None:
        if self._table is None and self.lookup is not None:
            return self.lookup(pointer)
        return self.table().get(pointer)

    def locate(self, pointer: str, target: Target = "value") -> tuple[Span, str]:
        """The span for ``pointer`` and the pointer it was found at.

        A pointer that does not exist (a missing key, say) falls back to its nearest existing ancestor,
        and to the key of that ancestor when there is one, so the finding sits where the user must act.
        """
        tokens = split_pointer(pointer)
        while True:
            current = "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)
            spans = self.node(current)
            if spans is not None:
                if current != pointer:
                    # A missing member: point at the key of the mapping that should hold it, or,
                    # for a member missing at the top, at the document's first character rather
                    # than underlining the whole document.
                    if spans.key is None and current == "":
                        v = spans.value
                        return Span(v.line, v.column, v.line, v.column + 1), current
                    return (spans.key or spans.value), current
                if target == "key" and spans.key is not None:
                    return spans.key, current
                if target == "member" and spans.key is not None:
                    return Span(
                        spans.key.line,
                        spans.key.column,
                        spans.value.end_line,
                        spans.value.end_column,
                    ), current
                return spans.value, current
            if not tokens:
                return self.extent, ""
            tokens.pop()


@dataclass
class LoadResult:
    """What the loader made of one file."""

    text: str | None
    format: Format
    documents: list[Document] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
