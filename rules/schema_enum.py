"""PL106 schema-enum: a value that is not one of the words Marathon knows for the field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule
from podlint.schema import family_findings


class SchemaEnum(Rule):
    """Checks enumerated fields against the values Marathon knows, in the targeted version.

    What it does
    ------------
    Reports a value that is not one of the field's values in any letter case (``killSelection``
    ``YoungestFirst``, image ``kind`` ``APPC`` on 1.9+, network ``mode`` ``container/bridge`` on 1.4,
    operator ``IS`` before 1.6), with the closest valid value. ``scaling.kind`` must be exactly
    ``fixed``: it is the one enum Marathon compares case-sensitively.

    Why is this bad
    ---------------
    Marathon rejects the pod with ``error.unknown.enum.literal``.

    Example
    -------
    ```json
    {
      "id": "/web",
      "scheduling": {"killSelection": "YoungestFirst"},
      "containers": [
        {
          "name": "web",
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
      "scheduling": {"killSelection": "YOUNGEST_FIRST"},
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
    - How Marathon validates a pod: [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    """

    code = "PL106"
    name = "schema-enum"
    severity = Severity.ERROR
    summary = "A value is not one Marathon knows for the field"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        return family_findings(pod, ctx, "enum")
