"""The fast path for JSON: the standard library's C decoder, made strict.

Most files are clean, so most files should cost no more than ``json.loads``. The decoder is made
strict in the two places where the standard library is lenient: ``NaN``/``Infinity`` are refused
(``parse_constant``) and a repeated key is detected (``object_pairs_hook``). Anything it refuses, and
anything nested deeper than the depth limit, goes to the position-tracking scanner
(``json_scanner``), which explains the problem; positions of clean files are built lazily by that
same scanner, only when a finding needs them.
"""

from __future__ import annotations

import json
from typing import Any

from podlint.loader.limits import MAX_DEPTH


class _NotStrict(ValueError):
    """The text is JSON only by the standard library's lenient reading."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _NotStrict("duplicate key")
    return result


def _constant(name: str) -> Any:
    raise _NotStrict(name)


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant)

FAILED: Any = object()
"""Returned by :func:`parse_fast` when the text needs the scanner."""


def parse_fast(text: str, max_depth: int = MAX_DEPTH) -> Any:
    """The value of a strictly valid JSON ``text``, or :data:`FAILED`."""
    try:
        value = _DECODER.decode(text)
    except (ValueError, RecursionError):
        return FAILED
    # Nesting can only exceed the limit if there are that many brackets (a C-speed count).
    if text.count("{") + text.count("[") > max_depth and _depth(value) > max_depth:
        return FAILED
    return value


def _depth(value: Any) -> int:
    """The nesting depth of containers in ``value``, without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            deepest = max(deepest, depth + 1)
            stack.extend((child, depth + 1) for child in node.values())
        elif isinstance(node, list):
            deepest = max(deepest, depth + 1)
            stack.extend((child, depth + 1) for child in node)
    return deepest
