"""PL104 schema-pattern: a name, id or date that does not have the form Marathon requires."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule
from podlint.schema import family_findings


class SchemaPattern(Rule):
    """Checks names, ids, environment variable names and dates against Marathon's patterns.

    What it does
    ------------
    Reports container, endpoint, volume and health-check endpoint names that are not lower-case DNS
    labels (1.5+), network names with invalid characters, a pod ``id`` that is not a path of DNS
    labels, environment variable names that do not start with a letter or underscore (reported at
    the key), and a ``version`` that is not an ISO-8601 date-time.

    Why is this bad
    ---------------
    Marathon rejects the pod with ``error.pattern``. Camel-case container names such as
    ``healthApp1`` are a common cause.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [
        {
          "name": "Web_Server",
          "resources": {"cpus": 0.5, "mem": 128},
          "image": {"kind": "DOCKER", "id": "nginx:1.25"}
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
          "name": "web-server",
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
    - How Marathon validates a pod: [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition), [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL104"
    name = "schema-pattern"
    severity = Severity.ERROR
    summary = "A name, id or date does not have the required form"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        return family_findings(pod, ctx, "pattern")
