"""Findings point at the narrowest node at fault, never at the document itself.

A finding whose pointer resolves to the document (its root, or a member missing from the top level,
which lands on the opening brace) is useless in a SARIF or GitHub annotation. Only a rule declared
``whole_document`` may report there. Checked over every rule fixture and every doc example.
Findings of the pipeline itself (reading files, suppressions) are placed by text position, not by
pointer, and are not checked here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from podlint.diagnostics import Diagnostic
from podlint.loader import load
from podlint.plugins import Registry
from podlint.rule import PipelineRule
from podlint.rule_docs import examples
from tests.ruletest import FIXTURES, lint_text, registry, sidecar
from tests.test_rule_docs import lint_example

SUFFIXES = (".json", ".yaml", ".yml")


def at_document(text: str, filename: str, diag: Diagnostic) -> bool:
    """Whether the finding is placed on the document itself rather than on a node in it."""
    documents = load(text.encode("utf-8"), filename).documents
    if not documents:
        return False
    doc = documents[diag.document or 0]
    root, _ = doc.locate("")
    missing_member, _ = doc.locate("/\u0000missing")  # where a member missing at the top lands
    return diag.span in (root, missing_member, doc.extent)


def misplaced(reg: Registry, text: str, filename: str, diags: list[Diagnostic]) -> list[str]:
    """Findings of rules that point at nodes but landed on the document."""
    out = []
    for d in diags:
        rule = reg.lookup(d.name)
        if rule is None or issubclass(rule, PipelineRule) or rule.whole_document:
            continue
        if at_document(text, filename, d):
            out.append(f"{d.code} {d.name} #{d.pointer} at {d.span.line}:{d.span.column}")
    return out


def _fixtures() -> list[Path]:
    return sorted(
        p
        for p in FIXTURES.glob("*/fail-*")
        if p.suffix in SUFFIXES and not p.name.endswith((".profile.json", ".options.json"))
    )


@pytest.mark.parametrize("fixture", _fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_findings_point_at_a_node(fixture: Path) -> None:
    text = fixture.read_text(encoding="utf-8")
    diags = lint_text(
        text,
        fixture.parent.name,
        filename=fixture.name,
        profile=sidecar(fixture, "profile"),
        options=sidecar(fixture, "options"),
    )
    assert not misplaced(registry(), text, fixture.name, diags)


@pytest.mark.parametrize("name", sorted(registry().rules))
def test_doc_example_findings_point_at_a_node(name: str) -> None:
    for example in examples(registry().rules[name].doc()):
        diags = lint_example(name, example)
        assert not misplaced(registry(), example.text, f"example.{example.lang}", diags)


def test_a_top_level_missing_member_counts_as_the_document() -> None:
    text = '{\n  "id": "/a",\n  "containers": []\n}\n'
    diag = lint_text(text, "schema-items")[0]
    assert not at_document(text, "pod.json", diag)  # `/containers` is a node
    moved = lint_text('{\n  "id": "/a"\n}\n', "schema-required")
    assert moved, "a pod without containers is reported"
    assert at_document('{\n  "id": "/a"\n}\n', "pod.json", moved[0])
