"""``--format json``: the versioned machine-readable contract (schema: ``podlint/json_output.schema.json``).

The text is exactly ``json.dumps(payload, indent=2, ensure_ascii=False)`` of ``{"version",
"diagnostics", "summary"}``; the summary comes last, so the findings are printed as the run goes. The standard library
writes indented JSON with its pure-Python encoder (its C encoder writes compact JSON only), a
generator per nesting level, which cost more per finding than finding it; :func:`encode_indented`
writes the same text for the types a payload holds, with strings escaped by the same C function,
and hands anything else back to ``json.dumps``.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring  # C accelerated: what ensure_ascii=False uses
from typing import Any

from podlint.diagnostics import Diagnostic
from podlint.formatters.base import Formatter
from podlint.results import Report
from podlint.serialize import JSON_FORMAT_VERSION, diagnostic_to_dict


class _Unusual(TypeError):
    """A value the shortcut does not write (an int or str subclass, say)."""


def encode_indented(value: Any, indent: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, faster; raises TypeError when unsure."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is dict:
        if not value:
            return "{}"
        inner = indent + "  "
        members = []
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual(key)
            members.append(f"{inner}{encode_basestring(key)}: {encode_indented(item, inner)}")
        return "{\n" + ",\n".join(members) + "\n" + indent + "}"
    if kind is list:
        if not value:
            return "[]"
        inner = indent + "  "
        items = [inner + encode_indented(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    raise _Unusual(value)


def _indented(value: Any, indent: str) -> str:
    """``value`` as it appears at ``indent`` inside an indented document."""
    try:
        return encode_indented(value, indent)
    except TypeError:
        # The standard library indents nested lines by the nesting level; strings hold no raw
        # line break, so every line break of the text is a place to indent.
        return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + indent)


class JsonFormatter(Formatter):
    """One JSON object; printed while the run goes on: the findings come before the summary."""

    name = "json"
    description = "one JSON object: {version, diagnostics, summary}, for editors and scripts"
    streams = True

    def __init__(self, *, color: bool = False, show_source: bool = True) -> None:
        super().__init__(color=color, show_source=show_source)
        self._written = 0

    def format(self, report: Report) -> str:
        self._written = 0
        return self.format_streamed(report)

    def diagnostic_text(self, diagnostic: Diagnostic, source: str | None) -> str:
        item = "    " + _indented(diagnostic_to_dict(diagnostic), "    ")
        self._written += 1
        if self._written == 1:
            return f'{{\n  "version": {JSON_FORMAT_VERSION},\n  "diagnostics": [\n{item}'
        return ",\n" + item

    def tail(self, report: Report) -> str:
        summary = _indented(report.summary.as_dict(), "  ")
        if self._written == 0:
            head = f'{{\n  "version": {JSON_FORMAT_VERSION},\n  "diagnostics": [],\n'
        else:
            head = "\n  ],\n"
        return f'{head}  "summary": {summary}\n}}\n'
