"""The plain configuration reader agrees with PyYAML wherever it answers, and declines the rest.

``podlint.config.plain_yaml`` reads the plainest YAML without PyYAML; for every text it reads, the
data (values and their types) and the node tree (kinds, scalar texts and styles, lines) must be
PyYAML's own, so configuration messages name the same lines.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from podlint.config import plain_yaml
from podlint.config.settings import SettingsError
from podlint.config.source import read_config_file


def _pyyaml(text: str) -> tuple[Any, Any]:
    loader = yaml.CSafeLoader(text) if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def _shape(node: Any) -> Any:
    if node is None:
        return None
    line = node.start_mark.line
    if node.id == "scalar":
        return ("scalar", line, node.style or None, node.value)
    if node.id == "sequence":
        return ("sequence", line, [_shape(n) for n in node.value])
    return ("mapping", line, [(_shape(k), _shape(v)) for k, v in node.value])


def _typed(value: Any) -> Any:
    """The data with every scalar's type beside it (True == 1 and 1 == 1.0 must not pass)."""
    if isinstance(value, dict):
        return [(_typed(k), _typed(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _agrees(text: str) -> bool:
    """True when plain_yaml read ``text`` (and then exactly as PyYAML); False when it declined."""
    ours = plain_yaml.read(text)
    if ours is None:
        return False
    data, node = _pyyaml(text)
    assert _typed(ours[0]) == _typed(data), text
    assert _shape(ours[1]) == _shape(node), text
    return True


READ = [
    "",
    "# only a comment\n\n",
    "select: [E, W]\n",
    'cluster:\n  marathon_version: "1.10"\n  features:\n  - secrets\n  default_network_name: dcos\n',
    "cluster:\n    features:\n        - secrets\n        - gpu_resources\n    mesos_role: '*'\n",
    "fail_on: warning   # the threshold\nmax_file_size: 1048576\n",
    "cluster:\n  marathon_version: 1.10\n  mesos_master_version: 1.10.0\n  agent:\n    cpus: 4\n"
    "    mem: 16384.5\n",
    "per_file_ignores:\n  \"legacy/*.json\": [PL101, 'unknown-key']\n",
    "rules:\n  policy-max-instances:\n    max: 10\n  other:\n",
    "a: yes\nb: No\nc: on\nd: OFF\ne: null\nf: Null\ng:\nh: true\n",
    "on: 1\nyes: 2\n",  # YAML 1.1 keys that are booleans
    "a: 1\na: 2\n",  # duplicate keys: kept as PyYAML keeps them (the caller reports them)
    "n: -3\np: +4\nz: 0\nf: -0.5\ng: +1.25\n",
    "list:\n- a\n- 'b c'\n- \"d # e\"\n- [x, y]\n- 7\n",
    "empty: []\ntrailing: [a, b,]\n",
    "  indented: 1\n  doc: two\n",
    "path: a/b.c_d-e\n",
    "# Defaults.\n{}\n",
    "{ }  # nothing\n",
    "rules: {}\nlist:\n- {}\n",
]

DECLINED = [
    "key: &anchor x\nother: *anchor\n",
    "key: !tag x\n",
    "key: {a: 1}\n",
    "key: |\n  text\n",
    "key: >\n  text\n",
    "---\nkey: x\n",
    "key: x\n...\n",
    "%YAML 1.1\n---\nkey: x\n",
    "key: two words\n",
    "key: 0x1f\n",
    "key: 007\n",
    "key: 1_000\n",
    "key: 1e5\n",
    "key: .inf\n",
    "key: ~\n",
    "key: 2001-12-14\n",
    "key: 1:20\n",
    'key: "esc\\"aped"\n',
    "key: 'it''s'\n",
    "key:\tx\n",
    "key: caf\u00e9\n",
    "key: x\r\n",
    "<<: {a: 1}\n",
    "? complex\n: key\n",
    "- a\n- b\n",
    "just a scalar\n",
    "key: x\n  deeper: y\n",
    "a:\n  b: 1\n - c\n",
    "list:\n- a: 1\n",
    "key:value\n",
    "key: value#not a comment\n",
    "key: [a, [b]]\n",
    "{}\nkey: x\n",
    "{}\n{}\n",
    "{a: 1}\n",
]


@pytest.mark.parametrize("text", READ)
def test_reads_the_plain_subset_as_pyyaml_does(text: str) -> None:
    assert _agrees(text)


@pytest.mark.parametrize("text", DECLINED)
def test_declines_everything_else(text: str) -> None:
    assert plain_yaml.read(text) is None


_KEYS = st.sampled_from(["a", "b", "select", "on", "yes", "Null", "x.y", "k-1", '"q k"', "'s'"])
_SCALARS = st.sampled_from(
    [
        "w",
        "dcos",
        "a/b",
        "True",
        "off",
        "NULL",
        "null",
        "0",
        "-12",
        "+7",
        "3.25",
        "1.10",
        "1.10.0",
        '"1.10"',
        "'x y'",
        '"#"',
        '""',
        "''",
    ]
)


@st.composite
def _documents(draw: st.DrawFn, depth: int = 0, indent: int = 0) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for _ in range(draw(st.integers(1, 4))):
        key = draw(_KEYS)
        if draw(st.booleans()):
            lines.append(f"{pad}# a comment")
        kind = draw(
            st.sampled_from(["scalar", "empty", "flow", "block"] + (["map"] if depth < 3 else []))
        )
        comment = draw(st.sampled_from(["", "  # note", " #x"]))
        if kind == "scalar":
            lines.append(f"{pad}{key}: {draw(_SCALARS)}{comment}")
        elif kind == "empty":
            lines.append(f"{pad}{key}:{comment}")
        elif kind == "flow":
            items = draw(st.lists(_SCALARS, max_size=3))
            lines.append(f"{pad}{key}: [{', '.join(items)}]{comment}")
        elif kind == "block":
            lines.append(f"{pad}{key}:")
            step = draw(st.sampled_from([0, 2, 4]))
            for item in draw(st.lists(_SCALARS, min_size=1, max_size=3)):
                lines.append(f"{pad}{' ' * step}- {item}")
        else:
            lines.append(f"{pad}{key}:{comment}")
            lines.extend(draw(_documents(depth + 1, indent + draw(st.sampled_from([1, 2, 4])))))
        if draw(st.booleans()):
            lines.append("")
    return lines


@settings(max_examples=300, deadline=None)
@given(_documents())
def test_generated_configurations_read_as_pyyaml_reads_them(lines: list[str]) -> None:
    assert _agrees("\n".join(lines) + "\n")


def test_messages_name_the_same_lines(tmp_path: Any) -> None:
    """A plain file and its PyYAML-only twin (an anchor added) give the same message and line."""
    plain = "cluster:\n  marathon_version: 1.10\n"
    twin = "cluster: &c\n  marathon_version: 1.10\n"
    assert plain_yaml.read(plain) is not None
    assert plain_yaml.read(twin) is None
    messages = []
    for name, text in (("a.yaml", plain), ("b.yaml", twin)):
        path = tmp_path / name
        path.write_text(text)
        source = read_config_file(str(path))
        assert source is not None
        messages.append(
            (
                source.where(["cluster", "marathon_version"]),
                source.scalar_text(["cluster", "marathon_version"]),
            )
        )
    assert [m[0].rsplit(":", 1)[1] for m in messages] == ["2", "2"]
    assert [m[1] for m in messages] == ["1.10", "1.10"]


def test_duplicate_keys_are_still_refused(tmp_path: Any) -> None:
    path = tmp_path / ".podlint.yaml"
    path.write_text("fail_on: error\nfail_on: warning\n")
    assert plain_yaml.read(path.read_text()) is not None
    with pytest.raises(SettingsError, match=r":2: key 'fail_on' appears twice \(first on line 1\)"):
        read_config_file(str(path))
