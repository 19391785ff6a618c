"""PL604: an update of a resident pod must keep maximumOverCapacity 0."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, UpdateRule, as_dict
from podlint_rules._pod_helpers import is_resident
from podlint_rules._update_helpers import (
    decimal_text,
    json_number,
    update_checked,
    upgrade_strategy,
)


class UpdateResidentUpgradeCapacity(UpdateRule):
    """A pod that stops being resident gets an upgrade strategy with ``maximumOverCapacity`` ≠ 0.

    What it does
    ------------
    When either version is resident (Marathon 1.6+), Marathon also requires the *new* version's
    upgrade strategy, after defaults, to keep ``maximumOverCapacity`` at 0. A pod that stays
    resident already needs that (``resident-pod-upgrade`` reports it), so this rule reports the
    remaining case: a pod that drops its persistent volumes, whose ``upgrade`` is then omitted
    (default ``maximumOverCapacity`` 1) or sets another value.

    Why is this bad
    ---------------
    The running instances are still bound to their reserved volumes: Marathon cannot start extra
    copies next to them while it replaces them, and refuses the update with ``got 1.0, expected
    0.0`` at ``/upgradeStrategy/maximumOverCapacity`` (``PodsValidation.residentUpdateIsValid``
    and ``UpgradeStrategy.validForResidentTasks``, Marathon 1.6 and later). Dropping persistent
    volumes is refused too (``update-persistent-volumes``).

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
      "volumes": [{"name": "pgdata"}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    Keep the persistent volume (``update-persistent-volumes`` says why) and ``maximumOverCapacity`` at 0
    while the running version is resident:

    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "image": {"kind": "DOCKER", "id": "postgres:16"}, "resources": {"cpus": 1, "mem": 1024},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"upgrade": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0}}
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.6–1.10 answers `got <v>, expected 0.0` at `/pod(<n>)/upgradeStrategy/maximumOverCapacity` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L352)).
    Marathon's ``PodsValidation.residentUpdateIsValid`` and ``UpgradeStrategy``
    (``validForResidentTasks``), 1.6+; upgrade defaults 1 / 1, and 0.5 / 0 for resident pods
    (``PodNormalization``).
    """

    code = "PL604"
    name = "update-resident-upgrade-capacity"
    severity = Severity.ERROR
    summary = "An update of a resident pod must keep maximumOverCapacity 0"
    marathon_rules = ("R86",)
    settings = ("marathon_version",)

    def check_update(
        self, previous: dict[str, Any], current: dict[str, Any], ctx: Context
    ) -> Iterator[Finding]:
        if not update_checked(previous, current, ctx) or is_resident(current, ctx.version):
            return
        _, maximum = upgrade_strategy(current, ctx.version)
        if maximum is None or maximum == 0:
            return
        _, before = upgrade_strategy(previous, ctx.version)
        upgrade = as_dict(current.get("scheduling")).get("upgrade")
        if isinstance(upgrade, dict) and "maximumOverCapacity" in upgrade:
            pointer, how = "/scheduling/upgrade/maximumOverCapacity", ""
        elif isinstance(upgrade, dict):
            pointer, how = "/scheduling/upgrade", " (the default)"
        else:
            pointer = "/scheduling" if isinstance(current.get("scheduling"), dict) else ""
            how = " (the default)"
        was = decimal_text(before, "cpus") if before is not None else "unknown"
        yield Finding(
            pointer,
            f"maximumOverCapacity {was} → {decimal_text(maximum, 'cpus')}{how}: the running "
            'version has persistent volumes, so Marathon refuses the update ("got '
            f'{decimal_text(maximum, "cpus")}, expected 0.0"); its instances are bound to their '
            "reserved volumes and cannot be started twice",
            help='keep "scheduling": {"upgrade": {"maximumOverCapacity": 0}} in this update',
            previous=json_number(before) if before is not None else None,
        )
