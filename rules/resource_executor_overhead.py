"""PL232: the executor's share is large next to a tiny pod (style)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule
from podlint_rules._pod_helpers import RESOURCE_UNITS, marathon_number, pod_resource_sums


class ResourceExecutorOverhead(Rule):
    """The pod executor takes more than half as much cpus or mem as the containers themselves.

    What it does
    ------------
    Compares ``executorResources`` (default 0.1 cpus, 32 MiB mem) with what the containers ask for
    together, and notes when the executor's ``cpus`` or ``mem`` is more than half of the containers'.

    Why is this bad
    ---------------
    Every pod instance pays for its executor. For a tiny pod the overhead dominates what it
    reserves — a single 0.1-cpu container costs 0.2 cpus — which is easy to miss when sizing a
    cluster. Merging tiny pods, or running a single container as an app (no pod executor), is often
    cheaper.

    Example
    -------
    ```json
    {
      "id": "/tiny",
      "containers": [{"name": "pinger", "resources": {"cpus": 0.1, "mem": 32}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/tiny",
      "containers": [
        {"name": "pinger", "resources": {"cpus": 0.1, "mem": 32}},
        {"name": "worker", "resources": {"cpus": 0.2, "mem": 64}}
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    F13, F36, F37 (executorResources); §5 (executor defaults 0.1 cpus, 32 MiB mem, 10 MiB disk).
    """

    code = "PL232"
    name = "resource-executor-overhead"
    severity = Severity.INFO
    summary = "The executor takes more than half of what a tiny pod asks for"
    marathon_rules = ()

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        sums = ctx.cached("pod-resource-sums", lambda: pod_resource_sums(pod))
        heavy = [
            s
            for name in ("cpus", "mem")
            if (s := sums.get(name)) is not None and s.executor * 2 > s.containers_total
        ]
        if not heavy:
            return
        executor = " and ".join(
            f"{marathon_number(s.executor)} {RESOURCE_UNITS[s.name]}" for s in heavy
        )
        asked = " and ".join(
            f"{marathon_number(s.containers_total)} {RESOURCE_UNITS[s.name]}" for s in heavy
        )
        pointer = (
            "/executorResources"
            if isinstance(pod.get("executorResources"), dict)
            else "/containers"
        )
        yield Finding(
            pointer,
            f"the pod executor reserves {executor}, more than half of what the containers ask "
            f"for ({asked}); every instance pays this overhead",
            help="Merge tiny pods into one, or run a single small container as an app, which "
            "needs no pod executor.",
        )
