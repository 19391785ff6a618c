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
    - §1.1 (facets from 1.5), §2 (Port, AnyPort), §3 (F13, F18, F20-F25, F34-F38, F47, F48, F58-F61,
      F88, F91, F92, F104-F108, F112-F114)
    """

    code = "PL103"
    name = "schema-range"
    severity = Severity.ERROR
    summary = "A number is outside the range Marathon accepts"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        return family_findings(pod, ctx, "range")
