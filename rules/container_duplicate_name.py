"""Rule PL306 ``duplicate-container-name``: two containers of a pod share a name (R15)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule, containers


class DuplicateContainerName(Rule):
    """Two containers of the pod have the same name.

    What it does
    ------------
    Reports every container whose `name` was already used by an earlier container of the pod.

    Why is this bad
    ---------------
    Marathon rejects the pod (`container names must be unique`; 1.4: `container names are unique`).
    Task ids, logs, status and the DC/OS UI identify a container by its name within the pod.

    Example
    -------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "containers": [
        {"name": "app", "resources": {"cpus": 0.1, "mem": 32},
         "exec": {"command": {"shell": "./server"}}},
        {"name": "app", "resources": {"cpus": 0.1, "mem": 32},
         "exec": {"command": {"shell": "./log-shipper"}}}
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
        {"name": "app", "resources": {"cpus": 0.1, "mem": 32},
         "exec": {"command": {"shell": "./server"}}},
        {"name": "log-shipper", "resources": {"cpus": 0.1, "mem": 32},
         "exec": {"command": {"shell": "./log-shipper"}}}
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `container names must be unique` at `/containers` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L248-L251)).
    - The fields in Marathon's API types: [`podContainer.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/podContainer.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    """

    code = "PL306"
    name = "duplicate-container-name"
    severity = Severity.ERROR
    summary = "Two containers of the pod have the same name"
    marathon_rules = ("R15",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        first: dict[str, int] = {}
        for i, c in containers(pod):
            name = c.get("name")
            if not isinstance(name, str):
                continue
            if name in first:
                yield Finding(
                    join_pointer("/containers", i, "name"),
                    f"container name `{name}` is already used by container #{first[name] + 1}; "
                    "Marathon requires container names to be unique within a pod",
                    help="Give each container its own name.",
                )
            else:
                first[name] = i
