"""Rule PL316 ``health-check-kind``: a health check must set exactly one of ``http``, ``tcp``,
``exec`` (R56)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule, containers

from ._common import container_label
from ._container_helpers import PROBE_KINDS, endpoint_names, health_check, present


class HealthCheckKind(Rule):
    """A container health check sets none, or more than one, of `http`, `tcp` and `exec`.

    What it does
    ------------
    Counts the probe kinds set in `containers[].healthCheck` (an explicit `null` counts as unset) and
    reports a health check with none, or with more than one. An app-style health check (`protocol`,
    `path`, `command` at the top) sets none and is reported here.

    Why is this bad
    ---------------
    Marathon rejects the pod (`Only one of http, tcp, or command may be specified`): a pod health
    check is one Mesos-native probe.

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
          "endpoints": [{"name": "http", "hostPort": 0}],
          "healthCheck": {"http": {"endpoint": "http", "path": "/"}, "tcp": {"endpoint": "http"}}
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
          "endpoints": [{"name": "http", "hostPort": 0}],
          "healthCheck": {"http": {"endpoint": "http", "path": "/"}}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `Only one of http, tcp, or command may be specified` at `/containers(<i>)/healthCheck` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L83-L85)).
    - The fields in Marathon's API types: [`podContainer.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/podContainer.raml), [`healthCheck.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/healthCheck.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL316"
    name = "health-check-kind"
    severity = Severity.ERROR
    summary = "A health check must set exactly one of http, tcp and exec"
    marathon_rules = ("R56",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        for i, c in containers(pod):
            hc = health_check(c)
            if hc is None:
                continue
            kinds = [k for k in PROBE_KINDS if present(hc, k)]
            label = container_label(i, c)
            pointer = join_pointer("/containers", i, "healthCheck")
            if not kinds:
                yield Finding(
                    pointer,
                    f"the health check of container {label} sets no probe; it needs exactly one "
                    "of `http`, `tcp` or `exec`",
                    help="Add a probe, e.g. {0}; app-style keys such as `protocol`, `path` or "
                    "`command` are not read for pods.",
                    snippets=(
                        Snippet(
                            {"endpoint": _endpoint_of(c), "path": "/health"}, "http", at=pointer
                        ),
                    ),
                    target="key",
                )
            elif len(kinds) > 1:
                shown = " and ".join(f"`{k}`" for k in kinds)
                yield Finding(
                    join_pointer(pointer, kinds[1]),
                    f"the health check of container {label} sets {shown}; Marathon allows only "
                    "one probe per health check",
                    help=f"Keep one of {shown} and remove the others.",
                    target="key",
                )


def _endpoint_of(container: dict[str, Any]) -> str:
    """The endpoint a suggested probe names: the container's first, or a typical name."""
    names = endpoint_names(container)
    return names[0] if names else "http"
