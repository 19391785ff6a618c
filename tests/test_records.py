"""Internal records behave as the dataclasses they replace: construction, repr, ==, hash, frozen.

Each record is checked against a dataclass declared with the same fields and flags, the form the
record had before it was written out by hand (``podlint.records`` says why).
"""

from __future__ import annotations

import dataclasses
import inspect
import os
import pickle
import re
from typing import Any

import pytest

from podlint.config.discovery import ConfigResolver
from podlint.config.keys import Layer, RuleEntry
from podlint.config.settings import ActiveRule, RuleSettings
from podlint.config.source import ConfigSource
from podlint.diagnostics import Severity, Span
from podlint.discover import GitIgnore, Target, _IgnoreRule
from podlint.loader.encoding import EncodingProblem
from podlint.records import FrozenRecord, Record
from podlint.schema.keys import KeyEvent, KeyNode
from podlint.schema.problems import SchemaProblem
from podlint.suppressions import _Directive, _Token
from podlint_rules._container_helpers import EndpointRef
from podlint_rules._policy_helpers import ImageRef
from podlint_rules.volume_silently_ephemeral import MisreadVolume

F = dataclasses.field
# record -> (dataclass flags, fields as the dataclass declared them, sample positional values)
CASES: dict[type[Record], tuple[dict[str, Any], list[tuple[str, Any]], tuple[Any, ...]]] = {
    KeyNode: (
        {},
        [
            ("props", None),
            ("values", None),
            ("items", None),
            ("enum", None),
            ("ignored", None),
            ("read_only", False),
            ("description", None),
            ("descend", True),
            ("flagged", False),
        ],
        ({"a": None}, None, None, ("A",), "why", True, "text", False, True),
    ),
    KeyEvent: (
        {"frozen": True},
        [
            ("kind", dataclasses.MISSING),
            ("pointer", dataclasses.MISSING),
            ("shape", dataclasses.MISSING),
            ("key", dataclasses.MISSING),
            ("value", None),
            ("choices", ()),
            ("reason", None),
            ("siblings", F(default_factory=frozenset)),
        ],
        ("unknown", "/a/b", "a", "b", 3, ("c",), "r", frozenset({"x"})),
    ),
    SchemaProblem: (
        {"frozen": True},
        [
            ("family", dataclasses.MISSING),
            ("pointer", dataclasses.MISSING),
            ("message", dataclasses.MISSING),
            ("help", None),
            ("target", "value"),
            ("fix", None),
            ("snippets", ()),
        ],
        ("type", "/x", "bad", "do this", "key", None, ()),
    ),
    _Token: (
        {},
        [
            ("text", dataclasses.MISSING),
            ("start", None),
            ("end", None),
            ("rule", None),
            ("used", False),
        ],
        ("PL101", 3, 8, None, True),
    ),
    _Directive: (
        {},
        [
            ("kind", dataclasses.MISSING),
            ("tokens", dataclasses.MISSING),
            ("span", dataclasses.MISSING),
            ("pointer", ""),
            ("target_line", 0),
            ("document", 0),
            ("problem", None),
            ("remove_start", 0),
            ("remove_end", 0),
            ("doc", F(default=None, repr=False)),
            ("text", ""),
        ],
        ("disable", [], Span(1, 1, 1, 2), "/p", 4, 1, "odd", 5, 9, None, "t"),
    ),
    RuleEntry: (
        {},
        [
            ("severity", None),
            ("off", None),
            ("options", F(default_factory=dict)),
            ("origin", ""),
        ],
        (Severity.INFO, True, {"max": 3}, "a.yaml:3"),
    ),
    Layer: (
        {},
        [
            ("source", dataclasses.MISSING),
            ("values", F(default_factory=dict)),
            ("origins", F(default_factory=dict)),
            ("rules", F(default_factory=dict)),
            ("cluster", F(default_factory=dict)),
            ("cluster_origins", F(default_factory=dict)),
            ("extend", None),
        ],
        ("a.yaml", {"fail_on": "error"}, {"fail_on": "a.yaml:1"}, {}, {"mesos_role": "r"}, {}, "b"),
    ),
    RuleSettings: (
        {"frozen": True},
        [("severity", None), ("off", False), ("options", F(default_factory=dict))],
        (Severity.ERROR, True, {"x": 1}),
    ),
    ActiveRule: (
        {"frozen": True},
        [
            ("rule", dataclasses.MISSING),
            ("severity", dataclasses.MISSING),
            ("options", dataclasses.MISSING),
        ],
        (object, Severity.WARNING, None),
    ),
    ConfigSource: (
        {},
        [
            ("path", dataclasses.MISSING),
            ("data", dataclasses.MISSING),
            ("node", None),
            ("text", ""),
            ("table", ""),
            ("problems", F(default_factory=list)),
        ],
        ("pyproject.toml", {"a": 1}, None, "[tool.podlint]", "tool.podlint", ["p"]),
    ),
    Target: (
        {"frozen": True},
        [
            ("path", dataclasses.MISSING),
            ("explicit", dataclasses.MISSING),
            ("stat", F(default=None, repr=False, compare=False)),
        ],
        ("pods/a.json", True, os.stat(".")),
    ),
    _IgnoreRule: (
        {},
        [
            ("regex", dataclasses.MISSING),
            ("negate", dataclasses.MISSING),
            ("dir_only", dataclasses.MISSING),
        ],
        (re.compile("x"), True, False),
    ),
    GitIgnore: (
        {},
        [
            ("rules", F(default_factory=list)),
            ("_absolute_folders", F(default_factory=dict, repr=False, compare=False)),
        ],
        ([("d", _IgnoreRule(re.compile("x"), False, True))], {"d": "/d"}),
    ),
    EncodingProblem: (
        {"frozen": True},
        [
            ("message", dataclasses.MISSING),
            ("help", dataclasses.MISSING),
            ("line", 1),
            ("column", 1),
        ],
        ("not UTF-8", "save it as UTF-8", 3, 9),
    ),
    EndpointRef: (
        {"frozen": True},
        [(n, dataclasses.MISSING) for n in ("container_index", "container", "index", "endpoint")],
        (1, {"name": "c"}, 0, {"name": "http"}),
    ),
    ImageRef: (
        {"frozen": True},
        [(n, dataclasses.MISSING) for n in ("registry", "repository", "tag", "digest")],
        ("docker.io", "library/nginx", "1.25", None),
    ),
    MisreadVolume: (
        {"frozen": True},
        [(n, dataclasses.MISSING) for n in ("index", "name", "intended", "actual")],
        (0, "data", "persistent", "host"),
    ),
}


