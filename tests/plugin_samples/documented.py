"""A third-party plugin whose rules ship examples: the doc-example test holds them to it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint import hookimpl
from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule

_DOC = """Pods carry an `owner` label.

What it does
------------
Reports a pod without an `owner` label.

Why is this bad
---------------
Nobody knows whom to call.

Example
-------
```json
{
  "id": "/web",
  "networks": [{"mode": "host"}],
  "containers": [
    {"name": "web", "resources": {"cpus": 0.5, "mem": 256}, "image": {"kind": "DOCKER", "id": "nginx:1.25"}}
  ]
}
```

Use instead
-----------
```json
{
  "id": "/web",
  "labels": {"owner": "shop"},
  "networks": [{"mode": "host"}],
  "containers": [
    {"name": "web", "resources": {"cpus": 0.5, "mem": 256}, "image": {"kind": "DOCKER", "id": "nginx:1.25"}}
  ]
}
```

Options
-------
None.

References
----------
The team's runbook.
"""


class OwnerLabel(Rule):
    __doc__ = _DOC
    code = "XO001"
    name = "owner-label"
    severity = Severity.WARNING
    summary = "pods carry an owner label"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        labels = pod.get("labels")
        if not isinstance(labels, dict) or "owner" not in labels:
            yield Finding("/labels" if isinstance(labels, dict) else "/id", "no `owner` label")


class OwnerLabelMisdocumented(OwnerLabel):
    # The same documentation, but the rule wants another label: its "Use instead" still fails.
    code = "XO002"
    name = "owner-label-misdocumented"
    default_enabled = False  # so that it does not disturb owner-label's examples

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if "maintainer" not in (pod.get("labels") or {}):
            yield Finding("/id", "no `maintainer` label")


@hookimpl
def podlint_rules() -> list[type[Rule]]:
    return [OwnerLabel, OwnerLabelMisdocumented]
