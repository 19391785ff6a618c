"""Rule PL406 ``bridge-endpoint-without-container-port``: a bridge-network endpoint with no
``containerPort`` (§10.9)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule

from ._container_helpers import endpoints, network_modes, present


class BridgeEndpointWithoutContainerPort(Rule):
    """An endpoint of a pod on a `container/bridge` network has no `containerPort`.

    What it does
    ------------
    When the pod uses `container/bridge` networking (Marathon 1.5+), reports every endpoint without a
    `containerPort`.

    Why is this bad
    ---------------
    Marathon accepts it (unlike on a `container` network, where `containerPort` is required), but a
    bridge maps a host port to a port inside the container, and with no container port there is
    nothing to map: port discovery fails when the pod launches (inferred from Marathon's launch code).

    Example
    -------
    ```json
    {
      "id": "/nginx",
      "networks": [{"mode": "container/bridge"}],
      "containers": [
        {
          "name": "nginx",
          "resources": {"cpus": 0.1, "mem": 64},
          "image": {"kind": "DOCKER", "id": "nginx:1.25"},
          "endpoints": [{"name": "http", "hostPort": 0}]
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/nginx",
      "networks": [{"mode": "container/bridge"}],
      "containers": [
        {
          "name": "nginx",
          "resources": {"cpus": 0.1, "mem": 64},
          "image": {"kind": "DOCKER", "id": "nginx:1.25"},
          "endpoints": [{"name": "http", "containerPort": 80, "hostPort": 0}]
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work).
    - Marathon's port discovery, which needs a container port on bridge networks: [PortDiscovery.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/mesos/PortDiscovery.scala#L74-L110).
    """

    code = "PL406"
    name = "bridge-endpoint-without-container-port"
    severity = Severity.WARNING
    summary = "An endpoint on a bridge network has no containerPort"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(5) or "container/bridge" not in network_modes(pod):
            return
        for ref in endpoints(pod):
            if not present(ref.endpoint, "containerPort"):
                yield Finding(
                    join_pointer(ref.pointer, "containerPort"),
                    f"endpoint {ref.label} has no containerPort; on a bridge network the host "
                    "port is mapped to a port inside the container, so the endpoint cannot work",
                    help="Add `containerPort` with the port the process listens on.",
                )
