"""Rule PL505 ``health-check-required``: containers that serve ports need a health check (policy)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule, as_dict, as_list, as_str, containers
from podlint_rules._policy_helpers import container_name


class HealthCheckRequired(Rule):
    """A container with endpoints has no health check (policy).

    What it does
    ------------
    Reports every container that declares at least one endpoint but no `healthCheck`. A `check` block
    (Marathon 1.8+) does not count: Marathon parses it and then discards it.

    Why is this bad
    ---------------
    Without a health check Marathon only knows whether the process is running. A server that hangs or
    stops answering on its port stays "running", keeps receiving traffic from the load balancer, is
    never replaced, and a rolling upgrade cannot tell a broken new version from a good one.

    Example
    -------
    ```json
    {
      "id": "/shop/web",
      "containers": [{
        "name": "web",
        "resources": {"cpus": 0.5, "mem": 128},
        "image": {"kind": "DOCKER", "id": "nginx:1.25"},
        "endpoints": [{"name": "http", "hostPort": 0}]
      }],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/shop/web",
      "containers": [{
        "name": "web",
        "resources": {"cpus": 0.5, "mem": 128},
        "image": {"kind": "DOCKER", "id": "nginx:1.25"},
        "endpoints": [{"name": "http", "hostPort": 0}],
        "healthCheck": {"http": {"endpoint": "http", "path": "/health"}}
      }],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None. Turn it on with:

    ```yaml
    rules:
      health-check-required: {}
    ```

    References
    ----------
    - The fields in Marathon's API types: [`podContainer.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/podContainer.raml).
    """

    code = "PL505"
    name = "health-check-required"
    severity = Severity.ERROR
    summary = "A container with endpoints has no health check"
    policy = True

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        for i, container in containers(pod):
            endpoints = as_list(container.get("endpoints"))
            if not endpoints or container.get("healthCheck") is not None:
                continue
            names = [as_str(as_dict(e).get("name")) for e in endpoints]
            shown = ", ".join(f'"{n}"' for n in names if n) or f"{len(endpoints)} endpoint(s)"
            note = (
                "; its `check` block does not count, Marathon discards it"
                if container.get("check") is not None
                else ""
            )
            yield Finding(
                join_pointer("/containers", i, "healthCheck"),
                f"{container_name(i, container)} serves {shown} but has no healthCheck, so Marathon "
                f"cannot tell a hung instance from a healthy one{note}",
                help="Add a `healthCheck` with an `http` or `tcp` probe of one of its endpoints.",
            )
