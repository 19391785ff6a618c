"""Diagnostics to and from plain JSON data: the ``--format json`` contract and the cache's format.

Positions are 1-based; ``end_line``/``end_column`` point one past the last character (exclusive).
Columns count Unicode code points of the line. Fix edit offsets index the decoded file text (code
points, a UTF-8 byte-order mark excluded).
"""

from __future__ import annotations

from typing import Any

from podlint.diagnostics import Diagnostic, Previous, ResolvedFix, Severity, Span, TextEdit

JSON_FORMAT_VERSION = 1


def span_to_dict(span: Span) -> dict[str, int]:
    return {
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {
        "file": d.file,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "pointer": d.pointer,
        **span_to_dict(d.span),
        "document": d.document,
    }
    if d.help is not None:
        out["help"] = d.help
    if d.url is not None:
        out["url"] = d.url
    if d.fix is not None:
        out["fix"] = {
            "description": d.fix.description,
            "applicability": d.fix.applicability,
            "edits": [
                {
                    **span_to_dict(e.span),
                    "start_offset": e.start,
                    "end_offset": e.end,
                    "content": e.replacement,
                }
                for e in d.fix.edits
            ],
        }
    if d.previous is not None:
        out["previous"] = previous_to_dict(d.previous)
    return out


def previous_to_dict(previous: Previous) -> dict[str, Any]:
    """An update finding's previous version: the value it compares with, and where it came from."""
    return {"value": previous.value, "source": previous.source, "id": previous.pod_id}


def diagnostic_from_dict(data: dict[str, Any]) -> Diagnostic:
    fix = None
    if data.get("fix"):
        f = data["fix"]
        fix = ResolvedFix(
            f["description"],
            f["applicability"],
            tuple(
                TextEdit(
                    e["start_offset"],
                    e["end_offset"],
                    e["content"],
                    Span(e["line"], e["column"], e["end_line"], e["end_column"]),
                )
                for e in f["edits"]
            ),
        )
    previous = None
    if isinstance(data.get("previous"), dict):
        p = data["previous"]
        previous = Previous(p.get("value"), p["source"], p["id"])
    return Diagnostic(
        file=data["file"],
        code=data["code"],
        name=data["name"],
        severity=Severity(data["severity"]),
        message=data["message"],
        pointer=data["pointer"],
        span=Span(data["line"], data["column"], data["end_line"], data["end_column"]),
        help=data.get("help"),
        url=data.get("url"),
        fix=fix,
        document=data.get("document", 0),
        previous=previous,
    )
