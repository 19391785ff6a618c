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
    - Marathon 1.4–1.10 answers `is required when using container-mode networking` at `/containers(<i>)/endpoints(<j>)/containerPort` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L104-L107)).
    - The fields in Marathon's API types: [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
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
