"""The JSON side of the loader: positions, strictness, recovery, limits."""

from __future__ import annotations

import json
from typing import Any

import pytest

from podlint.diagnostics import Span
from podlint.document import LoadResult
from podlint.loader import _json_index, detect_format, load
from podlint.loader.json_scanner import scan_json
from tests.conftest import shared_path


def load_json(text: str, **kwargs: Any) -> LoadResult:
    return load(text.encode("utf-8"), "pod.json", **kwargs)


def only_problem(result: LoadResult) -> tuple[str, str, Span]:
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    return problem.rule, problem.message, problem.span


def at(text: str, line: int, token: str, nth: int = 1) -> Span:
    """The span of the ``nth`` occurrence of ``token`` on ``line`` (1-based), found by search."""
    row = text.splitlines()[line - 1]
    column = -1
    for _ in range(nth):
        column = row.index(token, column + 1)
    return Span(line, column + 1, line, column + 1 + len(token))


def walk(value: Any, pointer: str = "") -> list[tuple[str, Any]]:
    """Every (pointer, value) of plain data, parents first."""
    out = [(pointer, value)]
    if isinstance(value, dict):
        for key, child in value.items():
            token = key.replace("~", "~0").replace("/", "~1")
            out.extend(walk(child, f"{pointer}/{token}"))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out.extend(walk(child, f"{pointer}/{index}"))
    return out


POD = """{
  "id": "/web",
  "containers": [
    {
      "name": "nginx",
      "resources": {"cpus": 0.5, "mem": 128},
      "endpoints": [{"name": "http", "containerPort": 80}]
    }
  ],
  "labels": {"a/b": "x", "c~d": null, "ok": true}
}
"""


# -- positions --------------------------------------------------------------------------------------


def test_clean_file_positions_of_keys_and_values() -> None:
    result = load_json(POD)
    assert result.problems == []
    (document,) = result.documents
    assert document.data == json.loads(POD)
    assert document.recovered is False
    node = document.node("/id")
    assert node is not None
    assert node.key == at(POD, 2, '"id"') == Span(2, 3, 2, 7)
    assert node.value == at(POD, 2, '"/web"') == Span(2, 9, 2, 15)  # quotes included
    name = document.node("/containers/0/name")
    assert name is not None
    assert name.key == at(POD, 5, '"name"')
    assert name.value == at(POD, 5, '"nginx"')
    mem = document.node("/containers/0/resources/mem")
    assert mem is not None
    assert mem.key == at(POD, 6, '"mem"')
    assert mem.value == at(POD, 6, "128")
    port = document.node("/containers/0/endpoints/0/containerPort")
    assert port is not None
    assert port.value == at(POD, 7, "80")


def test_containers_span_their_whole_extent_and_array_items_have_no_key() -> None:
    document = load_json(POD).documents[0]
    containers = document.node("/containers")
    assert containers is not None
    assert containers.value == Span(3, 17, 9, 4)
    item = document.node("/containers/0")
    assert item is not None
    assert item.key is None
    assert item.value == Span(4, 5, 8, 6)
    root = document.node("")
    assert root is not None
    assert root.value == Span(1, 1, 11, 2)
    assert document.extent == Span(1, 1, 11, 2)


def test_pointer_escaping_follows_rfc_6901() -> None:
    document = load_json(POD).documents[0]
    slash = document.node("/labels/a~1b")
    tilde = document.node("/labels/c~0d")
    assert slash is not None
    assert tilde is not None
    assert slash.key == at(POD, 10, '"a/b"')
    assert tilde.value == at(POD, 10, "null")


def test_offsets_slice_the_text_of_every_value() -> None:
    result = load_json(POD)
    assert result.text is not None
    document = result.documents[0]
    for pointer, value in walk(document.data):
        node = document.node(pointer)
        assert node is not None, pointer
        assert json.loads(result.text[node.value_start : node.value_end]) == value
        if node.key_start is not None:
            assert node.key_end is not None
            key = json.loads(result.text[node.key_start : node.key_end])
            assert pointer.endswith("/" + key.replace("~", "~0").replace("/", "~1"))


