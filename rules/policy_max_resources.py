"""Rule PL508 ``max-resources``: per-instance resource ceilings, executor included (policy)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule
from podlint_rules._pod_helpers import RESOURCE_UNITS, amount_text, pod_resource_sums


@dataclass(frozen=True)
class MaxResourcesOptions:
    # Ceilings per pod instance (all containers plus the executor); None = no limit.
    cpus: float | None = None
    mem: float | None = None
    disk: float | None = None
    gpus: float | None = None

    def __post_init__(self) -> None:
        for name in ("cpus", "mem", "disk", "gpus"):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ValueError(f"{name} must be a non-negative number, got {value!r}")


class MaxResources(Rule):
    """One pod instance needs more resources than the organisation allows (policy).

    What it does
    ------------
    Adds up what one instance asks an agent for — every container's `resources` plus the executor's
    `executorResources` — and reports each resource over its configured ceiling, with the arithmetic.
    Missing amounts take Marathon's defaults: per container cpus 1.0, mem 128, disk 0, gpus 0; for the
    executor cpus 0.1, mem 32, disk 10.

    Why is this bad
    ---------------
    Marathon accepts any size; an instance that needs more than the organisation's agents (or budget)
    offer waits forever for an offer, or squeezes out other teams. Defaults add up unnoticed: two
    containers without `resources.cpus` are already 2.1 cpus.

    Example
    -------
    ```json
    {
      "id": "/shop/web",
      "containers": [
        {"name": "web", "resources": {"cpus": 1.5, "mem": 1024},
         "image": {"kind": "DOCKER", "id": "nginx:1.25"}},
        {"name": "sidecar", "resources": {"cpus": 0.5, "mem": 256},
         "image": {"kind": "DOCKER", "id": "registry.example.com/shop/sidecar:1.4.2"}}
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/shop/web",
      "containers": [
        {"name": "web", "resources": {"cpus": 1.0, "mem": 1024},
         "image": {"kind": "DOCKER", "id": "nginx:1.25"}},
        {"name": "sidecar", "resources": {"cpus": 0.25, "mem": 256},
         "image": {"kind": "DOCKER", "id": "registry.example.com/shop/sidecar:1.4.2"}}
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    `cpus`, `mem` (MiB), `disk` (MiB), `gpus` (numbers, default none = no limit): ceilings per instance.

    ```yaml
    rules:
      max-resources:
        cpus: 2
        mem: 4096
    ```

    References
    ----------
    - The fields in Marathon's API types: [`resources.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/resources.raml).
    - How Marathon validates a pod: [Defaults Marathon fills in](https://github.com/podlint/podlint/blob/main/docs/marathon.md#defaults-marathon-fills-in).
    """

    code = "PL508"
    name = "max-resources"
    severity = Severity.ERROR
    summary = "One pod instance needs more resources than allowed"
    policy = True
    options = MaxResourcesOptions

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        limits = {
            name: getattr(ctx.options, name)
            for name in ("cpus", "mem", "disk", "gpus")
            if getattr(ctx.options, name) is not None
        }
        if not limits:
            return
        sums = pod_resource_sums(pod)
        for name, limit in limits.items():
            total = sums.get(name)
            if total is None or total.total <= Decimal(str(limit)):
                continue
            unit = RESOURCE_UNITS[name]
            yield Finding(
                "/containers",
                f"one instance of the pod needs {amount_text(name, total.total)} {unit} "
                f"({total.arithmetic()}), over this organisation's limit of "
                f"{amount_text(name, limit)} {unit} per instance",
                help=f"Lower the containers' `resources.{name}`, or split the pod.",
                target="key",
            )
