"""Positions in a clean JSON file, one pointer at a time, at the C scanner's speed.

A file with findings needs the spans of a handful of pointers. Building the whole span table with the
position-tracking scanner (``json_scanner``) costs time in proportion to the file, in Python; this
module instead walks from the root along the pointer only: keys are read with the standard library's
C ``scanstring``, and every sibling before the wanted member is skipped with the C scanner
(``scan_once``), which returns where the skipped value ends. The cost follows the path, and the
Python work is a few steps per path token.

It serves only texts the strict fast path (``json_fast``) accepted: one value, no repeated key, no
comment, so the first key that matches is the member a reader sees. Anything unexpected makes a
lookup answer None; the results equal the reference table's members exactly (a test compares them
over the corpora).
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # C accelerated, untyped
from json.scanner import make_scanner  # the C scanner when the interpreter has it
from typing import Any

from podlint.diagnostics import Span
from podlint.document import NodeSpans
from podlint.loader.lines import LineIndex
from podlint.loader.table import node_spans

_BLANK = re.compile(r"[ \t\n\r]*")
# ``{`` and the first key's opening quote; ``:`` and the blanks around it; ``,`` likewise.
_OPEN_OBJECT = re.compile(r'\{[ \t\n\r]*"')
_COLON = re.compile(r"[ \t\n\r]*:[ \t\n\r]*")
_NEXT = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
_WHITESPACE = " \t\n\r"
# Skips a value and says where it ends. A plain decoder: the text is already known to be strict.
_SCAN_ONCE: Any = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # typeshed: a class


class JsonPositions:
    """``node(pointer)`` for one strictly valid JSON text; answers are remembered."""

    __slots__ = ("_found", "_lines", "_root", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        start = len(text) - len(text.lstrip(_WHITESPACE))
        end = len(text.rstrip(_WHITESPACE))
        self._root = (start, end)
        # pointer -> (value_start, key_start, key_end) of members already walked through.
        self._starts: dict[str, tuple[int, int | None, int | None]] = {"": (start, None, None)}
        self._found: dict[str, NodeSpans | None] = {}
        # Only texts with a carriage return need a line table (CR and CRLF end lines too).
        self._lines: LineIndex | None = LineIndex(text) if "\r" in text else None

    def node(self, pointer: str) -> NodeSpans | None:
        try:
            return self._found[pointer]
        except KeyError:
            pass
        try:
            found = self._resolve(pointer)
        except (ValueError, IndexError):  # cannot happen on a strict text; never fail a lookup
            found = None
        self._found[pointer] = found
        return found

    def _resolve(self, pointer: str) -> NodeSpans | None:
        if pointer and not pointer.startswith("/"):
            return None
        if pointer == "":
            start, end = self._root
            return self._spans(start, end, None, None)
        escaped = pointer[1:].split("/")
        # Start from the deepest ancestor already walked through.
        depth = len(escaped)
        while depth and "/" + "/".join(escaped[:depth]) not in self._starts:
            depth -= 1
        prefix = "/" + "/".join(escaped[:depth]) if depth else ""
        value_start, key_start, key_end = self._starts[prefix]
        text = self.text
        for token in escaped[depth:]:
            opener = text[value_start]
            if opener == "{":
                key = token.replace("~1", "/").replace("~0", "~")
                if key.replace("~", "~0").replace("/", "~1") != token:
                    return None  # not how the table spells any key
                member = _member(text, value_start, key)
                if member is None:
                    return None
                key_start, key_end, value_start = member
            elif opener == "[":
                if not (token.isascii() and token.isdigit()) or (token[0] == "0" and token != "0"):
                    return None
                item = _item(text, value_start, int(token))
                if item is None:
                    return None
                key_start = key_end = None
                value_start = item
            else:
                return None
            prefix = f"{prefix}/{token}"
            self._starts[prefix] = (value_start, key_start, key_end)
        return self._spans(value_start, _SCAN_ONCE(text, value_start)[1], key_start, key_end)

    def _spans(
        self, value_start: int, value_end: int, key_start: int | None, key_end: int | None
    ) -> NodeSpans:
        if self._lines is not None:
            # Lines may end at CR or CRLF: the reference table's own conversion.
            return node_spans(("", value_start, value_end, key_start, key_end), self._lines.starts)
        key = None
        if key_start is not None and key_end is not None:
            key = self._span(key_start, key_end)
        return NodeSpans(
            self._span(value_start, value_end), key, value_start, value_end, key_start, key_end
        )

    def _span(self, start: int, end: int) -> Span:
        """The span of ``start``..``end`` in a text whose lines all end at LF."""
        text = self.text
        line = text.count("\n", 0, start) + 1
        return Span(
            line,
            start - text.rfind("\n", 0, start),
            line + text.count("\n", start, end),
            end - text.rfind("\n", 0, end),
        )


def _blank(text: str, pos: int) -> int:
    return _BLANK.match(text, pos).end()  # type: ignore[union-attr]  # matches the empty string


def _member(text: str, pos: int, wanted: str) -> tuple[int, int, int] | None:
    """(key_start, key_end, value_start) of member ``wanted`` of the object at ``pos``."""
    opened = _OPEN_OBJECT.match(text, pos)
    if opened is None:
        return None  # an empty object
    pos = opened.end() - 1
    while True:
        key, key_end = scanstring(text, pos + 1, True)
        value_start = _COLON.match(text, key_end).end()  # type: ignore[union-attr]  # strict text
        if key == wanted:
            return pos, key_end, value_start
        after = _NEXT.match(text, _SCAN_ONCE(text, value_start)[1])
        if after is None:
            return None  # the closing brace: no such member
        pos = after.end()


def _item(text: str, pos: int, index: int) -> int | None:
    """The start of item ``index`` of the array at ``pos``."""
    pos = _blank(text, pos + 1)
    if text[pos] == "]":
        return None
    for _ in range(index):
        after = _NEXT.match(text, _SCAN_ONCE(text, pos)[1])
        if after is None:
            return None
        pos = after.end()
    return pos