def test_positions_are_lazy_on_the_fast_path() -> None:
    document = load_json(POD).documents[0]
    assert document.index_builder is not None
    assert document._table is None
    document.table()
    assert document._table is not None


def test_non_ascii_text_before_a_value_counts_code_points() -> None:
    text = '{"näme": "😀é", "x": 1}'
    document = load_json(text).documents[0]
    node = document.node("/x")
    assert node is not None
    # One column per code point: the emoji (4 bytes in UTF-8) and "é" (2 bytes) count as one.
    assert node.key == at(text, 1, '"x"') == Span(1, 16, 1, 19)
    assert node.value == Span(1, 21, 1, 22)


def test_crlf_line_ends_do_not_count_as_columns() -> None:
    document = load_json('{\r\n  "a": 1,\r\n  "b": [true]\r\n}\r\n').documents[0]
    b = document.node("/b/0")
    assert b is not None
    assert b.value == Span(3, 9, 3, 13)
    assert document.extent == Span(1, 1, 4, 2)


def test_lone_cr_line_ends() -> None:
    document = load_json('{\r"a": 1,\r"b": 2}').documents[0]
    node = document.node("/b")
    assert node is not None
    assert node.value == Span(3, 6, 3, 7)


def test_locate_falls_back_to_the_nearest_parent_key() -> None:
    document = load_json(POD).documents[0]
    span, found = document.locate("/containers/0/resources/disk")
    assert found == "/containers/0/resources"
    assert span == Span(6, 7, 6, 18)


# -- strictness: each failure class, at the offending character -------------------------------------

FAILURES = [
    # text, rule, words in the message, (line, column), data when recovered (None: not read)
    ('{"a": 1,\n}', "syntax-error", "trailing comma before '}'", (1, 8), {"a": 1}),
    ("[1, 2,]", "syntax-error", "trailing comma before ']'", (1, 6), [1, 2]),
    ('{"a": 1 // note\n}', "syntax-error", "comments are not allowed", (1, 9), {"a": 1}),
    ('/* x */ {"a": 1}', "syntax-error", "comments are not allowed", (1, 1), {"a": 1}),
    ("{\"a\": 'b'}", "syntax-error", "value in single quotes", (1, 7), {"a": "b"}),
    ("{'a': 1}", "syntax-error", "key in single quotes", (1, 2), {"a": 1}),
    ('{"disk": 10mb}', "syntax-error", "unquoted value '10mb'", (1, 10), {"disk": "10mb"}),
    ('{"a": NaN}', "syntax-error", "NaN is not a JSON value", (1, 7), None),
    ('{"a": -Infinity}', "syntax-error", "-Infinity is not a JSON value", (1, 7), None),
    ('{"a": True}', "syntax-error", "lowercase", (1, 7), {"a": True}),
    (
        '{"a": 1\n "b": 2}',
        "syntax-error",
        "missing comma between members",
        (2, 2),
        {"a": 1, "b": 2},
    ),
    ("[1\n 2]", "syntax-error", "missing comma between items", (2, 2), [1, 2]),
    ('{"a" 1}', "syntax-error", "missing ':' between key 'a' and its value", (1, 6), {"a": 1}),
    ('{"a": 007}', "syntax-error", "leading zeros", (1, 7), {"a": 7}),
    ('{"a": 1.}', "syntax-error", "not a valid JSON number", (1, 7), {"a": 1.0}),
    ("{a: 1}", "syntax-error", "unquoted key 'a'", (1, 2), {"a": 1}),
    ('{"a": "x\ty"}', "syntax-error", "control character (tab)", (1, 9), {"a": "x\ty"}),
    ('{"a": "x\\qy"}', "syntax-error", "invalid escape '\\q'", (1, 9), {"a": "x\\qy"}),
    ('{"a": "xy\n}', "syntax-error", "unterminated string", (1, 7), None),
    ('{"a": 1}\n{"b": 2}', "syntax-error", "extra data after the end", (2, 1), {"a": 1}),
    ('{"a": 1', "syntax-error", "unexpected end of file", (1, 8), None),
    ('{"a": }', "syntax-error", "expected a value for key 'a', found '}'", (1, 7), None),
    ('{"a": [1, 2}', "syntax-error", "expected ',' or ']', found '}'", (1, 12), None),
    ('{"a": 1, "a": 2}', "duplicate-key", "later value", (1, 10), {"a": 2}),
]


