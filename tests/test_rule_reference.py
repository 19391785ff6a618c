"""The generated rule reference is current, and every Marathon rule in scope has a podlint rule."""

from __future__ import annotations

from podlint.reference import OUT_OF_SCOPE, generate, uncovered
from tests.conftest import REPO


def test_rule_reference_is_current() -> None:
    page = REPO / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == generate(), (
        "docs/rules.md is stale: run `python -m podlint.reference > docs/rules.md`"
    )


def test_every_marathon_rule_in_scope_is_covered() -> None:
    assert uncovered() == []


def test_out_of_scope_rules_are_the_ones_needing_server_state() -> None:
    # R73 and §4.4 (R76–R86) need the cluster's state; R75 needs site-specific plugins.
    assert set(OUT_OF_SCOPE) == {"R73", "R75", *(f"R{i}" for i in range(76, 87))}
