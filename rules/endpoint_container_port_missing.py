"""Rule PL309 ``endpoint-container-port-missing``: an endpoint on a container network without
``containerPort`` (R48)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule

from ._container_helpers import endpoints, network_modes, present


class EndpointContainerPortMissing(Rule):
    """An endpoint of a pod on a container (virtual) network has no `containerPort`.

    What it does
    ------------
    When the pod joins a network in `container` mode (the default mode), reports every endpoint
    without a `containerPort` (an explicit `null` counts as absent).

    Why is this bad
    ---------------
    Marathon rejects the pod (`is required when using container-mode networking`). On a virtual
    network the pod has its own IP, and Marathon needs the port the process listens on inside the
    container to map a host port to it and to run port-based health checks.

    Example
    -------
    ```json
    {
      "id": "/api",
      "networks": [{"mode": "container", "name": "dcos"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve --port 8080"}},
          "endpoints": [{"name": "http", "hostPort": 0}]
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/api",
      "networks": [{"mode": "container", "name": "dcos"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve --port 8080"}},
          "endpoints": [{"name": "http", "containerPort": 8080, "hostPort": 0}]
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    R48 (spec §4.2); F91 (§3.8); F40 (§3.5, mode defaults to `container`).
    """

    code = "PL309"
    name = "endpoint-container-port-missing"
    severity = Severity.ERROR
    summary = "An endpoint on a container network has no containerPort"
    marathon_rules = ("R48",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if "container" not in network_modes(pod):
            return
        for ref in endpoints(pod):
            if not present(ref.endpoint, "containerPort"):
                yield Finding(
                    join_pointer(ref.pointer, "containerPort"),
                    f"endpoint {ref.label} has no containerPort, which Marathon requires when "
                    "the pod is on a container network",
                    help="Add `containerPort` with the port the process listens on inside the "
                    "container.",
                )
