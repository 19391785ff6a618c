"""Rule PL308 ``endpoint-host-mode-ports``: ports an endpoint may not (or must) have on a host
network (R47, and P6 in Marathon 1.4)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule

from ._container_helpers import as_int, endpoints, network_modes, present


class EndpointHostModePorts(Rule):
    """An endpoint on a host network sets `containerPort` (or, on Marathon 1.4, lacks `hostPort`).

    What it does
    ------------
    When the pod has a `host` network, reports every endpoint with a `containerPort` (an explicit
    `null` counts as absent, as in Marathon). On Marathon 1.4 it also reports endpoints without a
    `hostPort`, which 1.4 requires in host mode (1.5+ defaults it to 0, a dynamic port).

    Why is this bad
    ---------------
    Marathon rejects the pod (`is not allowed when using host-mode networking`; 1.4: `is required
    when using host-mode networking`). With host networking the containers share the agent's network
    namespace, so there is no container port to map: the process must listen on the host port
    Marathon assigns (`$ENDPOINT_<NAME>`).

    Example
    -------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
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

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
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

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `is not allowed when using host-mode networking` at `/containers(<i>)/endpoints(<j>)/containerPort` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L98-L101)).
    - Marathon 1.4 answers `is required when using host-mode networking` at `/containers(<i>)/endpoints(<j>)/hostPort` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.4.13/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L142-L146)).
    - The fields in Marathon's API types: [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    """

    code = "PL308"
    name = "endpoint-host-mode-ports"
    severity = Severity.ERROR
    summary = "An endpoint on a host network sets containerPort (or lacks hostPort on 1.4)"
    marathon_rules = ("R47", "P6")
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if "host" not in network_modes(pod):
            return
        legacy = not ctx.version.at_least(5)
        for ref in endpoints(pod):
            port = as_int(ref.endpoint.get("containerPort"))
            # 1.5+ rejects an out-of-range port while reading the JSON (the schema reports it).
            in_range = port is not None and 1 <= port <= 65535
            if present(ref.endpoint, "containerPort") and (legacy or in_range):
                pointer = join_pointer(ref.pointer, "containerPort")
                yield Finding(
                    pointer,
                    f"endpoint {ref.label} sets containerPort {ref.endpoint['containerPort']!r}, "
                    "which is not allowed with host networking: the containers use the agent's "
                    "ports directly",
                    help="Remove `containerPort` and have the process listen on the host port "
                    f"(`$ENDPOINT_{_env_suffix(ref.endpoint.get('name'))}`).",
                    target="member",
                    fix=Fix(
                        description="Remove `containerPort`",
                        applicability="unsafe",
                        ops=(FixOp("remove", pointer),),
                    ),
                )
            if legacy and not present(ref.endpoint, "hostPort"):
                yield Finding(
                    join_pointer(ref.pointer, "hostPort"),
                    f"endpoint {ref.label} has no hostPort; Marathon 1.4 requires one for every "
                    "endpoint with host networking",
                    help="Add {0} for a dynamically assigned port, or a fixed port.",
                    snippets=(Snippet(0, "hostPort", at=ref.pointer),),
                )


def _env_suffix(name: Any) -> str:
    # Marathon exports ENDPOINT_<NAME>: upper case, runs of other characters replaced by `_` (§6.3).
    return re.sub(r"[^A-Z0-9_]+", "_", name.upper()) if isinstance(name, str) else "<NAME>"
