"""Rule PL409 ``endpoint-protocol-value``: endpoint protocols other than ``tcp`` and ``udp``
(§10.12)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, join_pointer
from podlint.rule import Context, Rule, as_list

from ._container_helpers import endpoints

CANONICAL = ("tcp", "udp")
# Application protocols people write instead of the transport they run on.
TRANSPORT_OF = {"http": "tcp", "https": "tcp", "http2": "tcp", "grpc": "tcp", "dns": "udp"}


class EndpointProtocolValue(Rule):
    """An endpoint protocol is not `tcp` or `udp` (for example `http` or `TCP`).

    What it does
    ------------
    Reports each `containers[].endpoints[].protocol` entry other than `tcp` and `udp`. For a case
    variant (`TCP`) a safe fix writes the lower-case value; for an application protocol (`http`) an
    unsafe fix writes its transport (`tcp`). When the corrected value is already in the list, the fix
    removes the entry instead, so it never creates a duplicate (which Marathon rejects).

    Why is this bad
    ---------------
    Marathon does not check the values: it copies them verbatim into the Mesos DiscoveryInfo of the
    task, where service-discovery tools conventionally expect the transport protocols `tcp` and
    `udp`. Nothing in Marathon itself breaks on `http`, and Marathon's own example pods use it, so
    the rule is **off by default**: turn it on (`extend_select: [endpoint-protocol-value]`) when
    your service discovery reads the protocol.

    Example
    -------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve"}},
          "endpoints": [{"name": "http", "hostPort": 0, "protocol": ["http"]}]
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
          "exec": {"command": {"shell": "./serve"}},
          "endpoints": [{"name": "http", "hostPort": 0, "protocol": ["tcp"]}]
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work).
    - Marathon copies the protocols into the task's Mesos DiscoveryInfo unchecked: [PortDiscovery.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/mesos/PortDiscovery.scala#L74-L110).
    """

    code = "PL409"
    name = "endpoint-protocol-value"
    severity = Severity.INFO
    summary = "Endpoint protocols should be tcp or udp"
    # Marathon's own pods use `http`; what breaks depends on the service discovery in use.
    default_enabled = False

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        for ref in endpoints(pod):
            protocols = as_list(ref.endpoint.get("protocol"))
            values = [p for p in protocols if isinstance(p, str)]
            for k, proto in enumerate(protocols):
                if not isinstance(proto, str) or proto in CANONICAL:
                    continue
                pointer = join_pointer(ref.pointer, "protocol", k)
                lower = proto.lower()
                target = lower if lower in CANONICAL else TRANSPORT_OF.get(lower)
                fix = None
                if target is not None:
                    safe = lower == target
                    if target in values:
                        op = FixOp("remove", pointer)
                        text = f"Remove `{proto}` (`{target}` is already listed)"
                    else:
                        op = FixOp("replace", pointer, target)
                        text = f"Write `{target}`"
                    fix = Fix(text, "safe" if safe else "unsafe", (op,))
                hint = f"Use `{target}`." if target else "Use `tcp` or `udp`."
                yield Finding(
                    pointer,
                    f"endpoint {ref.label} advertises protocol `{proto}`; service discovery "
                    "expects the transport protocol `tcp` or `udp`",
                    help=f"{hint} Marathon passes the value to Mesos unchecked.",
                    fix=fix,
                )
