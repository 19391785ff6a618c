"""Every rule documents itself with the fixed headings, and its examples behave as documented."""

from __future__ import annotations

import re

import pytest

from podlint.rule import DOC_HEADINGS, PipelineRule, UpdateRule
from tests.ruletest import lint_text, registry

FENCE = re.compile(r"```(json|yaml)\n(.*?)```", re.S)


def _rules() -> list[str]:
    return sorted(registry().rules)


def _sections(doc: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    current = None
    lines = doc.splitlines()
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() in DOC_HEADINGS and set(nxt.strip()) == {"-"}:
            current = line.strip()
            parts[current] = ""
        elif current and set(line.strip()) != {"-"}:
            parts[current] += line + "\n"
    return parts


@pytest.mark.parametrize("name", _rules())
def test_rule_has_documentation(name: str) -> None:
    rule = registry().rules[name]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), "rule names are kebab-case"
    assert re.fullmatch(r"PL\d{3}", rule.code), "built-in codes are PL + three digits"
    assert rule.summary, "a one-line summary"
    sections = _sections(rule.doc())
    missing = [h for h in DOC_HEADINGS if h not in sections]
    assert not missing, f"{name}: docstring lacks headings {missing}"
    for heading in DOC_HEADINGS:
        assert sections[heading].strip(), f"{name}: section {heading!r} is empty"


def _example_profile(rule: type, heading: str) -> dict[str, object] | None:
    """``example_profile`` for both examples; ``use_instead_profile`` overrides it for the second."""
    profile = getattr(rule, "example_profile", None)
    if heading == "Use instead":
        profile = getattr(rule, "use_instead_profile", profile)
    return profile


@pytest.mark.parametrize("name", _rules())
def test_rule_examples_behave_as_documented(name: str) -> None:
    rule = registry().rules[name]
    sections = _sections(rule.doc())
    options = None
    config = FENCE.findall(sections.get("Options", ""))
    if config:
        import yaml

        loaded = yaml.safe_load(config[0][1])
        # `rules: {name: {...}}` or the rule's options directly
        if isinstance(loaded, dict) and "rules" in loaded:
            loaded = loaded["rules"].get(name, {})
        options = {k: v for k, v in (loaded or {}).items() if k != "severity"}
    update = issubclass(rule, UpdateRule)
    previous: str | None = None
    for heading, should_fire in (("Example", True), ("Use instead", False)):
        blocks = FENCE.findall(sections.get(heading, ""))
        if issubclass(rule, PipelineRule) and not blocks:
            continue
        if not blocks:
            pytest.fail(f"{name}: section {heading!r} has no ```json or ```yaml example")
        if update:
            # An update rule's Example is (previous, current); Use instead is a current version
            # compared with the Example's previous one, or a pair of its own.
            if heading == "Example" or len(blocks) == 2:
                assert len(blocks) == 2, f"{name}: {heading!r} needs a previous and a current"
                previous = blocks[0][1]
                blocks = blocks[1:]
            assert len(blocks) == 1, f"{name}: {heading!r} needs one current version"
        for lang, text in blocks:
            diags = lint_text(
                text,
                name,
                filename=f"example.{lang}",
                options=options,
                # A rule whose verdict depends on the cluster names the profile its examples need.
                profile=_example_profile(rule, heading),
                previous=previous,
            )
            fired = [d for d in diags if d.name == name]
            if should_fire:
                assert fired, f"{name}: the {heading!r} example does not trigger the rule"
            else:
                assert not fired, f"{name}: the {heading!r} example triggers it: {fired[0].message}"
                others = [d for d in diags if d.name != name]
                assert not others, f"{name}: the {heading!r} example has other problems: {others}"
