"""Bytes that are not UTF-8 text, byte-order marks, line ends, empty and oversized files."""

from __future__ import annotations

import codecs

import pytest

from podlint.diagnostics import Span
from podlint.loader import load

POD_JSON = '{\n  "id": "/ñ",\n  "mem": 64\n}\n'
POD_YAML = "id: /ñ\nmem: 64\n"


def only(result_problems: list, rule: str) -> str:
    assert [p.rule for p in result_problems] == [rule], result_problems
    return str(result_problems[0].message)


@pytest.mark.parametrize(("name", "text"), [("pod.json", POD_JSON), ("pod.yaml", POD_YAML)])
def test_a_utf8_bom_is_accepted_and_not_counted_as_a_column(name: str, text: str) -> None:
    plain = load(text.encode(), name)
    with_bom = load(codecs.BOM_UTF8 + text.encode(), name)
    assert with_bom.problems == []
    assert with_bom.text == plain.text  # offsets index the text without the mark
    (document,) = with_bom.documents
    assert document.data == plain.documents[0].data
    assert document.table() == plain.documents[0].table()
    node = document.node("/id")
    assert node is not None
    assert node.key is not None
    assert node.key.column == (3 if name.endswith(".json") else 1)


def test_a_bom_in_front_of_a_syntax_error_does_not_shift_its_column() -> None:
    result = load(codecs.BOM_UTF8 + b'{"a": 1,}', "pod.json")
    assert result.problems[0].span == Span(1, 8, 1, 9)


@pytest.mark.parametrize(
    ("encoding", "bom", "words"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16 (little-endian)"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16 (big-endian)"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32 (little-endian)"),
        ("utf-32-be", codecs.BOM_UTF32_BE, "UTF-32 (big-endian)"),
    ],
)
def test_utf16_and_utf32_with_a_bom(encoding: str, bom: bytes, words: str) -> None:
    result = load(bom + POD_JSON.encode(encoding), "pod.json")
    message = only(result.problems, "invalid-encoding")
    assert words in message
    assert "byte-order mark" in message
    assert "Marathon reads UTF-8 JSON" in message
    assert result.problems[0].span == Span(1, 1, 1, 2)
    assert result.problems[0].help
    assert result.documents == []


@pytest.mark.parametrize(
    ("encoding", "words"),
    [
        ("utf-16-le", "UTF-16 (little-endian)"),
        ("utf-16-be", "UTF-16 (big-endian)"),
        ("utf-32-le", "UTF-32 (little-endian)"),
        ("utf-32-be", "UTF-32 (big-endian)"),
    ],
)
def test_utf16_and_utf32_without_a_bom(encoding: str, words: str) -> None:
    for name, text in (("pod.json", POD_JSON), ("pod.yaml", POD_YAML)):
        result = load(text.encode(encoding), name)
        message = only(result.problems, "invalid-encoding")
        assert words in message


def test_latin1_bytes_are_reported_at_the_first_bad_byte() -> None:
    data = '{\n  "id": "/caf\u00e9"\n}\n'.encode("latin-1")
    result = load(data, "pod.json")
    message = only(result.problems, "invalid-encoding")
    assert "0xE9" in message
    assert "Latin-1" in message
    assert result.problems[0].span == Span(2, 14, 2, 15)


def test_the_bad_byte_column_counts_code_points_before_it() -> None:
    data = "a: ñé\n".encode() + b"b: \xff\n"
    result = load(data, "pod.yaml")
    only(result.problems, "invalid-encoding")
    assert result.problems[0].span == Span(2, 4, 2, 5)


def test_a_nul_byte_means_binary() -> None:
    result = load(b'{"id": "/a"}\x00\x00garbage', "pod.json")
    message = only(result.problems, "invalid-encoding")
    assert "binary" in message
    assert result.problems[0].span == Span(1, 13, 1, 14)


def test_binary_bytes_that_are_not_utf8() -> None:
    result = load(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.json")
    assert "binary" in only(result.problems, "invalid-encoding")
    result = load(b"\x89PNG\r\n\x1a\nabc\x01\x02", "image.yaml")
    assert "binary" in only(result.problems, "invalid-encoding")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8])
@pytest.mark.parametrize("name", ["pod.json", "pod.yaml", "pod"])
def test_empty_files(data: bytes, name: str) -> None:
    result = load(data, name)
    only(result.problems, "empty-file")
    assert result.problems[0].span == Span(1, 1, 1, 1)
    assert result.documents == []


@pytest.mark.parametrize("name", ["pod.json", "pod.yaml"])
def test_file_too_large(name: str) -> None:
    result = load(b"x" * 2048, name, max_bytes=1024)
    message = only(result.problems, "file-too-large")
    assert "2 KB" in message
    assert "1 KB" in message
    assert result.text is None


def test_the_default_size_limit_is_5_mb() -> None:
    result = load(b" " * (5 * 1024 * 1024 + 1), "pod.json")
    assert "5 MB" in only(result.problems, "file-too-large")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends(newline: str) -> None:
    for name, text in (("pod.json", POD_JSON), ("pod.yaml", POD_YAML)):
        result = load(text.replace("\n", newline).encode(), name)
        assert result.problems == []
        node = result.documents[0].node("/mem")
        assert node is not None
        line = 3 if name.endswith(".json") else 2
        column = 10 if name.endswith(".json") else 6
        assert node.value == Span(line, column, line, column + 2)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_in_syntax_errors(newline: str) -> None:
    text = newline.join(["{", '  "a": 1,', '  "b": 2,', "}"])
    result = load(text.encode(), "pod.json")
    assert result.problems[0].span == Span(3, 9, 3, 10)
