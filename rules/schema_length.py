"""PL105 schema-length: a string that is empty or longer than Marathon allows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule
from podlint.schema import family_findings


class SchemaLength(Rule):
    """Checks string lengths against Marathon's limits.

    What it does
    ------------
    Reports empty strings where Marathon needs text (image ``id``, secret ``source``, ``shell``,
    ``role``, volume names) and strings over their maximum (names 63 characters, paths and URIs
    1024). Applies from Marathon 1.5, which enforces these limits while reading the pod.

    Why is this bad
    ---------------
    Marathon rejects the pod with ``error.minLength`` / ``error.maxLength``.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 128},
          "image": {"kind": "DOCKER", "id": ""}
        }
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

    code = "PL105"
    name = "schema-length"
    severity = Severity.ERROR
    summary = "A string is empty or too long"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        return family_findings(pod, ctx, "length")
