"""PL602: a resident pod's total cpus, mem, disk and gpus cannot change in an update."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, UpdateRule
from podlint_rules._update_helpers import (
    RESOURCES,
    decimal_text,
    json_number,
    resource_pointer,
    resource_total,
    update_checked,
)


class UpdateResidentResources(UpdateRule):
    """An update changes the total cpus, mem, disk or gpus of a resident pod.

    What it does
    ------------
    Compares a pod with its previous version when either is resident (has a ``persistent``
    volume, Marathon 1.6+). For each of ``cpus``, ``mem``, ``disk`` and ``gpus`` it adds up the pod
    as Marathon does — ``executorResources`` (default 0.1 cpus, 32 MiB mem, 10 MiB disk) plus
    every container's ``resources`` (defaults 1 cpus, 128 MiB mem, 0 disk, 0 gpus) — and compares
    the totals as decimals. Moving resources from one container to another keeps the total and is
    fine. The finding is placed on the first container (matched by name) whose amount changed.

    Why is this bad
    ---------------
    A resident pod's resources are reserved for it on its agent, together with its volumes, and
    its instances are relaunched on that reservation. Marathon refuses to change the totals:
    ``cpus cannot be updated if a pod has persistent volumes`` (likewise ``mem``, ``disk`` and
    ``gpus``; ``PodsValidation.residentUpdateIsValid``, Marathon 1.6 and later). A change that
    restarts nothing, such as only the instance count, is not checked.

    Example
    -------
    The running version, then the edited one:

    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "image": {"kind": "DOCKER", "id": "postgres:16"}, "resources": {"cpus": 1.5, "mem": 1024},
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
        {"name": "postgres", "image": {"kind": "DOCKER", "id": "postgres:16"}, "resources": {"cpus": 2, "mem": 1024},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    Keep the totals; resources may move between containers:

    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "image": {"kind": "DOCKER", "id": "postgres:16"}, "resources": {"cpus": 1.25, "mem": 896},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]},
        {"name": "exporter", "image": {"kind": "DOCKER", "id": "prom/exporter:1"}, "resources": {"cpus": 0.25, "mem": 128}}
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
    - Marathon 1.6–1.10 answers `cpus cannot be updated if a pod has persistent volumes` at `/pod(<n>)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L318-L321)).
    - Marathon 1.6–1.10 answers `mem cannot be updated if a pod has persistent volumes` at `/pod(<n>)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L323-L326)).
    - Marathon 1.6–1.10 answers `disk cannot be updated if a pod has persistent volumes` at `/pod(<n>)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L328-L331)).
    - Marathon 1.6–1.10 answers `gpus cannot be updated if a pod has persistent volumes` at `/pod(<n>)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L333-L336)).
    Marathon's ``PodsValidation.residentUpdateIsValid`` (1.6+) and ``PodDefinition`` (pod totals:
    executor plus containers); resource defaults from the pods RAML types.
    """

    code = "PL602"
    name = "update-resident-resources"
    severity = Severity.ERROR
    summary = "An update cannot change the total resources of a resident pod"
    marathon_rules = ("R81", "R82", "R83", "R84")
    settings = ("marathon_version",)

    def check_update(
        self, previous: dict[str, Any], current: dict[str, Any], ctx: Context
    ) -> Iterator[Finding]:
        if not update_checked(previous, current, ctx):
            return
        for name in RESOURCES:
            before = resource_total(previous, name)
            now = resource_total(current, name)
            if before is None or now is None or before == now:
                continue
            yield Finding(
                resource_pointer(previous, current, name),
                f"pod total {name} {decimal_text(before, name)} → {decimal_text(now, name)} "
                "(executor and containers): cannot change while the pod has persistent volumes; "
                f'Marathon refuses the update ("{name} cannot be updated if a pod has persistent '
                'volumes") because the resources are reserved for the pod on its agent',
                help=f"keep the pod's total {name} at {decimal_text(before, name)} (you may move "
                f"{name} between containers), or deploy a new pod with new volumes",
                previous=json_number(before),
            )
