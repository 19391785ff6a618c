"""Rendering fix ops into text edits: minimal, non-overlapping, and the result reads back as meant."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podlint.diagnostics import Fix, FixOp, ResolvedFix
from podlint.fixing.apply import apply_edits, choose_fixes
from podlint.fixing.edits import render_fix, render_yaml_value, yaml_plain_ok
from podlint.loader import load


def _render(text: str, fmt: str, *ops: FixOp) -> ResolvedFix | None:
    loaded = load(text.encode("utf-8"), f"pod.{fmt}")
    assert loaded.text is not None
    return render_fix(loaded.documents[0], loaded.text, Fix("test", "safe", ops))


def fixed(text: str, fmt: str, *ops: FixOp) -> str:
    """``text`` with ``ops`` applied; the result must load without any problem."""
    fix = _render(text, fmt, *ops)
    assert fix is not None, f"no edit rendered for {ops}"
    out = apply_edits(text, fix.edits)
    reloaded = load(out.encode("utf-8"), f"pod.{fmt}")
    assert reloaded.problems == [], out
    return out


def data_of(text: str, fmt: str) -> Any:
    return load(text.encode("utf-8"), f"pod.{fmt}").documents[0].data


# ---- JSON ----------------------------------------------------------------------------------------

PRETTY = """{
  "a": 1,
  "b": [1, 2, 3],
  "c": {"x": "y"}
}
"""


def test_json_replace_value_keeps_everything_else() -> None:
    assert fixed(PRETTY, "json", FixOp("replace", "/c/x", ["tcp", 'q"uote'])) == PRETTY.replace(
        '"x": "y"', '"x": ["tcp", "q\\"uote"]'
    )


def test_json_replace_non_ascii_stays_readable() -> None:
    assert '"x": "café"' in fixed(PRETTY, "json", FixOp("replace", "/c/x", "café"))


def test_json_rename_key() -> None:
    assert fixed(PRETTY, "json", FixOp("rename", "/b", "env")) == PRETTY.replace('"b"', '"env"')


def test_json_remove_member_on_its_own_line_takes_the_line() -> None:
    assert fixed(PRETTY, "json", FixOp("remove", "/b")) == '{\n  "a": 1,\n  "c": {"x": "y"}\n}\n'


def test_json_remove_last_member_takes_the_comma_before_it() -> None:
    assert fixed(PRETTY, "json", FixOp("remove", "/c")) == '{\n  "a": 1,\n  "b": [1, 2, 3]\n}\n'


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [("/b/0", "[2, 3]"), ("/b/1", "[1, 3]"), ("/b/2", "[1, 2]")],
)
def test_json_remove_inline_items(pointer: str, expected: str) -> None:
    assert f'"b": {expected},' in fixed(PRETTY, "json", FixOp("remove", pointer))


def test_json_remove_only_member_leaves_empty_object() -> None:
    assert fixed('{"a": {\n  "k": 1\n}}', "json", FixOp("remove", "/a/k")) == '{"a": {}}'


def test_json_crlf_line_removal_keeps_crlf() -> None:
    text = PRETTY.replace("\n", "\r\n")
    out = fixed(text, "json", FixOp("remove", "/b"))
    assert out == '{\r\n  "a": 1,\r\n  "c": {"x": "y"}\r\n}\r\n'


def test_json_nan_cannot_be_written() -> None:
    assert _render(PRETTY, "json", FixOp("replace", "/a", float("nan"))) is None


# ---- YAML ----------------------------------------------------------------------------------------

YAML = """\
# head comment
id: web   # trailing comment
labels:
  a: 'x'
  "b": y
protocol: tcp
list:
  - one
  - two   # second
# between
flow: {p: 1, q: 2}
seq:
  - name: n
    mode: host
