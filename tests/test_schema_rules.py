"""The schema-layer rules: documented with the fixed headings, and their doc examples behave."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest

from podlint.diagnostics import Severity
from podlint.rule import DOC_HEADINGS, NoOptions, Rule

MODULES = [
    "schema_type",
    "schema_required",
    "schema_range",
    "schema_pattern",
    "schema_length",
    "schema_enum",
    "schema_items",
    "schema_read_only",
    "unknown_key",
    "ignored_field",
    "enum_case",
    "yaml_ambiguity",
]


def rule_classes() -> list[type[Rule]]:
    found = []
    for name in MODULES:
        module = importlib.import_module(f"podlint_rules.{name}")
        classes = [
            v
            for v in vars(module).values()
            if isinstance(v, type)
            and issubclass(v, Rule)
            and v is not Rule
            and v.__module__ == module.__name__
        ]
        assert len(classes) == 1, f"{name} must define exactly one rule"
        found.extend(classes)
    return found


RULES = rule_classes()


def plain_scalars_of(text: str) -> tuple[Any, dict[str, str]]:
    """What the loader gives a rule for YAML: data plus the source text of non-string plain scalars."""
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    yaml = YAML(typ="safe", pure=True)
    data = yaml.load(text)
    node = yaml.compose(text)
    plain: dict[str, str] = {}

    def visit(n: Any, pointer: str) -> None:
        if isinstance(n, MappingNode):
            for k, v in n.value:
                visit(v, f"{pointer}/{k.value}")
        elif isinstance(n, SequenceNode):
            for i, v in enumerate(n.value):
                visit(v, f"{pointer}/{i}")
        elif isinstance(n, ScalarNode) and n.style is None and n.tag != "tag:yaml.org,2002:str":
            plain[pointer] = n.value

    visit(node, "")
    return data, plain


def sections(doc: str) -> dict[str, str]:
    parts = re.split(r"^(.+)\n(-+)$", doc, flags=re.M)
    out = {}
    for i in range(1, len(parts) - 2, 3):
        title, dashes, body = parts[i], parts[i + 1], parts[i + 2]
        assert len(dashes) == len(title), f"underline of {title!r}"
        out[title] = body
    return out


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_is_described(rule: type[Rule]) -> None:
    assert re.fullmatch(r"PL1\d\d", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert isinstance(rule.severity, Severity)
    assert rule.summary
    assert rule.options is NoOptions
    assert list(sections(rule.doc())) == list(DOC_HEADINGS)
    refs = sections(rule.doc())["References"]
    # References point at Marathon's API types and the page on how Marathon reads a pod.
    assert "github.com/mesosphere/marathon" in refs
    assert "marathon.md#" in refs


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_severities_follow_the_contract() -> None:
    by_name = {r.name: r.severity for r in RULES}
    assert by_name["unknown-key"] is Severity.WARNING
    assert by_name["ignored-field"] is Severity.WARNING
    assert by_name["enum-case"] is Severity.INFO
    assert by_name["read-only-field"] is Severity.INFO
    assert by_name["yaml-1-1-ambiguity"] is Severity.WARNING
    assert all(by_name[n] is Severity.ERROR for n in by_name if n.startswith("schema-"))
