"""Rule PL318 ``health-check-exec-unsupported``: exec (command) health checks Marathon cannot accept
(R61; P9 on Marathon 1.4)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule, containers

from ._common import container_label
from ._container_helpers import health_check, parse_version_triple, present

MIN_MESOS = (1, 3, 0)


class HealthCheckExecUnsupported(Rule):
    """An exec health check on a Marathon or Mesos that does not support command health checks.

    What it does
    ------------
    Reports `containers[].healthCheck.exec`:

    - on Marathon 1.4, always (1.4 refuses command health checks for pods whatever the Mesos
      version);
    - on Marathon 1.5+, when the profile's `mesos_master_version` is older than 1.3.0.

    With `mesos_master_version` unset the rule stays silent on 1.5+. Marathon decides by the version
    of the master it is connected to at the time of the request (only a Marathon that cannot see its
    master counts it as 0.0.0); a running Marathon 1.5+ talks to a master that supports command
    health checks, so a pod with one is accepted. Set `mesos_master_version` to check an old master.

    Why is this bad
    ---------------
    Marathon rejects the pod (`Mesos Master (<version>) does not support Command Health Checks`).

    Example
    -------
    With `cluster: {marathon_version: "1.4"}` in `.podlint.yaml`:

    ```json
    {
      "id": "/worker",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "worker",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./worker"}},
          "healthCheck": {"exec": {"command": {"shell": "test -f /run/healthy"}}}
        }
      ]
    }
    ```

    Use instead
    -----------
    With `cluster: {marathon_version: "1.4"}` in `.podlint.yaml`:

    ```json
    {
      "id": "/worker",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "worker",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./worker --status-port $ENDPOINT_STATUS"}},
          "endpoints": [{"name": "status", "hostPort": 0}],
          "healthCheck": {"tcp": {"endpoint": "status"}}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.5–1.10 answers `Mesos Master (<version>) does not support Command Health Checks` at `/containers(<i>)/healthCheck/exec` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L57-L70)).
    - Marathon 1.4 answers `Mesos Master (<v>) does not support Command Health Checks` at `/containers(<i>)/healthCheck/exec` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.4.13/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L108-L119)).
    - The fields in Marathon's API types: [`healthCheck.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/healthCheck.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    """

    code = "PL318"
    name = "health-check-exec-unsupported"
    severity = Severity.ERROR
    summary = "Exec health checks need Marathon 1.5+ and a Mesos master 1.3.0 or newer"
    marathon_rules = ("R61", "P9")
    settings = ("marathon_version", "mesos_master_version")

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        reason = self._reason(ctx)
        if reason is None:
            return
        for i, c in containers(pod):
            hc = health_check(c)
            if hc is not None and present(hc, "exec"):
                yield Finding(
                    join_pointer("/containers", i, "healthCheck", "exec"),
                    f"container {container_label(i, c)} has an exec health check, but {reason}",
                    help="Use an http or tcp health check on an endpoint of this container"
                    + (
                        "."
                        if not ctx.version.at_least(5)
                        else ", or run a Mesos master 1.3.0 or newer."
                    ),
                    target="key",
                )

    @staticmethod
    def _reason(ctx: Context) -> str | None:
        if not ctx.version.at_least(5):
            return f"Marathon {ctx.version.line} does not support command health checks for pods"
        master = ctx.profile.mesos_master_version
        if master is None:
            return None
        parsed = parse_version_triple(master)
        if parsed is None or parsed >= MIN_MESOS:
            return None
        return (
            f"the Mesos master ({master}) does not support command health checks "
            "(Mesos 1.3.0 or newer is needed)"
        )
