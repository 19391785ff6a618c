"""Every rule documents itself with the fixed headings, and its examples behave as documented.

The examples are linted as a user's ``podlint check --isolated`` would lint them: the whole default
rule set, plus the documented rule (a policy or a rule that is off by default is selected), with the
options of its ``Options`` section and the cluster its ``With `cluster: …` `` line names. Every
``Example`` must trigger its rule; every ``Use instead`` must produce no finding at all.
"""

from __future__ import annotations

import functools
import re

import pytest

from podlint.config.profile import profile_from_mapping
from podlint.config.settings import RuleSettings, Settings
from podlint.diagnostics import Diagnostic
from podlint.engine import Linter
from podlint.plugins import BUILTIN_PLUGINS, Registry, make_plugin_manager
from podlint.rule import DOC_HEADINGS, PipelineRule, UpdateRule
from podlint.rule_docs import DocExample, examples, options, sections
from tests.ruletest import previous_versions


@functools.lru_cache(maxsize=1)
def _registry() -> Registry:
    """Every installed rule: podlint's own and any third-party plugin's."""
    return make_plugin_manager(third_party=True)[1]


def _rules() -> list[str]:
    return sorted(_registry().rules)


def _builtin(name: str) -> bool:
    return _registry().owner.get(name) in BUILTIN_PLUGINS


@pytest.mark.parametrize("name", _rules())
def test_rule_has_documentation(name: str) -> None:
    rule = _registry().rules[name]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), "rule names are kebab-case"
    if _builtin(name):
        assert re.fullmatch(r"PL\d{3}", rule.code), "built-in codes are PL + three digits"
    assert rule.summary, "a one-line summary"
    parts = sections(rule.doc())
    missing = [h for h in DOC_HEADINGS if h not in parts]
    assert not missing, f"{name}: docstring lacks headings {missing}"
    for heading in DOC_HEADINGS:
        assert parts[heading].strip(), f"{name}: section {heading!r} is empty"


def lint_example(
    name: str,
    example: DocExample,
    registry: Registry | None = None,
    previous: DocExample | None = None,
) -> list[Diagnostic]:
    """The findings of ``podlint check --isolated`` (plus the rule itself) on one example."""
    reg = registry or _registry()
    rule = reg.rules[name]
    settings = Settings(
        profile=profile_from_mapping(example.cluster),
        extend_select=[name],
        rules={name: RuleSettings(options=options(rule.doc(), name) or {})},
    )
    data = example.text.encode("utf-8")
    filename = f"example.{example.lang}"
    linter = Linter(reg)
    if previous is not None:
        # An update rule's example compares the current version with a previous one.
        linter.previous = previous_versions(previous.text, example.text, filename)
    return linter.lint_bytes(data, filename, settings).diagnostics


def example_problems(registry: Registry, name: str) -> list[str]:
    """How the rule's examples contradict its documentation (empty when they behave)."""
    rule = registry.rules[name]
    found = examples(rule.doc())
    problems = []
    update = issubclass(rule, UpdateRule)
    previous: DocExample | None = None
    for heading in ("Example", "Use instead"):
        blocks = [e for e in found if e.heading == heading]
        if not blocks and not issubclass(rule, PipelineRule):
            problems.append(f"{name}: section {heading!r} has no ```json or ```yaml example")
        # An update rule's Example is (previous, current); Use instead is a current version
        # compared with the Example's previous one, or a pair of its own.
        if update and blocks and (heading == "Example" or len(blocks) == 2):
            if len(blocks) != 2:
                problems.append(f"{name}: {heading!r} needs a previous and a current version")
                continue
            previous, blocks = blocks[0], blocks[1:]
        for example in blocks:
            diags = lint_example(name, example, registry, previous)
            if heading == "Example" and not any(d.name == name for d in diags):
                got = "; ".join(f"{d.code} {d.message}" for d in diags) or "nothing"
                problems.append(f"{name}: the Example does not trigger the rule; it gets {got}")
            if heading == "Use instead" and diags:
                got = "; ".join(f"{d.code} {d.name} {d.message}" for d in diags)
                problems.append(f"{name}: the Use instead example gets {got}")
    return problems


@pytest.mark.parametrize("name", _rules())
def test_rule_examples_behave_as_documented(name: str) -> None:
    if not _builtin(name) and not examples(_registry().rules[name].doc()):
        pytest.skip(f"{name}: a plugin rule without examples")
    problems = example_problems(_registry(), name)
    assert not problems, "\n".join(problems)


def test_plugin_rules_that_ship_examples_are_held_to_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    from podlint import plugins

    real = plugins._entry_points()
    extra = metadata.EntryPoint("owners", "tests.plugin_samples.documented", "podlint")
    monkeypatch.setattr(plugins, "_entry_points", lambda: [*real, extra])
    registry = make_plugin_manager(third_party=True)[1]
    assert example_problems(registry, "owner-label") == []
    (problem,) = example_problems(registry, "owner-label-misdocumented")
    assert "Use instead example gets XO002" in problem


def test_cluster_lines_are_read() -> None:
    doc = """Summary.

Example
-------
With `cluster: {features: [secrets], marathon_version: "1.9"}` in `.podlint.yaml`:

```json
{"id": "/a"}
```

Use instead
-----------
```yaml
id: /b
```
"""
    first, second = examples(doc)
    assert first.cluster == {"features": ["secrets"], "marathon_version": "1.9"}
    assert (first.heading, first.lang, first.text) == ("Example", "json", '{"id": "/a"}\n')
    assert (second.heading, second.cluster) == ("Use instead", {})
