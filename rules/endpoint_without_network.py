"""Rule PL405 ``endpoints-without-networks``: endpoints on a pod that declares no ``networks``
(§10.8)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule

from ._container_helpers import endpoints


class EndpointsWithoutNetworks(Rule):
    """Containers declare endpoints but the pod has no `networks` entry.

    What it does
    ------------
    For Marathon 1.5+, reports a pod whose containers declare endpoints while `networks` is missing
    or empty. When `networks` is an empty list, an unsafe fix replaces it with host networking.
    (Marathon 1.4 rejects a pod without networks outright; the pod-level rules report that.)

    Why is this bad
    ---------------
    Marathon accepts the pod and stores an empty network list, which is **not** host networking.
    Its port-discovery code then treats the pod as not host-networked and fails for an endpoint that
    has only a `hostPort` (inferred from Marathon's launch code). Declare the network explicitly.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve --port $ENDPOINT_HTTP"}},
          "endpoints": [{"name": "http", "hostPort": 0}]
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve --port $ENDPOINT_HTTP"}},
          "endpoints": [{"name": "http", "hostPort": 0}]
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - How Marathon validates a pod: [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work), [Defaults Marathon fills in](https://github.com/podlint/podlint/blob/main/docs/marathon.md#defaults-marathon-fills-in), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    - Marathon's port discovery, which cannot place a host port without a host network: [PortDiscovery.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/mesos/PortDiscovery.scala#L74-L110).
    """

    code = "PL405"
    name = "endpoints-without-networks"
    severity = Severity.WARNING
    summary = "Endpoints are declared but the pod declares no networks"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(5):
            return
        nets = pod.get("networks")
        if nets is not None and nets != []:
            return
        first = next(endpoints(pod), None)
        if first is None:
            return
        message = (
            "containers declare endpoints but the pod declares no networks; Marathon stores an "
            "empty network list (not host networking) and port discovery can fail for these "
            "endpoints"
        )
        help_ = "Declare the network, e.g. {0}."
        snippets = (Snippet([{"mode": "host"}], "networks", at=""),)
        if nets == []:
            yield Finding(
                "/networks",
                message,
                help=help_,
                snippets=snippets,
                fix=Fix(
                    description="Use host networking",
                    applicability="unsafe",
                    ops=(FixOp("replace", "/networks", [{"mode": "host"}]),),
                ),
            )
        else:
            yield Finding(
                join_pointer("/containers", first.container_index, "endpoints"),
                message,
                help=help_,
                snippets=snippets,
                target="key",
            )
