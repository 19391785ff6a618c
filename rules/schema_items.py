"""PL107 schema-items: an array that must not be empty is empty."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule
from podlint.schema import family_findings


class SchemaItems(Rule):
    """Checks arrays against the minimum number of items Marathon requires.

    What it does
    ------------
    Reports an empty ``containers`` list, an empty endpoint ``protocol`` list and an empty command
    ``argv`` (from Marathon 1.5, which enforces ``minItems`` while reading the pod).

    Why is this bad
    ---------------
    Marathon rejects the pod with ``error.minLength``.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": []
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 128},
          "image": {"kind": "DOCKER", "id": "nginx:1.25"}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - §1.1 (minItems from 1.5), F6, F55, F93
    """

    code = "PL107"
    name = "schema-items"
    severity = Severity.ERROR
    summary = "An array that must not be empty is empty"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        return family_findings(pod, ctx, "items")