@pytest.mark.parametrize(("text", "rule", "words", "where", "data"), FAILURES)
def test_each_failure_is_reported_at_the_offending_character(
    text: str, rule: str, words: str, where: tuple[int, int], data: Any
) -> None:
    result = load_json(text)
    got_rule, message, span = only_problem(result)
    assert got_rule == rule
    assert words in message
    assert (span.line, span.column) == where
    assert result.problems[0].help
    if data is None and "Infinity" not in text and "NaN" not in text:
        assert result.documents == []
    elif data is not None:
        (document,) = result.documents
        assert document.data == data
        assert document.recovered is True


def test_nan_is_recovered_as_a_float() -> None:
    document = load_json('{"a": NaN, "b": 1}').documents[0]
    assert document.data["a"] != document.data["a"]
    assert document.data["b"] == 1


def test_unquoted_value_message_and_span_cover_the_word() -> None:
    _rule, message, span = only_problem(load_json('{\n  "disk": 10mb\n}'))
    assert message == "unquoted value '10mb': JSON strings need double quotes"
    assert span == Span(2, 11, 2, 15)


def test_duplicate_key_says_the_later_value_wins_and_points_at_the_second_key() -> None:
    result = load_json('{\n  "mem": 64,\n  "mem": 128\n}')
    rule, message, span = only_problem(result)
    assert rule == "duplicate-key"
    assert "first at line 2" in message
    assert "keeps only the later value" in message
    assert span == Span(3, 3, 3, 8)
    document = result.documents[0]
    assert document.data == {"mem": 128}
    node = document.node("/mem")
    assert node is not None
    assert node.value == Span(3, 10, 3, 13)


def test_recovery_keeps_reading_after_a_trailing_comma() -> None:
    text = '{\n  "a": [1, 2,],\n  "b": {"c": 3,},\n  "d": "after"\n}'
    result = load_json(text)
    assert [p.message for p in result.problems] == [
        "trailing comma before ']'",
        "trailing comma before '}'",
    ]
    document = result.documents[0]
    assert document.data == {"a": [1, 2], "b": {"c": 3}, "d": "after"}
    node = document.node("/d")
    assert node is not None
    assert node.value == Span(4, 8, 4, 15)


def test_several_recoverable_problems_are_all_reported() -> None:
    result = load_json("{\n  // a comment\n  'id': '/x',\n  \"mem\": 10mb,\n}")
    assert [(p.span.line, p.span.column) for p in result.problems] == [
        (2, 3),
        (3, 3),
        (3, 9),
        (4, 10),
        (4, 14),
    ]
    assert result.documents[0].data == {"id": "/x", "mem": "10mb"}


def test_an_unrecoverable_problem_is_reported_once() -> None:
    result = load_json('{"a": [1, 2}, "b": }, "c": {{{')
    assert len(result.problems) == 1
    assert result.documents == []


def test_placeholder_lines_are_one_problem() -> None:
    result = load_json('{\n  "id": "/x",\n  ...\n}')
    _rule, message, span = only_problem(result)
    assert message == "expected a key in double quotes, found '...'"
    assert span.line == 3


def test_only_comments_is_an_empty_file() -> None:
    rule, message, _ = only_problem(load_json("// nothing here\n/* really */\n"))
    assert rule == "empty-file"
    assert "only comments" in message


# -- limits -----------------------------------------------------------------------------------------


def test_100000_levels_of_nesting_end_in_too_complex() -> None:
    result = load_json("[" * 100_000 + "]" * 100_000)
    rule, message, span = only_problem(result)
    assert rule == "too-complex"
    assert "500 levels" in message
    assert span == Span(1, 501, 1, 502)
    assert result.documents == []


def test_nesting_the_fast_path_reads_is_still_limited() -> None:
    # 600 levels parse with the standard library; the depth limit still applies.
    result = load_json('{"a": ' * 600 + "1" + "}" * 600)
    assert only_problem(result)[0] == "too-complex"


