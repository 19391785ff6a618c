"""PL251: persistent volume constraints must be ``["path", "LIKE", <regex>]`` (R88)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet
from podlint.rule import Context, Rule, as_dict, as_list
from podlint_rules._pod_helpers import volumes_of_kind


class PersistentVolumeConstraintInvalid(Rule):
    """A persistent volume constraint is anything but ``["path", "LIKE", "<regex>"]``.

    What it does
    ------------
    From Marathon 1.6 on, checks each ``volumes[].persistent.constraints`` entry of a persistent
    volume: the only form Marathon can convert is ``["path", "LIKE", "<regex>"]`` (which disk
    path the volume may be created on).

    Why is this bad
    ---------------
    The entry passes validation but the conversion to Marathon's internal model throws (``illegal
    volume constraint path,UNIQUE``): the request fails with HTTP 500, so the pod is never created.

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
      "volumes": [{"name": "pgdata",
                   "persistent": {"type": "mount", "size": 1024,
                                  "constraints": [["path", "UNLIKE", "/mnt/slow.*"]]}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"unreachableStrategy": "disabled"}
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
      "volumes": [{"name": "pgdata",
                   "persistent": {"type": "mount", "size": 1024,
                                  "constraints": [["path", "LIKE", "/mnt/ssd.*"]]}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"unreachableStrategy": "disabled"}
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.6–1.10 answers `illegal volume constraint <items joined by ,> (HTTP 500)` ([VolumeConversion.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/raml/VolumeConversion.scala#L149-L163)).
    - The fields in Marathon's API types: [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL251"
    name = "persistent-volume-constraint-invalid"
    severity = Severity.ERROR
    summary = 'Persistent volume constraints must be ["path", "LIKE", <regex>]'
    marathon_rules = ("R88",)
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        for vi, volume in volumes_of_kind(pod, ctx.version, "persistent"):
            constraints = as_list(as_dict(volume.get("persistent")).get("constraints"))
            for ci, constraint in enumerate(constraints):
                if len(constraint) == 3 and constraint[0] == "path" and constraint[1] == "LIKE":
                    continue
                yield Finding(
                    f"/volumes/{vi}/persistent/constraints/{ci}",
                    f"persistent volume constraint {json.dumps(constraint)} is not supported: "
                    'Marathon only converts ["path", "LIKE", "<regex>"] and fails the request '
                    f"with HTTP 500 (illegal volume constraint {','.join(constraint)})",
                    help="Constrain the disk path only: {0}.",
                    snippets=(
                        Snippet(
                            ["path", "LIKE", "/mnt/disk-.*"],
                            at=f"/volumes/{vi}/persistent/constraints/{ci}",
                        ),
                    ),
                )
