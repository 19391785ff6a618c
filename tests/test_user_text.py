"""What users read cites what they can check, never the internal ids of podlint's working notes.

Rule documentation, the pages in docs/, the README, and every message and help a rule produces on
its fixtures must not cite specification ids (``R59``, ``F2``, ``P4``), section signs (``§3.1``) or
"the spec": none of these ship with podlint. They cite Marathon's own messages, versions and source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.ruletest import FIXTURES, lint_text, registry, sidecar

INTERNAL = re.compile(
    r"\b[RP]\d{1,3}\b"  # rule ids: R59, P4
    r"|\bF\d{1,3}\b"  # field ids: F2
    r"|§"  # sections of the specification
    r"|(?<![`\w])spec(?:ification)?\b(?![`:])"  # "spec §3.1", "the specification"
)


def internal_ids(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if INTERNAL.search(line)]


def test_the_pattern_finds_what_it_must() -> None:
    assert internal_ids("see R59 (spec §4.2)")
    assert internal_ids("F2 (`labels`)")
    assert internal_ids("Marathon 1.4 (P4)")
    assert not internal_ids("RFC 8259, section 4, is a standard")
    assert not internal_ids("a Kubernetes manifest has `spec:` and `kind`")
    assert not internal_ids("PL301 and Marathon 1.4 are fine")


@pytest.mark.parametrize("name", sorted(registry().rules))
def test_rule_documentation(name: str) -> None:
    rule = registry().rules[name]
    assert not internal_ids(rule.doc() + "\n" + rule.summary)


@pytest.mark.parametrize(
    "page", [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))], ids=lambda p: p.name
)
def test_pages(page: Path) -> None:
    assert not internal_ids(page.read_text(encoding="utf-8"))


def test_fixture_messages_and_help() -> None:
    found = []
    for fixture in sorted(FIXTURES.glob("*/*")):
        if fixture.suffix not in (".json", ".yaml", ".yml") or ".profile." in fixture.name:
            continue
        if fixture.name.endswith(".options.json"):
            continue
        diags = lint_text(
            fixture.read_text(encoding="utf-8"),
            fixture.parent.name,
            filename=fixture.name,
            profile=sidecar(fixture, "profile"),
            options=sidecar(fixture, "options"),
        )
        for d in diags:
            for text in (d.message, d.help or ""):
                found += [f"{fixture.parent.name}/{fixture.name}: {t}" for t in internal_ids(text)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", sorted(registry().rules))
def test_rule_quotes_marathons_own_errors(name: str) -> None:
    """Every Marathon check a rule mirrors is cited in its References, message and source."""
    from podlint.marathon_checks import checks_of
    from podlint.rule_docs import sections

    rule = registry().rules[name]
    references = sections(rule.doc()).get("References", "")
    for check in checks_of(rule.marathon_rules):
        assert check.message in references, f"{name}: References do not quote {check.message!r}"
        assert check.url in references, f"{name}: References do not link {check.url}"
    assert len(checks_of(rule.marathon_rules)) == len(rule.marathon_rules), "unknown check keys"
