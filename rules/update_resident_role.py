"""PL605: a resident pod's role cannot change unless the update is forced."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, UpdateRule, as_str
from podlint_rules._pod_helpers import effective_role, is_resident


@dataclass(frozen=True)
class Options:
    # The deployment sends the update with ?force=true (`dcos marathon pod update --force`).
    force: bool = False


class UpdateResidentRole(UpdateRule):
    """An update changes the role of a resident pod.

    What it does
    ------------
    From Marathon 1.9 on, compares the role of a resident pod (a ``persistent`` volume) with the
    role of its previous version: the ``role`` member, or the default role (the enforcing
    top-level group, else the profile's ``mesos_role``). Marathon refuses such an update unless
    it is forced (``PUT /v2/pods/{id}?force=true``); set the option ``force`` when your deployment
    forces its updates.

    Why is this bad
    ---------------
    The pod's volumes and resources are reserved under the old role. Marathon says: ``It is not
    possible to change the role for existing reservations. If you proceed with this change, all
    existing instances will continue to run under the previous role, <old>. Only new instances
    will be allocated with the new role, <new>. In order to continue, retry your request with
    ?force=true`` (``PodsValidation``, ``RoleSettings``, Marathon 1.9 and later).

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
      "role": "db",
      "containers": [
        {"name": "postgres", "image": {"kind": "DOCKER", "id": "postgres:16"}, "resources": {"cpus": 1, "mem": 1024},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    Keep the role of the existing reservations:

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

    Options
    -------
    ``force`` (default ``false``): the deployment sends updates with ``?force=true``, which
    Marathon accepts; existing instances then keep running under the previous role.

    ```yaml
    rules:
      update-resident-role:
        force: false
    ```

    References
    ----------
    - Marathon 1.9–1.10 answers `It is not possible to change the role for existing reservations. If you proceed with this change, all existing instances will continue to run under the previous role, <old>. Only new instances will be allocated with the new role, <new>. In order to continue, retry your request with ?force=true` at `/role` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L279-L284)).
    Marathon's ``PodsValidation`` (role checks on the internal definition) and
    ``RoleSettings.residentRoleChangeWarningMessage``, 1.9+; the default role from
    ``PodNormalization`` and ``RoleSettings``.
    """

    code = "PL605"
    name = "update-resident-role"
    severity = Severity.ERROR
    summary = "An update cannot change a resident pod's role unless forced"
    marathon_rules = ("R73",)
    settings = ("marathon_version", "mesos_role", "new_group_enforce_role", "enforce_role_groups")
    options = Options

    def check_update(
        self, previous: dict[str, Any], current: dict[str, Any], ctx: Context
    ) -> Iterator[Finding]:
        if ctx.id_changed or ctx.options.force:
            return
        if not ctx.version.at_least(9) or not is_resident(current, ctx.version):
            return
        old = effective_role(previous, ctx.profile)
        new = effective_role(current, ctx.profile)
        if old == new:
            return
        yield Finding(
            "/role",
            f'role "{old}" → "{new}"'
            + ("" if as_str(current.get("role")) else " (the default)")
            + ": this pod has persistent volumes reserved under "
            f'"{old}"; Marathon refuses the update unless it is forced ("It is not possible to '
            "change the role for existing reservations … retry your request with "
            '?force=true"), and even then the existing instances keep running under '
            f'"{old}"',
            help=f'keep "role": "{old}", or update with ?force=true (then set this rule\'s '
            "option force: true)",
            previous=old,
        )
