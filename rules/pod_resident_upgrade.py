"""PL206: a resident pod must not be upgraded over capacity (R35)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet
from podlint.rule import Context, Rule, as_dict, as_number
from podlint_rules._pod_helpers import is_resident, marathon_number


class ResidentPodUpgrade(Rule):
    """A pod with persistent volumes allows ``maximumOverCapacity`` other than 0.

    What it does
    ------------
    For a resident pod (one with a ``persistent`` volume, Marathon 1.6+), checks that
    ``scheduling.upgrade.maximumOverCapacity`` is 0. When ``upgrade`` is omitted Marathon fills in
    0.5 / 0 for resident pods; when ``upgrade`` is given without ``maximumOverCapacity`` the RAML
    default 1 applies and the pod is rejected too.

    Why is this bad
    ---------------
    A resident instance is bound to its reserved volume on one agent; Marathon cannot start a second
    copy next to it during an upgrade, so it rejects the pod (``got 1.0, expected 0.0`` at
    ``/upgrade/maximumOverCapacity``).

    Example
    -------
    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "resources": {"cpus": 1, "mem": 1024},
         "image": {"kind": "DOCKER", "id": "postgres:16.2"},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}],
      "scheduling": {
        "upgrade": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 1},
        "unreachableStrategy": "disabled"
      }
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "resources": {"cpus": 1, "mem": 1024},
         "image": {"kind": "DOCKER", "id": "postgres:16.2"},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}],
      "scheduling": {
        "upgrade": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0},
        "unreachableStrategy": "disabled"
      }
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.6–1.10 answers `got <v>, expected 0.0` at `/upgrade/maximumOverCapacity` ([SchedulingValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/SchedulingValidation.scala#L62-L65)).
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml), [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Defaults Marathon fills in](https://github.com/podlint/podlint/blob/main/docs/marathon.md#defaults-marathon-fills-in).
    """

    code = "PL206"
    name = "resident-pod-upgrade"
    severity = Severity.ERROR
    summary = "Pods with persistent volumes need maximumOverCapacity 0"
    marathon_rules = ("R35",)
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not is_resident(pod, ctx.version):
            return
        scheduling = as_dict(pod.get("scheduling"))
        upgrade = scheduling.get("upgrade")
        if not isinstance(upgrade, dict):
            return  # omitted: Marathon uses 0.5 / 0 for resident pods
        raw = upgrade.get("maximumOverCapacity")
        if raw is None:
            yield Finding(
                "/scheduling/upgrade",
                "this pod has persistent volumes, so maximumOverCapacity must be 0, but "
                '"upgrade" leaves it out and Marathon fills in its default 1.0',
                help="Add {0} to `scheduling.upgrade`.",
                snippets=(Snippet(0, "maximumOverCapacity", at="/scheduling/upgrade"),),
            )
            return
        value = as_number(raw)
        if value is not None and value != 0:
            yield Finding(
                "/scheduling/upgrade/maximumOverCapacity",
                f"maximumOverCapacity is {marathon_number(value)} but must be 0.0 for a pod with "
                "persistent volumes: an instance cannot be started twice next to its reserved "
                "volume",
                help="Set `maximumOverCapacity` to 0.",
                fix=Fix(
                    "set maximumOverCapacity to 0",
                    "unsafe",
                    (FixOp("replace", "/scheduling/upgrade/maximumOverCapacity", 0),),
                ),
            )
