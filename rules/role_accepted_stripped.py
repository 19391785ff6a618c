"""PL243: accepted roles Marathon 1.9 silently drops (sanitised R74)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity
from podlint.rule import Context, Rule
from podlint_rules.role_accepted_allowed import allowed_text, disallowed_accepted_roles


class AcceptedRolesStripped(Rule):
    """``acceptedResourceRoles`` lists a role that Marathon will silently remove.

    What it does
    ------------
    With accepted-role sanitising on (the default in Marathon 1.9; the deprecated feature
    ``sanitize_accepted_resource_roles``, profile setting of the same name), Marathon drops every
    entry of ``acceptedResourceRoles`` other than ``*`` and the pod's role before validating, so its check of the list
    cannot fail. The rule warns about each entry that is dropped.

    Why is this bad
    ---------------
    The stored pod differs from the file: the pod will not use the resources of the listed role,
    which is rarely what its author meant, and the same file is rejected by Marathon 1.10.

    Example
    -------
    With `cluster: {marathon_version: "1.9"}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"placement": {"acceptedResourceRoles": ["*", "slave_public"]}}
    }
    ```

    Use instead
    -----------
    With `cluster: {marathon_version: "1.9"}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"placement": {"acceptedResourceRoles": ["*"]}}
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.9–1.10 answers `acceptedResourceRoles can only contain * and <role>` at `/acceptedResourceRoles` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L285)).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Defaults Marathon fills in](https://github.com/podlint/podlint/blob/main/docs/marathon.md#defaults-marathon-fills-in), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    """

    code = "PL243"
    name = "accepted-roles-stripped"
    severity = Severity.WARNING
    summary = "Marathon 1.9 silently drops accepted roles other than * and the pod's role"
    marathon_rules = ("R74",)
    settings = ("marathon_version", "sanitize_accepted_resource_roles", "mesos_role")

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(9) or not ctx.profile.sanitizes_accepted_roles:
            return
        for pointer, entry, role in disallowed_accepted_roles(pod, ctx):
            yield Finding(
                pointer,
                f'Marathon silently removes accepted role "{entry}": it keeps only '
                f"{allowed_text(role)} (sanitize_accepted_resource_roles), so the pod never uses "
                f'resources of role "{entry}"',
                help=f"Remove `{entry}` (Marathon 1.10 rejects it).",
                fix=Fix(f'remove "{entry}"', "safe", (FixOp("remove", pointer),)),
            )
