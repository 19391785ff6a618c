"""PL207: a resident pod must disable its unreachable strategy (R36)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet
from podlint.rule import Context, Rule, as_dict
from podlint_rules._pod_helpers import is_resident


class ResidentPodUnreachable(Rule):
    """A pod with persistent volumes sets an unreachable strategy other than ``"disabled"``.

    What it does
    ------------
    For a resident pod (a ``persistent`` volume, Marathon 1.6+), reports
    ``scheduling.unreachableStrategy`` given as an object. Omitting it is fine (resident pods default
    to disabled), and so is any string: Marathon reads every string as ``"disabled"``.

    Why is this bad
    ---------------
    Replacing an unreachable resident instance elsewhere would abandon its reserved volume, so
    Marathon rejects the pod (``unreachableStrategy must be disabled for pods with persistent
    volumes``).

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
        "unreachableStrategy": {"inactiveAfterSeconds": 60, "expungeAfterSeconds": 120}
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
      "scheduling": {"unreachableStrategy": "disabled"}
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.6–1.10 answers `unreachableStrategy must be disabled for pods with persistent volumes` at `/` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L216-L224)).
    - The fields in Marathon's API types: [`unreachableStrategy.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/unreachableStrategy.raml), [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Defaults Marathon fills in](https://github.com/podlint/podlint/blob/main/docs/marathon.md#defaults-marathon-fills-in).
    """

    code = "PL207"
    name = "resident-pod-unreachable"
    severity = Severity.ERROR
    summary = "Pods with persistent volumes must disable the unreachable strategy"
    marathon_rules = ("R36",)
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not is_resident(pod, ctx.version):
            return
        strategy = as_dict(pod.get("scheduling")).get("unreachableStrategy")
        if isinstance(strategy, dict):
            pointer = "/scheduling/unreachableStrategy"
            yield Finding(
                pointer,
                "this pod has persistent volumes, so its unreachable strategy must be "
                '"disabled": replacing an unreachable instance elsewhere would abandon its '
                "reserved volume",
                help="Set {0} in `scheduling` (or leave it out).",
                snippets=(Snippet("disabled", "unreachableStrategy", at="/scheduling"),),
                fix=Fix(
                    'set unreachableStrategy to "disabled"',
                    "unsafe",
                    (FixOp("replace", pointer, "disabled"),),
                ),
            )
