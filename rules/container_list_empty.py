"""Rule PL305 ``empty-containers``: a pod with an empty ``containers`` list, as Marathon 1.4 checks
it (R14)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule


class EmptyContainers(Rule):
    """The pod's `containers` list is empty (Marathon 1.4).

    What it does
    ------------
    Reports `"containers": []` when linting for Marathon 1.4. From 1.5 on Marathon refuses an empty
    list while reading the JSON (`minItems: 1`), which the schema reports; this rule stays silent there
    so the problem is reported once.

    Why is this bad
    ---------------
    Marathon rejects the pod (`must not be empty`): a pod runs its containers, and with none there is
    nothing to launch.

    Example
    -------
    With `cluster: {marathon_version: "1.4"}` in `.podlint.yaml`:

    ```json
    {
      "id": "/empty",
      "networks": [{"mode": "host"}],
      "containers": []
    }
    ```

    Use instead
    -----------
    With `cluster: {marathon_version: "1.4"}` in `.podlint.yaml`:

    ```json
    {
      "id": "/empty",
      "networks": [{"mode": "host"}],
      "containers": [
        {"name": "app", "resources": {"cpus": 0.1, "mem": 32},
         "exec": {"command": {"shell": "sleep 3600"}}}
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `must not be empty` at `/containers` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L247)).
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    """

    code = "PL305"
    name = "empty-containers"
    severity = Severity.ERROR
    summary = "The pod has no containers (Marathon 1.4; the schema reports it for 1.5+)"
    marathon_rules = ("R14",)
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if ctx.version.at_least(5):
            return
        if pod.get("containers") == []:
            yield Finding(
                "/containers",
                "the pod has no containers; Marathon requires at least one",
                help="Add a container with a `name`, `resources` and something to run.",
            )
