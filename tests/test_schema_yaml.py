"""YAML 1.1 vs 1.2 readings, and the yaml-1-1-ambiguity rule."""

from __future__ import annotations

import math
from typing import Any

import pytest

from podlint.config.profile import ClusterProfile
from podlint.rule import Context
from podlint.schema.yaml_typing import resolve_yaml11, yaml11_difference
from podlint_rules.yaml_ambiguity import YamlAmbiguity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True),
        ("Off", False),
        ("y", True),
        ("0755", 493),
        ("08080", "08080"),
        ("0x1F", 31),
        ("0b101", 5),
        ("1_000", 1000),
        ("1:30", 90),
        ("6490e74", "6490e74"),
        ("1.5e3", "1.5e3"),  # YAML 1.1 needs a sign in the exponent
        ("1.5e+3", 1500.0),
        ("0o17", "0o17"),
        ("~", None),
        ("web", "web"),
        ("12", 12),
        ("-3", -3),
        ("1.0", 1.0),
    ],
)
def test_yaml11_resolution(text: str, expected: Any) -> None:
    got = resolve_yaml11(text)
    assert got == expected
    assert type(got) is type(expected)


def test_nan_and_inf() -> None:
    assert math.isnan(resolve_yaml11(".nan"))
    assert resolve_yaml11("-.inf") == -math.inf


@pytest.mark.parametrize(
    ("text", "value", "differs"),
    [
        ("0755", 755, True),
        ("08080", 8080, True),
        ("6490e74", 6.49e77, True),
        ("yes", "yes", True),
        ("1:30", "1:30", True),
        ("0o17", 15, True),
        ("8080", 8080, False),
        ("true", True, False),
        ("1.0", 1.0, False),
        ("0x1F", 31, False),
        ("null", None, False),
    ],
)
def test_difference(text: str, value: Any, differs: bool) -> None:
    assert (yaml11_difference(text, value) is not None) is differs


def _ctx(plain: dict[str, str], fmt: str = "yaml") -> Context:
    return Context(ClusterProfile(), source_format=fmt, plain_scalars=plain)


def test_rule_reports_port_with_leading_zero() -> None:
    pod = {"containers": [{"endpoints": [{"hostPort": 755}]}]}
    (f,) = YamlAmbiguity().check(pod, _ctx({"/containers/0/endpoints/0/hostPort": "0755"}))
    assert f.pointer == "/containers/0/endpoints/0/hostPort"
    assert "the integer 755" in f.message
    assert "the integer 493" in f.message
    assert f.fix is None


def test_rule_quotes_strings_that_yaml11_reads_as_booleans() -> None:
    pod = {"labels": {"enabled": "yes"}}
    (f,) = YamlAmbiguity().check(pod, _ctx({"/labels/enabled": "yes"}))
    assert "the boolean true" in f.message
    assert f.fix is not None
    assert f.fix.applicability == "safe"
    assert f.fix.ops[0].value == "yes"


def test_rule_is_quiet_for_json_and_agreeing_scalars() -> None:
    pod = {"labels": {"a": "yes"}, "scaling": {"instances": 2}}
    assert list(YamlAmbiguity().check(pod, _ctx({"/labels/a": "yes"}, "json"))) == []
    assert list(YamlAmbiguity().check(pod, _ctx({"/scaling/instances": "2"}))) == []
    # A pointer that no longer resolves is skipped.
    assert list(YamlAmbiguity().check(pod, _ctx({"/nope/0": "0755"}))) == []
