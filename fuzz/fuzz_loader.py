"""Coverage-guided fuzzing of the loader (``podlint.loader.load``) with atheris.

The loader promises never to raise and to describe every position it reports inside the text. This
harness turns a broken promise into a crash atheris can minimise:

* ``load`` wraps its body in a guard that turns a bug into an "internal error" problem; the harness
  treats such a problem as a crash, so the guard cannot hide what it catches;
* every problem span and every span of the pointer -> span table lies inside the file;
* the span table agrees with the data: every pointer of the data resolves, every key is in it;
* JSON input that the standard library reads strictly gives the same data through the loader.

Run it by hand (atheris is not a test dependency); see ``fuzz/README.md``.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]

with atheris.instrument_imports(include=["podlint.loader", "podlint.document"]):
    import importlib
    import pkgutil

    import podlint.loader
    from podlint.diagnostics import Span
    from podlint.loader import load

    # The loader imports some parts lazily; instrument every one of them now.
    for _module in pkgutil.iter_modules(podlint.loader.__path__, "podlint.loader."):
        importlib.import_module(_module.name)

# A small limit keeps each execution fast; the file-too-large path is still reached.
MAX_BYTES = 64 * 1024
_SUFFIXES = (".json", ".yaml", ".yml", "")


def _pointers(value: Any, prefix: str = "") -> list[str]:
    """Every JSON Pointer of ``value`` (iteratively: inputs nest up to the loader's depth limit)."""
    out: list[str] = []
    stack: list[tuple[Any, str]] = [(value, prefix)]
    while stack:
        node, pointer = stack.pop()
        out.append(pointer)
        if isinstance(node, dict):
            for key, child in node.items():
                token = str(key).replace("~", "~0").replace("/", "~1")
                stack.append((child, f"{pointer}/{token}"))
        elif isinstance(node, list):
            stack.extend((child, f"{pointer}/{i}") for i, child in enumerate(node))
    return out


def _inside(span: Span, lines: list[str], what: str) -> None:
    last = len(lines) if lines else 1
    if not (1 <= span.line <= span.end_line <= last + 1):
        raise AssertionError(f"{what}: span {span} outside lines 1..{last}")
    if span.column < 1 or span.end_column < 1:
        raise AssertionError(f"{what}: span {span} has a column below 1")
    if span.line == span.end_line and span.end_column < span.column:
        raise AssertionError(f"{what}: span {span} ends before it starts")


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return bool(a == b)


def TestOneInput(data: bytes) -> None:  # atheris's name for the target
    if not data:
        return
    suffix = _SUFFIXES[data[0] % len(_SUFFIXES)]
    body = data[1:]
    result = load(body, "fuzz" + suffix, max_bytes=MAX_BYTES)
    for problem in result.problems:
        if "internal error" in problem.message:
            raise AssertionError(problem.message)
    text = result.text
    if text is None:
        return
    lines = text.splitlines() or [""]
    for problem in result.problems:
        _inside(problem.span, lines, f"problem {problem.rule}")
    for doc in result.documents:
        _inside(doc.extent, lines, "document extent")
        table = doc.table()
        for pointer, spans in table.items():
            _inside(spans.value, lines, f"value of {pointer!r}")
            if spans.key is not None:
                _inside(spans.key, lines, f"key of {pointer!r}")
            if not 0 <= spans.value_start <= spans.value_end <= len(text):
                raise AssertionError(f"offsets of {pointer!r} outside the text")
        if not doc.recovered:
            for pointer in _pointers(doc.data):
                if pointer not in table:
                    raise AssertionError(f"pointer {pointer!r} of the data has no span")
    if suffix == ".json" and not result.problems:
        try:
            expected = json.loads(text)
        except (ValueError, RecursionError):
            return
        if len(result.documents) != 1 or not _same(result.documents[0].data, expected):
            raise AssertionError("the loader and json.loads disagree on a clean JSON file")


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
