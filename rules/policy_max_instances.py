"""Rule PL507 ``max-instances``: at most N instances of a pod (policy)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet
from podlint.rule import Context, Rule


@dataclass(frozen=True)
class MaxInstancesOptions:
    # The most instances one pod may ask for.
    max: int = 10

    def __post_init__(self) -> None:
        if isinstance(self.max, bool) or not isinstance(self.max, int) or self.max < 0:
            raise ValueError(
                f"max must be a whole number of instances (0 or more), got {self.max!r}"
            )


class MaxInstances(Rule):
    """The pod asks for more instances than the organisation allows (policy).

    What it does
    ------------
    Reports `scaling.instances` above the configured maximum. Without `scaling`, Marathon runs one
    instance, which is reported only when the maximum is 0.

    Why is this bad
    ---------------
    Marathon starts as many instances as asked while offers last. A typo (`100` for `10`) can take a
    cluster's capacity from every other team, and each instance adds the executor's overhead too.

    Example
    -------
    ```json
    {
      "id": "/shop/web",
      "scaling": {"kind": "fixed", "instances": 50},
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/shop/web",
      "scaling": {"kind": "fixed", "instances": 5},
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    `max` (integer, default 10): the most instances a pod may have.

    ```yaml
    rules:
      max-instances:
        max: 20
    ```

    References
    ----------
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    """

    code = "PL507"
    name = "max-instances"
    severity = Severity.ERROR
    summary = "The pod asks for more instances than allowed"
    policy = True
    # Without `scaling` the pod as a whole runs Marathon's default one instance.
    whole_document = True
    options = MaxInstancesOptions

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        limit: int = ctx.options.max
        scaling = pod.get("scaling")
        if scaling is None:
            if limit < 1:
                yield Finding(
                    "/scaling",
                    f"without scaling, Marathon runs 1 instance of the pod; this organisation "
                    f"allows at most {limit}",
                    help="Set {0}.",
                    snippets=(Snippet({"kind": "fixed", "instances": 0}, "scaling", at=""),),
                )
            return
        if not isinstance(scaling, dict):
            return
        instances = scaling.get("instances", 1)
        if instances is None:
            instances = 1
        if isinstance(instances, bool) or not isinstance(instances, int | float):
            return  # the schema layer reports a wrong type
        if instances > limit:
            yield Finding(
                "/scaling/instances",
                f"the pod asks for {_count(instances)} instances; this organisation allows at most {limit} "
                "per pod",
                help=f"Lower `scaling.instances` to {limit} or fewer.",
            )


def _count(value: float) -> str:
    # Not "{:g}": it converts to float, which raises OverflowError for an int beyond a double.
    if isinstance(value, int):
        text = str(value)
        return text if len(text) <= 30 else f"{text[:12]}…({len(text)} digits)"
    return f"{value:g}"
