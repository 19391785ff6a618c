"""PL101 schema-type: a value of the wrong JSON type, which Marathon refuses to read."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule
from podlint.schema import family_findings


class SchemaType(Rule):
    """Checks that every field has the JSON type Marathon reads.

    What it does
    ------------
    Reports a value whose JSON type is wrong: a string where a number belongs, a number with a
    fraction where a whole number belongs (``1.0`` is accepted, ``1.5`` is not), an object where a
    label value (a string) belongs, and so on. For YAML files it says when YAML typing turned text
    into a number or boolean (``commit: 6490e74`` is a float) and offers to quote it.

    Why is this bad
    ---------------
    Marathon reads the definition into typed classes before anything else; a wrong type fails that
    step (``error.expected.jsnumber`` and friends) and the whole pod is rejected.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": "0.5", "mem": 128},
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

    code = "PL101"
    name = "schema-type"
    severity = Severity.ERROR
    summary = "A field has the wrong JSON type"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        return family_findings(pod, ctx, "type")
