"""PL611: an update changes the upgrade strategy of a resident pod."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, UpdateRule, as_dict
from podlint_rules._pod_helpers import is_resident
from podlint_rules._update_helpers import decimal_text, json_number, upgrade_strategy


class UpdateResidentUpgradeStrategy(UpdateRule):
    """An update changes how a resident pod's instances are replaced.

    What it does
    ------------
    For a pod that is resident (has a ``persistent`` volume, Marathon 1.6+) before and after the
    update, compares ``scheduling.upgrade`` after defaults: omitted, a resident pod gets
    ``minimumHealthCapacity`` 0.5 and ``maximumOverCapacity`` 0; given, missing members default
    to 1. Adding, removing or editing ``upgrade`` so that the effective
    ``minimumHealthCapacity`` changes is reported.

    Why is this bad
    ---------------
    A resident instance can only be replaced by stopping it first (``maximumOverCapacity`` must
    stay 0), so ``minimumHealthCapacity`` alone decides how many instances are down at once in
    every later deployment. Removing an explicit ``upgrade`` silently lowers it to 0.5: half the
    instances may be stopped together. Marathon accepts the change, so it is a warning.

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
      "networks": [{"mode": "host"}],
      "scaling": {"kind": "fixed", "instances": 3},
      "scheduling": {"upgrade": {"minimumHealthCapacity": 0.67, "maximumOverCapacity": 0}}
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
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}],
      "scaling": {"kind": "fixed", "instances": 3}
    }
    ```

    Use instead
    -----------
    Keep the upgrade strategy the running pod has:

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
      "scaling": {"kind": "fixed", "instances": 3},
      "scheduling": {"upgrade": {"minimumHealthCapacity": 0.67, "maximumOverCapacity": 0}}
    }
    ```

    Options
    -------
    None.

    References
    ----------
    Marathon's ``UpgradeStrategy`` and ``PodNormalization`` (resident defaults 0.5 / 0), 1.6+;
    ``PodsValidation.residentUpdateIsValid`` (``maximumOverCapacity`` 0 for resident pods).
    """

    code = "PL611"
    name = "update-resident-upgrade-strategy"
    severity = Severity.WARNING
    summary = "An update changes how a resident pod's instances are replaced"
    settings = ("marathon_version",)

    def check_update(
        self, previous: dict[str, Any], current: dict[str, Any], ctx: Context
    ) -> Iterator[Finding]:
        if ctx.id_changed:
            return
        if not (is_resident(previous, ctx.version) and is_resident(current, ctx.version)):
            return
        before, _ = upgrade_strategy(previous, ctx.version)
        now, _ = upgrade_strategy(current, ctx.version)
        if before is None or now is None or before == now:
            return
        upgrade = as_dict(current.get("scheduling")).get("upgrade")
        if isinstance(upgrade, dict) and "minimumHealthCapacity" in upgrade:
            pointer, how = "/scheduling/upgrade/minimumHealthCapacity", ""
        elif isinstance(upgrade, dict):
            pointer, how = "/scheduling/upgrade", " (the default for a given upgrade)"
        else:
            pointer = "/scheduling" if isinstance(current.get("scheduling"), dict) else ""
            how = " (the default for a resident pod without upgrade)"
        yield Finding(
            pointer,
            f"minimumHealthCapacity {decimal_text(before, 'cpus')} → "
            f"{decimal_text(now, 'cpus')}{how}: this pod has persistent volumes, so its "
            "instances are stopped before they are replaced, and minimumHealthCapacity decides "
            "how many may be down at once in every later deployment",
            help="keep minimumHealthCapacity "
            f"{decimal_text(before, 'cpus')} unless the change is meant",
            previous=json_number(before),
        )
