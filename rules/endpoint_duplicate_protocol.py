"""Rule PL310 ``endpoint-duplicate-protocol``: an endpoint lists a protocol twice (R49)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, join_pointer
from podlint.rule import Context, Rule, as_list

from ._container_helpers import endpoints


class EndpointDuplicateProtocol(Rule):
    """An endpoint's `protocol` list repeats a value.

    What it does
    ------------
    Reports each repeated entry of `containers[].endpoints[].protocol`, with a safe fix that removes
    the repetition. Values are compared exactly, as Marathon does (`tcp` and `TCP` are different
    values to it; `endpoint-protocol-value` suggests the canonical spelling). A protocol written as a
    single string instead of a list is a type error, which the schema reports.

    Why is this bad
    ---------------
    Marathon rejects the pod (`Duplicate protocols within the same endpoint are not allowed`).

    Example
    -------
    ```json
    {
      "id": "/dns",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "dns",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./dns"}},
          "endpoints": [{"name": "dns", "hostPort": 0, "protocol": ["udp", "tcp", "udp"]}]
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/dns",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "dns",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./dns"}},
          "endpoints": [{"name": "dns", "hostPort": 0, "protocol": ["udp", "tcp"]}]
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `Duplicate protocols within the same endpoint are not allowed` at `/containers(<i>)/endpoints(<j>)/protocol` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L111-L113)).
    - The fields in Marathon's API types: [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL310"
    name = "endpoint-duplicate-protocol"
    severity = Severity.ERROR
    summary = "An endpoint lists the same protocol twice"
    marathon_rules = ("R49",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        for ref in endpoints(pod):
            seen: set[str] = set()
            for k, proto in enumerate(as_list(ref.endpoint.get("protocol"))):
                if not isinstance(proto, str):
                    continue
                if proto not in seen:
                    seen.add(proto)
                    continue
                pointer = join_pointer(ref.pointer, "protocol", k)
                yield Finding(
                    pointer,
                    f"endpoint {ref.label} lists protocol `{proto}` more than once; Marathon "
                    "rejects duplicate protocols",
                    help=f"Remove the repeated `{proto}`.",
                    fix=Fix(
                        description=f"Remove the repeated `{proto}`",
                        applicability="safe",
                        ops=(FixOp("remove", pointer),),
                    ),
                )
