"""A cached result decodes to exactly what was linted, and anything else decodes to nothing."""

from __future__ import annotations

import dataclasses
import json

import pytest

from podlint.cache import codec
from podlint.diagnostics import Diagnostic, ResolvedFix, Severity, Span, TextEdit
from podlint.results import FileResult

FULL = Diagnostic(
    file="pods/web.yaml",
    code="PL123",
    name="some-rule",
    severity=Severity.WARNING,
    message="container `web` says “hello” — twice",
    pointer="/containers/0/name",
    span=Span(3, 5, 3, 12),
    help="rename it",
    url="https://example.invalid/rules/some-rule",
    fix=ResolvedFix(
        "rename",
        "unsafe",
        (TextEdit(10, 15, "web-1", Span(3, 6, 3, 11)), TextEdit(0, 0, "", Span(1, 1, 1, 1))),
    ),
    document=2,
)
BARE = dataclasses.replace(FULL, help=None, url=None, fix=None, document=0, severity=Severity.INFO)


def test_a_result_round_trips_to_equal_objects() -> None:
    result = FileResult("pods/web.yaml", [FULL, BARE], "text", pods=2, skipped=None, suppressed=3)
    back = codec.decode(codec.encode(result), "pods/web.yaml")
    assert back.diagnostics == [FULL, BARE]
    assert (back.pods, back.skipped, back.suppressed, back.text) == (2, None, 3, None)
    for made, original in zip(back.diagnostics, [FULL, BARE], strict=True):
        # Built without __init__: the same fields, the same types, hashable and ordered alike.
        assert vars(made) == vars(original)
        assert hash(made.span) == hash(original.span)
        assert not made < original
        assert not original < made


def test_classes_built_through_their_constructors_decode_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The path taken if Diagnostic or Span ever get slots: same objects, same checks.
    result = FileResult("pods/web.yaml", [FULL, BARE], None, pods=2)
    raw = codec.encode(result)
    monkeypatch.setattr(codec, "_PLAIN", False)
    assert codec.decode(raw, "pods/web.yaml").diagnostics == [FULL, BARE]
    bad = json.loads(raw)
    bad[3][0][2] = "fatal"
    with pytest.raises(codec.BadEntry):
        codec.decode(json.dumps(bad).encode(), "pods/web.yaml")


def test_a_skipped_result_round_trips() -> None:
    result = FileResult("package.json", [], None, skipped="a JSON object without containers")
    back = codec.decode(codec.encode(result), "package.json")
    assert back.skipped == "a JSON object without containers"
    assert back.diagnostics == []


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"[]",
        b"null",
        b"[1, null, 0]",
        b'[1, null, 0, {"a": 1}]',
        b"[1, null, 0, [[]]]",
        b"[true, null, 0, []]",
        b"[1, 5, 0, []]",
        b"[NaN, null, 0, []]",
        b"[1, null, -Infinity, []]",
        b"[" * 100_000 + b"]" * 100_000,
        b'[1, null, 0, [["PL1", "n", "fatal", "m", "", 1, 1, 1, 1, null, null, 0, null]]]',
        b'[1, null, 0, [["PL1", "n", "error", "m", "", 1.5, 1, 1, 1, null, null, 0, null]]]',
        b'[1, null, 0, [["PL1", "n", "error", "m", "", 1, 1, 1, 1, 7, null, 0, null]]]',
        b'[1, null, 0, [["PL1", "n", "error", "m", "", 1, 1, 1, 1, null, 2, 0, null]]]',
        b'[1, null, 0, [["PL1", "n", "error", "m", "", 1, 1, 1, 1, null, true, 0, null]]]',
        b'[1, null, 0, [["PL1", "n", "error", "m", "", 1, 1, 1, 1, null, 1.0, 0, null]]]',
        b'[1, null, 0, [["PL1", "n", "error", "m", "", 1, 1, 1, 1, null, [], 0, null]]]',
        b'[1, null, 0, [["PL1", "n", "error", "m", "", 1, 1, 1, 1, null, null, 0, ["d", "maybe", []]]]]',
        b'[1, null, 0, [["PL1", "n", "error", "m", "", 1, 1, 1, 1, null, null, 0, ["d", "safe", [[1]]]]]]',
        b"\xff\xfe not UTF-8",
    ],
)
def test_anything_else_is_a_bad_entry(raw: bytes) -> None:
    with pytest.raises(codec.BadEntry):
        codec.decode(raw, "pods/web.yaml")


def test_payloads_that_are_not_bytes_are_bad_entries() -> None:
    for raw in (None, 12, "[1, null, 0, []]"):
        with pytest.raises(codec.BadEntry):
            codec.decode(raw, "pods/web.yaml")


@pytest.mark.parametrize("name", ["some-rule", "", "ünïcode", "a#b", "{name}"])
def test_the_rule_reference_url_is_stored_short_and_read_back_whole(name: str) -> None:
    from podlint.rule import DOCS_URL

    url = DOCS_URL.format(name=name)
    near = [url + "x", url.replace("https", "http"), url[:-1] if name else url + "/"]
    diagnostics = [dataclasses.replace(FULL, name=name, url=u) for u in [url, *near, None]]
    raw = codec.encode(FileResult("pods/web.yaml", diagnostics))
    stored = [d[10] for d in json.loads(raw)[3]]
    assert stored == [1, *near, None]
    back = codec.decode(raw, "pods/web.yaml")
    assert [d.url for d in back.diagnostics] == [url, *near, None]
    assert back.diagnostics == diagnostics
