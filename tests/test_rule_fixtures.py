"""Every rule's fixtures: ``fail-*`` files trigger it exactly as ``<fixture>.expected`` says,
``pass-*`` files do not trigger it.

An update rule's fixture is a pair: ``fail-x.json`` (the current version) and
``fail-x.previous.json`` (the previous one); both are required for update rules.

Set ``PODLINT_UPDATE_FIXTURES=1`` to (re)write the ``.expected`` files, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from podlint.rule import UpdateRule
from tests.ruletest import FIXTURES, lint_text, previous_of, registry, render, sidecar

UPDATE = os.environ.get("PODLINT_UPDATE_FIXTURES") == "1"
SUFFIXES = (".json", ".yaml", ".yml")


def _fixtures() -> list[Path]:
    if not FIXTURES.is_dir():
        return []
    return sorted(
        p
        for p in FIXTURES.glob("*/*")
        if p.suffix in SUFFIXES
        and p.name.startswith(("fail-", "pass-"))
        and ".expected" not in p.name
        and ".previous." not in p.name
        and not p.name.endswith((".profile.json", ".options.json"))
    )


def _lint(fixture: Path) -> str:
    rule = fixture.parent.name
    return render(
        lint_text(
            fixture.read_text(encoding="utf-8"),
            rule,
            filename=fixture.name,
            profile=sidecar(fixture, "profile"),
            options=sidecar(fixture, "options"),
            previous=previous_of(fixture),
        )
    )


@pytest.mark.parametrize("fixture", _fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(fixture: Path) -> None:
    rule = fixture.parent.name
    assert registry().lookup(rule) is not None, f"fixture folder {rule!r} names no registered rule"
    code = registry().rules[rule].code
    if issubclass(registry().rules[rule], UpdateRule):
        assert previous_of(fixture) is not None, f"{fixture.name} has no previous version"
    actual = _lint(fixture)
    own = [line for line in actual.splitlines() if f" {code} {rule} " in line]
    if fixture.name.startswith("pass-"):
        assert own == [], f"{fixture.name} must not trigger {rule}:\n{actual}"
        return
    assert own, f"{fixture.name} must trigger {rule}, got:\n{actual or '(nothing)'}"
    expected_file = fixture.with_name(fixture.name + ".expected")
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), (
        f"missing {expected_file.name}; run with PODLINT_UPDATE_FIXTURES=1"
    )
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_rule_has_failing_and_passing_fixtures() -> None:
    from podlint.rule import PipelineRule

    missing = []
    for name, rule in registry().rules.items():
        if issubclass(rule, PipelineRule):
            continue
        folder = FIXTURES / name
        fails = list(folder.glob("fail-*")) if folder.is_dir() else []
        passes = list(folder.glob("pass-*")) if folder.is_dir() else []
        if not fails or not passes:
            missing.append(f"{rule.code} {name}: {len(fails)} fail, {len(passes)} pass")
    assert not missing, "rules without fixtures:\n" + "\n".join(sorted(missing))
