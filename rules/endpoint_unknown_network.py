"""Rule PL307 ``endpoint-unknown-network``: an endpoint's ``networkNames`` entry names no declared
network (R46)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule, as_list

from ._common import closest, quote_list
from ._container_helpers import declared_network_names, endpoints, rename_value_fix


class EndpointUnknownNetwork(Rule):
    """An endpoint lists a network in `networkNames` that the pod does not declare.

    What it does
    ------------
    Checks every entry of `containers[].endpoints[].networkNames` against the `name`s written in the
    pod's `networks`, with a did-you-mean suggestion and an unsafe fix that renames the reference.
    `networkNames` exists from Marathon 1.5; older versions ignore the key.

    Marathon compares against the names as written: a container network without `name`, which later
    gets `--default_network_name`, does not count, so such a network must be named explicitly to be
    referenced.

    Why is this bad
    ---------------
    Marathon rejects the pod (`is not one of (<names>)`). An endpoint can only be exposed on a network
    the pod joins.

    Example
    -------
    ```json
    {
      "id": "/api",
      "networks": [{"mode": "container", "name": "dcos"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve"}},
          "endpoints": [{"name": "http", "containerPort": 8080, "networkNames": ["dcso"]}]
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/api",
      "networks": [{"mode": "container", "name": "dcos"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve"}},
          "endpoints": [{"name": "http", "containerPort": 8080, "networkNames": ["dcos"]}]
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.5–1.10 answers `is not one of (<n1>,<n2>)` at `/containers(<i>)/endpoints(<j>)/networkNames(<k>)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L95)).
    - The fields in Marathon's API types: [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    """

    code = "PL307"
    name = "endpoint-unknown-network"
    severity = Severity.ERROR
    summary = "An endpoint's networkNames entry names a network the pod does not declare"
    marathon_rules = ("R46",)
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(5):
            return
        declared = declared_network_names(pod)
        for ref in endpoints(pod):
            for k, net in enumerate(as_list(ref.endpoint.get("networkNames"))):
                if not isinstance(net, str) or net in declared:
                    continue
                pointer = join_pointer(ref.pointer, "networkNames", k)
                suggestion = closest(net, declared)
                if not declared:
                    message = (
                        f"endpoint {ref.label} is attached to network `{net}`, but the pod's "
                        "`networks` name no network"
                    )
                    help_ = (
                        "Declare the network with its name, {0}; a network named only by "
                        "`--default_network_name` cannot be referenced."
                    )
                    snippets: tuple[Snippet, ...] = (Snippet({"mode": "container", "name": net}),)
                elif suggestion:
                    message = (
                        f"endpoint {ref.label} is attached to network `{net}`, which the pod does "
                        f"not declare; did you mean `{suggestion}`?"
                    )
                    help_ = f"The pod declares the networks {quote_list(declared)}."
                    snippets = ()
                else:
                    message = (
                        f"endpoint {ref.label} is attached to network `{net}`, which the pod does "
                        f"not declare (it declares {quote_list(declared)})"
                    )
                    help_ = f"Use one of {quote_list(declared)}, or add `{net}` to `networks`."
                    snippets = ()
                yield Finding(
                    pointer,
                    message,
                    help=help_,
                    snippets=snippets,
                    fix=rename_value_fix(pointer, net, suggestion) if suggestion else None,
                )
