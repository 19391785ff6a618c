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
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml), [`mesosCommand.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/mesosCommand.raml), [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition).
    """

    code = "PL107"
    name = "schema-items"
    severity = Severity.ERROR
    summary = "An array that must not be empty is empty"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        return family_findings(pod, ctx, "items")
