"""Rule PL302 ``unknown-volume-mount``: a volume mount names no pod volume (R65)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule, as_list, containers

from ._common import container_label, quote_list
from ._container_helpers import is_name, likely_volume, rename_value_fix, volume_names


class UnknownVolumeMount(Rule):
    """A container mounts a volume the pod does not declare.

    What it does
    ------------
    Checks that every `containers[].volumeMounts[].name` is the name of a volume in the pod's
    `volumes`. When a declared volume has a close name, it is suggested, with an unsafe fix that
    renames the reference. Malformed mount names are left to the schema (Marathon 1.5+) and to
    `legacy-field-constraints` (Marathon 1.4).

    Why is this bad
    ---------------
    Marathon rejects the pod (`Referenced Volume in VolumeMount should exist`). Volumes are declared
    once for the pod and mounted by name into each container; a mount of an undeclared volume has
    nothing to mount. The pods documentation itself has an example that declares `etc` and mounts
    `env`.

    Example
    -------
    ```json
    {
      "id": "/cache",
      "networks": [{"mode": "host"}],
      "volumes": [{"name": "etc"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "ls /mnt/etc"}},
          "volumeMounts": [{"name": "env", "mountPath": "/mnt/etc"}]
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
      "volumes": [{"name": "etc"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "ls /mnt/etc"}},
          "volumeMounts": [{"name": "etc", "mountPath": "/mnt/etc"}]
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `Referenced Volume in VolumeMount should exist` at `/containers(<i>)/volumeMounts(<j>)/name` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L140-L142)).
    - The fields in Marathon's API types: [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml), [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL302"
    name = "unknown-volume-mount"
    severity = Severity.ERROR
    summary = "A volume mount names a volume the pod does not declare"
    marathon_rules = ("R65",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        declared = volume_names(pod)
        for i, c in containers(pod):
            for j, mount in enumerate(as_list(c.get("volumeMounts"))):
                if not isinstance(mount, dict):
                    continue
                ref = mount.get("name")
                if not isinstance(ref, str) or not is_name(ref) or ref in declared:
                    continue
                pointer = join_pointer("/containers", i, "volumeMounts", j, "name")
                label = container_label(i, c)
                if not declared:
                    yield Finding(
                        pointer,
                        f"container {label} mounts volume `{ref}`, but the pod declares no "
                        "volumes; a mount must name a volume of the pod's `volumes`",
                        help="Declare it in the pod's `volumes`, e.g. {0}.",
                        snippets=(Snippet({"name": ref}),),
                    )
                    continue
                suggestion = likely_volume(pod, ref)
                if suggestion:
                    yield Finding(
                        pointer,
                        f"container {label} mounts volume `{ref}`, which the pod does not "
                        f"declare; did you mean `{suggestion}`?",
                        help=f"The pod declares the volumes {quote_list(declared)}.",
                        fix=rename_value_fix(pointer, ref, suggestion),
                    )
                else:
                    yield Finding(
                        pointer,
                        f"container {label} mounts volume `{ref}`, which the pod does not declare "
                        f"(it declares {quote_list(declared)})",
                        help=f"Mount one of {quote_list(declared)}, or declare `{ref}` in the "
                        "pod's `volumes`.",
                    )
