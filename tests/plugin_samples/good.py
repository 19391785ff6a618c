"""A well-behaved third-party plugin: one rule that wants every pod to carry a `team` label."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint import hookimpl
from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule


class TeamLabel(Rule):
    """Pods carry a `team` label."""

    code = "XT001"
    name = "team-label"
    severity = Severity.WARNING
    summary = "pods carry a team label"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        labels = pod.get("labels")
        if not isinstance(labels, dict) or "team" not in labels:
            yield Finding("/labels" if isinstance(labels, dict) else "", "no `team` label")


@hookimpl
def podlint_rules() -> list[type[Rule]]:
    return [TeamLabel]
