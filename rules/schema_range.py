"""PL103 schema-range: a number outside the range Marathon accepts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule
from podlint.schema import family_findings


class SchemaRange(Rule):
    """Checks numbers against the minimum and maximum Marathon enforces while reading the pod.

    What it does
    ------------
    Reports ports outside 1-65535 (``hostPort`` 0-65535), resources below their minimum
    (``cpus``/``mem`` 0.001, executor ``cpus`` 0.1, ``mem`` 32, ``disk`` 10), negative counts and
    durations, upgrade fractions outside 0-1, and integers too large for the field's 32 or 64 bits.
    Minimums and maximums apply from Marathon 1.5; the integer width applies in every version.

    Why is this bad
    ---------------
    Marathon rejects the pod with ``error.min`` / ``error.max`` (or cannot read the integer at all).

    Example
    -------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 128},
          "image": {"kind": "DOCKER", "id": "nginx:1.25"},
          "endpoints": [{"name": "http", "hostPort": 70000}]
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 128},
          "image": {"kind": "DOCKER", "id": "nginx:1.25"},
          "endpoints": [{"name": "http", "hostPort": 0}]
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

    code = "PL103"
    name = "schema-range"
    severity = Severity.ERROR
    summary = "A number is outside the range Marathon accepts"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        return family_findings(pod, ctx, "range")
