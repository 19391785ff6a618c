"""PL242: ``acceptedResourceRoles`` may hold only ``*`` and the pod's role (R74)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule, as_list
from podlint_rules._pod_helpers import accepted_roles, effective_role, role_name_problem


def disallowed_accepted_roles(pod: dict[str, Any], ctx: Context) -> Iterator[tuple[str, str, str]]:
    """(pointer, entry, pod role) for every accepted role that is neither ``*`` nor the pod role."""
    role = effective_role(pod, ctx.profile)
    pointer, value = accepted_roles(pod)
    for i, entry in enumerate(as_list(value)):
        # Invalid names are accepted-role-name-invalid's finding.
        if isinstance(entry, str) and role_name_problem(entry) is None and entry not in ("*", role):
            yield f"{pointer}/{i}", entry, role


def allowed_text(role: str) -> str:
    return '"*"' if role == "*" else f'"*" and "{role}"'


class AcceptedRolesNotAllowed(Rule):
    """``acceptedResourceRoles`` lists a role other than ``*`` and the pod's own role.

    What it does
    ------------
    From Marathon 1.9 on, checks that every entry of ``scheduling.placement.acceptedResourceRoles``
    is ``*`` or the pod's role (its ``role``, or the default role: the enforcing top-level group or
    ``mesos_role``). This is an error only when Marathon does not sanitise accepted roles; with
    sanitising (the 1.9 default, ``sanitize_accepted_resource_roles``) Marathon drops such entries
    silently instead, which ``accepted-roles-stripped`` reports.

    Why is this bad
    ---------------
    A pod only ever receives offers for its own role and for unreserved resources, so Marathon
    rejects the pod: ``acceptedResourceRoles can only contain * and <role>``.

    Example
    -------
    With `cluster: {marathon_version: "1.10"}` in `.podlint.yaml` (no sanitising):

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
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Defaults Marathon fills in](https://github.com/podlint/podlint/blob/main/docs/marathon.md#defaults-marathon-fills-in), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    """

    code = "PL242"
    name = "accepted-roles-not-allowed"
    severity = Severity.ERROR
    summary = "acceptedResourceRoles may contain only * and the pod's role"
    marathon_rules = ("R74",)
    settings = (
        "marathon_version",
        "sanitize_accepted_resource_roles",
        "mesos_role",
        "new_group_enforce_role",
        "enforce_role_groups",
    )

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(9) or ctx.profile.sanitizes_accepted_roles:
            return
        for pointer, entry, role in disallowed_accepted_roles(pod, ctx):
            yield Finding(
                pointer,
                f'accepted role "{entry}" is neither "*" nor the pod\'s role "{role}"; '
                f"acceptedResourceRoles can only contain {allowed_text(role)}",
                help=f"Remove `{entry}`, or run the pod under role `{entry}` if that is allowed.",
            )
