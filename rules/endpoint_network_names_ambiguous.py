"""Rule PL311 ``endpoint-network-names-ambiguous``: an endpoint with a hostPort on a pod with several
container networks must name exactly one network (R50)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule

from ._common import network_mode, quote_list
from ._container_helpers import endpoints, networks, present


class EndpointNetworkNamesAmbiguous(Rule):
    """An endpoint with a `hostPort` does not say which of several container networks it is on.

    What it does
    ------------
    When the pod joins more than one network in `container` mode, reports every endpoint that sets
    `hostPort` but whose `networkNames` is not a list of exactly one name. Applies from Marathon 1.5,
    which introduced `networkNames`.

    Why is this bad
    ---------------
    Marathon rejects the pod (`networkNames must be a single item list when hostPort is specified and
    more than 1 container network is defined`): a host port is forwarded to the container's address on
    one network, and Marathon cannot guess which.

    Example
    -------
    ```json
    {
      "id": "/api",
      "networks": [{"name": "front"}, {"name": "back"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve"}},
          "endpoints": [{"name": "http", "containerPort": 8080, "hostPort": 0}]
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/api",
      "networks": [{"name": "front"}, {"name": "back"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve"}},
          "endpoints": [
            {"name": "http", "containerPort": 8080, "hostPort": 0, "networkNames": ["front"]}
          ]
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.5–1.10 answers `networkNames must be a single item list when hostPort is specified and more than 1 container network is defined` at `/containers(<i>)/endpoints(<j>)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L90-L92)).
    - The fields in Marathon's API types: [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL311"
    name = "endpoint-network-names-ambiguous"
    severity = Severity.ERROR
    summary = "An endpoint with a hostPort must name one network when the pod has several"
    marathon_rules = ("R50",)
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(5):
            return
        container_nets = [n for n in networks(pod) if network_mode(n) == "container"]
        if len(container_nets) < 2:
            return
        names = [n["name"] for n in container_nets if isinstance(n.get("name"), str)]
        for ref in endpoints(pod):
            if not present(ref.endpoint, "hostPort"):
                continue
            listed = ref.endpoint.get("networkNames")
            if isinstance(listed, list) and len(listed) == 1:
                continue
            where = "networkNames" if present(ref.endpoint, "networkNames") else "hostPort"
            count = f"lists {len(listed)}" if isinstance(listed, list) else "does not set it"
            yield Finding(
                join_pointer(ref.pointer, where),
                f"endpoint {ref.label} sets a hostPort on a pod with {len(container_nets)} "
                f"container networks, so `networkNames` must name exactly one of them "
                f"(it {count})",
                help=(
                    f"Add {{0}} with one of {quote_list(names)}: the network the host port "
                    "forwards to."
                ),
                snippets=(Snippet(["<network>"], "networkNames", at=ref.pointer),),
            )
