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

from podlint.diagnostics import Diagnostic, Severity
from podlint.formatters.base import Formatter
from podlint.results import Report
from podlint.serialize import JSON_FORMAT_VERSION, diagnostic_to_dict


class _Unusual(TypeError):
    """A value the shortcut does not write (an int or str subclass, say)."""


def encode_indented(value: Any, indent: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, faster; raises TypeError when unsure."""
    out: list[str] = []
    _write(value, indent, out)
    return "".join(out)


def _write(value: Any, indent: str, out: list[str]) -> None:
    # Pieces go to one list, joined once: joining each level's text into its parent's copied
    # every byte once per level of nesting (a SARIF log is ten levels deep).
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        separator = "{\n"
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual(key)
            item_kind = type(item)
            if item_kind is dict or item_kind is list:
                out.append(f"{separator}{inner}{encode_basestring(key)}: ")
                _write(item, inner, out)
            else:
                out.append(f"{separator}{inner}{encode_basestring(key)}: {_scalar(item)}")
            separator = ",\n"
        out.append(f"\n{indent}}}")
    elif kind is list:
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        separator = "[\n"
        for item in value:
            item_kind = type(item)
            if item_kind is dict or item_kind is list:
                out.append(f"{separator}{inner}")
                _write(item, inner, out)
            else:
                out.append(f"{separator}{inner}{_scalar(item)}")
            separator = ",\n"
        out.append(f"\n{indent}]")
    else:
        out.append(_scalar(value))


def _scalar(value: Any) -> str:
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
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    raise _Unusual(value)


def dumps_indented(value: Any) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, through the faster encoder when it can."""
    return _indented(value, "")


def _indented(value: Any, indent: str) -> str:
    """``value`` as it appears at ``indent`` inside an indented document."""
    try:
        return encode_indented(value, indent)
    except TypeError:
        # The standard library indents nested lines by the nesting level; strings hold no raw
        # line break, so every line break of the text is a place to indent.
        return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + indent)


_SEVERITY = {s: encode_basestring(s.value) for s in Severity}


class _Item:
    """One finding as it appears in the ``diagnostics`` list, written straight from its fields.

    Building the dict of :func:`podlint.serialize.diagnostic_to_dict` and walking it again was
    most of the time of printing a big run. This writes the same text from the attributes: strings
    through the same C escaper, ints by ``int.__repr__`` (the standard library's choice); any value
    of another type (a bool where an int belongs, an update finding's previous value) makes
    :meth:`text` return None and the general path write that finding.
    """

    __slots__ = ("_file", "_file_json")

    def __init__(self) -> None:
        # Findings come file by file: the file's name is escaped once per file.
        self._file: object = None
        self._file_json = ""

    def text(self, d: Diagnostic) -> str | None:
        span = d.span
        line, column, end_line, end_column, document = (
            span.line,
            span.column,
            span.end_line,
            span.end_column,
            d.document,
        )
        if not (
            type(line) is int
            and type(column) is int
            and type(end_line) is int
            and type(end_column) is int
            and type(document) is int
            and d.previous is None
        ):
            return None
        try:
            file = d.file
            if file is not self._file:
                self._file_json = encode_basestring(file)
                self._file = file
            text = (
                f'    {{\n      "file": {self._file_json},\n'
                f'      "code": {encode_basestring(d.code)},\n'
                f'      "name": {encode_basestring(d.name)},\n'
                f'      "severity": {_SEVERITY[d.severity]},\n'
                f'      "message": {encode_basestring(d.message)},\n'
                f'      "pointer": {encode_basestring(d.pointer)},\n'
                f'      "line": {line},\n      "column": {column},\n'
                f'      "end_line": {end_line},\n      "end_column": {end_column},\n'
                f'      "document": {document}'
            )
            if d.help is not None:
                text += f',\n      "help": {encode_basestring(d.help)}'
            if d.url is not None:
                text += f',\n      "url": {encode_basestring(d.url)}'
            fix = d.fix
            if fix is not None:
                edits = _edits(fix.edits)
                if edits is None:
                    return None
                text += (
                    f',\n      "fix": {{\n'
                    f'        "description": {encode_basestring(fix.description)},\n'
                    f'        "applicability": {encode_basestring(fix.applicability)},\n'
                    f'        "edits": {edits}\n      }}'
                )
        except (TypeError, KeyError):  # not a str where one belongs, an unknown severity
            return None
        return text + "\n    }"


def _edits(edits: Any) -> str | None:
    items = []
    for e in edits:
        span = e.span
        numbers = (span.line, span.column, span.end_line, span.end_column, e.start, e.end)
        if not all(type(n) is int for n in numbers):
            return None
        items.append(
            "          {\n"
            f'            "line": {numbers[0]},\n            "column": {numbers[1]},\n'
            f'            "end_line": {numbers[2]},\n            "end_column": {numbers[3]},\n'
            f'            "start_offset": {numbers[4]},\n            "end_offset": {numbers[5]},\n'
            f'            "content": {encode_basestring(e.replacement)}\n          }}'
        )
    if not items:
        return "[]"
    return "[\n" + ",\n".join(items) + "\n        ]"


class JsonFormatter(Formatter):
    """One JSON object; printed while the run goes on: the findings come before the summary."""

    name = "json"
    description = "one JSON object: {version, diagnostics, summary}, for editors and scripts"
    streams = True

    def __init__(self, *, color: bool = False, show_source: bool = True) -> None:
        super().__init__(color=color, show_source=show_source)
        self._written = 0
        self._item = _Item()

    def format(self, report: Report) -> str:
        self._written = 0
        return self.format_streamed(report)

    def diagnostic_text(self, diagnostic: Diagnostic, source: str | None) -> str:
        item = self._item.text(diagnostic)
        if item is None:
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
