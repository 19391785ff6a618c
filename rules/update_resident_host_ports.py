"""PL603: a resident pod's host ports cannot change in an update."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, UpdateRule, as_dict
from podlint_rules._update_helpers import endpoints, host_ports, update_checked


def _ports(ports: set[int]) -> str:
    return "[" + ", ".join(map(str, sorted(ports))) + "]"


class UpdateResidentHostPorts(UpdateRule):
    """An update changes the host ports of a resident pod.

    What it does
    ------------
    Compares a pod with its previous version when either is resident (has a ``persistent``
    volume, Marathon 1.6+). Marathon compares the *set* of host ports over all endpoints after
    defaults: an endpoint without ``hostPort`` gets 0 (a dynamic port) unless the pod joins a
    container network, where it has none. Adding, removing or changing one changes the set;
    moving a port to another endpoint, or reordering endpoints, does not.

    Why is this bad
    ---------------
    A resident pod's host ports are part of its reservation on the agent. Marathon refuses the
    update: ``host ports cannot be updated if a pod has persistent volumes``
    (``PodsValidation.residentUpdateIsValid``, Marathon 1.6 and later).

    Example
    -------
    The running version, then the edited one:

    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "image": {"kind": "DOCKER", "id": "postgres:16"}, "resources": {"cpus": 1, "mem": 1024},
         "endpoints": [{"name": "pg", "hostPort": 5432}],
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}]
    }
    ```

    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "image": {"kind": "DOCKER", "id": "postgres:16"}, "resources": {"cpus": 1, "mem": 1024},
         "endpoints": [{"name": "pg", "hostPort": 5433}],
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    Keep the host ports (an endpoint may be renamed):

    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "image": {"kind": "DOCKER", "id": "postgres:16"}, "resources": {"cpus": 1, "mem": 1024},
         "endpoints": [{"name": "postgres", "hostPort": 5432}],
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.6–1.10 answers `host ports cannot be updated if a pod has persistent volumes` at `/pod(<n>)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L338-L343)).
    Marathon's ``PodsValidation.residentUpdateIsValid`` (1.6+); the ``hostPort`` default from
    ``PodNormalization``.
    """

    code = "PL603"
    name = "update-resident-host-ports"
    severity = Severity.ERROR
    summary = "An update cannot change the host ports of a resident pod"
    marathon_rules = ("R85",)
    settings = ("marathon_version",)

    def check_update(
        self, previous: dict[str, Any], current: dict[str, Any], ctx: Context
    ) -> Iterator[Finding]:
        if not update_checked(previous, current, ctx):
            return
        before = host_ports(previous)
        now = host_ports(current)
        if before == now:
            return
        pointer = "/containers"
        for endpoint_pointer, _, _, port in endpoints(current):
            if port is not None and port not in before:
                pointer = endpoint_pointer
                break
        else:
            # A port was removed: point at the endpoint that held it, if it is still there.
            removed = before - now
            old = {(c, e) for _, c, e, p in endpoints(previous) if p in removed}
            for endpoint_pointer, container, name, _ in endpoints(current):
                if (container, name) in old:
                    pointer = endpoint_pointer
                    break
        if pointer != "/containers" and "hostPort" in as_dict(_resolve(current, pointer)):
            pointer += "/hostPort"
        yield Finding(
            pointer,
            f"host ports {_ports(before)} → {_ports(now)}: cannot change while the pod has "
            'persistent volumes; Marathon refuses the update ("host ports cannot be updated if '
            'a pod has persistent volumes") because the ports are reserved with the volumes',
            help=f"keep the host ports {_ports(before)}, or deploy a new pod with new volumes",
            previous=sorted(before),
        )


def _resolve(pod: dict[str, Any], pointer: str) -> Any:
    value: Any = pod
    for token in pointer.strip("/").split("/"):
        value = value[int(token)] if isinstance(value, list) else as_dict(value).get(token)
    return value
