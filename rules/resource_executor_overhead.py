"""PL232: an executor raised above Marathon's minimums decides whether the pod fits, or takes a
large share of each instance."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule, as_dict
from podlint_rules._pod_helpers import (
    EXECUTOR_DEFAULTS,
    RESOURCE_UNITS,
    ResourceSum,
    amount_text,
    effective_role,
    mesos_scalar,
    pod_resource_sums,
)

# The executor's defaults are also the least Marathon accepts (1.5+), so only an amount above them
# is a choice the user can take back.
RAISABLE: tuple[str, ...] = ("cpus", "mem", "disk")


def _amount(resource: str, value: Decimal) -> str:
    return f"{amount_text(resource, value)} {RESOURCE_UNITS[resource]}"


@dataclass(frozen=True)
class Options:
    # The share of one instance (containers plus executor) above which a raised executor is reported.
    max_share: float = 0.25

    def __post_init__(self) -> None:
        if not 0 <= self.max_share < 1:
            raise ValueError(f"max_share must be at least 0 and below 1, got {self.max_share!r}")


class ResourceExecutorOverhead(Rule):
    """``executorResources`` is set above Marathon's minimums and that decides the pod's fate.

    What it does
    ------------
    Every pod instance runs a pod executor next to its containers; Marathon gives it 0.1 cpus,
    32 MiB mem and 10 MiB disk, which are also the least it accepts. The rule looks only at
    ``executorResources`` amounts set **above** those minimums, and reports one when:

    - the raised amount is what makes the pod not fit the largest agent (``cluster.agent``) or its
      role's quota (``cluster.quota``): with the minimum it would fit; or
    - the executor's ``cpus`` or ``mem`` is more than ``max_share`` (default a quarter) of what each
      instance reserves, containers and executor together.

    An absent ``executorResources``, or one at the minimums, is never reported: there is nothing to
    take back. A pod that does not fit even with the minimum executor is
    ``resource-exceeds-agent``'s or ``resource-exceeds-quota``'s finding, whose message shows the
    executor's share.

    Why is this bad
    ---------------
    Every instance pays for its executor, and the executor's share is easy to overlook when sizing a
    pod: a raised ``executorResources`` can make the pod wait for offers forever, or make each
    instance reserve much more than its containers use.

    Example
    -------
    ```json
    {
      "id": "/tiny",
      "executorResources": {"cpus": 0.5, "mem": 64},
      "containers": [
        {
          "name": "pinger",
          "resources": {"cpus": 0.5, "mem": 256},
          "exec": {"command": {"shell": "sleep 3600"}}
        }
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/tiny",
      "containers": [
        {
          "name": "pinger",
          "resources": {"cpus": 0.5, "mem": 256},
          "exec": {"command": {"shell": "sleep 3600"}}
        }
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    ```yaml
    rules:
      resource-executor-overhead:
        max_share: 0.25   # report a raised executor above this share of one instance
    ```

    References
    ----------
    The executor's defaults and minimums (0.1 cpus, 32 MiB mem, 10 MiB disk) are the
    `ExecutorResources` type of Marathon's API (`docs/docs/rest-api/public/api/v2/types/resources.raml`
    in the Marathon repository); Marathon enforces the minimums from 1.5 and rejects lower values
    with `error.min`.
    """

    code = "PL232"
    name = "resource-executor-overhead"
    severity = Severity.INFO
    summary = "A raised executorResources makes the pod not fit, or is a large share of it"
    marathon_rules = ()
    settings = ("agent", "quota")
    options = Options

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        executor = as_dict(pod.get("executorResources"))
        if not executor:
            return
        sums = ctx.cached("pod-resource-sums", lambda: pod_resource_sums(pod))
        for resource in RAISABLE:
            total = sums.get(resource)
            minimum = EXECUTOR_DEFAULTS[resource]
            if total is None or executor.get(resource) is None or total.executor <= minimum:
                continue
            reason = self._decides_fit(pod, ctx, total, total.executor - minimum)
            # Containers ask for no disk by default, so a disk share says nothing about sizing.
            if reason is None and resource != "disk":
                reason = self._large_share(total, ctx.options.max_share)
            if reason is None:
                continue
            yield Finding(
                f"/executorResources/{resource}",
                f"the pod executor reserves {_amount(resource, total.executor)}, above Marathon's "
                f"minimum {amount_text(resource, minimum)}: {reason}",
                help=f"Lower `executorResources.{resource}` towards "
                f"{amount_text(resource, minimum)}, or remove it to get Marathon's default.",
            )

    @staticmethod
    def _decides_fit(
        pod: dict[str, Any], ctx: Context, total: ResourceSum, excess: Decimal
    ) -> str | None:
        """Why the raised amount decides placement, or None when it does not."""
        resource = total.name
        agent = ctx.profile.agent
        capacity = mesos_scalar(getattr(agent, resource)) if agent is not None else None
        if capacity is not None and total.total - excess <= capacity < total.total:
            return (
                f"with it one instance needs {_amount(resource, total.total)}, more than the "
                f"largest agent's {amount_text(resource, capacity)}; with the minimum it would fit"
            )
        quota = (
            ctx.profile.quota.get(effective_role(pod, ctx.profile)) if ctx.profile.quota else None
        )
        limit = mesos_scalar(getattr(quota, resource)) if quota is not None else None
        instances = as_dict(pod.get("scaling")).get("instances", 1)
        if limit is None or isinstance(instances, bool) or not isinstance(instances, int):
            return None
        count = Decimal(instances)
        if count > 0 and (total.total - excess) * count <= limit < total.total * count:
            return (
                f"with it {instances} instance(s) need {_amount(resource, total.total * count)}, "
                f"more than the role's quota of {amount_text(resource, limit)}; with the minimum "
                "they would fit"
            )
        return None

    @staticmethod
    def _large_share(total: ResourceSum, max_share: float) -> str | None:
        if not total.total:
            return None
        share = total.executor / total.total
        if share <= Decimal(str(max_share)):
            return None
        return (
            f"it is {share:.0%} of what each instance reserves "
            f"({_amount(total.name, total.total)}), which every instance pays"
        )
