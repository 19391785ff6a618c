"""PL231: all instances of a pod must fit the quota of its role."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule, as_dict
from podlint_rules._pod_helpers import (
    RESOURCE_UNITS,
    amount_text,
    effective_role,
    mesos_scalar,
    pod_resource_sums,
)


class ResourceExceedsQuota(Rule):
    """All instances of the pod together need more than the quota of its role.

    What it does
    ------------
    When the profile sets a ``quota`` for the pod's role (the pod's ``role`` from 1.9, otherwise the
    group role or the profile's ``mesos_role``), multiplies the per-instance sum (containers with
    Marathon's defaults plus ``executorResources``) by ``scaling.instances`` (default 1) and compares
    it with the quota for ``cpus``, ``mem``, ``disk`` and ``gpus``.

    Why is this bad
    ---------------
    Mesos never allocates more than a role's quota, so the instances beyond it wait for offers
    forever and the deployment never completes.

    Example
    -------
    With `cluster: {quota: {"*": {cpus: 1.0}}}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "scaling": {"kind": "fixed", "instances": 3},
      "containers": [{"name": "app", "resources": {"cpus": 0.25, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "registry.example.com/shop/app:1.4.2"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    With `cluster: {quota: {"*": {cpus: 1.0}}}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "scaling": {"kind": "fixed", "instances": 2},
      "containers": [{"name": "app", "resources": {"cpus": 0.25, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "registry.example.com/shop/app:1.4.2"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml), [`resources.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/resources.raml).
    - How Marathon validates a pod: [Defaults Marathon fills in](https://github.com/podlint/podlint/blob/main/docs/marathon.md#defaults-marathon-fills-in), [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    """

    code = "PL231"
    name = "resource-exceeds-quota"
    severity = Severity.ERROR
    summary = "All instances with their executors must fit the role's quota"
    marathon_rules = ()
    settings = ("quota", "mesos_role", "new_group_enforce_role", "enforce_role_groups")

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.profile.quota:
            return
        role = effective_role(pod, ctx.profile)
        quota = ctx.profile.quota.get(role)
        if quota is None:
            return
        scaling = as_dict(pod.get("scaling"))
        raw_instances = scaling.get("instances")
        instances = 1 if raw_instances is None else raw_instances
        if isinstance(instances, bool) or not isinstance(instances, int | float) or instances <= 0:
            return
        count = Decimal(int(instances))
        pointer = "/scaling/instances" if raw_instances is not None else "/containers"
        sums = ctx.cached("pod-resource-sums", lambda: pod_resource_sums(pod))
        for resource, total in sums.items():
            limit = mesos_scalar(getattr(quota, resource))
            needed = total.total * count
            if limit is None or needed <= limit:
                continue
            yield Finding(
                pointer,
                f"{int(count)} instance(s) × ({total.arithmetic()}) = {amount_text(resource, needed)} "
                f'{resource} > quota {amount_text(resource, limit)} of role "{role}"; Mesos will not '
                "allocate beyond the quota, so some instances would never start",
                help=f"Lower `scaling.instances` or the per-instance {RESOURCE_UNITS[resource]}, or "
                f"raise the quota of role `{role}`.",
            )
