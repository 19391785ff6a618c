"""A cached result to bytes and back, trusting nothing on the way back.

The cache file lives in the user's working folder, where anything may have written to it, so an
entry is decoded strictly: JSON without ``NaN``/``Infinity``, every field of the expected type, the
diagnostics about the file the entry is for. Anything else raises :class:`BadEntry`, which the cache
treats as a miss. JSON, never pickle: a cache committed to a repository must not be able to run code.
"""

from __future__ import annotations

import json
from typing import Any

from podlint.diagnostics import Diagnostic, ResolvedFix, Severity, Span, TextEdit
from podlint.results import FileResult
from podlint.rule import DOCS_URL

_SEVERITIES = {s.value: s for s in Severity}


class BadEntry(ValueError):
    """A stored entry that is not one this version of podlint wrote."""


# An entry is JSON arrays, not objects: a warm run decodes every finding of every file, and
# arrays are about half the bytes and half the time of objects with the same fields.
#   [pods, skipped, suppressed, [diagnostic, ...]]
#   diagnostic: [code, name, severity, message, pointer, line, column, end_line, end_column,
#                help, url, document, fix]
#   fix: null | [description, applicability, [[start, end, content, line, column, end_line,
#                end_column], ...]]
#   url: 1 stands for the rule's page in the rule reference (DOCS_URL with the finding's name),
#        which nearly every finding links to: a fifth of an entry's bytes, parsed on every hit.


_URL_PREFIX, _, _URL_SUFFIX = DOCS_URL.partition("{name}")


def _url_for(name: str) -> str:
    return f"{_URL_PREFIX}{name}{_URL_SUFFIX}"


def _stored_url(url: str | None, name: str) -> str | int | None:
    return 1 if url is not None and url == _url_for(name) else url


def encode(result: FileResult) -> bytes:
    diagnostics = [
        [
            d.code,
            d.name,
            d.severity.value,
            d.message,
            d.pointer,
            d.span.line,
            d.span.column,
            d.span.end_line,
            d.span.end_column,
            d.help,
            _stored_url(d.url, d.name),
            d.document,
            None
            if d.fix is None
            else [
                d.fix.description,
                d.fix.applicability,
                [[e.start, e.end, e.replacement, *_span_list(e.span)] for e in d.fix.edits],
            ],
        ]
        for d in result.diagnostics
    ]
    payload = [result.pods, result.skipped, result.suppressed, diagnostics]
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def _span_list(span: Span) -> list[int]:
    return [span.line, span.column, span.end_line, span.end_column]


def decode(raw: object, path: str) -> FileResult:
    """The result stored in ``raw`` for the file ``path``; raises :class:`BadEntry`."""
    try:
        if not isinstance(raw, bytes):
            raise BadEntry("not bytes")
        pods, skipped, suppressed, diagnostics = _DECODER.decode(raw.decode())
        if (
            type(pods) is not int
            or type(suppressed) is not int
            or not (skipped is None or type(skipped) is str)
            or type(diagnostics) is not list
        ):
            raise BadEntry("header")
        return FileResult(
            path,
            _diagnostics(diagnostics, path),
            None,
            pods,
            skipped,
            suppressed=suppressed,
        )
    except BadEntry:
        raise
    # Deep nesting (RecursionError), bad UTF-8, wrong shapes or types: all just a miss.
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        raise BadEntry(type(exc).__name__) from None


def _no_constant(name: str) -> Any:
    raise BadEntry(f"non-finite number {name}")


# One decoder for every entry: json.loads with an option builds a new one per call.
_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def _diagnostics(entries: list[Any], path: str) -> list[Diagnostic]:
    """The findings of an entry, each checked field by field; one loop with no call per finding
    where the classes allow it, since a warm run decodes tens of thousands of findings."""
    out: list[Diagnostic] = []
    append = out.append
    severities = _SEVERITIES
    url_prefix, url_suffix = _URL_PREFIX, _URL_SUFFIX
    plain = _PLAIN
    new = object.__new__
    for d in entries:
        code, name, sev, message, pointer, line, col, end_line, end_col, help_, url, doc, fix = d
        if not (
            type(code) is str
            and type(name) is str
            and type(message) is str
            and type(pointer) is str
            and type(line) is int
            and type(col) is int
            and type(end_line) is int
            and type(end_col) is int
            and type(doc) is int
            and (help_ is None or type(help_) is str)
        ):
            raise BadEntry("diagnostic")
        if type(url) is int:
            if url != 1:
                raise BadEntry("url")
            url = f"{url_prefix}{name}{url_suffix}"
        elif url is not None and type(url) is not str:
            raise BadEntry("url")
        severity = severities.get(sev) if type(sev) is str else None
        if severity is None:
            raise BadEntry("severity")
        if not plain:  # only if the classes change shape (get slots, say)
            span = Span(line, col, end_line, end_col)
            fixed = None if fix is None else _fix(fix)
            append(
                Diagnostic(
                    path, code, name, severity, message, pointer, span, help_, url, fixed, doc
                )
            )
            continue
        # A frozen dataclass's __init__ sets each field through object.__setattr__; filling the
        # instance's __dict__ directly builds the same object in a third of the time, which is
        # most of decoding a warm run (the round-trip test holds the two ways equal).
        span = new(Span)
        span.__dict__.update(line=line, column=col, end_line=end_line, end_column=end_col)
        diagnostic = new(Diagnostic)
        diagnostic.__dict__.update(
            file=path,
            code=code,
            name=name,
            severity=severity,
            message=message,
            pointer=pointer,
            span=span,
            help=help_,
            url=url,
            fix=None if fix is None else _fix(fix),
            document=doc,
            extra={},
            # Update findings are never cached (runs with a previous version bypass the cache).
            previous=None,
        )
        append(diagnostic)
    return out


def _plain(cls: type[Any]) -> bool:
    """A dataclass whose instances are just their ``__dict__`` (no slots, no __post_init__)."""
    return not hasattr(cls, "__slots__") and not hasattr(cls, "__post_init__")


_PLAIN = _plain(Diagnostic) and _plain(Span)


def _fix(fix: list[Any]) -> ResolvedFix:
    description, applicability, raw_edits = fix
    if type(description) is not str or applicability not in ("safe", "unsafe"):
        raise BadEntry("fix")
    if type(raw_edits) is not list:
        raise BadEntry("edits")
    edits = []
    for start, end, content, line, col, end_line, end_col in raw_edits:
        if not (
            type(start) is int
            and type(end) is int
            and type(content) is str
            and type(line) is int
            and type(col) is int
            and type(end_line) is int
            and type(end_col) is int
        ):
            raise BadEntry("edit")
        edits.append(TextEdit(start, end, content, Span(line, col, end_line, end_col)))
    return ResolvedFix(description, applicability, tuple(edits))
