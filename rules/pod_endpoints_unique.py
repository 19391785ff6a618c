"""PL205: endpoint names, container ports and host ports must be unique across the pod (R32–R34)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule, as_list, containers


def _env_name(name: str) -> str:
    """How Marathon turns an endpoint name into a variable name (TGB:672-690)."""
    return re.sub(r"[^A-Z0-9_]+", "_", name.upper())


def _container_label(container: dict[str, Any], index: int) -> str:
    name = container.get("name")
    return f'container "{name}"' if isinstance(name, str) else f"container #{index}"


class PodEndpointsNotUnique(Rule):
    """Two endpoints of the pod share a name, a container port or a host port.

    What it does
    ------------
    Looks at the endpoints of **all** containers of the pod together: endpoint names must be unique
    , and so must every non-zero ``containerPort`` and non-zero ``hostPort``. The
    finding is at the second occurrence and names the first.

    Why is this bad
    ---------------
    All containers of a pod share one network namespace and one set of ``ENDPOINT_<NAME>`` variables,
    so Marathon rejects the pod (``endpoint names nust be unique across all containers``,
    ``container ports must be unique across all containers``, ``host ports must be unique across all
    containers``). In 1.4 a ``containerPort`` of 0 counts too.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "app", "resources": {"cpus": 0.5, "mem": 128},
         "image": {"kind": "DOCKER", "id": "registry.example.com/shop/app:1.4.2"},
         "endpoints": [{"name": "http", "hostPort": 8080}]},
        {"name": "sidecar", "resources": {"cpus": 0.1, "mem": 32},
         "image": {"kind": "DOCKER", "id": "registry.example.com/shop/sidecar:1.4.2"},
         "endpoints": [{"name": "http", "hostPort": 8081}]}
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "app", "resources": {"cpus": 0.5, "mem": 128},
         "image": {"kind": "DOCKER", "id": "registry.example.com/shop/app:1.4.2"},
         "endpoints": [{"name": "http", "hostPort": 8080}]},
        {"name": "sidecar", "resources": {"cpus": 0.1, "mem": 32},
         "image": {"kind": "DOCKER", "id": "registry.example.com/shop/sidecar:1.4.2"},
         "endpoints": [{"name": "admin", "hostPort": 8081}]}
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `endpoint names nust be unique across all containers` at `/` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L193-L196)).
    - Marathon 1.4–1.10 answers `container ports must be unique across all containers` at `/` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L198-L201)).
    - Marathon 1.4–1.10 answers `host ports must be unique across all containers` at `/` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L203-L206)).
    - The fields in Marathon's API types: [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    """

    code = "PL205"
    name = "pod-endpoints-not-unique"
    severity = Severity.ERROR
    summary = "Endpoint names and non-zero ports must be unique across all containers"
    marathon_rules = ("R32", "R33", "R34")
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        zero_counts = not ctx.version.at_least(5)  # 1.4 did not exclude containerPort 0 (P12)
        first_use: dict[tuple[str, Any], str] = {}
        for ci, container in containers(pod):
            where = _container_label(container, ci)
            for ei, endpoint in enumerate(as_list(container.get("endpoints"))):
                if not isinstance(endpoint, dict):
                    continue
                base = f"/containers/{ci}/endpoints/{ei}"
                name = endpoint.get("name")
                if isinstance(name, str):
                    if ("name", name) in first_use:
                        yield Finding(
                            f"{base}/name",
                            f'endpoint name "{name}" is already used by an endpoint of '
                            f"{first_use[('name', name)]}; endpoint names must be unique across "
                            "all containers of a pod (each becomes an "
                            f"ENDPOINT_{_env_name(name)} variable in the shared environment)",
                            help="Give this endpoint another name.",
                        )
                    else:
                        first_use[("name", name)] = where
                for field, what in (("containerPort", "container"), ("hostPort", "host")):
                    port = endpoint.get(field)
                    if isinstance(port, bool) or not isinstance(port, int):
                        continue
                    if port == 0 and not (zero_counts and field == "containerPort"):
                        continue
                    if (field, port) in first_use:
                        yield Finding(
                            f"{base}/{field}",
                            f"{what} port {port} is already used by an endpoint of "
                            f"{first_use[(field, port)]}; {what} ports must be unique across all "
                            "containers, "
                            + (
                                "because they share one network namespace"
                                if field == "containerPort"
                                else "because they all run on one agent"
                            ),
                            help=f"Use another `{field}`"
                            + (", or 0 for a dynamic port." if field == "hostPort" else "."),
                        )
                    else:
                        first_use[(field, port)] = where