def test_the_depth_limit_can_be_lowered() -> None:
    assert only_problem(load_json('{"a": {"b": {"c": 1}}}', max_depth=2))[0] == "too-complex"
    assert load_json('{"a": {"b": 1}}', max_depth=2).problems == []


def test_scanner_handles_deep_nesting_without_recursion() -> None:
    # Deeper than Python's recursion limit, with the depth limit raised.
    scan = scan_json("[" * 3000 + "]" * 3000, max_depth=5000)
    assert scan.problems == []
    assert scan.complete


def test_long_keys_under_deep_nesting_do_not_build_a_quadratic_table() -> None:
    key = "k" * 20_000
    text = f'{{"{key}": ' * 400 + "1" + "}" * 400
    scan = scan_json(text)
    assert [p.rule for p in scan.problems] == ["too-complex"]
    assert "too large to index" in scan.problems[0].message
    # The lazy table of a file the fast path read stops at the same budget.
    assert len(_json_index(text)) < 400


def test_file_too_large_is_not_parsed() -> None:
    result = load_json('{"a": "' + "x" * 100 + '"}', max_bytes=50)
    rule, message, _span = only_problem(result)
    assert rule == "file-too-large"
    assert "more than the 50 bytes" in message
    assert result.documents == []
    assert result.text is None


# -- robustness -------------------------------------------------------------------------------------


def test_unexpected_exceptions_become_a_syntax_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from podlint import loader

    def broken(text: str, max_depth: int) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(loader, "parse_fast", broken)
    rule, message, _ = only_problem(load_json("{}"))
    assert rule == "syntax-error"
    assert "internal error: RuntimeError: boom" in message


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("pod.json", b"a: 1", "json"),
        ("pod.JSON", b"a: 1", "json"),
        ("pod.yaml", b"{}", "yaml"),
        ("pod.yml", b"{}", "yaml"),
        ("-", b"  \n {", "json"),
        ("pod", b"\xef\xbb\xbf[1]", "json"),
        ("pod.txt", b"id: /x", "yaml"),
        ("<stdin>", b"", "yaml"),
    ],
)
def test_detect_format(filename: str, data: bytes, expected: str) -> None:
    assert detect_format(filename, data) == expected


def test_a_sniffed_json_file_is_read_as_json() -> None:
    result = load(b'{"a": 1,}', "pod")
    assert result.format == "json"
    assert result.problems[0].message == "trailing comma before '}'"


# -- the corpus -------------------------------------------------------------------------------------


def test_seed_unquoted_10mb() -> None:
    path = shared_path("corpus", "seed", "01-executorResources.json")
    result = load(path.read_bytes(), path.name)
    rule, message, span = only_problem(result)
    assert rule == "syntax-error"
    assert span.line == 5
    assert "10mb" in message
    assert result.documents[0].data["executorResources"]["mem"] == 64


def test_seed_complete_pod_trailing_comma_and_the_rest_is_loaded() -> None:
    path = shared_path("corpus", "seed", "14-complete-pod.json")
    result = load(path.read_bytes(), path.name)
    _rule, message, span = only_problem(result)
    assert message == "trailing comma before '}'"
    assert span.line == 56
    document = result.documents[0]
    assert document.recovered is True
    # Everything after the comma is still there.
    assert {"scaling", "scheduling", "containers", "networks"} <= set(document.data)
    container = document.data["containers"][0]
    assert container["image"]["id"] == "mesosphere/marathon:latest"
    node = document.node("/containers/0/image/id")
    assert node is not None
    assert node.value.line > 56


def test_every_clean_corpus_file_has_a_span_for_every_value() -> None:
    folder = shared_path("corpus")
    checked = 0
    for path in sorted(folder.glob("*/*.json")):
        result = load(path.read_bytes(), path.name)
        if result.problems:
            continue
        assert result.text is not None
        (document,) = result.documents
        scan = scan_json(result.text)
        assert scan.problems == []
        assert scan.data == document.data, path.name
        for pointer, value in walk(document.data):
            node = document.node(pointer)
            assert node is not None, (path.name, pointer)
            assert json.loads(result.text[node.value_start : node.value_end]) == value
        checked += 1
    assert checked > 100
