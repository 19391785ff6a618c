"""The key table of each version (what keys Marathon reads where) and one walk of a pod against it.

Unknown keys are found by walking the pod against a table precomputed from the schema, not from
``additionalProperties`` errors: the walk runs on every pod and costs a few microseconds, while an
error-driven approach would need the slow validator for every pod with a typo. The same walk collects
fields Marathon reads and discards, read-only fields and enum values in a non-canonical case, so a
pod is walked once for all of them.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from podlint.config.profile import SUPPORTED_VERSIONS
from podlint.diagnostics import join_pointer
from podlint.records import FrozenRecord, Record
from podlint.schema.store import schema_for


class KeyNode(Record):
    """What Marathon reads at one place of a pod."""

    _fields = (
        "props",
        "values",
        "items",
        "enum",
        "ignored",
        "read_only",
        "description",
        "descend",
        "flagged",
    )

    def __init__(
        self,
        # Known keys of a structure (None when this is not a structure: a map, an array or a scalar).
        props: dict[str, KeyNode] | None = None,
        # The node of every value of a map (``labels``, ``environment``, ``secrets``).
        values: KeyNode | None = None,
        # The node of every item of an array.
        items: KeyNode | None = None,
        # Canonical spellings of a case-insensitive enum.
        enum: tuple[str, ...] | None = None,
        # Why Marathon discards this field (it is read, or tolerated, but has no effect).
        ignored: str | None = None,
        read_only: bool = False,
        description: str | None = None,
        # Precomputed for the walk: whether anything below needs a look, and whether this key is
        # flagged.
        descend: bool = True,
        flagged: bool = False,
    ) -> None:
        self.props = props
        self.values = values
        self.items = items
        self.enum = enum
        self.ignored = ignored
        self.read_only = read_only
        self.description = description
        self.descend = descend
        self.flagged = flagged


def _merge(into: KeyNode, other: KeyNode) -> None:
    if other.props is not None:
        if into.props is None:
            into.props = {}
        for key, child in other.props.items():
            if key in into.props:
                _merge(into.props[key], child)
            else:
                into.props[key] = child
    for attr in ("values", "items"):
        theirs = getattr(other, attr)
        if theirs is not None:
            mine = getattr(into, attr)
            if mine is None:
                setattr(into, attr, theirs)
            else:
                _merge(mine, theirs)
    into.enum = into.enum or other.enum
    into.ignored = into.ignored or other.ignored
    into.read_only = into.read_only or other.read_only
    into.description = into.description or other.description


def node_from_schema(schema: dict[str, Any]) -> KeyNode:
    node = KeyNode(
        enum=tuple(schema["x-podlint-enum"]) if "x-podlint-enum" in schema else None,
        ignored=schema.get("x-podlint-ignored"),
        read_only=bool(schema.get("x-podlint-read-only")),
        description=schema.get("description"),
    )
    if "properties" in schema:
        node.props = {k: node_from_schema(v) for k, v in schema["properties"].items()}
    if isinstance(schema.get("additionalProperties"), dict):
        node.values = node_from_schema(schema["additionalProperties"])
    if isinstance(schema.get("items"), dict):
        node.items = node_from_schema(schema["items"])
    for variant in schema.get("anyOf", ()):
        _merge(node, node_from_schema(variant))
    return node


def _finish(node: KeyNode) -> None:
    node.flagged = node.ignored is not None or node.read_only
    children = [*(node.props or {}).values(), node.values, node.items]
    for child in children:
        if child is not None:
            _finish(child)
    node.descend = (
        node.props is not None
        or node.enum is not None
        or any(c is not None and c.descend for c in (node.values, node.items))
    )


@functools.cache
def key_table(line: str) -> KeyNode:
    table = node_from_schema(schema_for(line))
    _finish(table)
    return table


def lookup(line: str, shape: str) -> KeyNode | None:
    """The node at a shape path such as ``containers[].image`` (``""`` is the pod)."""
    node: KeyNode | None = key_table(line)
    if not shape:
        return node
    for part in shape.split("."):
        name, arrays = part.rstrip("[]"), part.count("[]")
        if node is None:
            return None
        if name == "*":
            node = node.values
        elif name:
            if node.props is None or name not in node.props:
                return None
            node = node.props[name]
        for _ in range(arrays):
            node = node.items if node is not None else None
    return node


def versions_with_key(shape: str, key: str) -> list[str]:
    """Version lines in which ``key`` is read at ``shape``."""
    found = []
    for line in SUPPORTED_VERSIONS:
        node = lookup(line, shape)
        if node is not None and node.props is not None and key in node.props:
            found.append(line)
    return found


EventKind = Literal["unknown", "ignored", "read-only", "enum-case"]


class KeyEvent(FrozenRecord):
    _fields = ("kind", "pointer", "shape", "key", "value", "choices", "reason", "siblings")

    kind: EventKind
    pointer: str
    # Where it sits, as a shape path: ``containers[].image`` (array indexes dropped).
    shape: str
    key: str
    value: Any
    # Known keys beside an unknown one, or the canonical spellings of an enum.
    choices: tuple[str, ...]
    reason: str | None
    siblings: frozenset[str]

    def __init__(
        self,
        kind: EventKind,
        pointer: str,
        shape: str,
        key: str,
        value: Any = None,
        choices: tuple[str, ...] = (),
        reason: str | None = None,
        siblings: frozenset[str] = frozenset(),
    ) -> None:
        _set = object.__setattr__
        _set(self, "kind", kind)
        _set(self, "pointer", pointer)
        _set(self, "shape", shape)
        _set(self, "key", key)
        _set(self, "value", value)
        _set(self, "choices", choices)
        _set(self, "reason", reason)
        _set(self, "siblings", siblings)


def walk(pod: Any, line: str) -> list[KeyEvent]:
    events: list[KeyEvent] = []
    _walk(pod, key_table(line), [], events)
    return events


def _pointer(tokens: list[str | int]) -> str:
    return join_pointer("", *tokens)


def _shape(tokens: list[str | int]) -> str:
    out = ""
    for t in tokens:
        out += "[]" if isinstance(t, int) else (f".{t}" if out else t)
    return out


def _walk(data: Any, node: KeyNode, tokens: list[str | int], out: list[KeyEvent]) -> None:
    # Hot path (every pod): pointers and shapes are only built for the rare events, and scalar
    # leaves with nothing to check are never descended into.
    if type(data) is dict:
        props = node.props
        if props is not None:
            # One set of the mapping's keys, shared by all its unknown keys: a mapping of n
            # unknown keys costs n, not n².
            siblings: frozenset[str] | None = None
            for k, value in data.items():
                child = props.get(k)
                if child is None:
                    if isinstance(k, str):
                        if siblings is None:
                            siblings = frozenset(x for x in data if isinstance(x, str))
                        out.append(
                            KeyEvent(
                                "unknown",
                                _pointer([*tokens, k]),
                                _shape(tokens),
                                k,
                                value,
                                choices=tuple(props),
                                siblings=siblings,
                            )
                        )
                    continue
                if child.flagged:
                    if child.ignored is not None:
                        out.append(
                            KeyEvent(
                                "ignored",
                                _pointer([*tokens, k]),
                                _shape(tokens),
                                k,
                                value,
                                reason=child.ignored,
                            )
                        )
                        continue
                    out.append(
                        KeyEvent("read-only", _pointer([*tokens, k]), _shape(tokens), k, value)
                    )
                if child.descend and value is not None:
                    tokens.append(k)
                    _walk(value, child, tokens, out)
                    tokens.pop()
        elif node.values is not None and node.values.descend:
            for k, value in data.items():
                if isinstance(k, str):
                    tokens.append(k)
                    _walk(value, node.values, tokens, out)
                    tokens.pop()
    elif type(data) is list:
        items = node.items
        if items is not None and items.descend:
            for i, value in enumerate(data):
                tokens.append(i)
                _walk(value, items, tokens, out)
                tokens.pop()
    elif node.enum is not None and isinstance(data, str) and data not in node.enum:
        lowered = data.lower()
        for canonical in node.enum:
            if canonical.lower() == lowered:
                key = next((t for t in reversed(tokens) if isinstance(t, str)), "")
                out.append(
                    KeyEvent(
                        "enum-case",
                        _pointer(tokens),
                        _shape(tokens[:-1]),
                        key,
                        data,
                        choices=(canonical,),
                    )
                )
                break
