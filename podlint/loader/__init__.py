"""The loader: file bytes -> documents (plain data + a lazy pointer -> span table) and problems.

``load(data, filename)`` never raises. What it cannot read becomes a :class:`LoadProblem` of one of
the loader's rules: ``syntax-error``, ``duplicate-key``, ``invalid-encoding``, ``empty-file``,
``file-too-large``, ``yaml-tag``, ``too-complex``, and for YAML alone ``collection-key`` and
``empty-document``.

Design:

* Encoding (``encoding``): UTF-8 only, a byte-order mark is dropped (offsets and columns never count
  it); CRLF and lone CR line ends are fine. Spans are 1-based, end exclusive, columns in code points.
* JSON (``json_fast``, ``json_scanner``): Marathon's API is JSON, so JSON is read strictly. Clean
  files take the fast path, the standard library's C decoder with strictness hooks; most files have
  no finding and never pay for positions, and those that do look up each pointer by walking to it
  with the C scanner (``json_positions``), at a cost that follows the path, not the file. Files the fast path refuses go through a regex-driven,
  iterative scanner that reports each mistake at the offending character and recovers where the
  text is still readable (``Document.recovered``).
* YAML (``yaml_events``, ``yaml_compose``, ``yaml_resolve``, ``yaml_strict``): libyaml's parser
  (ruamel.yaml's when PyYAML lacks libyaml) delivers events; podlint composes them itself,
  iteratively, typing plain scalars by YAML 1.2 (ruamel.yaml's reading, not PyYAML's 1.1), never
  constructing tagged objects, budgeting alias expansion, and recording spans in the same pass.
  Where libyaml refuses the text, ruamel.yaml's events are composed instead (it reads YAML 1.2 that
  libyaml does not: tabs as separators, empty keys, reserved directives...), and what was read is
  checked by rapidyaml when it is installed, which refuses invalid YAML that libyaml lets through.
  Measured on the official YAML test suite, see ``tests/test_yaml_test_suite.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from podlint.diagnostics import Span
from podlint.document import Document, Format, LoadProblem, LoadResult, NodeSpans
from podlint.loader.encoding import decode
from podlint.loader.json_fast import FAILED, parse_fast
from podlint.loader.limits import DEFAULT_MAX_BYTES, MAX_ALIAS_NODES, MAX_DEPTH
from podlint.loader.lines import LineIndex
from podlint.loader.table import build_table

if TYPE_CHECKING:
    from podlint.loader.yaml_compose import ComposeResult

__all__ = [
    "DEFAULT_MAX_BYTES",
    "LOADER_RULES",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "detect_format",
    "load",
]

# The rule names the loader reports under (their codes and severities are registered elsewhere).
LOADER_RULES: tuple[str, ...] = (
    "syntax-error",
    "duplicate-key",
    "invalid-encoding",
    "empty-file",
    "file-too-large",
    "yaml-tag",
    "too-complex",
    "collection-key",
    "empty-document",
)

_ORIGIN = Span(1, 1, 1, 1)

# Clean JSON answers position lookups by walking the pointer (``json_positions``) instead of
# building the whole table; tests switch this off to compare the two.
FAST_POSITIONS = True


def detect_format(filename: str, data: bytes | str) -> Format:
    """``.json`` is JSON, ``.yaml``/``.yml`` YAML; otherwise JSON when the text starts with { or [."""
    lowered = filename.lower()
    if lowered.endswith(".json"):
        return "json"
    if lowered.endswith((".yaml", ".yml")):
        return "yaml"
    head = data[:4096]
    if isinstance(head, bytes):
        head = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
        return "json" if head[:1] in (b"{", b"[") else "yaml"
    head = head.removeprefix("\ufeff").lstrip(" \t\r\n")
    return "json" if head[:1] in ("{", "[") else "yaml"


def load(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    yaml_backend: str | None = None,
) -> LoadResult:
    """Read one file. ``yaml_backend`` forces ``"libyaml"`` or ``"ruamel"`` (tests use it)."""
    fmt = detect_format(filename, data)
    try:
        return _load(data, fmt, max_bytes, max_depth, yaml_backend)
    except Exception as exc:
        # Never let a loader bug take the run down; the file is reported instead.
        return LoadResult(
            text=None,
            format=fmt,
            problems=[
                LoadProblem(
                    "syntax-error",
                    f"podlint could not read the file (internal error: {type(exc).__name__}: "
                    f"{exc})",
                    _ORIGIN,
                    "please report this as a podlint bug, with the file if possible",
                )
            ],
        )


def _load(
    data: bytes, fmt: Format, max_bytes: int, max_depth: int, yaml_backend: str | None
) -> LoadResult:
    if len(data) > max_bytes:
        return LoadResult(
            None,
            fmt,
            problems=[
                LoadProblem(
                    "file-too-large",
                    # Readers stop one byte past the limit, so the size is known only as "more".
                    (
                        f"the file is larger than the {_size(max_bytes)} podlint reads"
                        if len(data) == max_bytes + 1
                        else f"the file is {_size(len(data))}, more than the {_size(max_bytes)} "
                        "podlint reads"
                    )
                    + "; a pod definition is a few kilobytes",
                    _ORIGIN,
                    "check that this is a pod definition, or raise `max_file_size` in the "
                    "configuration",
                )
            ],
        )
    text, bad = decode(data)
    if text is None:
        assert bad is not None
        return LoadResult(
            None,
            fmt,
            problems=[
                LoadProblem(
                    "invalid-encoding",
                    bad.message,
                    Span(bad.line, bad.column, bad.line, bad.column + 1),
                    bad.help,
                )
            ],
        )
    if not text.strip():
        return LoadResult(text, fmt, problems=[_empty(fmt, "nothing but whitespace")])
    if fmt == "json":
        return _load_json(text, max_depth)
    return _load_yaml(text, max_depth, yaml_backend)


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if count >= 1024:
        return f"{count / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{count} bytes"


def _empty(fmt: Format, what: str) -> LoadProblem:
    return LoadProblem(
        "empty-file",
        f"the file holds no {'JSON value' if fmt == 'json' else 'YAML document'} ({what}); "
        "Marathon needs a pod definition",
        _ORIGIN,
        "add the pod definition, or exclude the file from linting",
    )


# -- JSON --------------------------------------------------------------------------------------


def _json_index(text: str) -> dict[str, NodeSpans]:
    """The span table of a file the fast path read (built on first use only)."""
    from podlint.loader.json_scanner import scan_json

    lines = LineIndex(text)
    try:
        return build_table(scan_json(text).entries, lines)
    except Exception:
        # Runs lazily, outside ``load``'s guard: rather than fail the run, every finding then
        # falls back to the document's extent.
        return {"": NodeSpans(lines.span(0, len(text)), None, 0, len(text))}


def _json_lookup(text: str) -> Callable[[str], NodeSpans | None]:
    """``node(pointer)`` for a clean file; the walker is made on the first lookup (most files
    have no finding and never look one up)."""
    walker: Any = None

    def node(pointer: str) -> NodeSpans | None:
        nonlocal walker
        if walker is None:
            from podlint.loader.json_positions import JsonPositions

            walker = JsonPositions(text)
        return walker.node(pointer)

    return node


def _root_extent(text: str) -> Span:
    """The span of the whole value of a clean file, from C-speed string operations only."""
    start = len(text) - len(text.lstrip(" \t\r\n"))
    end = len(text.rstrip(" \t\r\n"))
    if "\r" in text:
        return LineIndex(text).span(start, end)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    end_line = text.count("\n", start, end) + line
    end_column = end - (text.rfind("\n", 0, end) + 1) + 1
    return Span(line, column, end_line, end_column)


def _load_json(text: str, max_depth: int) -> LoadResult:
    value = parse_fast(text, max_depth)
    if value is not FAILED:
        document = Document(
            value,
            "json",
            index_builder=partial(_json_index, text),
            lookup=_json_lookup(text) if FAST_POSITIONS else None,
            extent=_root_extent(text),
        )
        return LoadResult(text, "json", documents=[document])
    # The scanners are imported on first use: a run over clean JSON never needs them.
    from podlint.loader.json_scanner import scan_json

    scan = scan_json(text, max_depth)
    lines = LineIndex(text)
    if scan.empty:
        return LoadResult(
            text,
            "json",
            problems=[
                _empty("json", "only comments" if scan.saw_comment else "nothing but whitespace")
            ],
        )
    problems = [
        LoadProblem(
            p.rule, p.message, lines.span(p.start, p.end), p.help, 0 if scan.complete else None
        )
        for p in scan.problems
    ]
    documents = []
    if scan.complete:
        entries = scan.entries
        documents.append(
            Document(
                scan.data,
                "json",
                index_builder=partial(build_table, entries, lines),
                extent=lines.span(scan.root_start, scan.root_end),
                recovered=bool(scan.problems),
            )
        )
    return LoadResult(text, "json", documents=documents, problems=problems)


# -- YAML --------------------------------------------------------------------------------------


def _check_strictly(text: str, result: ComposeResult) -> None:
    """Let rapidyaml (when installed) refuse invalid YAML that the event parser read."""
    from podlint.loader import yaml_strict
    from podlint.loader.yaml_compose import ComposeProblem

    error = yaml_strict.check(text)
    if error is None:
        return
    document = None
    for composed in result.documents:
        if composed.start <= error.offset:
            document = composed
    if document is not None:
        document.recovered = True
    result.problems.append(
        ComposeProblem(
            error.rule,
            error.message,
            error.offset,
            min(error.offset + 1, len(text)),
            error.help,
            document.index if document is not None else 0,
        )
    )


def _load_yaml(text: str, max_depth: int, yaml_backend: str | None) -> LoadResult:
    from podlint.loader.yaml_compose import compose
    from podlint.loader.yaml_events import backend, check_printable

    lines = LineIndex(text)
    unprintable = check_printable(text)
    if unprintable is not None:
        return LoadResult(
            text,
            "yaml",
            problems=[
                LoadProblem(
                    "syntax-error",
                    unprintable.message,
                    lines.point(unprintable.offset),
                    unprintable.help,
                )
            ],
        )
    reader = backend(yaml_backend)
    result = compose(text, reader, max_depth)
    if result.parser_error and yaml_backend is None and reader.name != "ruamel":
        # libyaml refuses some valid YAML 1.2 (tabs as separators, empty keys, anchors with ':',
        # reserved directives, bare documents after '...'); ruamel.yaml reads most of it, with
        # the same events, so the same composing gives the same data and spans.
        second = compose(text, backend("ruamel"), max_depth)
        if not second.parser_error:
            result = second
    if not result.parser_error and not any(p.rule == "too-complex" for p in result.problems):
        _check_strictly(text, result)
    problems = [
        LoadProblem(p.rule, p.message, lines.span(p.start, p.end), p.help, p.document)
        for p in result.problems
    ]
    if result.empty and not problems:
        # Not one document (empty documents are reported each by itself).
        return LoadResult(text, "yaml", problems=[_empty("yaml", "only comments")])
    documents: list[Document] = []
    for composed in result.documents:
        documents.append(
            Document(
                composed.data,
                "yaml",
                index=composed.index,
                index_builder=partial(build_table, composed.entries, lines),
                extent=lines.span(composed.start, composed.end),
                plain_scalars=composed.plain_scalars,
                recovered=composed.recovered,
            )
        )
    return LoadResult(text, "yaml", documents=documents, problems=problems)
