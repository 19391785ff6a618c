"""A reader for the plainest configuration YAML, so that a small ``.podlint.yaml`` costs no PyYAML.

Importing PyYAML costs about as much as linting one pod. Most configuration files are a few nested
mappings of simple keys to words, numbers, quoted strings and lists of them. This module reads
exactly that subset and gives the data and a node tree shaped like PyYAML's (``id``, ``value``,
``style``, ``start_mark.line``), so error messages name the same lines. It answers None for
anything outside the subset (anchors, tags, flow mappings, block scalars, multi-line or unusual
scalars, documents, tabs, non-ASCII text, ...), and the caller reads the file with PyYAML then: it
never guesses. Plain scalars are resolved as PyYAML's safe loader resolves them (YAML 1.1), and
only for the forms whose resolution is unambiguous: ``[A-Za-z_][A-Za-z0-9_./-]*`` words other than
the boolean and null words, decimal integers, simple decimals, and dotted version numbers.
"""

from __future__ import annotations

import re
from typing import Any

# Words YAML 1.1 reads as booleans (PyYAML's resolver); with the null words, the only words of the
# form below that are not strings.
_BOOLS = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
_NULLS = ("null", "Null", "NULL")

_WORD = r"[A-Za-z_][A-Za-z0-9_./-]*"
_INT = r"[-+]?(?:0|[1-9][0-9]*)"
_FLOAT = r"[-+]?[0-9]+\.[0-9]+"
_VERSION = r"[0-9]+(?:\.[0-9]+){2,}"
_QUOTED = r"\"[^\"\\]*\"|'[^']*'"
_SCALAR = rf"(?:{_QUOTED}|{_WORD}|{_VERSION}|{_FLOAT}|{_INT})"
# Scalars inside a flow sequence: the same, as the flow indicators are none of their characters.
_FLOW_SEQ = rf"\[\s*(?:{_SCALAR}(?:\s*,\s*{_SCALAR})*\s*,?)?\s*\]"
_EMPTY_MAP = r"\{\s*\}"
_COMMENT = r"(?:\s+#.*)?"

_LINE = re.compile(
    rf"(?P<indent> *)(?:(?P<dash>-)|(?P<key>{_WORD}|{_QUOTED}):)"
    rf"(?:\s+(?P<value>{_FLOW_SEQ}|{_EMPTY_MAP}|{_SCALAR}))?{_COMMENT}"
)
# A file of defaults: an empty mapping and nothing else.
_EMPTY_DOCUMENT = re.compile(rf" *{_EMPTY_MAP}{_COMMENT}")
_ITEM = re.compile(rf"{_SCALAR}")


class Mark:
    __slots__ = ("line",)

    def __init__(self, line: int) -> None:
        self.line = line


class Node:
    """``id`` (``scalar``, ``sequence`` or ``mapping``), ``value``, ``style`` and ``start_mark``."""

    __slots__ = ("id", "start_mark", "style", "value")

    def __init__(self, kind: str, value: Any, line: int, style: str | None = None) -> None:
        self.id = kind
        self.value = value
        self.style = style
        self.start_mark = Mark(line)


class _Outside(Exception):
    """The text is not of the subset this module reads."""


def read(text: str) -> tuple[Any, Node | None] | None:
    """(data, node tree) of ``text``, or None when it is outside the subset (read it with PyYAML).

    An empty document (only blank lines and comments) gives ``(None, None)``, as PyYAML does.
    """
    # ASCII without control characters (tabs, carriage returns) but line ends: the reader's world.
    if not text.isascii() or not text.replace("\n", "").isprintable():
        return None
    lines: list[tuple[int, int, re.Match[str]]] = []
    empty: int | None = None
    for number, line in enumerate(text.split("\n")):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            if not lines and empty is None and _EMPTY_DOCUMENT.fullmatch(line):
                empty = number
                continue
            return None
        lines.append((number, len(match["indent"]), match))
    if empty is not None:
        return ({}, Node("mapping", [], empty)) if not lines else None
    if not lines:
        return None, None
    try:
        node, end = _block(lines, 0, lines[0][1])
        if end != len(lines) or node.id != "mapping":
            return None
        return _construct(node), node
    except _Outside:
        return None


def _block(lines: list[tuple[int, int, re.Match[str]]], at: int, indent: int) -> tuple[Node, int]:
    """The mapping or sequence whose entries sit at ``indent``, from line ``at``; (node, next line)."""
    first = lines[at][2]
    if first["dash"]:
        items: list[Node] = []
        node = Node("sequence", items, lines[at][0])
        while at < len(lines) and lines[at][1] == indent and lines[at][2]["dash"]:
            number, _, match = lines[at]
            if match["value"] is None:
                raise _Outside
            items.append(_value(match["value"], number))
            at += 1
        return node, at
    pairs: list[tuple[Node, Node]] = []
    node = Node("mapping", pairs, lines[at][0])
    while at < len(lines) and lines[at][1] == indent and not lines[at][2]["dash"]:
        number, _, match = lines[at]
        key = _scalar(match["key"], number)
        at += 1
        if match["value"] is not None:
            value = _value(match["value"], number)
        elif at < len(lines) and (
            lines[at][1] > indent or (lines[at][1] == indent and lines[at][2]["dash"])
        ):
            value, at = _block(lines, at, lines[at][1])
        else:
            # `key:` and nothing under it: null, marked where the value would have been.
            value = Node("scalar", "", number)
        pairs.append((key, value))
    if at < len(lines) and lines[at][1] > indent:
        raise _Outside  # deeper than a value may start: not ours to judge
    return node, at


def _value(text: str, line: int) -> Node:
    if text.startswith("{"):
        return Node("mapping", [], line)
    if text.startswith("["):
        return Node("sequence", [_scalar(m[0], line) for m in _ITEM.finditer(text[1:])], line)
    return _scalar(text, line)


def _scalar(text: str, line: int) -> Node:
    if text[0] in "\"'":
        return Node("scalar", text[1:-1], line, style=text[0])
    return Node("scalar", text, line)


def _construct(node: Node) -> Any:
    if node.id == "mapping":
        data: dict[Any, Any] = {}
        for key, value in node.value:
            data[_construct(key)] = _construct(value)
        return data
    if node.id == "sequence":
        return [_construct(item) for item in node.value]
    text: str = node.value
    if node.style:
        return text
    if text == "" or text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    first = text[0]
    if first.isalpha() or first == "_":
        return text
    if re.fullmatch(_INT, text):
        return int(text)
    if re.fullmatch(_FLOAT, text):
        return float(text)
    return text  # a dotted version: no resolver of YAML 1.1 takes it
