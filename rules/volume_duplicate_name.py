"""Rule PL304 ``duplicate-volume-name``: two pod volumes share a name (R13)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule, as_list


class DuplicateVolumeName(Rule):
    """Two pod volumes have the same name.

    What it does
    ------------
    Reports every volume whose `name` was already used by an earlier entry of the pod's `volumes`.

    Why is this bad
    ---------------
    Marathon rejects the pod (`volume names must be unique`; 1.4: `volume names are unique`).
    Containers mount volumes by name, so a repeated name makes the mount ambiguous.

    Example
    -------
    ```json
    {
      "id": "/cache",
      "networks": [{"mode": "host"}],
      "volumes": [{"name": "data"}, {"name": "data", "host": "/var/data"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "sleep 3600"}},
          "volumeMounts": [{"name": "data", "mountPath": "data"}]
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/cache",
      "networks": [{"mode": "host"}],
      "volumes": [{"name": "data"}, {"name": "host-data", "host": "/var/data"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "sleep 3600"}},
          "volumeMounts": [
            {"name": "data", "mountPath": "data"},
            {"name": "host-data", "mountPath": "host-data"}
          ]
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `volume names must be unique` at `/volumes` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L243-L246)).
    - The fields in Marathon's API types: [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    """

    code = "PL304"
    name = "duplicate-volume-name"
    severity = Severity.ERROR
    summary = "Two pod volumes have the same name"
    marathon_rules = ("R13",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        first: dict[str, int] = {}
        for i, volume in enumerate(as_list(pod.get("volumes"))):
            if not isinstance(volume, dict):
                continue
            name = volume.get("name")
            if not isinstance(name, str):
                continue
            if name in first:
                yield Finding(
                    join_pointer("/volumes", i, "name"),
                    f"volume name `{name}` is already used by volume #{first[name] + 1}; "
                    "Marathon requires volume names to be unique within a pod",
                    help="Give each volume its own name and mount it by that name.",
                )
            else:
                first[name] = i
