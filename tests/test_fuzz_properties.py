"""Property-based fuzzing of the whole pipeline (load -> rules -> locate -> fix), in the test suite.

Inputs are pods generated from pod-like building blocks, and files of the reference corpus mutated at
the byte level (bytes deleted, duplicated, replaced, and inserted from a dictionary of tokens that
break parsers). For each input:

* nothing raises, and no rule crashes (no ``rule-error``);
* every position lies inside the file;
* linting is deterministic: the same input gives the same findings in the same order, also from a
  fresh linter;
* applying every fix (unsafe ones included) gives text that lints without new syntax errors.

The examples are derandomized and bounded, so the test is reproducible and CI-friendly; the
coverage-guided search for the loader lives in ``fuzz/`` (atheris, run by hand).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podlint.config.settings import Settings
from podlint.diagnostics import Diagnostic
from podlint.engine import Linter
from podlint.fixing.apply import fix_text
from podlint.loader import LOADER_RULES
from podlint.plugins import make_plugin_manager
from tests.conftest import SHARED, shared_path

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Loader findings that mean "this text does not parse" (a fix must never add one).
SYNTAX_RULES = frozenset(LOADER_RULES) - {"yaml-tag"}

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@cache
def _linter() -> Linter:
    return Linter(make_plugin_manager(third_party=False)[1])


def _lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return _LINE_BREAK.split(text)


def _check_positions(diagnostics: list[Diagnostic], data: bytes) -> None:
    lines = _lines(data)
    for d in diagnostics:
        s = d.span
        where = f"{d.name} at {s} in a file of {len(lines)} line(s)"
        assert 1 <= s.line <= s.end_line <= len(lines), where
        assert (s.line, s.column) <= (s.end_line, s.end_column), where
        assert 1 <= s.column <= len(lines[s.line - 1]) + 1, where
        assert 1 <= s.end_column <= len(lines[s.end_line - 1]) + 1, where


def _lint(data: bytes, name: str, linter: Linter | None = None) -> list[Diagnostic]:
    result = (linter or _linter()).lint_bytes(data, name, Settings())
    return result.diagnostics


def check_properties(data: bytes, name: str) -> None:
    first = _lint(data, name)
    crashes = [d.message for d in first if d.name == "rule-error"]
    assert not crashes, crashes
    _check_positions(first, data)
    assert _lint(data, name) == first
    assert _lint(data, name, Linter(_linter().registry)) == first
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    outcome = fix_text(_linter(), text, name, Settings(), unsafe=True)
    if outcome.text == text:
        return
    before = {d.name for d in first if d.name in SYNTAX_RULES}
    fixed = outcome.text.encode()
    after_diags = _lint(fixed, name)
    after = {d.name for d in after_diags if d.name in SYNTAX_RULES}
    assert after <= before, f"fixing added {after - before}:\n{outcome.text}"
    _check_positions(after_diags, fixed)


# ---- generated pods --------------------------------------------------------------------------------

_KEYS = [
    "id",
    "containers",
    "name",
    "resources",
    "cpus",
    "mem",
    "disk",
    "gpus",
    "image",
    "kind",
    "DOCKER",
    "endpoints",
    "containerPort",
    "hostPort",
    "protocol",
    "networks",
    "mode",
    "volumes",
    "volumeMounts",
    "mountPath",
    "healthCheck",
    "http",
    "tcp",
    "exec",
    "command",
    "shell",
    "argv",
    "endpoint",
    "scaling",
    "instances",
    "maxInstances",
    "scheduling",
    "placement",
    "constraints",
    "secrets",
    "environment",
    "secret",
    "source",
    "labels",
    "user",
    "executorResources",
    "host",
    "persistent",
    "size",
    "type",
    "linuxInfo",
    "ipcInfo",
    "shmSize",
    "role",
    "unreachableStrategy",
    "upgrade",
    "backoff",
    "pullConfig",
    "artifacts",
    "uri",
    "lifecycle",
    "resourceLimits",
    "networkNames",
    "operator",
    "fieldName",
    "value",
    "acceptedResourceRoles",
    "seccomp",
]

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, 400, 4000]).map(lambda digits: -(10**digits)),  # beyond a double
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(_KEYS),
    st.text(max_size=12),
    st.sampled_from(["/app", "/a/b", "nginx:1.25", "unlimited", "*", "http", "host", "container"]),
)
_values = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(_KEYS), st.text(max_size=6)), children, max_size=5
        ),
    ),
    max_leaves=30,
)
_containers = st.lists(
    st.fixed_dictionaries(
        {"name": st.sampled_from(["web", "db", "Web", ""])},
        optional=dict.fromkeys(
            ("resources", "image", "endpoints", "exec", "healthCheck", "volumeMounts"), _values
        ),
    ),
    max_size=3,
)
_pods = st.fixed_dictionaries(
    {"id": st.sampled_from(["/app", "/shop/web", "app", "/"]), "containers": _containers},
    optional=dict.fromkeys(
        (
            "networks",
            "volumes",
            "scaling",
            "scheduling",
            "secrets",
            "environment",
            "labels",
            "user",
            "executorResources",
            "linuxInfo",
        ),
        _values,
    ),
)


def _yaml_dump(value: Any) -> str:
    import yaml

    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True)


@FUZZ
@given(pod=_pods, as_yaml=st.booleans())
def test_generated_pods(pod: dict[str, Any], as_yaml: bool) -> None:
    if as_yaml:
        check_properties(_yaml_dump(pod).encode(), "pod.yaml")
    else:
        check_properties(json.dumps(pod, indent=2).encode(), "pod.json")


# ---- mutated corpus ------------------------------------------------------------------------------

_TOKENS = [
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b",",
    b":",
    b": ",
    b"\n",
    b"\r\n",
    b"\r",
    b"\t",
    b" ",
    b"- ",
    b"&a ",
    b"*a",
    b"<<: ",
    b"!!python/object/apply:os.system ",
    b"!!str ",
    b"? ",
    b"---\n",
    b"...\n",
    b"#",
    b"//",
    b"NaN",
    b"-Infinity",
    b"9" * 40,
    b"0x1F",
    b"1e999",
    b"null",
    b"yes",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\\u0000",
    b"\\ud800",
    b"'",
    b"|\n",
    b">-\n",
]


@cache
def _corpus() -> tuple[tuple[str, bytes], ...]:
    root = SHARED / "corpus"
    files = sorted(p for p in root.rglob("*") if p.suffix in (".json", ".yaml", ".yml"))
    return tuple((p.name, p.read_bytes()) for p in files)


def _as_yaml(data: bytes) -> bytes:
    try:
        return _yaml_dump(json.loads(data)).encode()
    except ValueError:
        return data


_mutation = st.tuples(
    st.sampled_from(["delete", "insert", "replace", "duplicate", "truncate"]),
    st.floats(min_value=0, max_value=1),
    st.integers(min_value=1, max_value=40),
    st.sampled_from(_TOKENS),
)


def mutate(data: bytes, mutations: list[tuple[str, float, int, bytes]]) -> bytes:
    for op, where, length, token in mutations:
        at = int(where * len(data))
        if op == "delete":
            data = data[:at] + data[at + length :]
        elif op == "insert":
            data = data[:at] + token + data[at:]
        elif op == "replace":
            data = data[:at] + token + data[at + len(token) :]
        elif op == "duplicate":
            data = data[:at] + data[at : at + length * 4] + data[at:]
        else:
            data = data[:at]
    return data


@FUZZ
@given(
    choice=st.data(), mutations=st.lists(_mutation, min_size=1, max_size=4), as_yaml=st.booleans()
)
def test_mutated_corpus(choice: st.DataObject, mutations: list[Any], as_yaml: bool) -> None:
    shared_path("corpus")
    name, data = choice.draw(st.sampled_from(_corpus()), label="file")
    if as_yaml:
        data, name = _as_yaml(data), Path(name).with_suffix(".yaml").name
    check_properties(mutate(data, mutations), name)


def test_the_corpus_itself_has_the_properties() -> None:
    shared_path("corpus")
    for name, data in _corpus():
        check_properties(data, name)


@pytest.mark.parametrize(
    "data",
    [b"", b"\xef\xbb\xbf", b"{", b"- ", b"&a [*a]", b"a: &a\n  b: *a\n", b'{"id": "/x", "id": 1}'],
)
def test_edge_cases_have_the_properties(data: bytes) -> None:
    for name in ("pod.json", "pod.yaml"):
        check_properties(data, name)


# Inputs the coverage-guided fuzzer (fuzz/fuzz_loader.py) found; each once broke a loader promise.
ATHERIS_FINDINGS = [
    b"a: &yaml:F}\n",  # an anchor libyaml ends sooner than the span pattern did
    b"._\n---\n---\n",  # a plain scalar the float pattern took but float() refused
    b"&d: \n",  # the first key's anchor taken for the mapping's own
    b"&d : 1\n",
    b"c: {<<: {<<:  {<<: &x Y1, 2< v} ,&1c:xv,}d sdst}, x1F}\n",  # an anchored merge source
    b"a: {<<: &x {k: 1}}\nb: *x\n",
    b"a: {<<: &x 1}\nb: *x\n",
]


@pytest.mark.parametrize("data", ATHERIS_FINDINGS)
def test_loader_findings_of_the_coverage_guided_fuzzer(data: bytes) -> None:
    from podlint.loader import load

    result = load(data, "pod.yaml")
    assert not [p for p in result.problems if "internal error" in p.message]
    lines = _lines(data)
    for doc in result.documents:
        spans = [doc.extent]
        for node in doc.table().values():
            spans.extend(s for s in (node.value, node.key) if s is not None)
        for s in spans:
            assert 1 <= s.line <= s.end_line <= len(lines), s
            assert (s.line, s.column) <= (s.end_line, s.end_column), s
    check_properties(data, "pod.yaml")
