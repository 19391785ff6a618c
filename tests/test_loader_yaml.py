"""The YAML side of the loader: YAML 1.2 typing, positions, tags, aliases, limits, back-ends."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from podlint.diagnostics import Span
from podlint.document import LoadResult
from podlint.loader import load
from podlint.loader.yaml_events import backend


def load_yaml(text: str, **kwargs: Any) -> LoadResult:
    return load(text.encode("utf-8"), "pod.yaml", **kwargs)


def at(text: str, line: int, token: str, nth: int = 1) -> Span:
    """The span of the ``nth`` occurrence of ``token`` on ``line`` (1-based), found by search."""
    row = text.splitlines()[line - 1]
    column = -1
    for _ in range(nth):
        column = row.index(token, column + 1)
    return Span(line, column + 1, line, column + 1 + len(token))


def rules(result: LoadResult) -> list[str]:
    return [problem.rule for problem in result.problems]


POD = """\
# a pod
id: /web
labels:
  team: "core"
  tier: 'web'
containers:
  - name: nginx
    resources: {cpus: 0.5, mem: 128}
    exec:
      command:
        shell: |
          echo one
          echo two

    endpoints:
      - name: http
        containerPort: 80
"""


# -- positions --------------------------------------------------------------------------------------


def test_positions_of_keys_and_values() -> None:
    result = load_yaml(POD)
    assert result.problems == []
    (document,) = result.documents
    assert document.data["containers"][0]["resources"] == {"cpus": 0.5, "mem": 128}
    node = document.node("/id")
    assert node is not None
    assert node.key == at(POD, 2, "id") == Span(2, 1, 2, 3)
    assert node.value == at(POD, 2, "/web")
    team = document.node("/labels/team")
    assert team is not None
    assert team.value == at(POD, 4, '"core"')  # quotes are part of the scalar as written
    tier = document.node("/labels/tier")
    assert tier is not None
    assert tier.value == at(POD, 5, "'web'")
    mem = document.node("/containers/0/resources/mem")
    assert mem is not None
    assert mem.key == at(POD, 8, "mem")
    assert mem.value == at(POD, 8, "128")
    port = document.node("/containers/0/endpoints/0/containerPort")
    assert port is not None
    assert port.value == at(POD, 17, "80")


def test_collections_span_their_whole_extent() -> None:
    document = load_yaml(POD).documents[0]
    labels = document.node("/labels")
    assert labels is not None
    assert labels.key == at(POD, 3, "labels")
    assert labels.value == Span(4, 3, 5, 14)
    flow = document.node("/containers/0/resources")
    assert flow is not None
    assert flow.value == at(POD, 8, "{cpus: 0.5, mem: 128}")
    item = document.node("/containers/0")
    assert item is not None
    assert item.key is None
    assert item.value == Span(7, 5, 17, 26)
    assert document.extent == Span(2, 1, 17, 26)


def test_a_block_scalar_spans_its_lines_without_trailing_blank_lines() -> None:
    document = load_yaml(POD).documents[0]
    shell = document.node("/containers/0/exec/command/shell")
    assert shell is not None
    assert document.data["containers"][0]["exec"]["command"]["shell"] == "echo one\necho two\n"
    assert shell.value == Span(11, 16, 13, 19)


def test_offsets_slice_the_text() -> None:
    result = load_yaml(POD)
    assert result.text is not None
    node = result.documents[0].node("/containers/0/resources")
    assert node is not None
    assert result.text[node.value_start : node.value_end] == "{cpus: 0.5, mem: 128}"
    assert node.key_start is not None
    assert result.text[node.key_start : node.key_end] == "resources"


def test_pointer_escaping() -> None:
    document = load_yaml("labels:\n  a/b: 1\n  c~d: 2\n").documents[0]
    assert document.node("/labels/a~1b") is not None
    assert document.node("/labels/c~0d") is not None


def test_multi_document_positions_and_indexes() -> None:
    text = "id: /a\n---\nid: /b\nmem: 1\n---\n# only a comment\n---\nid: /c\n"
    result = load_yaml(text)
    # The empty document is reported (at its marker) and not passed on; the others keep their index.
    assert [(p.rule, p.span, p.document) for p in result.problems] == [
        ("empty-document", Span(5, 1, 5, 4), 2)
    ]
    assert [d.index for d in result.documents] == [0, 1, 3]
    assert [d.data["id"] for d in result.documents] == ["/a", "/b", "/c"]
    second = result.documents[1].node("/mem")
    assert second is not None
    assert second.value == Span(4, 6, 4, 7)
    third = result.documents[2].node("/id")
    assert third is not None
    assert third.value == Span(8, 5, 8, 7)


def test_crlf_and_non_ascii_before_a_value() -> None:
    text = "näme: 😀é\r\nid: /x\r\n"
    document = load_yaml(text).documents[0]
    node = document.node("/id")
    assert node is not None
    assert node.value == Span(2, 5, 2, 7)
    name = document.node("/näme")
    assert name is not None
    assert name.value == Span(1, 7, 1, 9)


def test_the_empty_value_of_a_key_is_null_right_after_the_key() -> None:
    document = load_yaml("a:\nb: 1\n").documents[0]
    assert document.data == {"a": None, "b": 1}
    node = document.node("/a")
    assert node is not None
    assert node.value == Span(1, 3, 1, 3)


# -- YAML 1.2 typing --------------------------------------------------------------------------------

TYPING = [
    # plain scalar, value, recorded in plain_scalars
    ("6490e74", 6.49e77, True),
    ("yes", "yes", True),
    ("No", "No", True),
    ("on", "on", True),
    ("OFF", "OFF", True),
    ("y", "y", True),
    ("yEs", "yEs", True),
    ("nO", "nO", True),
    ("yesterday", "yesterday", False),
    ("true", True, True),
    ("False", False, True),
    ("TRUE", True, True),
    ("tRUE", "tRUE", False),
    ("null", None, True),
    ("~", None, True),
    ("NULL", None, True),
    ("0755", 755, True),
    ("0o17", 15, True),
    ("0x1F", 31, True),
    ("1_000", 1000, True),
    ("-12", -12, True),
    ("1.5", 1.5, True),
    (".5", 0.5, True),
    ("1e3", 1000.0, True),
    (".inf", math.inf, True),
    ("-.Inf", -math.inf, True),
    ("1:30", "1:30", True),
    ("2024-01-31", "2024-01-31", True),
    ("nginx", "nginx", False),
    ("1.2.3", "1.2.3", False),
    ("0.5cpu", "0.5cpu", False),
]


@pytest.mark.parametrize(("source", "value", "recorded"), TYPING)
def test_plain_scalars_are_typed_by_yaml_1_2(source: str, value: Any, recorded: bool) -> None:
    document = load_yaml(f"v: {source}\n").documents[0]
    got = document.data["v"]
    assert got == value
    assert type(got) is type(value)
    assert (document.plain_scalars.get("/v") == source) is recorded


def test_nan() -> None:
    document = load_yaml("v: .nan\n").documents[0]
    assert math.isnan(document.data["v"])
    assert document.plain_scalars == {"/v": ".nan"}


def test_empty_value_is_null_and_recorded() -> None:
    document = load_yaml("v:\n").documents[0]
    assert document.data == {"v": None}
    assert document.plain_scalars == {"/v": ""}


@pytest.mark.parametrize("source", ['"5"', "'yes'", "|\n  5\n", ">\n  true\n"])
def test_quoted_and_block_scalars_are_strings(source: str) -> None:
    document = load_yaml(f"v: {source}").documents[0]
    assert isinstance(document.data["v"], str)
    assert document.plain_scalars == {}


def test_keys_are_strings_as_written() -> None:
    document = load_yaml("80: http\ntrue: x\n").documents[0]
    assert document.data == {"80": "http", "true": "x"}


# -- duplicate keys ---------------------------------------------------------------------------------


def test_duplicate_keys_are_reported_at_the_second_key_and_the_later_value_wins() -> None:
    text = "id: /a\nmem: 1\nid: /b\n"
    result = load_yaml(text)
    assert rules(result) == ["duplicate-key"]
    problem = result.problems[0]
    assert problem.span == at(text, 3, "id")
    assert "first at line 1" in problem.message
    assert problem.document == 0
    document = result.documents[0]
    assert document.data["id"] == "/b"
    node = document.node("/id")
    assert node is not None
    assert node.value == at(text, 3, "/b")


# -- tags -------------------------------------------------------------------------------------------


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "touched"
    text = (
        f"a: !!python/object/apply:os.system 'touch {marker}'\n"
        f"b: !!python/object/apply:os.system ['touch {marker}']\n"
        "c: !!python/name:os.system\n"
    )
    result = load_yaml(text)
    assert not marker.exists()
    assert rules(result) == ["yaml-tag", "yaml-tag", "yaml-tag"]
    assert result.problems[0].span == at(text, 1, "!!python/object/apply:os.system")
    assert "read" in result.problems[0].message
    data = result.documents[0].data
    assert data == {"a": f"touch {marker}", "b": [f"touch {marker}"], "c": None}


def test_custom_tags_are_read_as_if_untagged() -> None:
    result = load_yaml("a: !Ref 5\nb: !Sub [x]\nc: !!binary aGk=\nd: !!set {x: null}\n")
    assert rules(result) == ["yaml-tag"] * 4
    assert result.documents[0].data == {"a": 5, "b": ["x"], "c": "aGk=", "d": {"x": None}}


def test_core_tags_are_honoured() -> None:
    result = load_yaml(
        "a: !!str 5\nb: !!int '7'\nc: !!float 1\nd: !!null ''\ne: !!map {x: 1}\nf: ! 5\n"
    )
    assert result.problems == []
    data = result.documents[0].data
    assert data == {"a": "5", "b": 7, "c": 1.0, "d": None, "e": {"x": 1}, "f": "5"}
    assert type(data["c"]) is float


def test_a_core_tag_that_does_not_fit_is_reported_and_read_as_a_string() -> None:
    result = load_yaml("a: !!int abc\n")
    assert rules(result) == ["yaml-tag"]
    assert result.documents[0].data == {"a": "abc"}


# -- anchors, aliases, merge keys -------------------------------------------------------------------

ANCHORS = """\
defaults: &res
  cpus: 0.5
  mem: 128
