"""PL601: the persistent volumes of a resident pod cannot change in an update."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, UpdateRule, as_dict, as_str
from podlint_rules._update_helpers import persistent_fields, persistent_volumes, update_checked

_MARATHON = 'Marathon refuses the update ("persistent volumes cannot be updated")'


def _text(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        return "[" + ", ".join("[" + ", ".join(map(str, c)) + "]" for c in value) + "]"
    return str(value)


class UpdatePersistentVolumes(UpdateRule):
    """An update adds, removes or changes a persistent volume.

    What it does
    ------------
    Compares a pod with its previous version when either is resident (has a ``persistent``
    volume, Marathon 1.6+). Marathon compares the persistent volumes by count and by name: every
    previous persistent volume must still exist under its name with the same ``size``,
    ``maxSize``, ``type`` (``root`` when omitted, ``mount`` with a ``profileName``),
    ``profileName`` and ``constraints``. Mount paths and the order of ``volumes`` may change.
    A pod that becomes resident, or stops being resident, changes its persistent volumes too.

    Why is this bad
    ---------------
    A persistent volume is created once, on the agent where the instance first ran, and the
    instance stays bound to it. Marathon cannot resize, add or drop such volumes under running
    instances and refuses the update: ``persistent volumes cannot be updated``
    (``PodsValidation.residentUpdateIsValid``, Marathon 1.6 and later). Growing a volume's
    ``size`` is refused as well.

    Example
    -------
    The running version, then the edited one:

    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "image": {"kind": "DOCKER", "id": "postgres:16"}, "resources": {"cpus": 1, "mem": 1024},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}]
    }
    ```

    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "image": {"kind": "DOCKER", "id": "postgres:16"}, "resources": {"cpus": 1, "mem": 1024},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 4096}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    Keep the volume as it is (a new mount path is fine); for more space deploy a new pod with a
    new volume and move the data:

    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "image": {"kind": "DOCKER", "id": "postgres:16"}, "resources": {"cpus": 1, "mem": 1024},
         "volumeMounts": [{"name": "pgdata", "mountPath": "data"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.6–1.10 answers `persistent volumes cannot be updated` at `/pod(<n>)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L306-L316)).
    Marathon's ``PodsValidation.residentUpdateIsValid`` (1.6+), run when the deployment plan is
    built; volume defaults from ``VolumeConversion``.
    """

    code = "PL601"
    name = "update-persistent-volumes"
    severity = Severity.ERROR
    summary = "An update cannot change the persistent volumes of a resident pod"
    marathon_rules = ("R80",)
    settings = ("marathon_version",)

    def check_update(
        self, previous: dict[str, Any], current: dict[str, Any], ctx: Context
    ) -> Iterator[Finding]:
        if not update_checked(previous, current, ctx):
            return
        before = persistent_volumes(previous, ctx.version)
        now = persistent_volumes(current, ctx.version)
        for name, (index, volume) in now.items():
            old = before.get(name)
            if old is None:
                yield Finding(
                    f"/volumes/{index}",
                    f"persistent volume `{name}` is new: {_MARATHON}; a pod's persistent volumes "
                    "are created once, where its instances first ran",
                    help="deploy the pod with its new volumes under a new id, or drop the volume",
                    previous=None,
                )
                continue
            old_fields = persistent_fields(old[1])
            new_fields = persistent_fields(volume)
            for field, value in new_fields.items():
                if old_fields[field] == value:
                    continue
                persistent = as_dict(volume.get("persistent"))
                pointer = f"/volumes/{index}/persistent"
                if field in persistent:
                    pointer += f"/{field}"
                yield Finding(
                    pointer,
                    f"persistent volume `{name}` {field} {_text(old_fields[field])} → "
                    f"{_text(value)}: {_MARATHON}; the volume already exists on the agents "
                    "where the pod runs",
                    help=f"keep {field} {_text(old_fields[field])}; for a different volume, "
                    "deploy a new pod and move the data",
                    previous=as_dict(old[1].get("persistent")).get(field),
                )
        for name, (_, volume) in before.items():
            if name in now:
                continue
            pointer = "/volumes" if isinstance(current.get("volumes"), list) else ""
            for index, other in enumerate(current.get("volumes") or []):
                if isinstance(other, dict) and as_str(other.get("name")) == name:
                    pointer = f"/volumes/{index}"
            yield Finding(
                pointer,
                f"persistent volume `{name}` is no longer persistent or was removed: {_MARATHON}"
                "; the running instances are bound to it",
                help="keep the volume; to drop it, remove the pod and deploy it again",
                previous=volume,
            )