only:
- m
"""


def test_yaml_scalar_to_flow_list_keeps_comment() -> None:
    out = fixed(YAML, "yaml", FixOp("replace", "/protocol", ["tcp"]))
    assert out == YAML.replace("protocol: tcp", "protocol: [tcp]")


def test_yaml_replace_plain_when_it_reads_back() -> None:
    out = fixed(YAML, "yaml", FixOp("replace", "/id", "/web"))
    assert out == YAML.replace("id: web", "id: /web")


@pytest.mark.parametrize("value", ["1.10", "on", "yes", "0755", "null", "a: b", "#x", "", "x #y"])
def test_yaml_replace_quotes_what_would_read_back_differently(value: str) -> None:
    out = fixed(YAML, "yaml", FixOp("replace", "/id", value))
    assert f"id: {json.dumps(value)}   # trailing comment" in out
    assert data_of(out, "yaml")["id"] == value


def test_yaml_flow_list_items_quote_flow_indicators() -> None:
    out = fixed(YAML, "yaml", FixOp("replace", "/protocol", ["a,b", "c"]))
    assert 'protocol: ["a,b", c]' in out
    assert data_of(out, "yaml")["protocol"] == ["a,b", "c"]


def test_yaml_rename_keeps_quoting_style() -> None:
    out = fixed(YAML, "yaml", FixOp("rename", "/labels/b", "team"), FixOp("rename", "/id", "name"))
    assert '  "team": y\n' in out
    assert out.startswith("# head comment\nname: web   # trailing comment\n")


def test_yaml_rename_single_quoted_key() -> None:
    out = fixed("'k': 1\nz: 2\n", "yaml", FixOp("rename", "/k", "it's"))
    assert out == "'it''s': 1\nz: 2\n"


def test_yaml_remove_block_member_takes_its_lines() -> None:
    out = fixed(YAML, "yaml", FixOp("remove", "/labels/a"))
    assert out == YAML.replace("  a: 'x'\n", "")


def test_yaml_remove_sequence_item_with_its_comment() -> None:
    out = fixed(YAML, "yaml", FixOp("remove", "/list/1"))
    assert out == YAML.replace("  - two   # second\n", "")


def test_yaml_remove_collection_member_keeps_following_comment() -> None:
    out = fixed(YAML, "yaml", FixOp("remove", "/list"))
    assert out == YAML.replace("list:\n  - one\n  - two   # second\n", "")


def test_yaml_remove_first_key_of_item_moves_the_next_key_up() -> None:
    out = fixed(YAML, "yaml", FixOp("remove", "/seq/0/name"))
    assert "seq:\n  - mode: host\n" in out


def test_yaml_remove_in_flow_mapping() -> None:
    assert "flow: {q: 2}\n" in fixed(YAML, "yaml", FixOp("remove", "/flow/p"))
    assert "flow: {p: 1}\n" in fixed(YAML, "yaml", FixOp("remove", "/flow/q"))


def test_yaml_remove_only_item_leaves_empty_list() -> None:
    out = fixed(YAML, "yaml", FixOp("remove", "/only/0"))
    assert out.endswith("only: []\n")
    assert data_of(out, "yaml")["only"] == []


def test_yaml_block_collection_replaced_by_scalar() -> None:
    out = fixed(YAML, "yaml", FixOp("replace", "/list", "x"))
    assert "list: x   # second\n# between\n" in out


def test_yaml_crlf() -> None:
    text = YAML.replace("\n", "\r\n")
    out = fixed(text, "yaml", FixOp("remove", "/list/0"), FixOp("replace", "/id", "/web"))
    assert out == YAML.replace("  - one\n", "").replace("id: web", "id: /web").replace("\n", "\r\n")


def test_yaml_anchored_value_is_not_replaced() -> None:
    assert _render("a: &x 1\nb: *x\n", "yaml", FixOp("replace", "/a", 2)) is None


# ---- what is never rendered ----------------------------------------------------------------------


def test_missing_pointer_renders_nothing() -> None:
    assert _render(PRETTY, "json", FixOp("replace", "/nope", 1)) is None


def test_overlapping_ops_of_one_fix_render_nothing() -> None:
    assert _render(PRETTY, "json", FixOp("remove", "/c"), FixOp("replace", "/c/x", 1)) is None


def test_root_cannot_be_removed_or_renamed() -> None:
    assert _render(PRETTY, "json", FixOp("remove", "")) is None
    assert _render(PRETTY, "json", FixOp("rename", "", "x")) is None


def test_edits_carry_spans() -> None:
    fix = _render(PRETTY, "json", FixOp("replace", "/c/x", "z"))
    assert fix is not None
    (edit,) = fix.edits
    assert (edit.span.line, edit.span.column, edit.span.end_line, edit.span.end_column) == (
        4,
        14,
        4,
        17,
    )


def test_choose_fixes_defers_overlaps_and_dedups() -> None:
    from podlint.diagnostics import Diagnostic, Severity, Span, TextEdit

    def diag(col: int, *edits: tuple[int, int, str], unsafe: bool = False) -> Diagnostic:
        resolved = ResolvedFix(
            "f",
            "unsafe" if unsafe else "safe",
            tuple(TextEdit(s, e, r, Span(1, s + 1, 1, e + 1)) for s, e, r in edits),
        )
        span = Span(1, col, 1, col + 1)
        return Diagnostic("f", "PL1", "r", Severity.ERROR, "m", "", span, fix=resolved)

    diags = [
        diag(1, (0, 4, "a")),
        diag(2, (2, 6, "b")),  # overlaps the first: next round
        diag(3, (0, 4, "a")),  # the same change twice: once
        diag(4, (8, 9, "c"), unsafe=True),
    ]
    chosen, deferred = choose_fixes(diags, unsafe=False)
    assert [f.edits[0].replacement for f in chosen] == ["a"]
    assert deferred == 1
    chosen, _ = choose_fixes(diags, unsafe=True)
    assert [f.edits[0].replacement for f in chosen] == ["a", "c"]


# ---- properties: what is written reads back -----------------------------------------------------

_scalars = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_scalars, st.lists(_scalars, max_size=3)))
def test_yaml_rendered_values_read_back(value: Any) -> None:
    text = "k: " + render_yaml_value(value) + "\n"
    loaded = load(text.encode("utf-8"), "x.yaml")
    assert loaded.problems == [], text
    assert loaded.documents[0].data == {"k": value}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_plain_yaml_strings_read_back_in_block_and_flow(value: str) -> None:
    for flow in (False, True):
        if yaml_plain_ok(value, flow=flow):
            text = f"k: {value}\n" if not flow else f"k: [{value}, x]\n"
            data = load(text.encode("utf-8"), "x.yaml").documents[0].data
            assert data == ({"k": value} if not flow else {"k": [value, "x"]}), text


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text(min_size=1, max_size=6), st.integers(), min_size=2, max_size=5),
    st.data(),
)
def test_json_and_yaml_member_removal_reads_back(members: dict[str, int], data: Any) -> None:
    key = data.draw(st.sampled_from(sorted(members)))
    from podlint.diagnostics import escape_pointer_token

    pointer = "/" + escape_pointer_token(key)
    expected = {k: v for k, v in members.items() if k != key}
    json_text = json.dumps({"m": members}, indent=2, ensure_ascii=False) + "\n"
    assert data_of(fixed(json_text, "json", FixOp("remove", "/m" + pointer)), "json") == {
        "m": expected
    }
    yaml_text = "m:\n" + "".join(f"  {render_yaml_value(k)}: {v}\n" for k, v in members.items())
    out = fixed(yaml_text, "yaml", FixOp("remove", "/m" + pointer))
    assert data_of(out, "yaml") == {"m": expected}