def _reference(record: type[Record]) -> type:
    flags, fields, _ = CASES[record]
    spec = []
    for name, default in fields:
        if isinstance(default, dataclasses.Field):
            spec.append((name, Any, default))
        elif default is dataclasses.MISSING:
            spec.append((name, Any))
        else:
            spec.append((name, Any, F(default=default)))
    cls = dataclasses.make_dataclass(record.__name__, spec, **flags)
    cls.__qualname__ = record.__qualname__
    return cls


def _other_value(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "!"
    return ["something else"]


@pytest.mark.parametrize("record", list(CASES), ids=lambda c: c.__name__)
def test_a_record_behaves_as_its_dataclass(record: type[Record]) -> None:
    flags, fields, sample = CASES[record]
    reference = _reference(record)
    names = [name for name, _ in fields]
    assert record._fields == tuple(names)
    if record is not ConfigResolver:
        ours = list(inspect.signature(record).parameters)
        assert ours == list(inspect.signature(reference).parameters)

    mine, theirs = record(*sample), reference(*sample)
    assert repr(mine) == repr(theirs)
    assert mine == record(*sample)
    assert (mine == record(*sample)) == (theirs == reference(*sample))
    assert mine != theirs  # another class, as between two dataclasses
    for i, (name, _) in enumerate(fields):
        assert getattr(mine, name) is sample[i]
        changed = list(sample)
        changed[i] = _other_value(sample[i])
        compared = reference.__dataclass_fields__[name].compare
        assert (record(*changed) == mine) == (reference(*changed) == theirs) == (not compared)

    # Defaults, by keyword, as the dataclass gives them (a fresh mutable default each time).
    required = {n: sample[i] for i, (n, d) in enumerate(fields) if d is dataclasses.MISSING}
    assert repr(record(**required)) == repr(reference(**required))
    for name, default in fields:
        if isinstance(default, dataclasses.Field) and default.default_factory in (list, dict):
            assert getattr(record(**required), name) is not getattr(record(**required), name)

    if flags.get("frozen"):
        assert isinstance(mine, FrozenRecord)
        with pytest.raises(dataclasses.FrozenInstanceError):
            mine.__setattr__(names[0], sample[0])
        with pytest.raises(dataclasses.FrozenInstanceError):
            mine.__delattr__(names[0])
        try:
            expected: Any = hash(theirs) == hash(reference(*sample))
        except TypeError:
            expected = TypeError
        if expected is TypeError:
            with pytest.raises(TypeError):
                hash(mine)
        else:
            assert hash(mine) == hash(record(*sample))
    else:
        assert not isinstance(mine, FrozenRecord)
        with pytest.raises(TypeError):
            hash(mine)
        setattr(mine, names[0], sample[0])

    if record is not _IgnoreRule and record is not GitIgnore:
        assert pickle.loads(pickle.dumps(mine)) == mine


def test_the_configuration_resolver_keeps_its_constructor() -> None:
    from podlint.plugins import make_plugin_manager

    _, registry = make_plugin_manager()
    resolver = ConfigResolver(registry, overrides={"fail_on": "error"}, isolated=True)
    assert resolver.settings_for("x.json").fail_on is Severity.ERROR
    assert list(inspect.signature(ConfigResolver).parameters) == [
        "registry",
        "config_file",
        "overrides",
        "isolated",
    ]
    assert repr(resolver).startswith("ConfigResolver(registry=")
    assert "_by_folder" not in repr(resolver)
