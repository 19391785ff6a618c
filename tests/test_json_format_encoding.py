"""``--format json`` writes exactly what ``json.dumps(payload, indent=2, ensure_ascii=False)`` writes.

The formatter's own encoder (``encode_indented``) replaces the standard library's pure-Python
indented encoder for speed; it must never change a byte of the contract.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from podlint.diagnostics import Diagnostic, Previous, ResolvedFix, Severity, Span, TextEdit
from podlint.formatters.json_format import JsonFormatter, encode_indented
from podlint.results import FileResult, Report, RunSummary

_CHARS = 'aé€😀"\\/\n\r\t\x00\x1f\x7f\u2028 ~\ud800'


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(_CHARS) for _ in range(rng.randrange(8)))


def _value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(10 if depth < 4 else 7)
    if kind == 0:
        return rng.choice([True, False, None])
    if kind == 1:
        return rng.randint(-(10**20), 10**20)
    if kind == 2:
        return rng.choice([0.1, -2.5e-300, 1e22, 0.0, -0.0, 123456789.125])
    if kind in (3, 4, 5, 6):
        return _text(rng)
    if kind in (7, 8):
        return {_text(rng): _value(rng, depth + 1) for _ in range(rng.randrange(4))}
    return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]


def test_random_values_encode_like_the_standard_library() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        value = _value(rng)
        assert encode_indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), Severity.ERROR, {1: "int key"}, (1, 2), True.__class__]
)
def test_what_it_does_not_write_is_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        encode_indented({"a": [value]})


def _diagnostic(message: str, fix: bool) -> Diagnostic:
    resolved = None
    if fix:
        resolved = ResolvedFix(
            "quote it",
            "safe",
            (TextEdit(3, 5, '"5"', Span(2, 4, 2, 6)), TextEdit(9, 9, "", Span(3, 1, 3, 1))),
        )
    return Diagnostic(
        "pods/ä.json",
        "PL101",
        "type",
        Severity.ERROR,
        message,
        "/a~1b/0",
        Span(2, 4, 2, 6),
        help="do this\nthen that" if fix else None,
        url="https://example.com/r",
        fix=resolved,
    )


def test_the_report_is_the_standard_librarys_text() -> None:
    diagnostics = [_diagnostic("bad “value” \t 'x'", True), _diagnostic("plain", False)]
    report = Report([FileResult("pods/ä.json", diagnostics)], RunSummary(files=1, errors=2))
    expected = {
        "version": 1,
        "diagnostics": [json.loads(json.dumps(d)) for d in _plain(diagnostics)],
        "summary": report.summary.as_dict(),
    }
    text = JsonFormatter().format(report)
    assert text == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def _plain(diagnostics: list[Diagnostic]) -> list[dict[str, Any]]:
    from podlint.serialize import diagnostic_to_dict

    return [diagnostic_to_dict(d) for d in sorted(diagnostics)]


def test_an_empty_report_is_the_standard_librarys_text() -> None:
    report = Report([FileResult("a.json", [])], RunSummary(files=1))
    expected = {"version": 1, "diagnostics": [], "summary": report.summary.as_dict()}
    assert (
        JsonFormatter().format(report) == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    )


def test_values_the_shortcut_refuses_are_written_by_the_standard_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import podlint.formatters.json_format as module

    def refuse(value: Any, indent: str = "") -> str:
        raise TypeError(value)

    diagnostics = [_diagnostic("x", True), _diagnostic("y", False)]
    report = Report([FileResult("pods/ä.json", diagnostics)], RunSummary(files=1, errors=2))
    fast = JsonFormatter().format(report)
    monkeypatch.setattr(module, "encode_indented", refuse)
    assert JsonFormatter().format(report) == fast


def _random_diagnostic(rng: random.Random, file: str) -> Diagnostic:
    def number() -> Any:
        # Now and then a value of another type: the general path must write it, as json.dumps.
        return rng.choice([rng.randint(0, 10**6), rng.randint(1, 9), True, 2.5])

    def maybe_text() -> str | None:
        return rng.choice([None, "", _text(rng)])

    fix = None
    if rng.random() < 0.4:
        edits = tuple(
            TextEdit(number(), number(), _text(rng), Span(number(), 1, number(), number()))
            for _ in range(rng.randrange(3))
        )
        fix = ResolvedFix(_text(rng), rng.choice(["safe", "unsafe"]), edits)
    previous = None
    if rng.random() < 0.05:
        previous = Previous(_value(rng), _text(rng), _text(rng))
    return Diagnostic(
        file,
        _text(rng),
        _text(rng),
        rng.choice(list(Severity)),
        _text(rng),
        _text(rng),
        Span(number(), number(), number(), number()),
        help=maybe_text(),
        url=maybe_text(),
        fix=fix,
        document=rng.choice([0, 1, 7, False]),
        previous=previous,
    )


def test_random_findings_are_the_standard_librarys_text() -> None:
    from podlint.serialize import diagnostic_to_dict

    rng = random.Random(11)
    for _ in range(300):
        files = [_text(rng) for _ in range(rng.randrange(1, 4))]
        results = [
            FileResult(f, [_random_diagnostic(rng, f) for _ in range(rng.randrange(4))])
            for f in files
        ]
        report = Report(results, RunSummary(files=len(files)))
        expected = {
            "version": 1,
            "diagnostics": [diagnostic_to_dict(d) for d in report.diagnostics],
            "summary": report.summary.as_dict(),
        }
        text = JsonFormatter().format(report)
        assert text == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_other_json_formats_are_the_standard_librarys_text(fmt: str) -> None:
    from podlint.formatters.gitlab import GitlabFormatter
    from podlint.formatters.sarif import SarifFormatter

    formatter = {"sarif": SarifFormatter, "gitlab": GitlabFormatter}[fmt]
    rng = random.Random(13)
    for _ in range(100):
        files = [f"pods/{_text(rng)}.json" for _ in range(rng.randrange(1, 3))]
        results = [
            FileResult(f, [_random_diagnostic(rng, f) for _ in range(rng.randrange(4))])
            for f in files
        ]
        text = formatter().format(Report(results, RunSummary(files=len(files))))
        assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
