"""Rule PL301 ``health-check-endpoint``: an http/tcp health check must probe an endpoint of its own
container (R59)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule, as_str, containers

from ._common import closest, container_label, quote_list
from ._container_helpers import endpoint_names, health_check, is_name, rename_value_fix


class HealthCheckEndpoint(Rule):
    """An http or tcp health check names an endpoint its own container does not declare.

    What it does
    ------------
    Checks that `healthCheck.http.endpoint` and `healthCheck.tcp.endpoint` name an endpoint in the
    `endpoints` of the same container. When the name belongs to another container, the message says
    which; when a close name exists, it suggests it (with an unsafe fix that renames the reference);
    when the container declares no endpoints at all, it says that.

    Names that are not valid endpoint names at all are left to the schema (Marathon 1.5+ rejects them
    while reading the JSON) and to `legacy-field-constraints` (Marathon 1.4), so each problem is
    reported once.

    Why is this bad
    ---------------
    Marathon rejects the pod (`contained in the container endpoints`): a Mesos health check can only
    probe a port of the task it belongs to, so the endpoint must be declared by the container whose
    health it checks. Moving the health check to the container that owns the endpoint, or declaring
    the endpoint in this container, fixes it.

    Example
    -------
    ```json
    {
      "id": "/shop",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.5, "mem": 128},
          "exec": {"command": {"shell": "./serve --port $ENDPOINT_WEB"}},
          "healthCheck": {"http": {"endpoint": "web", "path": "/health"}}
        },
        {
          "name": "sidecar",
          "resources": {"cpus": 0.1, "mem": 32},
          "exec": {"command": {"shell": "./proxy"}},
          "endpoints": [{"name": "web", "hostPort": 0}]
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/shop",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.5, "mem": 128},
          "exec": {"command": {"shell": "./serve --port $ENDPOINT_WEB"}},
          "endpoints": [{"name": "web", "hostPort": 0}],
          "healthCheck": {"http": {"endpoint": "web", "path": "/health"}}
        },
        {
          "name": "sidecar",
          "resources": {"cpus": 0.1, "mem": 32},
          "exec": {"command": {"shell": "./proxy"}}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `contained in the container endpoints` at `/containers(<i>)/healthCheck/http/endpoint` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L42-L44)).
    - The fields in Marathon's API types: [`healthCheck.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/healthCheck.raml), [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL301"
    name = "health-check-endpoint"
    severity = Severity.ERROR
    summary = "A health check names an endpoint its own container does not declare"
    marathon_rules = ("R59",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        owners: dict[str, list[str]] = {}
        all_containers = list(containers(pod))
        for i, c in all_containers:
            for ep in endpoint_names(c):
                owners.setdefault(ep, []).append(container_label(i, c))

        for i, c in all_containers:
            hc = health_check(c)
            if hc is None:
                continue
            for kind in ("http", "tcp"):
                probe = hc.get(kind)
                if not isinstance(probe, dict):
                    continue
                ref = as_str(probe.get("endpoint"))
                # Missing or malformed names are the schema's (1.5+) or the 1.4 checks' to report.
                if ref is None or not is_name(ref):
                    continue
                own = endpoint_names(c)
                if ref in own:
                    continue
                yield self._finding(i, c, kind, ref, own, owners)

    def _finding(
        self,
        index: int,
        container: dict[str, Any],
        kind: str,
        ref: str,
        own: list[str],
        owners: dict[str, list[str]],
    ) -> Finding:
        pointer = join_pointer("/containers", index, "healthCheck", kind, "endpoint")
        label = container_label(index, container)
        others = [o for o in owners.get(ref, []) if o != label]
        suggestion = closest(ref, own)
        fix = rename_value_fix(pointer, ref, suggestion) if suggestion else None

        if others:
            message = (
                f"`{ref}` is an endpoint of container {others[0]}; a health check can only probe "
                f"endpoints of its own container ({label})"
            )
            help_ = (
                f"Move this health check to container {others[0]}, or declare an endpoint "
                f"`{ref}` in container {label}."
            )
            if suggestion:
                help_ += f" Did you mean {label}'s own endpoint `{suggestion}`?"
            return Finding(pointer, message, help=help_, fix=fix)

        if not own:
            return Finding(
                pointer,
                f"the {kind} health check of container {label} probes endpoint `{ref}`, but "
                f"container {label} declares no endpoints; a health check can only probe "
                "endpoints of its own container",
                help=(
                    f"Add an endpoint named `{ref}` to container {label}'s `endpoints`, with the "
                    "port the service listens on."
                ),
            )

        if suggestion:
            return Finding(
                pointer,
                f"container {label} has no endpoint `{ref}`; did you mean `{suggestion}`?",
                help=(
                    f"Health checks probe endpoints of their own container; container {label} "
                    f"declares {quote_list(own)}."
                ),
                fix=fix,
            )
        return Finding(
            pointer,
            f"container {label} has no endpoint `{ref}` (it declares {quote_list(own)}); a health "
            "check can only probe endpoints of its own container",
            help=f"Use one of {quote_list(own)}, or declare an endpoint `{ref}` in container {label}.",
        )
