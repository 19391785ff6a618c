"""How podlint reads YAML: libyaml's events, ruamel.yaml's when libyaml refuses, rapidyaml's check.

The three readers must agree wherever more than one of them reads a text: the same data, the same
spans, the same findings. These tests compare them on the benchmark corpus's pods and on inputs of
their own, and check that rapidyaml stays optional.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from podlint.diagnostics import Span
from podlint.document import LoadResult
from podlint.loader import load, yaml_strict

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import corpus  # noqa: E402

needs_rapidyaml = pytest.mark.skipif(
    not yaml_strict.available(), reason="rapidyaml is not installed (the check is optional)"
)


def load_yaml(text: str, **kwargs: Any) -> LoadResult:
    return load(text.encode("utf-8"), "pod.yaml", **kwargs)


def snapshot(result: LoadResult) -> Any:
    return repr(
        (
            [(p.rule, p.message, p.span, p.document) for p in result.problems],
            [
                (d.index, d.data, d.extent, d.plain_scalars, d.recovered, d.table())
                for d in result.documents
            ],
        )
    )


@pytest.fixture
def without_rapidyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine where rapidyaml cannot be imported."""
    monkeypatch.setitem(sys.modules, "ryml", None)  # makes `import ryml` fail
    monkeypatch.setattr(yaml_strict, "_RYML", yaml_strict._UNSET)


@cache
def corpus_pods() -> list[str]:
    return [pod.yaml_text for pod in corpus.generate(seed=1, count=150)]


# -- the corpus: every reader reads the same ----------------------------------------------------------


def test_libyaml_and_ruamel_give_the_same_data_and_spans_on_the_corpus() -> None:
    for text in corpus_pods():
        assert snapshot(load_yaml(text, yaml_backend="libyaml")) == snapshot(
            load_yaml(text, yaml_backend="ruamel")
        )


@needs_rapidyaml
def test_the_rapidyaml_check_finds_nothing_in_the_corpus_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked = [snapshot(load_yaml(text)) for text in corpus_pods()]
    assert all("syntax-error" not in s for s in checked)
    monkeypatch.setattr(yaml_strict, "_RYML", None)
    assert [snapshot(load_yaml(text)) for text in corpus_pods()] == checked


# -- rapidyaml refuses invalid YAML that libyaml reads ----------------------------------------------

INVALID_BUT_READ_BY_LIBYAML = [
    # (text, line, column of the problem, words of the message)
    ('id: /web\nlabels:\n  team: "core"# owners\n', 3, 15, "'#' comment must follow a space"),
    ("id: /web\nports: [80, 443]#web\n", 2, 17, "'#' comment must follow a space"),
    ("id: /web\nargs: [a, b,# more\n  c]\n", 2, 13, "touches the ','"),
    ("id: /a\n%YAML 1.2\n---\nid: /b\n", 2, 1, "needs the document end marker '...'"),
    ('cmd:\n  shell: "echo a\n  echo b"\n', 3, 1, "not indented enough"),
    ("args: [-]\n", 1, 8, "cannot start this way"),
]


@needs_rapidyaml
@pytest.mark.parametrize(("text", "line", "column", "words"), INVALID_BUT_READ_BY_LIBYAML)
def test_invalid_yaml_that_libyaml_reads_is_a_syntax_error_where_it_is(
    text: str, line: int, column: int, words: str
) -> None:
    result = load_yaml(text)
    assert [p.rule for p in result.problems] == ["syntax-error"]
    (problem,) = result.problems
    assert (problem.span.line, problem.span.column) == (line, column)
    assert words in problem.message
    assert problem.help
    # What libyaml read is kept, marked as read from a broken file.
    assert result.documents
    assert any(d.recovered for d in result.documents)


@needs_rapidyaml
def test_the_problem_belongs_to_the_document_it_is_in() -> None:
    text = 'id: /a\n---\nid: /b\nname: "x"#c\n---\nid: /c\n'
    result = load_yaml(text)
    (problem,) = result.problems
    assert problem.document == 1
    assert [d.recovered for d in result.documents] == [False, True, False]


@needs_rapidyaml
def test_rapidyaml_writes_nothing_to_standard_error(capfd: pytest.CaptureFixture[str]) -> None:
    for text, *_ in INVALID_BUT_READ_BY_LIBYAML:
        load_yaml(text)
    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""


@needs_rapidyaml
@pytest.mark.parametrize(
    "text",
    [
        "[a, b]: 1\n",  # rapidyaml cannot hold collection keys; podlint reports them itself
        "a: b\t\nseq:\t\n - a\t\nc: d\t#X\n",  # tabs at line ends are white space
        "cmd: |\n  if x; then\n  \techo hi\n  fi\n",  # a tab inside a block scalar
        "a: 'it''s'\nb: \"\\t\"\nc: >-\n  folded\n  text\n",
    ],
)
def test_valid_yaml_is_not_refused_by_the_check(text: str) -> None:
    assert "syntax-error" not in [p.rule for p in load_yaml(text).problems]


@pytest.mark.usefixtures("without_rapidyaml")
def test_without_rapidyaml_podlint_reads_as_libyaml_does() -> None:
    assert not yaml_strict.available()
    assert yaml_strict.check('a: "b"#c\n') is None
    result = load_yaml('id: /web\nname: "x"#c\n')
    assert result.problems == []
    assert result.documents[0].data == {"id": "/web", "name": "x"}


@needs_rapidyaml
def test_hostile_input_stays_bounded_with_the_check() -> None:
    deep = load_yaml("".join("  " * i + "k:\n" for i in range(600)))
    assert [p.rule for p in deep.problems] == ["too-complex"]


# -- ruamel.yaml reads valid YAML that libyaml refuses ------------------------------------------------

VALID_BUT_REFUSED_BY_LIBYAML = [
    # (text, data, pointer, line, token)
    ("%POD v1\n---\nid: /web\n", {"id": "/web"}, "/id", 3, "/web"),
    ("a: &x:y 1\nb: *x:y\n", {"a": 1, "b": 1}, "/b", 2, "*x:y"),
    (": empty\nid: /web\n", {"null": "empty", "id": "/web"}, "/id", 2, "/web"),
    ("id: /a\n...\nid: /b\n", {"id": "/b"}, "/id", 3, "/b"),
]


@pytest.mark.parametrize(("text", "data", "pointer", "line", "token"), VALID_BUT_REFUSED_BY_LIBYAML)
def test_valid_yaml_that_libyaml_refuses_is_read_through_ruamel(
    text: str, data: dict[str, Any], pointer: str, line: int, token: str
) -> None:
    assert "syntax-error" in [p.rule for p in load_yaml(text, yaml_backend="libyaml").problems]
    result = load_yaml(text)
    assert result.problems == []
    document = result.documents[-1]
    assert document.data == data
    spans = document.node(pointer)
    assert spans is not None
    row = text.splitlines()[line - 1]
    column = row.index(token) + 1
    assert spans.value == Span(line, column, line, column + len(token))


def test_yaml_both_event_parsers_refuse_keeps_libyamls_words() -> None:
    text = "id: /web\ncontainers:\n\t- name: c\n"
    result = load_yaml(text)
    assert [p.rule for p in result.problems] == ["syntax-error"]
    assert result.problems[0].span.line == 3
    assert "tab" in result.problems[0].message
