"""PL230: a pod instance, executor included, must fit on one agent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule, as_dict
from podlint_rules._pod_helpers import RESOURCE_UNITS, amount_text, mesos_scalar, pod_resource_sums


def resource_pointer(pod: dict[str, Any], resource: str) -> str:
    """Where a sum is reported: the single container's amount, or the containers list."""
    items = pod.get("containers")
    if isinstance(items, list) and len(items) == 1:
        resources = as_dict(as_dict(items[0]).get("resources"))
        if resources.get(resource) is not None:
            return f"/containers/0/resources/{resource}"
        return "/containers/0/resources"
    return "/containers"


class ResourceExceedsAgent(Rule):
    """The pod's containers plus its executor need more than the largest agent offers.

    What it does
    ------------
    All containers of a pod instance run on one agent, next to the pod's executor. For each of
    ``cpus``, ``mem``, ``disk`` and ``gpus`` the rule adds up the containers' ``resources``
    (Marathon's defaults when absent: cpus 1.0, mem 128, disk 0, gpus 0) and ``executorResources``
    (defaults 0.1 cpus, 32 MiB mem, 10 MiB disk) and compares the sum with the profile's ``agent``
    capacity. Sums are exact the way Mesos counts them (thousandths), so ``0.1 + 0.2 + 0.1`` fits
    an agent of ``0.4``. A capacity the profile leaves out is not checked.

    Why is this bad
    ---------------
    Marathon accepts the pod, but no agent can ever accept an offer for it: the deployment waits
    forever with the instances in "waiting for offers". Forgetting the executor's share is the usual
    cause (the message shows the arithmetic).

    Example
    -------
    With `cluster: {agent: {cpus: 1.0}}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "app", "resources": {"cpus": 0.5, "mem": 128},
         "image": {"kind": "DOCKER", "id": "registry.example.com/shop/app:1.4.2"}},
        {"name": "sidecar", "resources": {"cpus": 0.45, "mem": 32},
         "image": {"kind": "DOCKER", "id": "registry.example.com/shop/sidecar:1.4.2"}}
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    With `cluster: {agent: {cpus: 1.0}}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "app", "resources": {"cpus": 0.5, "mem": 128},
         "image": {"kind": "DOCKER", "id": "registry.example.com/shop/app:1.4.2"}},
        {"name": "sidecar", "resources": {"cpus": 0.4, "mem": 32},
         "image": {"kind": "DOCKER", "id": "registry.example.com/shop/sidecar:1.4.2"}}
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`resources.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/resources.raml).
    - How Marathon validates a pod: [Defaults Marathon fills in](https://github.com/podlint/podlint/blob/main/docs/marathon.md#defaults-marathon-fills-in).
    """

    code = "PL230"
    name = "resource-exceeds-agent"
    severity = Severity.ERROR
    summary = "A pod instance with its executor must fit on the largest agent"
    marathon_rules = ()
    settings = ("agent",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        agent = ctx.profile.agent
        if agent is None:
            return
        sums = ctx.cached("pod-resource-sums", lambda: pod_resource_sums(pod))
        for resource, total in sums.items():
            capacity = mesos_scalar(getattr(agent, resource))
            if capacity is None or total.total <= capacity:
                continue
            unit = RESOURCE_UNITS[resource]
            yield Finding(
                resource_pointer(pod, resource),
                f"one instance of this pod needs more {resource} than the largest agent has: "
                f"{total.arithmetic()} > agent {amount_text(resource, capacity)}; all containers of a "
                "pod and its executor run on one agent, so it can never be placed",
                help=f"Lower the containers' `{resource}` (or `executorResources`) to at most "
                f"{amount_text(resource, capacity)} {unit} in total, or add a larger agent.",
            )