containers:
  - name: a
    resources: *res
  - name: b
    resources:
      <<: *res
      mem: 256
"""


def test_aliases_and_merge_keys() -> None:
    result = load_yaml(ANCHORS)
    assert result.problems == []
    document = result.documents[0]
    assert document.data["containers"][0]["resources"] == {"cpus": 0.5, "mem": 128}
    assert document.data["containers"][1]["resources"] == {"cpus": 0.5, "mem": 256}
    # The alias itself is where it is written; what it stands for is at the anchor.
    alias = document.node("/containers/0/resources")
    assert alias is not None
    assert alias.value == at(ANCHORS, 6, "*res")
    inner = document.node("/containers/0/resources/cpus")
    assert inner is not None
    assert inner.value == at(ANCHORS, 2, "0.5")
    merged = document.node("/containers/1/resources/cpus")
    assert merged is not None
    assert merged.value == at(ANCHORS, 2, "0.5")
    explicit = document.node("/containers/1/resources/mem")
    assert explicit is not None
    assert explicit.value == at(ANCHORS, 10, "256")
    assert document.plain_scalars["/containers/0/resources/mem"] == "128"
    assert "<<" not in document.data["containers"][1]["resources"]


def test_merge_of_several_mappings_earlier_ones_win() -> None:
    text = "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  z: 3\n"
    data = load_yaml(text).documents[0].data
    assert data["c"] == {"x": 1, "y": 1, "z": 3}


def test_undefined_alias_is_a_syntax_error() -> None:
    result = load_yaml("a: *nope\n")
    assert rules(result) == ["syntax-error"]
    assert "not defined" in result.problems[0].message
    assert result.documents == []


def test_billion_laughs_ends_in_too_complex() -> None:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]")
    result = load_yaml("\n".join(lines) + "\n")
    assert rules(result) == ["too-complex"]
    assert "aliases expand" in result.problems[0].message
    assert result.documents == []


# -- limits and syntax errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        "{a: " * 100_000 + "1" + "}" * 100_000,
        "- " * 100_000 + "x\n",
    ],
    ids=["flow-sequences", "flow-mappings", "block-sequences"],
)
def test_100000_levels_of_nesting_end_in_too_complex(text: str) -> None:
    result = load_yaml(text)
    assert rules(result) == ["too-complex"]
    assert "deep" in result.problems[0].message
    assert result.documents == []


def test_the_depth_limit_is_podlints_own() -> None:
    result = load_yaml("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 600)))
    assert rules(result) == ["too-complex"]
    assert "more than 500 levels" in result.problems[0].message
    assert result.problems[0].span.line == 501


def test_tab_indentation_is_a_plain_syntax_error() -> None:
    result = load_yaml("id: /a\nlabels:\n\tteam: x\n")
    assert rules(result) == ["syntax-error"]
    problem = result.problems[0]
    assert problem.span.line == 3
    assert problem.span.column == 1
    assert "tab" in problem.message
    assert problem.help


def test_bad_indentation_is_a_syntax_error_at_the_line() -> None:
    result = load_yaml("containers:\n  - name: a\n   image: x\n")
    assert rules(result) == ["syntax-error"]
    assert result.problems[0].span.line == 3
    assert "indent" in result.problems[0].message


def test_a_colon_in_a_plain_value() -> None:
    result = load_yaml("cmd: echo a: b\n")
    assert rules(result) == ["syntax-error"]
    assert result.problems[0].span == Span(1, 12, 1, 13)
    assert "quotes" in result.problems[0].message


def test_an_error_in_a_later_document_keeps_the_earlier_ones() -> None:
    result = load_yaml("id: /a\n---\nid: [\n")
    assert rules(result) == ["syntax-error"]
    assert result.problems[0].document == 1
    assert [d.data for d in result.documents] == [{"id": "/a"}]


def test_control_characters_are_reported_where_they_are() -> None:
    result = load_yaml("id: /a\nname: x\x07y\n")
    assert rules(result) == ["syntax-error"]
    assert result.problems[0].span == Span(2, 8, 2, 9)
    assert "U+0007" in result.problems[0].message


@pytest.mark.parametrize("text", ["# nothing\n", "# one\n\n# two\n", "   \n"])
def test_no_document_at_all_is_an_empty_file(text: str) -> None:
    result = load_yaml(text)
    assert rules(result) == ["empty-file"]


def test_an_explicit_null_document_is_content() -> None:
    result = load_yaml("null\n")
    assert result.problems == []
    assert result.documents[0].data is None


# -- empty documents: null documents, one finding each at their marker ------------------------------


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("---\n", [1]),
        ("---\n---\n", [1, 2]),
        ("---\n# only a comment\n...\n", [1]),
        ("%YAML 1.2\n---\n", [2]),
        ("--- # c\n", [1]),
    ],
)
def test_empty_documents_are_reported_each_at_its_marker(text: str, markers: list[int]) -> None:
    for yaml_backend in ("libyaml", "ruamel"):
        result = load_yaml(text, yaml_backend=yaml_backend)
        assert rules(result) == ["empty-document"] * len(markers)
        assert [p.span for p in result.problems] == [Span(n, 1, n, 4) for n in markers]
        assert [p.document for p in result.problems] == list(range(len(markers)))
        assert result.documents == []


def test_an_empty_middle_document_keeps_the_indexes_of_the_others() -> None:
    text = "id: /a\n---\n---\nid: /b\n"
    result = load_yaml(text)
    assert rules(result) == ["empty-document"]
    (problem,) = result.problems
    assert problem.span == Span(2, 1, 2, 4)
    assert problem.document == 1
    assert "empty document" in problem.message
    assert [(d.index, d.data) for d in result.documents] == [(0, {"id": "/a"}), (2, {"id": "/b"})]
    assert result.documents[1].node("/id") is not None
    assert result.documents[1].node("/id").value == at(text, 4, "/b")  # type: ignore[union-attr]


# -- collection keys: their own rule, read as their text ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "line", "token"),
    [
        ("? [a, b]\n: 1\n", "[a, b]", 1, "[a, b]"),
        ("[a, b]: 1\n", "[a, b]", 1, "[a, b]"),
        ("{x: 1}: 2\nc: 3\n", "{x: 1}", 1, "{x: 1}"),
        ("c: 3\n? - a\n: 1\n", "- a", 2, "- a"),
    ],
)
def test_a_collection_key_is_reported_as_such_and_read_as_its_text(
    text: str, key: str, line: int, token: str
) -> None:
    result = load_yaml(text)
    assert rules(result) == ["collection-key"]
    (problem,) = result.problems
    assert problem.span == at(text, line, token)
    assert "used as a key" in problem.message
    assert "syntax" not in problem.message
    document = result.documents[0]
    assert key in document.data
    spans = document.node("/" + key)
    assert spans is not None
    assert spans.key == at(text, line, token)


# -- anchors inside collection keys (these once crashed or pointed elsewhere) -----------------------


def test_an_anchor_inside_a_collection_key_aliased_later() -> None:
    text = "[a, &b b]: c\nd: *b\n"
    result = load_yaml(text)
    assert rules(result) == ["collection-key"]
    document = result.documents[0]
    assert document.data == {"[a, &b b]": "c", "d": "b"}
    d = document.node("/d")
    assert d is not None
    assert d.value == at(text, 2, "*b")


def test_aliases_of_anchors_inside_a_collection_key_never_borrow_other_spans() -> None:
    # The removed key entries once left the anchors pointing at the entries of later values.
    text = "[a, &b b, {x: &m {y: 1}}]: c\ne: 1\nf: 2\nd: *b\ng: *m\n"
    result = load_yaml(text)
    document = result.documents[0]
    assert document.data["d"] == "b"
    assert document.data["g"] == {"y": 1}
    table = document.table()
    assert set(table) == {"", "/[a, &b b, {x: &m {y: 1}}]", "/e", "/f", "/d", "/g"}
    assert table["/d"].value == at(text, 4, "*b")
    assert table["/g"].value == at(text, 5, "*m")
    assert table["/e"].value == at(text, 2, "1")
    # Members of the aliased mapping fall back to the alias's member (nothing of the key is indexed).
    assert document.locate("/g/y") == (at(text, 5, "g"), "/g")


def test_an_anchored_collection_key_aliased_as_key_and_as_value() -> None:
    text = "{ &a [a, &b b]: *b, *a : [c, *b, d]}\n"
    for yaml_backend in ("libyaml", "ruamel"):
        result = load_yaml(text, yaml_backend=yaml_backend)
        assert not any("internal error" in p.message for p in result.problems)
        assert rules(result) == ["collection-key", "duplicate-key"]
        document = result.documents[0]
        assert document.data == {"[a, &b b]": ["c", "b", "d"]}
        assert document.node("/[a, &b b]/1").value == at(text, 1, "*b", 2)  # type: ignore[union-attr]
    value = load_yaml("&k [x]: 1\nv: *k\n").documents[0]
    assert value.data == {"[x]": 1, "v": ["x"]}


def test_a_merge_source_anchored_inside_a_collection_key() -> None:
    text = "[&m {a: 1}]: k\nn:\n  <<: *m\n  b: 2\n"
    document = load_yaml(text).documents[0]
    assert document.data["n"] == {"a": 1, "b": 2}
    assert document.node("/n/b").value == at(text, 4, "2")  # type: ignore[union-attr]


# -- the null key and the empty-string key are different keys ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '? \n: a\n"": b\n',
        '"": b\n? \n: a\n',
        "{? : a, '': b}\n",
        "? \n: a\n? ''\n: b\n",
    ],
)
def test_the_null_key_and_the_empty_string_key_do_not_collide(text: str) -> None:
    result = load_yaml(text)
    assert result.problems == []
    document = result.documents[0]
    assert document.data == {"null": "a", "": "b"}
    assert document.node("/null") is not None
    assert document.node("/") is not None


def test_two_null_keys_are_a_duplicate() -> None:
    result = load_yaml("? \n: a\nnull: b\n")
    assert rules(result) == ["duplicate-key"]
    assert result.documents[0].data == {"null": "b"}


# -- the ruamel.yaml fallback -----------------------------------------------------------------------

PARITY_DOCUMENTS = [
    POD,
    ANCHORS,
    "a: 1\n---\nb: [x, {c: d}]\n---\n- yes\n- 0755\n- 6490e74\n- ~\n- '2'\n",
    "näme: 😀é\r\nid: /x\r\nnested:\r\n  - a: 1\r\n    b: >\r\n      folded\r\n      text\r\n",
    "a: &x !Ref 5\nb: *x\nc: !!str 5\nd: 1:30\ne: 2024-01-31\nf: .5\n",
    "labels:\n  a/b: 1\n  c~d: 2\nempty:\nlist:\n  -\n  - x\n",
    "id: /a\nid: /b\n",
    '{"id": "/json-as-yaml", "n": [1, 2.5, true, null]}\n',
]


def snapshot(result: LoadResult) -> Any:
    return (
        [(p.rule, p.span, p.document) for p in result.problems],
        [
            (d.index, d.data, d.extent, d.plain_scalars, d.recovered, d.table())
            for d in result.documents
        ],
    )


@pytest.mark.parametrize("text", PARITY_DOCUMENTS)
def test_ruamel_fallback_gives_the_same_data_and_spans(text: str) -> None:
    assert backend("libyaml").name == "libyaml"
    fast = load_yaml(text, yaml_backend="libyaml")
    fallback = load_yaml(text, yaml_backend="ruamel")
    assert repr(snapshot(fast)) == repr(snapshot(fallback))


def test_the_fallback_is_used_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from podlint.loader import yaml_events

    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    monkeypatch.setattr(yaml_events, "_BACKENDS", {})
    assert yaml_events.backend().name == "ruamel"
    assert load_yaml("a: yes\n").documents[0].data == {"a": "yes"}
