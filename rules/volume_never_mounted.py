"""Rule PL303 ``volume-never-mounted``: a pod volume that no container mounts (R12)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule, as_list

from ._container_helpers import likely_volume, mount_names, volume_names


class VolumeNeverMounted(Rule):
    """A pod volume is declared but no container mounts it.

    What it does
    ------------
    Checks that every entry of the pod's `volumes` is mounted by at least one
    `containers[].volumeMounts[].name`. When a mount names an undeclared volume whose name is close to
    this one (a typo on one side), the help says so.

    Why is this bad
    ---------------
    Marathon rejects the pod (`volume must be referenced by at least one container`). An unmounted
    volume usually means a typo in a mount's name, or a mount that was deleted while the volume stayed.

    Example
    -------
    ```json
    {
      "id": "/cache",
      "networks": [{"mode": "host"}],
      "volumes": [{"name": "scratch"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "sleep 3600"}}
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
      "volumes": [{"name": "scratch"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "sleep 3600"}},
          "volumeMounts": [{"name": "scratch", "mountPath": "scratch"}]
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `volume must be referenced by at least one container` at `/volumes(<i>)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L176-L179)).
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml), [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL303"
    name = "volume-never-mounted"
    severity = Severity.ERROR
    summary = "A pod volume is not mounted by any container"
    marathon_rules = ("R12",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        mounted = mount_names(pod)
        declared = set(volume_names(pod))
        # Mounts of undeclared volumes: one of them may be this volume's name misspelt.
        dangling = sorted(mounted - declared)
        for i, volume in enumerate(as_list(pod.get("volumes"))):
            if not isinstance(volume, dict):
                continue
            name = volume.get("name")
            if not isinstance(name, str) or name in mounted:
                continue
            typo = next((m for m in dangling if likely_volume(pod, m) == name), None)
            help_ = (
                f"A container mounts `{typo}`, which is not declared: rename one of the two so "
                "they match."
                if typo
                else "Mount it in a container, e.g. {0}, or remove the volume."
            )
            yield Finding(
                join_pointer("/volumes", i, "name"),
                f"volume `{name}` is not mounted by any container; Marathon requires every pod "
                "volume to be mounted",
                help=help_,
                snippets=()
                if typo
                else (Snippet([{"name": name, "mountPath": "/data"}], "volumeMounts"),),
            )
