"""PL102 schema-required: a required field is missing (or null, which Marathon reads as absent)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule
from podlint.schema import family_findings


class SchemaRequired(Rule):
    """Checks that every field Marathon requires is present.

    What it does
    ------------
    Reports a missing required key (a container without ``resources``, an image without ``kind``, a
    command with neither ``shell`` nor ``argv``). The finding's pointer is the missing key, as in
    Marathon's answer; its position is the object that should hold it. A required key whose value is
    ``null`` counts as missing, because Marathon reads ``null`` as absent.

    Why is this bad
    ---------------
    Marathon rejects the pod with ``error.path.missing``. Documentation snippets often leave out
    ``resources``, which every pod container needs.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "web", "image": {"kind": "DOCKER", "id": "nginx:1.25"}}
      ]
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
    - The fields, their types and limits: Marathon's API types ([`types/`](https://github.com/mesosphere/marathon/tree/v1.10.26/docs/docs/rest-api/public/api/v2/types)).
    - How Marathon validates a pod: [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition).
    """

    code = "PL102"
    name = "schema-required"
    severity = Severity.ERROR
    summary = "A required field is missing"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        return family_findings(pod, ctx, "required")
